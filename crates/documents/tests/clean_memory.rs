//! Cleaning a hostile PDF for export costs bounded memory: a few hundred kilobytes whose
//! structure inflates to gigabytes is refused after counting at most the 32 MB cap, without keeping it. A counting
//! allocator measures the peak of live allocations while each file is cleaned.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use documents::fixtures::pdfs;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn pdf_bombs_are_refused_within_a_fixed_budget() {
    for (what, pdf) in [("object stream of 1 GiB", pdfs::object_stream_bomb(1024)), ("cross-reference stream of 1 GiB", pdfs::xref_stream_bomb(1024))] {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let started = std::time::Instant::now();
        assert!(documents::clean::for_export(pdf).is_err(), "{what}: cleaned");
        let used = PEAK.load(Relaxed) - before;
        eprintln!("{what}: {} MiB at peak, {:?}", used / (1024 * 1024), started.elapsed());
        assert!(used < 16 * 1024 * 1024, "{what}: {} MiB at peak", used / (1024 * 1024));
    }
}

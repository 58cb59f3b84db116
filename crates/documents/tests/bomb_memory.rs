//! Refusing a decompression bomb costs almost no memory: the declared size is read from the
//! header and refused before any pixel buffer is allocated. A counting allocator measures the
//! peak of live allocations while each bad file is inspected.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use documents::{fixtures, intake};

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
fn refusing_bombs_and_broken_files_stays_far_below_512_mib() {
    let photo = fixtures::phone_photo(1200, 800, 1, false);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("PNG declaring 100000x100000", fixtures::png_bomb(100_000, 100_000)),
        ("PNG declaring 9000x9000", fixtures::png_bomb(9_000, 9_000)),
        ("PNG declaring 1x2000000000", fixtures::png_bomb(1, 2_000_000_000)),
        ("truncated JPEG", photo[..photo.len() / 3].to_vec()),
        ("text", b"not an image".to_vec()),
    ];
    for (what, bytes) in files {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        assert!(intake::inspect(&bytes).is_err(), "{what}: accepted");
        let used = PEAK.load(Relaxed) - before;
        assert!(used < 32 * 1024 * 1024, "{what}: {} MiB at peak", used / (1024 * 1024));
    }
}

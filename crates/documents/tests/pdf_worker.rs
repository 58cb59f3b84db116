//! PDF pages are drawn in a worker process under memory and time limits: each kind of PDF bomb
//! is refused with its reason, within the deadline, and a good PDF still draws.

use std::time::Instant;

use documents::fixtures::{self, ImageFilter};
use documents::intake::{self, IntakeError};
use documents::pdf_worker::SECONDS;
use documents::preview::{self, Fit, PreviewError};

fn worker() {
    documents::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_pdf-worker"));
}

#[test]
fn pdf_bombs_are_refused_with_their_reason() {
    worker();
    let cases: Vec<(&str, Vec<u8>, fn(&PreviewError) -> bool)> = vec![
        ("40000x40000 Flate image", fixtures::pdf_image_bomb(40_000, 40_000, ImageFilter::Flate), |e| matches!(e, PreviewError::Refused(m) if m.contains("40000×40000"))),
        ("40000x40000 JBIG2 image", fixtures::pdf_image_bomb(40_000, 40_000, ImageFilter::Jbig2), |e| matches!(e, PreviewError::Refused(m) if m.contains("40000×40000"))),
        ("2e9 pixels in a tiny file", fixtures::pdf_tiny_image_bomb(), |e| matches!(e, PreviewError::Refused(m) if m.contains("50000×40000"))),
        ("2^30 nested draws", fixtures::pdf_nested_forms(30), |e| matches!(e, PreviewError::Refused(m) if m.contains("operations"))),
        ("2^20 nested draws", fixtures::pdf_nested_forms(20), // Few operations but 2^20 full-page fills: the worker's time or memory limit stops it,
        // whichever the machine reaches first.
        |e| matches!(e, PreviewError::TooSlow | PreviewError::TooMuchMemory)),
        ("half a gigabyte of pixels", fixtures::pdf_memory_hog(), |e| *e == PreviewError::TooMuchMemory),
    ];
    for (what, pdf, expected) in cases {
        let started = Instant::now();
        let result = preview::page(&pdf, 0, Fit::Longest(320));
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("{what}: {result:?} in {seconds:.2} s", result = result.as_ref().map(|p| p.pages));
        let err = result.expect_err(what);
        assert!(expected(&err), "{what}: refused for the wrong reason: {err}");
        assert!(seconds < SECONDS as f64 + 2.0, "{what}: {seconds:.1} s");
        // Intake says the same in one line.
        if let Err(IntakeError::Pdf(e)) = intake::inspect(&pdf) {
            assert!(!e.to_string().contains('\n'));
        }
    }
}

#[test]
fn good_pdfs_draw_at_the_size_asked() {
    worker();
    let pdf = fixtures::pdf(3);
    let page = preview::page(&pdf, 2, Fit::Longest(400)).unwrap();
    assert_eq!((page.pages, page.width, page.height), (3, 595, 842));
    let image = image::load_from_memory(&page.png).unwrap();
    assert_eq!(image.height(), 400);
    let (png, pages) = preview::page_png(&pdf, 0, 1.0).unwrap();
    assert_eq!(pages, 3);
    assert!((841..=842).contains(&image::load_from_memory(&png).unwrap().height()), "one pixel per point");
    assert_eq!(preview::page(&pdf, 3, Fit::Longest(400)), Err(PreviewError::NoPage(4)));
    // Nested forms that draw little are fine.
    assert!(preview::page(&fixtures::pdf_nested_forms(6), 0, Fit::Longest(200)).is_ok());
}

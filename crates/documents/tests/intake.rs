//! Attached files on fixtures made here: phone photos in all 8 EXIF orientations with GPS tags,
//! bombs, truncated and renamed files, multi-page PDFs. Each is previewed upright or refused
//! with a reason.

use documents::fixes::{self, Fix, Rect};
use documents::fixtures::{self, CORNERS};
use documents::intake::{self, IntakeError, MediaType};
use documents::preview::PreviewError;

/// PDFs are drawn in a worker process; the tests' own program cannot be one.
fn pdf_worker() {
    documents::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_pdf-worker"));
}
use image::{DynamicImage, GenericImageView};

/// The colour in the middle of each quarter, clockwise from the top left.
fn corners(image: &DynamicImage) -> [[u8; 3]; 4] {
    let (w, h) = image.dimensions();
    let at = |x: u32, y: u32| {
        let p = image.get_pixel(x, y).0;
        [p[0], p[1], p[2]]
    };
    [at(w / 4, h / 4), at(3 * w / 4, h / 4), at(w / 4, 3 * h / 4), at(3 * w / 4, 3 * h / 4)]
}

fn close(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| (*x as i16 - y as i16).abs() < 40)
}

fn assert_upright(image: &DynamicImage, what: &str) {
    let got = corners(image);
    for (i, (g, want)) in got.iter().zip(CORNERS).enumerate() {
        assert!(close(*g, want), "{what}: quarter {i} is {g:?}, expected {want:?}");
    }
}

#[test]
fn every_exif_orientation_previews_upright_and_gps_is_found() {
    for orientation in 1..=8u8 {
        for gps in [false, true] {
            let photo = fixtures::phone_photo(1200, 800, orientation, gps);
            let intake = intake::inspect(&photo).unwrap_or_else(|e| panic!("orientation {orientation}: {e}"));
            assert_eq!(intake.media_type, MediaType::Jpeg);
            assert_eq!((intake.width, intake.height), (1200, 800), "orientation {orientation}: upright size");
            assert_eq!(intake.orientation, orientation);
            assert_eq!(intake.has_location, gps, "orientation {orientation}");
            let thumb = image::load_from_memory(&intake.thumbnail).unwrap();
            assert_eq!(thumb.dimensions(), (320, 213), "orientation {orientation}: thumbnail fits 320 px, upright");
            assert_upright(&thumb, &format!("thumbnail, orientation {orientation}"));
            // The thumbnail is a new picture: no EXIF, so no location.
            assert_eq!(intake::exif_facts(&intake.thumbnail), (1, false));
        }
    }
}

#[test]
fn other_formats_and_pdfs_preview() {
    pdf_worker();
    let png = fixtures::png(600, 400);
    let i = intake::inspect(&png).unwrap();
    assert_eq!((i.media_type, i.width, i.height), (MediaType::Png, 600, 400));
    assert_upright(&image::load_from_memory(&i.thumbnail).unwrap(), "png");

    let picture = DynamicImage::ImageRgb8(fixtures::upright_picture(300, 200));
    for (format, media) in [(image::ImageFormat::WebP, MediaType::Webp), (image::ImageFormat::Tiff, MediaType::Tiff), (image::ImageFormat::Bmp, MediaType::Bmp)] {
        let mut bytes = Vec::new();
        picture.write_to(&mut std::io::Cursor::new(&mut bytes), format).unwrap();
        let i = intake::inspect(&bytes).unwrap_or_else(|e| panic!("{media:?}: {e}"));
        assert_eq!((i.media_type, i.width, i.height), (media, 300, 200));
        assert_upright(&image::load_from_memory(&i.thumbnail).unwrap(), &format!("{media:?}"));
    }

    let pdf = fixtures::pdf(3);
    let i = intake::inspect(&pdf).unwrap();
    assert_eq!((i.media_type, i.pages), (MediaType::Pdf, 3));
    let thumb = image::load_from_memory(&i.thumbnail).unwrap();
    assert_eq!(thumb.height(), 320, "A4 portrait: the height is the long side");
    // Every page can be viewed; a page past the end is a clear error.
    for page in 0..3 {
        assert!(intake::view(&pdf, 1200, page).is_ok());
    }
    assert!(matches!(intake::view(&pdf, 1200, 3), Err(IntakeError::Pdf(PreviewError::NoPage(4)))));
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    pdf_worker();
    let photo = fixtures::phone_photo(1200, 800, 1, false);
    let pdf = fixtures::pdf(2);
    let cases: Vec<(&str, Vec<u8>, fn(&IntakeError) -> bool)> = vec![
        ("empty", vec![], |e| *e == IntakeError::Empty),
        ("text renamed .jpg", b"account: alice\npassword: hunter2\n".to_vec(), |e| *e == IntakeError::Unsupported),
        ("zip renamed .pdf", b"PK\x03\x04 not a pdf".to_vec(), |e| *e == IntakeError::Unsupported),
        ("HEIC", [&[0, 0, 0, 24][..], b"ftypheic", &[0; 12]].concat(), |e| *e == IntakeError::Heic),
        ("PNG bomb 100k x 100k", fixtures::png_bomb(100_000, 100_000), |e| matches!(e, IntakeError::TooManyPixels { .. })),
        ("PNG bomb 20k x 20k", fixtures::png_bomb(20_000, 20_000), |e| matches!(e, IntakeError::TooManyPixels { .. })),
        ("PNG bomb 1 x 4G", fixtures::png_bomb(1, u32::MAX / 2), |e| matches!(e, IntakeError::TooManyPixels { .. } | IntakeError::Corrupt(..))),
        ("truncated JPEG", photo[..photo.len() / 2].to_vec(), |e| matches!(e, IntakeError::Corrupt("JPEG", _))),
        ("JPEG header only", photo[..600].to_vec(), |e| matches!(e, IntakeError::Corrupt("JPEG", _))),
        ("truncated PNG", { let p = fixtures::png(600, 400); p[..p.len() / 2].to_vec() }, |e| matches!(e, IntakeError::Corrupt("PNG", _))),
        ("truncated PDF", pdf[..pdf.len() / 3].to_vec(), |e| matches!(e, IntakeError::Pdf(PreviewError::Unreadable(_)))),
        ("PDF signature only", b"%PDF-1.7\n garbage".to_vec(), |e| matches!(e, IntakeError::Pdf(PreviewError::Unreadable(_)))),
        ("too large", vec![0xFF; (intake::MAX_FILE_BYTES + 1) as usize], |e| matches!(e, IntakeError::TooLarge(_))),
    ];
    for (what, bytes, expected) in cases {
        match intake::inspect(&bytes) {
            Ok(_) => panic!("{what}: accepted"),
            Err(e) => {
                assert!(expected(&e), "{what}: refused for the wrong reason: {e}");
                assert!(!e.to_string().is_empty());
            }
        }
    }
}

#[test]
fn fixes_rotate_crop_and_burn_in_redaction() {
    let photo = fixtures::phone_photo(800, 400, 6, true);
    // A quarter turn clockwise puts the top-left quarter (red) at the top right.
    let (rotated, media) = fixes::render(&photo, &[Fix::Rotate { quarter_turns: 1 }]).unwrap();
    assert_eq!(media, MediaType::Jpeg);
    let img = image::load_from_memory(&rotated).unwrap();
    assert_eq!(img.dimensions(), (400, 800));
    assert!(close(corners(&img)[1], CORNERS[0]), "red moved to the top right: {:?}", corners(&img));
    assert_eq!(intake::exif_facts(&rotated), (1, false), "a fixed version carries no EXIF or location");

    // Cropping to the left half keeps red over blue.
    let crop = Fix::Crop { rect: Rect { x: 0.0, y: 0.0, w: 0.5, h: 1.0 } };
    let img = image::load_from_memory(&fixes::render(&photo, std::slice::from_ref(&crop)).unwrap().0).unwrap();
    assert_eq!(img.dimensions(), (400, 400));
    assert!(close(img.get_pixel(100, 100).0[..3].try_into().unwrap(), CORNERS[0]));
    assert!(close(img.get_pixel(100, 300).0[..3].try_into().unwrap(), CORNERS[2]));

    // A redaction is black pixels in the file itself.
    let redact = Fix::Redact { rects: vec![Rect { x: 0.5, y: 0.0, w: 0.5, h: 0.5 }] };
    let img = image::load_from_memory(&fixes::render(&photo, &[redact]).unwrap().0).unwrap();
    let p = img.get_pixel(600, 100).0;
    assert!(p[0] < 20 && p[1] < 20 && p[2] < 20, "burnt in: {p:?}");
    assert!(close(img.get_pixel(100, 100).0[..3].try_into().unwrap(), CORNERS[0]), "the rest is untouched");

    // PNG stays lossless: exact black.
    let img = image::load_from_memory(&fixes::render(&fixtures::png(200, 100), &[Fix::Redact { rects: vec![Rect { x: 0.0, y: 0.0, w: 1.0, h: 0.5 }] }]).unwrap().0).unwrap();
    assert_eq!(img.get_pixel(10, 10).0, [0, 0, 0, 255]);
}

#[test]
fn bad_fixes_are_refused() {
    let photo = fixtures::phone_photo(200, 100, 1, false);
    for fix in [
        Fix::Rotate { quarter_turns: 0 },
        Fix::Rotate { quarter_turns: 4 },
        Fix::Crop { rect: Rect { x: 0.5, y: 0.0, w: 0.6, h: 1.0 } },
        Fix::Crop { rect: Rect { x: 0.0, y: 0.0, w: 0.0, h: 1.0 } },
        Fix::Crop { rect: Rect { x: f64::NAN, y: 0.0, w: 0.5, h: 1.0 } },
        Fix::Redact { rects: vec![] },
        Fix::Redact { rects: vec![Rect { x: -0.1, y: 0.0, w: 0.5, h: 0.5 }] },
    ] {
        assert!(matches!(fixes::render(&photo, std::slice::from_ref(&fix)), Err(fixes::FixError::Invalid(_))), "{fix:?}");
    }
    assert!(matches!(fixes::render(&fixtures::pdf(1), &[Fix::Rotate { quarter_turns: 1 }]), Err(fixes::FixError::NotAnImage)));
}

#[test]
fn export_copies_are_upright_and_carry_no_metadata() {
    // Turned: upright, and written without metadata (more in tests/photos.rs).
    let clean = documents::clean::for_export(fixtures::phone_photo(640, 400, 8, true)).unwrap();
    assert_eq!(intake::exif_facts(&clean.bytes), (1, false));
    let img = image::load_from_memory(&clean.bytes).unwrap();
    assert_eq!(img.dimensions(), (640, 400));
    assert_upright(&img, "exported");

    // PNG text chunks go.
    let png = fixtures::png_with_text(60, 40, "GPS\0 39.9,116");
    assert!(intake::inspect(&png).is_ok());
    let clean = documents::clean::for_export(png).unwrap();
    assert!(!clean.bytes.windows(4).any(|w| w == b"tEXt"));
}

//! Photos whose metadata someone else wrote (the corpus in `fixtures::quirks`): each previews
//! upright with its location found, and leaves upright with no metadata at all, checked by an
//! independent reader (`fixtures::leftovers`). JPEG turns are lossless; PDFs leave clean.

use documents::clean::{self, Cleaning};
use documents::fixtures::{self, CORNERS, leftovers::metadata_left, pdfs, quirks};
use documents::intake::{self, MediaType};
use image::{DynamicImage, GenericImageView};

fn corners(image: &DynamicImage) -> [[u8; 3]; 4] {
    let (w, h) = image.dimensions();
    let at = |x: u32, y: u32| {
        let p = image.get_pixel(x, y).0;
        [p[0], p[1], p[2]]
    };
    [at(w / 4, h / 4), at(3 * w / 4, h / 4), at(w / 4, 3 * h / 4), at(3 * w / 4, 3 * h / 4)]
}

fn assert_upright(image: &DynamicImage, what: &str) {
    for (i, (g, want)) in corners(image).iter().zip(CORNERS).enumerate() {
        assert!(g.iter().zip(want).all(|(x, y)| (*x as i16 - y as i16).abs() < 40), "{what}: quarter {i} is {g:?}, expected {want:?}");
    }
}

#[test]
fn every_quirky_photo_previews_upright_with_its_location() {
    let corpus = quirks::quirky_photos();
    assert!(corpus.len() >= 35);
    for q in &corpus {
        let i = intake::inspect(&q.bytes).unwrap_or_else(|e| panic!("{}: refused: {e}", q.name));
        assert_eq!(i.media_type, q.media_type, "{}", q.name);
        assert_eq!((i.orientation, i.has_location), (q.orientation, q.has_location), "{}: orientation and location", q.name);
        assert_eq!((i.width, i.height), (quirks::WIDTH, quirks::HEIGHT), "{}: upright size", q.name);
        assert_upright(&image::load_from_memory(&i.thumbnail).unwrap(), &format!("{} thumbnail", q.name));
        assert_upright(&image::load_from_memory(&intake::view(&q.bytes, 200, 0).unwrap()).unwrap(), &format!("{} view", q.name));
    }
}

#[test]
fn the_issue_11_photo_is_portrait_and_records_a_location() {
    // 4000x3000 stored, orientation 6, GPS directory with a next-IFD pointer.
    let photo = quirks::issue_11_photo(400, 300);
    assert!(exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&photo)).is_err(), "a strict reader gives up on it");
    let i = intake::inspect(&photo).unwrap();
    assert_eq!((i.width, i.height, i.orientation, i.has_location), (400, 300, 6, true));
}

#[test]
fn every_quirky_photo_leaves_upright_without_metadata() {
    for q in quirks::quirky_photos() {
        let out = clean::for_export(q.bytes.clone()).unwrap_or_else(|e| panic!("{}: {e}", q.name));
        assert_eq!(metadata_left(&out.bytes), Vec::<String>::new(), "{}", q.name);
        assert_eq!(intake::exif_facts(&out.bytes), (1, false), "{}", q.name);
        let img = image::load_from_memory(&out.bytes).unwrap();
        assert_eq!(img.dimensions(), (quirks::WIDTH, quirks::HEIGHT), "{}", q.name);
        assert_upright(&img, &q.name);
        assert!(out.done.contains(&Cleaning::MetadataRemoved), "{}", q.name);
        let expected = match (q.media_type, q.orientation) {
            (MediaType::Jpeg, 1) => (MediaType::Jpeg, None),
            (MediaType::Jpeg, _) => (MediaType::Jpeg, Some(Cleaning::TurnedLossless)),
            (MediaType::Png | MediaType::Webp, 1) => (q.media_type, None),
            _ => (MediaType::Png, Some(Cleaning::ReEncodedLossless)),
        };
        assert_eq!(out.media_type, expected.0, "{}", q.name);
        if let Some(done) = expected.1 {
            assert!(out.done.contains(&done), "{}: {:?}", q.name, out.done);
        }
        assert!(!out.done.contains(&Cleaning::ReEncoded), "{}: {:?}", q.name, out.done);
    }
}

/// Mean and largest difference between two pictures of the same size, per channel.
fn difference(a: &DynamicImage, b: &DynamicImage) -> (f64, u8) {
    assert_eq!(a.dimensions(), b.dimensions());
    let (a, b) = (a.to_rgb8(), b.to_rgb8());
    let diffs: Vec<u8> = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| x.abs_diff(*y)).collect();
    (diffs.iter().map(|&d| d as f64).sum::<f64>() / diffs.len() as f64, diffs.into_iter().max().unwrap_or(0))
}

#[test]
fn jpeg_turns_are_lossless() {
    for orientation in 2..=8 {
        let photo = fixtures::phone_photo(640, 480, orientation, true);
        let out = clean::for_export(photo.clone()).unwrap();
        assert_eq!(out.done, [Cleaning::MetadataRemoved, Cleaning::TurnedLossless]);
        // The original decoded, then turned in pixels, against the exported file decoded.
        let turned = intake::upright(image::load_from_memory(&photo).unwrap(), orientation);
        let exported = image::load_from_memory(&out.bytes).unwrap();
        let (mean, max) = difference(&turned, &exported);
        // A re-encode of the same picture, for scale: what a lossy turn would cost.
        let re_encoded = image::load_from_memory(&intake::encode_jpeg(&turned, 95).unwrap()).unwrap();
        let (re_mean, _) = difference(&turned, &re_encoded);
        eprintln!("orientation {orientation}: lossless turn mean {mean:.4} max {max}; a re-encode at 95: mean {re_mean:.3}");
        assert!(mean < 0.05 && max <= 2, "orientation {orientation}: mean {mean}, max {max}: not a lossless turn");
        assert!(re_mean > 10.0 * mean.max(0.01), "the comparison can tell a re-encode: {re_mean}");
    }
}

#[test]
fn a_large_jpeg_with_a_partial_block_is_turned_losslessly_and_trimmed() {
    // Stored 1200x1604 in 8x8 blocks (the fixtures' encoder does not subsample colour), shown
    // turned (6): the 4 rows of the last, partial block row would end up at the left; they are
    // dropped (0.25% of the side), the rest turned losslessly.
    let photo = fixtures::phone_photo(1604, 1200, 6, true);
    let out = clean::for_export(photo.clone()).unwrap();
    assert_eq!(out.done, [Cleaning::MetadataRemoved, Cleaning::TurnedLossless, Cleaning::EdgeTrimmed]);
    let exported = image::load_from_memory(&out.bytes).unwrap();
    assert_eq!(exported.dimensions(), (1600, 1200));
    let turned = intake::upright(image::load_from_memory(&photo).unwrap(), 6).crop_imm(4, 0, 1600, 1200);
    let (mean, max) = difference(&turned, &exported);
    assert!(mean < 0.05 && max <= 2, "mean {mean}, max {max}: not a lossless turn");
}

#[test]
fn a_small_jpeg_with_partial_blocks_is_re_encoded_once_and_keeps_every_edge() {
    // 100x70 is no multiple of 16: a lossless turn would have to trim the edge.
    let photo = fixtures::phone_photo(100, 70, 6, true);
    let out = clean::for_export(photo).unwrap();
    assert_eq!(out.done, [Cleaning::MetadataRemoved, Cleaning::ReEncoded]);
    let img = image::load_from_memory(&out.bytes).unwrap();
    assert_eq!(img.dimensions(), (100, 70));
    assert_upright(&img, "re-encoded");
    assert_eq!(metadata_left(&out.bytes), Vec::<String>::new());
}

#[test]
fn an_upright_jpeg_keeps_its_compressed_pixels_byte_for_byte() {
    // The metadata goes, the scan data stays, and a picture appended after the end (as phones
    // do) goes too.
    let photo = [fixtures::phone_photo(600, 400, 1, true), fixtures::phone_photo(64, 64, 1, true)].concat();
    let out = clean::for_export(photo.clone()).unwrap();
    assert_eq!((out.media_type, out.done.as_slice()), (MediaType::Jpeg, &[Cleaning::MetadataRemoved][..]));
    assert_eq!(metadata_left(&out.bytes), Vec::<String>::new());
    let sos = |b: &[u8]| b.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    assert_eq!(&out.bytes[sos(&out.bytes)..], &photo[sos(&photo)..sos(&photo) + out.bytes.len() - sos(&out.bytes)], "scan data unchanged");
}

#[test]
fn pdfs_leave_without_metadata_and_with_the_same_pages() {
    let pdf = pdfs::pdf_with_metadata();
    let before = metadata_left(&pdf);
    for what in ["document information", "/Metadata in object", "XMP stream", "APP1"] {
        assert!(before.iter().any(|f| f.contains(what)), "the fixture carries {what}: {before:?}");
    }
    let out = clean::for_export(pdf.clone()).unwrap();
    assert_eq!((out.media_type, out.done.as_slice()), (MediaType::Pdf, &[Cleaning::MetadataRemoved][..]));
    assert_eq!(metadata_left(&out.bytes), Vec::<String>::new());
    for text in [pdfs::AUTHOR, "ScanApp", "PDF Library", "D:2026", "GPSLatitude"] {
        assert!(!out.bytes.windows(text.len()).any(|w| w == text.as_bytes()), "{text} is still in the file");
    }
    // The page draws exactly as before: text, vector and picture.
    documents::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_pdf-worker"));
    assert_eq!(intake::view(&out.bytes, 600, 0).unwrap(), intake::view(&pdf, 600, 0).unwrap());
    let doc = lopdf::Document::load_mem(&out.bytes).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let text = String::from_utf8_lossy(&doc.get_page_content(page).unwrap()).to_string();
    assert!(text.contains(pdfs::PAGE_TEXT) && text.contains("/Im1 Do") && text.contains("re f"), "{text}");
    // Exported twice, the same bytes.
    assert_eq!(clean::for_export(pdf).unwrap().bytes, out.bytes);
}

#[test]
fn a_signed_pdf_leaves_unchanged_and_says_so() {
    let pdf = pdfs::signed_pdf();
    let out = clean::for_export(pdf.clone()).unwrap();
    assert_eq!(out.bytes, pdf);
    assert_eq!(out.done, [Cleaning::SignedLeftUnchanged]);
}

#[test]
fn pdfs_whose_structure_is_a_decompression_bomb_are_refused() {
    for (what, pdf) in [("object stream", pdfs::object_stream_bomb(64)), ("cross-reference stream", pdfs::xref_stream_bomb(64))] {
        assert!(pdf.len() < 1024 * 1024, "{what}: a small file");
        let err = clean::for_export(pdf).expect_err(what);
        assert!(err.to_string().contains("decompression bomb"), "{what}: {err}");
    }
}

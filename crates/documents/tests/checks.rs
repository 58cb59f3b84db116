//! The picture checks on the corpus made on the spot (`fixtures::corpus`): each finding where it
//! should be and nowhere else, and straightening back to the document's true proportions.

use documents::checks::{self, CheckId};
use documents::fixtures::corpus;
use documents::intake;

/// The corpus, made once for the tests of this file.
fn corpus() -> &'static [corpus::Sample] {
    static CORPUS: std::sync::OnceLock<Vec<corpus::Sample>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(corpus::corpus)
}

fn measure(jpeg: &[u8]) -> (Vec<CheckId>, checks::Measures, Option<[checks::Corner; 4]>) {
    let media = intake::sniff(jpeg).unwrap();
    let (w, h) = image::load_from_memory(jpeg).map(|i| (i.width(), i.height())).unwrap();
    let picture = intake::decode_scaled(jpeg, media, checks::ANALYSIS_SIDE).unwrap();
    let (found, m) = checks::check(&picture, (w, h), None);
    let corners = found.iter().find_map(|f| f.corners);
    (found.into_iter().map(|f| f.id).collect(), m, corners)
}

#[test]
fn each_finding_appears_where_it_should_and_nowhere_else() {
    let mut wrong = Vec::new();
    for s in corpus() {
        let (found, m, _) = measure(&s.jpeg);
        let doc = m.document.as_ref().map(|d| format!("area {:.2} ink {:.3} touches {:?} lean {:.1} fit {:.3} long {:.0} ratio {:.3}", d.area, d.ink, d.touches, d.lean, d.fit, d.long_side, d.ratio));
        println!(
            "{:<18} found {:?}; sharpness {:?} stddev {:.1} mean {:.0} p95 {} glare {:.4} doc {:?}",
            s.name, found, m.sharpness.map(|v| (v * 1000.0).round() / 1000.0), m.content_stddev, m.mean, m.p95, m.glare, doc
        );
        if found != s.expect {
            wrong.push(format!("{}: expected {:?}, found {:?}", s.name, s.expect, found));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Sharpness falls steadily as the blur grows, and `blurry` begins where small print stops being
/// readable (see `checks::BLUR_SHARPNESS`).
#[test]
fn sharpness_falls_with_blur_and_the_threshold_sits_between_readable_and_not() {
    for (name, photo) in [("page", corpus::page_photo()), ("card", corpus::card_photo())] {
        let mut last = f64::INFINITY;
        for sigma in [0.0f32, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0] {
            let mut img = if sigma > 0.0 { corpus::blurred(&photo, sigma) } else { photo.clone() };
            if name == "page" {
                img = corpus::page_saved(&img);
            }
            corpus::grain(&mut img, 3, 1);
            let (found, m, _) = measure(&corpus::jpeg(&img));
            let sharpness = m.sharpness.unwrap();
            println!("{name} blurred by sigma {sigma} px: sharpness {sharpness:.3}, found {found:?}");
            assert!(sharpness < last, "{name}, sigma {sigma}: {sharpness} after {last}");
            assert_eq!(found.contains(&CheckId::Blurry), sigma >= 2.0, "{name}, sigma {sigma}: sharpness {sharpness:.3}");
            last = sharpness;
        }
    }
}

#[test]
fn the_pictures_and_pdfs_other_tests_attach_raise_nothing() {
    documents::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_pdf-worker"));
    use documents::fixtures;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("phone 4000x3000 sideways".into(), fixtures::phone_photo(4000, 3000, 6, true)),
        ("phone 1200x800".into(), fixtures::phone_photo(1200, 800, 1, false)),
        ("phone 400x300".into(), fixtures::phone_photo(400, 300, 1, false)),
        ("phone 64x64".into(), fixtures::phone_photo(64, 64, 1, true)),
        ("png 1200x900".into(), fixtures::png(1200, 900)),
        ("png 90x90".into(), fixtures::png(90, 90)),
        ("issue 11 photo".into(), fixtures::quirks::issue_11_photo(1600, 1000)),
        ("pdf of 3 pages".into(), fixtures::pdf(3)),
        ("bank card front (e2e)".into(), fixtures::card::card_front(1600, 1000).0),
    ];
    files.extend(fixtures::quirks::quirky_photos().into_iter().map(|q| (q.name, q.bytes)));
    let flagged: Vec<String> = files
        .iter()
        .filter_map(|(name, bytes)| {
            let found = intake::inspect(bytes).ok()?.checks;
            (!found.is_empty()).then(|| format!("{name}: {:?}", found.iter().map(|f| f.id).collect::<Vec<_>>()))
        })
        .collect();
    assert!(flagged.is_empty(), "{}", flagged.join("\n"));
}

#[test]
fn straightening_gives_the_true_proportions_and_upright_content() {
    for s in corpus().iter().filter(|s| s.aspect.is_some()) {
        let (found, _, corners) = measure(&s.jpeg);
        assert_eq!(found, [CheckId::Tilted], "{}", s.name);
        let photo = image::load_from_memory(&s.jpeg).unwrap();
        let flat = documents::straighten::straighten(&photo, &corners.unwrap());
        let ratio = flat.width() as f64 / flat.height() as f64;
        let want: f64 = s.aspect.unwrap();
        println!("{}: straightened to {}x{}, aspect {ratio:.4} (true {want:.4}, {:+.1}%)", s.name, flat.width(), flat.height(), (ratio / want - 1.0) * 100.0);
        assert!((ratio / want - 1.0).abs() < 0.04, "{}: aspect {ratio:.3}, true {want:.3}", s.name);
        // Upright: seen small (its layout: the heading bar or band at the top, the photo box on
        // the left), the straightened picture is far nearer the flat document than the document
        // turned half round is.
        let layout = |img: &image::GrayImage| image::imageops::thumbnail(img, 16, (16.0 / want).round() as u32);
        let subject = image::DynamicImage::ImageRgb8(s.subject.clone()).to_luma8();
        let (got, flat_small) = (layout(&flat.to_luma8()), layout(&subject));
        let turned = image::imageops::rotate180(&flat_small);
        let diff = |a: &image::GrayImage, b: &image::GrayImage| {
            a.pixels().zip(b.pixels()).map(|(p, q)| (p[0] as f64 - q[0] as f64).abs()).sum::<f64>() / (a.width() * a.height()) as f64
        };
        let (upright, upside_down) = (diff(&got, &flat_small), diff(&got, &turned));
        println!("{}: mean grey difference to the document {upright:.1}, to it turned half round {upside_down:.1}", s.name);
        assert!(upright < 0.5 * upside_down, "{}: {upright:.1} vs {upside_down:.1}", s.name);
        // And the straightened picture raises no finding of its own.
        let again = documents::intake::encode_jpeg(&flat, 90).unwrap();
        assert_eq!(intake::inspect(&again).unwrap().checks, [], "{} straightened", s.name);
    }
}

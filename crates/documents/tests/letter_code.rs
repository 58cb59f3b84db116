//! The code on letter pages, read back from scans made on the spot: pages drawn at 150 dpi,
//! turned up to 3 degrees, with noise, saved as JPEG at quality 70.
use documents::fixtures::scans;
use documents::letter_code::{self, LetterCode, Mark};
use documents::letters::{Area, Block, Letter};
use documents::render_marked;

fn setup() {
    documents::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_pdf-worker"));
}

/// A letter as the layout code gets it: a title, fields, paragraphs, signatures; `paras` long
/// paragraphs make it run onto more pages.
fn letter(title: &str, paras: usize, zh: bool) -> Letter {
    let body = if zh { "本人特此声明，以上所提供的信息和材料真实有效，申诉账号归申请人所有。".repeat(3) } else { "The applicant declares that the information and documents provided are true and that the account belongs to the applicant. ".repeat(3) };
    let mut blocks = vec![
        Block::Title(title.to_string()),
        Block::Fields(vec![("Account / 账号".into(), "shop-ops-2024".into()), ("Holder / 账号持有人".into(), "杭州示例科技有限公司".into())]),
    ];
    blocks.extend((0..paras).map(|_| Block::Para(body.clone())));
    blocks.push(Block::Signatures(vec![Area { label: "Official seal / 公章".into(), seal: true }, Area { label: "Signature / 签字".into(), seal: false }]));
    blocks.push(Block::Footer("Prepared with Appeal Kit.".into()));
    Letter { title: title.to_string(), language: "en", blocks, missing_fields: Vec::new() }
}

fn mark(case: &str, item: &str, l: &Letter) -> Mark {
    Mark { case: case.into(), item: item.into(), version: letter_code::version(l) }
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

#[test]
fn the_code_takes_no_room_from_the_letter() {
    for (paras, zh) in [(1, false), (2, true), (12, false)] {
        let l = letter("Authorization Letter", paras, zh);
        let plain = documents::render(&l).unwrap();
        let marked = render_marked(&l, Some(&mark("0a1b2c3d4e5f", "authorization_letter", &l))).unwrap();
        assert_eq!(pages(&plain), pages(&marked), "{paras} paragraphs");
        let text = pdf_extract::extract_text_from_mem(&marked).unwrap();
        assert!(text.contains("0a1b2c3d4e5f") && text.contains("authorization_letter"), "the small print names the case and item: {text}");
        assert!(text.contains(&format!("p 1/{}", pages(&marked))), "{text}");
    }
}

#[test]
fn the_version_follows_the_contents() {
    let (a, b) = (letter("Authorization Letter", 1, false), letter("Authorization Letter", 2, false));
    assert_eq!(letter_code::version(&a), letter_code::version(&a.clone()));
    assert_ne!(letter_code::version(&a), letter_code::version(&b));
}

/// Every page of one-page and multi-page letters, scanned at 150 dpi, turned from -3 to +3
/// degrees, JPEG quality 70: every code reads back, naming its case, item, version and page.
#[test]
fn codes_read_back_from_150_dpi_scans_turned_up_to_3_degrees_at_jpeg_70() {
    setup();
    let angles = [-3.0f32, -2.2, -1.0, 0.0, 0.7, 1.6, 3.0];
    let mut tried = 0;
    let mut read = 0;
    let mut failed = Vec::new();
    for (n, (title, paras, zh)) in [("Authorization Letter", 1, false), ("授权委托书", 2, true), ("Member Account Holder Change Application Form", 9, false)].into_iter().enumerate() {
        let l = letter(title, paras, zh);
        let case = format!("{:012x}", 0x5eed_0000_0000u64 + n as u64 * 0x1_0101_0101);
        let m = mark(&case, "appeal_letter", &l);
        let pdf = render_marked(&l, Some(&m)).unwrap();
        let total = pages(&pdf);
        for p in 0..total {
            let page = scans::page(&pdf, p, 150.0);
            for (i, angle) in angles.iter().enumerate() {
                let jpeg = scans::scan(&page, *angle, 12, (n * 31 + p * 7 + i) as u64, 70);
                tried += 1;
                let got = letter_code::read(&jpeg).unwrap();
                let want = m.code(p as u32 + 1, total as u32);
                if got.as_ref() == Some(&want) {
                    read += 1;
                } else {
                    failed.push(format!("{title} page {} at {angle} degrees: {got:?}", p + 1));
                }
            }
        }
    }
    eprintln!("letter codes read back: {read} of {tried}");
    assert!(failed.is_empty(), "{read} of {tried} read; failed: {failed:#?}");
}

#[test]
fn a_page_scanned_upside_down_or_sealed_still_reads() {
    setup();
    let l = letter("Authorization Letter", 1, false);
    let m = mark("00112233aabb", "authorization_letter", &l);
    let pdf = render_marked(&l, Some(&m)).unwrap();
    let mut page = scans::page(&pdf, 0, 150.0);
    scans::stamp_seal(&mut page, 200.0, 900.0, 120.0);
    scans::sign(&mut page, 700.0, 950.0, 300.0);
    let turned = image::imageops::rotate180(&page);
    for (what, img) in [("sealed", &page), ("upside down", &turned)] {
        let got = letter_code::read(&scans::scan(img, 1.5, 10, 3, 70)).unwrap();
        assert_eq!(got, Some(m.code(1, 1)), "{what}");
    }
}

/// The code is looked for first where it prints (the top right corner, or the bottom left one
/// upside down); a page scanned sideways has it in the top left or bottom right corner, where
/// only the searches that follow (the whole picture, then every corner) find it.
#[test]
fn a_page_scanned_sideways_still_reads() {
    setup();
    let l = letter("Authorization Letter", 1, false);
    let m = mark("00112233aabb", "authorization_letter", &l);
    let page = scans::page(&render_marked(&l, Some(&m)).unwrap(), 0, 150.0);
    // A quarter turn clockwise takes the top right corner to the bottom right; three to the top left.
    for (what, img) in [("code bottom right", image::imageops::rotate90(&page)), ("code top left", image::imageops::rotate270(&page))] {
        for (angle, seed) in [(-2.0, 4), (1.0, 5)] {
            let got = letter_code::read(&scans::scan(&img, angle, 10, seed, 70)).unwrap();
            assert_eq!(got, Some(m.code(1, 1)), "{what}, turned {angle} degrees");
        }
    }
}

#[test]
fn pictures_without_a_letter_code_read_as_none() {
    setup();
    // A phone photo, a document photo with text, and the same letter printed without a code.
    assert_eq!(letter_code::read(&documents::fixtures::phone_photo(1600, 1200, 1, false)).unwrap(), None);
    assert_eq!(letter_code::read(&documents::fixtures::png_with_text(1240, 1754, "ID CARD 110105194912310021")).unwrap(), None);
    let l = letter("Authorization Letter", 1, false);
    let page = scans::page(&documents::render(&l).unwrap(), 0, 150.0);
    assert_eq!(letter_code::read(&scans::scan(&page, 2.0, 10, 1, 70)).unwrap(), None);
}

#[test]
fn a_code_of_another_case_reads_as_that_case() {
    setup();
    let l = letter("Authorization Letter", 1, false);
    let (ours, theirs) = (mark("aaaaaaaaaaaa", "authorization_letter", &l), mark("bbbbbbbbbbbb", "authorization_letter", &l));
    let page = scans::page(&render_marked(&l, Some(&theirs)).unwrap(), 0, 150.0);
    let got: LetterCode = letter_code::read(&scans::scan(&page, -2.5, 12, 9, 70)).unwrap().unwrap();
    assert_eq!(got.case, "bbbbbbbbbbbb");
    assert_ne!(got.case, ours.case);
}

#[test]
fn codes_on_pdf_pages_are_read_in_the_worker() {
    setup();
    let l = letter("Authorization Letter", 9, false);
    let m = mark("0a1b2c3d4e5f", "appeal_letter", &l);
    let pdf = render_marked(&l, Some(&m)).unwrap();
    let total = pages(&pdf) as u32;
    for p in 0..total {
        assert_eq!(letter_code::read_pdf_page(&pdf, p as usize).unwrap(), Some(m.code(p + 1, total)));
    }
}

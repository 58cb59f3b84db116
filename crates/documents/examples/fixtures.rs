//! Writes sample files for trying attachments by hand, the end-to-end test and the benchmarks:
//! `cargo run -p documents --features fixtures --example fixtures -- DIR [PHOTOS]`, where
//! PHOTOS more 12-megapixel phone photos are written as photo-NN.jpg (every fourth one taken
//! sideways, shown upright by EXIF orientation 6). DIR/quirks/ gets the corpus of photos whose
//! metadata other software wrote (`fixtures::quirks`).
//!
//! Scans of printed letters for the end-to-end test, from pages rasterised with pdftoppm:
//! `fixtures scan PAGE.png OUT.jpg DEGREES [seal]` (150 dpi page in: turned, noise, JPEG
//! quality 70, a red seal stamped on first with `seal`), and `fixtures scan-pdf OUT.pdf
//! SCAN.jpg...` (one PDF of the scans, as a scanner's "scan to PDF" writes a stack).

use documents::fixtures;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("scan") => return scan(&args[1..]),
        Some("scan-pdf") => {
            let pages = args[2..].iter().map(std::fs::read).collect::<std::io::Result<Vec<_>>>()?;
            return std::fs::write(&args[1], fixtures::scans::pdf_of_jpegs(&pages, 150.0));
        }
        _ => {}
    }
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "fixtures".into()));
    std::fs::create_dir_all(&dir)?;
    let (card, layout) = fixtures::card::card_front(1600, 1000);
    let files: Vec<(&str, Vec<u8>)> = vec![
        // A card front photographed on a desk, held sideways, with GPS tags, its EXIF as
        // issue 11 found it: strict readers reject the block, viewers show it upright.
        ("card-front.jpg", card),
        // Where its middle digits are (fractions of the upright photo), for the test to hide them.
        ("card-front.json", serde_json::json!({ "middle_digits": layout.middle_digits, "card": layout.card }).to_string().into_bytes()),
        ("transfer-slip.png", fixtures::png(1200, 900)),
        // A certificate that reads as one, for screenshots (the tour) rather than colour blocks.
        ("certificate.pdf", certificate()),
        ("invoices.pdf", fixtures::pdf(3)),
        ("notes.jpg", b"not a photo, only text with a .jpg name\n".to_vec()),
        ("bomb.png", fixtures::png_bomb(100_000, 100_000)),
        // 12 megapixels, as a phone takes them (4000x3000, turned by EXIF).
        ("phone-12mp.jpg", fixtures::phone_photo(4000, 3000, 6, true)),
    ];
    // From the picture checks' corpus: a card blurred, and one shot at an angle on a table.
    let corpus = fixtures::corpus::corpus();
    let sample = |name: &str| corpus.iter().find(|s| s.name == name).map(|s| s.jpeg.clone()).unwrap_or_default();
    let checked = [("blurred-card.jpg", sample("card blurred")), ("angled-card.jpg", sample("card at an angle"))];
    for (name, bytes) in files.into_iter().chain(checked).chain([("slow-bundle.zip", slow_bundle())]) {
        std::fs::write(dir.join(name), bytes)?;
    }
    let photos: u32 = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(0);
    for i in 0..photos {
        // Sizes differ so that every photo is a different file; sideways ones are stored
        // 4000 pixels wide and (3000 + i) high, as phones store them.
        let photo = if i % 4 == 0 { fixtures::phone_photo(3000 + i, 4000, 6, true) } else { fixtures::phone_photo(4000, 3000 + i, 1, true) };
        std::fs::write(dir.join(format!("photo-{i:02}.jpg")), photo)?;
    }
    std::fs::create_dir_all(dir.join("quirks"))?;
    for q in fixtures::quirks::quirky_photos() {
        std::fs::write(dir.join("quirks").join(&q.name), &q.bytes)?;
    }
    Ok(())
}

/// `scan PAGE.png OUT.jpg DEGREES [seal]`: a printed page as a flatbed gives it back; with
/// `seal`, a company seal (40 mm across) stamped at the lower right first.
fn scan(args: &[String]) -> std::io::Result<()> {
    let [input, out, degrees, rest @ ..] = args else {
        return Err(std::io::Error::other("usage: fixtures scan PAGE.png OUT.jpg DEGREES [seal]"));
    };
    let mut page = image::open(input).map_err(std::io::Error::other)?.to_rgb8();
    if rest.iter().any(|a| a == "seal") {
        // 20 mm radius on a page 210 mm wide.
        let r = page.width() as f32 * 20.0 / 210.0;
        let (w, h) = (page.width() as f32, page.height() as f32);
        fixtures::scans::stamp_seal(&mut page, w * 0.7, h * 0.78, r);
    }
    let degrees: f32 = degrees.parse().map_err(std::io::Error::other)?;
    std::fs::write(out, fixtures::scans::scan(&page, degrees, 6, 7, 70))
}

/// A bundle that is slow to check and then refused: honest zip, manifest and hashes; its first
/// file, a PDF of 2^20 nested drawings, takes the PDF worker seconds to draw (or runs into its
/// time limit), and its second is text named .jpg, refused. The end-to-end test uses those
/// seconds to show the app still answers.
fn slow_bundle() -> Vec<u8> {
    use sha2::Digest;
    let pdf = fixtures::pdf_nested_forms(20);
    let path = "01-payment_proof/01-receipt.pdf";
    let (text_path, text) = ("01-payment_proof/02-scan.jpg", b"not a photo, only text with a .jpg name\n".as_slice());
    let hash = |b: &[u8]| sha2::Sha256::digest(b).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let manifest = serde_json::json!({
        "format": "appeal-kit-bundle/1",
        "case": { "id": "5104b0f1", "provider": "alibaba-cloud", "title": "Slow receipt" },
        "rules": { "pack": "alibaba-cloud" },
        "answers": { "verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false },
        "checklist_status": "ready",
        "complete": false,
        "missing": [],
        "items": [{
            "id": "payment_proof", "kind": "document", "requirement": "required", "status": "provided", "title": "Proof of payment",
            "files": [
                { "path": path, "sha256": hash(&pdf), "bytes": pdf.len(), "media_type": "application/pdf" },
                { "path": text_path, "sha256": hash(text), "bytes": text.len(), "media_type": "image/jpeg" }
            ]
        }],
        "documents": []
    });
    let mut zip = fixtures::RawZip::default();
    zip.entry("manifest.json", manifest.to_string().as_bytes(), true);
    zip.entry(path, &pdf, true);
    zip.entry(text_path, text, false);
    zip.finish(None, false)
}

/// A one-page enterprise real-name authentication certificate, made up, drawn by the letter
/// layout code: what a scan of the real one carries, in the same places.
fn certificate() -> Vec<u8> {
    use documents::letters::{Area, Block, Letter};
    let fields = |rows: &[(&str, &str)]| Block::Fields(rows.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
    let blocks = vec![
        Block::Title("实名认证证明 Real-name Authentication Certificate".into()),
        Block::Para("This certifies that the account below has completed enterprise real-name authentication with the documents listed.".into()),
        fields(&[
            ("Account", "hw-main-account"),
            ("Enterprise", "Example Trading Co., Ltd."),
            ("Unified Social Credit Code", "91350100M000100Y43"),
            ("Authentication method", "Business license and corporate bank account"),
            ("Authenticated on", "2024-03-18"),
        ]),
        Block::Note("Certificate number EX-2024-0318-0042. Made up for Appeal Kit's sample files.".into()),
        Block::Signatures(vec![Area { label: "Issuer seal".into(), seal: true }]),
    ];
    documents::render(&Letter { title: "Certificate".into(), language: "zh-CN", blocks, missing_fields: Vec::new() }).expect("render")
}

//! Picture checks: what a provider's reviewer would object to in a scan or photo, found before
//! the appeal is sent. Each finding has a stable id (CONTRACTS.md section 7); a finding never
//! refuses a file, it only says what may be wrong.
//!
//! The checks look at a small copy of the picture (`ANALYSIS_SIDE` on its longest side, the
//! size intake decodes anyway for the thumbnail), so they add little to attaching a photo:
//! - the document is found as the largest bright, unsaturated region (Otsu's threshold on a
//!   smoothed grey copy, opened to drop texture), its outline traced (`imageproc` contours) and
//!   reduced to four corners (the four points of its convex hull enclosing the largest area);
//! - `cut_off`: that region runs along one to three edges of the frame (a scan fills all four);
//! - `tilted`: its four corners are all inside the frame and an edge leans more than
//!   `TILT_DEGREES` (the corners are kept, so straightening can start from them);
//! - `too_small`: fewer than `MIN_DOCUMENT_PIXELS` across the document's longest side in the
//!   original;
//! - `too_dark`: the document area's brightness (mean and 95th percentile);
//! - `overexposed`: a blown-out patch (glare) inside the picture, surrounded by bright but not
//!   blown-out pixels (a white box printed on a scan is surrounded by its ink lines instead);
//! - `blurry`: the variance of the Laplacian over the document area, divided by the mean
//!   squared gradient (Sobel) there: both grow with contrast and with how much is printed, so
//!   their ratio measures how steep edges are (a step edge gives about 0.06, one blurred over a
//!   few pixels a fraction of it), and a dark, pale or nearly empty photo is judged fairly.
//! Thresholds are calibrated on the corpus the tests make (`fixtures::corpus`); see the tests.
//!
//! Finding the document is in `document`; the measures taken over its area (brightness,
//! sharpness, glare) in `measures`; this module holds the ids, the thresholds and `check`.

mod document;
mod measures;

use image::DynamicImage;
use imageproc::distance_transform::Norm;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use document::{Document, find_document, order_corners};
use measures::{brightness, glare, sharpness};

/// Longest side of the copy the checks look at, in pixels.
pub const ANALYSIS_SIDE: u32 = 480;
/// PDF pages are drawn this big (longest side) to be checked, as a person reads them.
pub const PAGE_SIDE: u32 = 1000;
/// Pages of a PDF that are checked (a scan of a letter or a certificate has a few).
pub const MAX_CHECKED_PAGES: u32 = 20;
// Thresholds, calibrated on the corpus the tests make (`fixtures::corpus`, tests/checks.rs prints
// every measure): a page and a card photographed flat on a wooden table, then blurred, shrunk,
// darkened, glared, cut off and shot at an angle.

/// Fewer pixels than this across a card's longest side leave its small print unreadable: an ID
/// card 85.6 mm wide at 600 px is 7 pixels a millimetre, about 180 dpi (the corpus: a card
/// shrunk to 412 px is `too_small`, the others span 820 px and more).
pub const MIN_DOCUMENT_PIXELS: u32 = 600;
/// The same for a page (a document less elongated than `CARD_MIN_RATIO`): 8-point print has
/// strokes a quarter of a millimetre wide and needs about 4 pixels a millimetre to stay
/// readable, so 1200 px along an A4 page's 297 mm (about 100 dpi; a 150 dpi scan has 1754).
/// The corpus: a page photographed at 1400 px, the page spanning 1056 of them, is `too_small`;
/// at 1800 px (the page 1357) it is not, nor is any card.
pub const MIN_PAGE_PIXELS: u32 = 1200;
/// Long side over short side from which a document is taken for a card: an ID-1 card is 1.586,
/// A4 and A3 1.414, US Letter 1.294. Measured on the document's true proportions (undoing the
/// perspective, as straighten does), so a card shot at an angle stays a card (the corpus:
/// cards measure 1.55 to 1.60, pages 1.39 to 1.43).
pub const CARD_MIN_RATIO: f64 = 1.5;
/// A document edge leaning more than this is `tilted`. Above the 3 degrees a letter scan may be
/// turned (CONTRACTS.md section 8) and the corner finding's error (the straight corpus pictures
/// lean 0.0 to 0.3 degrees); the angled ones lean 11.5 and 17.2.
pub const TILT_DEGREES: f64 = 5.0;
/// Sharpness (variance of the Laplacian / mean squared gradient) under which a document is
/// `blurry`. On the corpus it falls with a Gaussian blur of sigma (pixels of a 1200 px photo
/// whose page spans 900 px) as: 0 → 0.11 to 0.31, 1 → 0.085 to 0.106, 1.5 → 0.054,
/// 2 → 0.031 to 0.034, 3 → 0.015. From sigma 2 (0.2% of the document's length, 0.7 mm on an A4
/// page: the strokes of 8-point print run together) the document is `blurry`; up to 1.5 it is
/// not. The measure is taken on the small copy, so it is relative to the document's size, not
/// the camera's resolution.
pub const BLUR_SHARPNESS: f64 = 0.04;
/// Grey standard deviation under which there is too little on the page to judge sharpness.
pub const MIN_CONTENT_STDDEV: f64 = 8.0;
/// Mean and 95th-percentile brightness (0-255) of the document under which it is `too_dark`:
/// its paper (the brightest 5%) under half white, and the whole under a third. The corpus's
/// pages and cards read mean 192 to 208, paper 230 to 239; the darkened page (lit at a fifth)
/// mean 34, paper 52.
pub const DARK_MEAN: f64 = 80.0;
pub const DARK_P95: u8 = 130;
/// Share of a document's outline that is not paper (print, photos, bands): less, and the bright
/// region is a plain surface (a wall, a white quarter of a test picture), not a document. The
/// corpus's documents: pages 0.025 to 0.062, cards 0.25 to 0.29.
pub const MIN_INK: f64 = 0.015;
/// A blown-out patch covering more than this share of the picture is glare: 0.6%, a patch
/// about 37 px across on the 480 px copy, enough to wipe out a line of a card's print. The glare
/// card's patch covers 6%; no other corpus picture has one.
pub const GLARE_AREA: f64 = 0.006;
/// A blown-out patch larger than this share of the picture is the paper itself, not a
/// reflection on it: scanners and scanning apps clip white paper to full white (a letter
/// scanned at 150 dpi on a greyish lid is one such patch, about 80% of the picture).
pub const GLARE_MAX_AREA: f64 = 0.2;
/// Four corners fit a document when the quadrilateral they make covers this share of its
/// outline's convex hull (the corpus's documents: 0.974 to 0.990); less, and the outline is
/// no four-sided document (a torn page, a hand over it), so no `tilted` is claimed.
pub const MIN_CORNER_FIT: f64 = 0.93;

/// What a check can find. The serialized ids are the contract's (CONTRACTS.md section 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    Blurry,
    TooSmall,
    TooDark,
    Overexposed,
    CutOff,
    Tilted,
    NoSeal,
    LetterOtherCase,
    LetterOutdated,
}

impl CheckId {
    pub const ALL: [CheckId; 9] = [
        CheckId::Blurry,
        CheckId::TooSmall,
        CheckId::TooDark,
        CheckId::Overexposed,
        CheckId::CutOff,
        CheckId::Tilted,
        CheckId::NoSeal,
        CheckId::LetterOtherCase,
        CheckId::LetterOutdated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Blurry => "blurry",
            CheckId::TooSmall => "too_small",
            CheckId::TooDark => "too_dark",
            CheckId::Overexposed => "overexposed",
            CheckId::CutOff => "cut_off",
            CheckId::Tilted => "tilted",
            CheckId::NoSeal => "no_seal",
            CheckId::LetterOtherCase => "letter_other_case",
            CheckId::LetterOutdated => "letter_outdated",
        }
    }

    pub fn parse(id: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.as_str() == id)
    }
}

/// A point as fractions (0 to 1) of the upright picture's width and height.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Corner {
    pub x: f64,
    pub y: f64,
}

/// One finding on one stored file version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: CheckId,
    /// The PDF page (from 1) it was found on; none for a picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// For `tilted`: the document's corners (top left, top right, bottom right, bottom left),
    /// where straightening starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corners: Option<[Corner; 4]>,
}

impl Finding {
    pub fn new(id: CheckId) -> Finding {
        Finding { id, page: None, corners: None }
    }
}

/// What the checks measured on one picture (for calibration and tests).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measures {
    /// The document found, if any.
    pub document: Option<Document>,
    pub sharpness: Option<f64>,
    pub content_stddev: f64,
    pub mean: f64,
    pub p95: u8,
    /// Share of the picture covered by the largest glare patch.
    pub glare: f64,
}

/// Checks one upright picture. `original` is the size of the picture it was scaled from
/// (for `too_small`); `scan` is true for a PDF page, whose pixel count says nothing.
pub fn check(image: &DynamicImage, original: (u32, u32), page: Option<u32>) -> (Vec<Finding>, Measures) {
    let small = if image.width().max(image.height()) > ANALYSIS_SIDE { image.thumbnail(ANALYSIS_SIDE, ANALYSIS_SIDE) } else { image.clone() };
    let rgb = small.to_rgb8();
    let gray = small.to_luma8();
    let (w, h) = gray.dimensions();
    let mut measures = Measures::default();
    let mut found: Vec<CheckId> = Vec::new();
    if w < 8 || h < 8 {
        return (Vec::new(), measures);
    }
    let scale = original.0.max(original.1) as f64 / w.max(h) as f64;
    let document = find_document(&rgb, &gray);
    // The area judged: the document with its print (less its outline) when one is found, else
    // the picture.
    let region: Vec<bool> = match &document {
        Some((doc, area)) if !doc.fills_frame() => imageproc::morphology::erode(area, Norm::LInf, 3).pixels().map(|p| p[0] > 0).collect(),
        _ => (0..h).flat_map(|y| (0..w).map(move |x| x >= 2 && y >= 2 && x + 2 < w && y + 2 < h)).collect(),
    };
    let (mean, p95, stddev) = brightness(&gray, &region);
    measures.mean = mean;
    measures.p95 = p95;
    measures.content_stddev = stddev;
    if mean < DARK_MEAN && p95 < DARK_P95 {
        found.push(CheckId::TooDark);
    }
    let too_small = match &document {
        Some((doc, _)) => page.is_none() && doc.long_side * scale < doc.min_pixels() as f64,
        None => false,
    };
    // A document too small to read is not judged for sharpness: at that size nothing is.
    if stddev >= MIN_CONTENT_STDDEV && !too_small {
        let sharpness = sharpness(&gray, &region);
        measures.sharpness = Some(sharpness);
        if sharpness < BLUR_SHARPNESS {
            found.push(CheckId::Blurry);
        }
    }
    measures.glare = glare(&gray);
    if measures.glare > GLARE_AREA {
        found.push(CheckId::Overexposed);
    }
    let mut corners = None;
    if let Some((doc, _)) = &document {
        if too_small {
            found.push(CheckId::TooSmall);
        }
        let touching = doc.touches.iter().filter(|t| **t).count();
        if (1..=3).contains(&touching) {
            found.push(CheckId::CutOff);
        } else if touching == 0
            && let Some(c) = doc.corners
            && doc.lean > TILT_DEGREES
            && doc.fit > MIN_CORNER_FIT
        {
            found.push(CheckId::Tilted);
            corners = Some(c.map(|(x, y)| Corner { x: (x / w as f64).clamp(0.0, 1.0), y: (y / h as f64).clamp(0.0, 1.0) }));
        }
    }
    measures.document = document.map(|(d, _)| d);
    found.sort();
    let findings = found
        .into_iter()
        .map(|id| Finding { id, page, corners: if id == CheckId::Tilted { corners } else { None } })
        .collect();
    (findings, measures)
}

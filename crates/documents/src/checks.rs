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

use image::{DynamicImage, GrayImage, Luma, RgbImage};
use imageproc::contours::{BorderType, find_contours};
use imageproc::contrast::{ThresholdType, otsu_level, threshold};
use imageproc::distance_transform::Norm;
use imageproc::geometry::{approximate_polygon_dp, arc_length, contour_area, convex_hull};
use imageproc::point::Point;
use imageproc::region_labelling::{Connectivity, connected_components};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// A document found in a picture, in pixels of the analysed copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Share of the picture it covers.
    pub area: f64,
    /// Frame edges it runs along (top, right, bottom, left).
    pub touches: [bool; 4],
    /// Four corners (top left, top right, bottom right, bottom left), when it has four.
    pub corners: Option<[(f64, f64); 4]>,
    /// Its longest side, in pixels of the analysed copy.
    pub long_side: f64,
    /// The largest lean of an edge from the picture's axes, in degrees.
    pub lean: f64,
    /// Share of its outline that is print rather than paper.
    pub ink: f64,
    /// How well the four corners cover its outline (their area over the outline's).
    pub fit: f64,
    /// Its true long side over its short side (perspective undone), when its corners are
    /// known or it fills the frame; 0 otherwise.
    pub ratio: f64,
}

impl Document {
    /// The fewest pixels its longest side needs: a page needs more than a card.
    fn min_pixels(&self) -> u32 {
        if self.ratio > 0.0 && self.ratio < CARD_MIN_RATIO { MIN_PAGE_PIXELS } else { MIN_DOCUMENT_PIXELS }
    }
}

impl Document {
    pub fn fills_frame(&self) -> bool {
        self.touches.iter().all(|t| *t)
    }
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

/// Mean, 95th percentile and standard deviation of grey over `region`.
fn brightness(gray: &GrayImage, region: &[bool]) -> (f64, u8, f64) {
    let mut histogram = [0u64; 256];
    for (p, inside) in gray.pixels().zip(region) {
        if *inside {
            histogram[p[0] as usize] += 1;
        }
    }
    let n: u64 = histogram.iter().sum();
    if n == 0 {
        return (255.0, 255, 0.0);
    }
    let sum: f64 = histogram.iter().enumerate().map(|(v, c)| v as f64 * *c as f64).sum();
    let mean = sum / n as f64;
    let var: f64 = histogram.iter().enumerate().map(|(v, c)| (v as f64 - mean).powi(2) * *c as f64).sum::<f64>() / n as f64;
    let mut seen = 0;
    let mut p95 = 255u8;
    for (v, c) in histogram.iter().enumerate() {
        seen += c;
        if seen * 100 >= n * 95 {
            p95 = v as u8;
            break;
        }
    }
    (mean, p95, var.sqrt())
}

/// Variance of the Laplacian of `gray` over `region`, over the mean squared gradient there.
fn sharpness(gray: &GrayImage, region: &[bool]) -> f64 {
    let lap = imageproc::filter::laplacian_filter(gray);
    let gx = imageproc::gradients::horizontal_sobel(gray);
    let gy = imageproc::gradients::vertical_sobel(gray);
    let (mut n, mut sum, mut sq, mut grad) = (0f64, 0f64, 0f64, 0f64);
    for (((l, x), y), inside) in lap.pixels().zip(gx.pixels()).zip(gy.pixels()).zip(region) {
        if *inside {
            let v = l[0] as f64;
            n += 1.0;
            sum += v;
            sq += v * v;
            grad += (x[0] as f64).powi(2) + (y[0] as f64).powi(2);
        }
    }
    if n == 0.0 || grad == 0.0 {
        return f64::INFINITY;
    }
    (sq / n - (sum / n).powi(2)) / (grad / n)
}

/// Share of the picture covered by the largest glare patch: blown-out pixels (grey 250 and
/// up) not touching the frame (the paper of a scan does), ringed by bright pixels that are
/// not blown out (light falling off around the reflection).
fn glare(gray: &GrayImage) -> f64 {
    let (w, h) = gray.dimensions();
    let blown = threshold(gray, 249, ThresholdType::Binary);
    let labels = connected_components(&blown, Connectivity::Eight, Luma([0u8]));
    let count = labels.pixels().map(|p| p[0]).max().unwrap_or(0) as usize;
    if count == 0 {
        return 0.0;
    }
    // Area, bounding box and whether it touches the frame, per patch.
    let mut area = vec![0u32; count + 1];
    let mut bounds = vec![(u32::MAX, u32::MAX, 0u32, 0u32); count + 1];
    let mut touches = vec![false; count + 1];
    for (x, y, p) in labels.enumerate_pixels() {
        let l = p[0] as usize;
        if l == 0 {
            continue;
        }
        area[l] += 1;
        let b = &mut bounds[l];
        *b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
        touches[l] |= x == 0 || y == 0 || x + 1 == w || y + 1 == h;
    }
    let total = (w * h) as f64;
    let mut best = 0.0f64;
    for l in 1..=count {
        let share = area[l] as f64 / total;
        if touches[l] || share <= best || !(GLARE_AREA / 4.0..=GLARE_MAX_AREA).contains(&share) {
            continue;
        }
        // The ring: pixels within a few pixels of the patch's box, outside the patch.
        let r = 4;
        let (x0, y0, x1, y1) = bounds[l];
        let (x0, y0, x1, y1) = (x0.saturating_sub(r), y0.saturating_sub(r), (x1 + r).min(w - 1), (y1 + r).min(h - 1));
        let (mut ring, mut soft) = (0u32, 0u32);
        for y in y0..=y1 {
            for x in x0..=x1 {
                if labels.get_pixel(x, y)[0] as usize == l {
                    continue;
                }
                let v = gray.get_pixel(x, y)[0];
                ring += 1;
                soft += (170..250).contains(&v) as u32;
            }
        }
        if ring > 0 && soft as f64 / ring as f64 >= 0.5 {
            best = share;
        }
    }
    best
}

/// The document in a picture: the largest bright, unsaturated region with print inside, and
/// the area it covers with its print (its outline filled).
pub fn find_document(rgb: &RgbImage, gray: &GrayImage) -> Option<(Document, GrayImage)> {
    let (w, h) = gray.dimensions();
    let smooth = imageproc::filter::gaussian_blur_f32(gray, 1.5);
    let level = otsu_level(&smooth);
    // Paper and background must differ clearly, or there is no document to find.
    let (mut bright, mut dark, mut nb, mut nd) = (0f64, 0f64, 0f64, 0f64);
    for p in smooth.pixels() {
        if p[0] > level {
            bright += p[0] as f64;
            nb += 1.0;
        } else {
            dark += p[0] as f64;
            nd += 1.0;
        }
    }
    if nb == 0.0 {
        return None;
    }
    let separated = nd == 0.0 || bright / nb - dark / nd > 40.0;
    let mask = imageproc::morphology::open(&threshold(&smooth, level, ThresholdType::Binary), Norm::LInf, 2);
    let labels = connected_components(&mask, Connectivity::Four, Luma([0u8]));
    let count = labels.pixels().map(|p| p[0]).max().unwrap_or(0) as usize;
    let mut area = vec![0u32; count + 1];
    for p in labels.pixels() {
        area[p[0] as usize] += 1;
    }
    let (label, size) = area.iter().enumerate().skip(1).max_by_key(|(_, a)| **a)?;
    let share = *size as f64 / (w * h) as f64;
    if share < 0.08 {
        return None;
    }
    let mut doc = GrayImage::new(w, h);
    let (mut sat, mut luma) = (0f64, 0f64);
    for (x, y, p) in labels.enumerate_pixels() {
        if p[0] as usize == label {
            doc.put_pixel(x, y, Luma([255]));
            let c = rgb.get_pixel(x, y).0;
            sat += (c.iter().max().unwrap_or(&0) - c.iter().min().unwrap_or(&0)) as f64;
            luma += gray.get_pixel(x, y)[0] as f64;
        }
    }
    // Paper: unsaturated and not dim.
    if sat / *size as f64 > 45.0 || luma / (*size as f64) < 90.0 {
        return None;
    }
    // Along an edge of the frame for more than 8% of its length.
    let along = |pixels: &mut dyn Iterator<Item = (u32, u32)>, len: u32| {
        pixels.filter(|(x, y)| doc.get_pixel(*x, *y)[0] > 0).count() as f64 > 0.08 * len as f64
    };
    let touches = [
        along(&mut (0..w).map(|x| (x, 0)), w),
        along(&mut (0..h).map(|y| (w - 1, y)), h),
        along(&mut (0..w).map(|x| (x, h - 1)), w),
        along(&mut (0..h).map(|y| (0, y)), h),
    ];
    if !separated && !touches.iter().all(|t| *t) {
        return None;
    }
    let outline = find_contours::<i32>(&doc)
        .into_iter()
        .filter(|c| c.border_type == BorderType::Outer)
        .max_by(|a, b| contour_area(&a.points).total_cmp(&contour_area(&b.points)))?;
    let hull = convex_hull(outline.points.clone());
    // Print inside the outline: the share of the hull that is not the paper region.
    let ink = 1.0 - *size as f64 / contour_area(&hull).max(1.0);
    if ink < MIN_INK {
        return None;
    }
    let corners = four_corners(&hull);
    let long_side = match corners {
        Some(c) => (0..4).map(|i| dist(c[i], c[(i + 1) % 4])).fold(0.0, f64::max),
        None => {
            let (xs, ys) = (hull.iter().map(|p| p.x), hull.iter().map(|p| p.y));
            let span = |v: Vec<i32>| (v.iter().max().unwrap_or(&0) - v.iter().min().unwrap_or(&0)) as f64;
            span(xs.collect()).max(span(ys.collect()))
        }
    };
    let lean = corners.map(|c| (0..4).map(|i| lean(c[i], c[(i + 1) % 4])).fold(0.0, f64::max)).unwrap_or(0.0);
    let fit = corners
        .map(|c| {
            let quad = 0.5 * (0..4).map(|i| c[i].0 * c[(i + 1) % 4].1 - c[(i + 1) % 4].0 * c[i].1).sum::<f64>().abs();
            quad / contour_area(&hull).max(1.0)
        })
        .unwrap_or(0.0);
    let ratio = match corners {
        Some(c) => crate::straighten::aspect_ratio(c, w as f64, h as f64),
        None if touches.iter().all(|t| *t) => w as f64 / h as f64,
        None => 0.0,
    };
    let ratio = if ratio.is_finite() && ratio > 0.0 { ratio.max(1.0 / ratio) } else { 0.0 };
    let mut area = GrayImage::new(w, h);
    imageproc::drawing::draw_polygon_mut(&mut area, &hull, Luma([255u8]));
    Some((Document { area: share, touches, corners, long_side, lean, ink, fit, ratio }, area))
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// How far the line a-b leans from the nearest axis, in degrees.
fn lean(a: (f64, f64), b: (f64, f64)) -> f64 {
    let angle = (b.1 - a.1).atan2(b.0 - a.0).to_degrees().rem_euclid(90.0);
    angle.min(90.0 - angle)
}

/// Four corners of a convex outline: the four hull points enclosing the largest area (for each
/// pair of opposite corners, the farthest point on either side), so a rounded or blurred corner
/// cannot push a corner off to the middle of an edge.
fn four_corners(hull: &[Point<i32>]) -> Option<[(f64, f64); 4]> {
    if hull.len() < 4 {
        return None;
    }
    // Long outlines (round corners) are thinned first, within half a percent of their length:
    // the search below takes n³ steps.
    let thinned;
    let hull = if hull.len() > 48 {
        thinned = approximate_polygon_dp(hull, 0.005 * arc_length(hull, true), true);
        &thinned[..]
    } else {
        hull
    };
    let n = hull.len();
    if n < 4 {
        return None;
    }
    let p: Vec<(f64, f64)> = hull.iter().map(|q| (q.x as f64, q.y as f64)).collect();
    let triangle = |a: usize, b: usize, c: usize| ((p[b].0 - p[a].0) * (p[c].1 - p[a].1) - (p[c].0 - p[a].0) * (p[b].1 - p[a].1)).abs();
    let farthest = |a: usize, c: usize, range: &mut dyn Iterator<Item = usize>| range.map(|b| (triangle(a, b, c), b)).max_by(|x, y| x.0.total_cmp(&y.0));
    let mut best: Option<(f64, [usize; 4])> = None;
    for a in 0..n {
        for c in a + 2..n {
            if a == 0 && c == n - 1 {
                continue;
            }
            let (Some((s1, b)), Some((s2, d))) = (farthest(a, c, &mut (a + 1..c)), farthest(a, c, &mut (c + 1..n).chain(0..a))) else { continue };
            if best.is_none_or(|(area, _)| s1 + s2 > area) {
                best = Some((s1 + s2, [a, b, c, d]));
            }
        }
    }
    let (_, idx) = best?;
    Some(order_corners(&idx.map(|i| p[i])))
}

/// Orders the four corners of a convex quadrilateral clockwise on screen, starting from the top
/// left one (the least x + y), so the order holds at any angle.
pub fn order_corners(pts: &[(f64, f64)]) -> [(f64, f64); 4] {
    let (cx, cy) = pts.iter().fold((0.0, 0.0), |(x, y), p| (x + p.0 / pts.len() as f64, y + p.1 / pts.len() as f64));
    let mut sorted: Vec<(f64, f64)> = pts.to_vec();
    // y points down, so increasing atan2 goes clockwise on screen.
    sorted.sort_by(|a, b| (a.1 - cy).atan2(a.0 - cx).total_cmp(&(b.1 - cy).atan2(b.0 - cx)));
    let first = (0..sorted.len()).min_by(|&i, &j| (sorted[i].0 + sorted[i].1).total_cmp(&(sorted[j].0 + sorted[j].1))).unwrap_or(0);
    sorted.rotate_left(first);
    let at = |i: usize| sorted.get(i).copied().unwrap_or((0.0, 0.0));
    [at(0), at(1), at(2), at(3)]
}

//! Finding the document in a picture: its region, outline, four corners, lean and true
//! proportions.

use image::{GrayImage, Luma, RgbImage};
use imageproc::contours::{BorderType, find_contours};
use imageproc::contrast::{ThresholdType, otsu_level, threshold};
use imageproc::distance_transform::Norm;
use imageproc::geometry::{approximate_polygon_dp, arc_length, contour_area, convex_hull};
use imageproc::point::Point;
use imageproc::region_labelling::{Connectivity, connected_components};

use super::{CARD_MIN_RATIO, MIN_DOCUMENT_PIXELS, MIN_INK, MIN_PAGE_PIXELS};

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
    pub(super) fn min_pixels(&self) -> u32 {
        if self.ratio > 0.0 && self.ratio < CARD_MIN_RATIO { MIN_PAGE_PIXELS } else { MIN_DOCUMENT_PIXELS }
    }
}

impl Document {
    pub fn fills_frame(&self) -> bool {
        self.touches.iter().all(|t| *t)
    }
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

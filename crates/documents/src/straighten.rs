//! Straightening a document photographed at an angle, as scanner apps do: its four corners are
//! taken to an upright rectangle by a perspective warp (`imageproc`'s four-point projection),
//! and the rectangle keeps the document's true proportions, computed from the perspective
//! (Zhang and He, "Whiteboard scanning and image enhancement", 2007), not snapped to a paper
//! size.

use image::{DynamicImage, Rgb, RgbImage};
use imageproc::geometric_transformations::{Interpolation, Projection, warp_into};

use crate::checks::Corner;
use crate::intake::MAX_PIXELS;

/// Whether four corners (top left, top right, bottom right, bottom left, as fractions) make a
/// convex quadrilateral inside the picture, in that order, large enough to straighten.
pub fn corners_ok(c: &[Corner; 4]) -> bool {
    if !c.iter().all(|p| p.x.is_finite() && p.y.is_finite() && (0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y)) {
        return false;
    }
    // Clockwise on screen (y down): every turn has the same, positive, sign.
    let turns: Vec<f64> = (0..4)
        .map(|i| {
            let (a, b, d) = (c[i], c[(i + 1) % 4], c[(i + 2) % 4]);
            (b.x - a.x) * (d.y - b.y) - (b.y - a.y) * (d.x - b.x)
        })
        .collect();
    let area = 0.5 * (0..4).map(|i| c[i].x * c[(i + 1) % 4].y - c[(i + 1) % 4].x * c[i].y).sum::<f64>();
    turns.iter().all(|t| *t > 0.0) && area > 0.01
}

/// Width over height of the rectangle that four corners (pixels: top left, top right, bottom
/// right, bottom left) are a perspective view of, for a camera centred on a `width`×`height`
/// picture. When the sides are (nearly) parallel the view is affine and the sides' lengths say
/// it directly.
pub fn aspect_ratio(corners: [(f64, f64); 4], width: f64, height: f64) -> f64 {
    let [tl, tr, br, bl] = corners;
    let (u0, v0) = (width / 2.0, height / 2.0);
    let m1 = [tl.0, tl.1, 1.0];
    let m2 = [tr.0, tr.1, 1.0];
    let m3 = [bl.0, bl.1, 1.0];
    let m4 = [br.0, br.1, 1.0];
    let cross = |a: [f64; 3], b: [f64; 3]| [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    let dot = |a: [f64; 3], b: [f64; 3]| a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    let k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
    let k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
    let n2 = [k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 - 1.0];
    let n3 = [k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 - 1.0];
    let affine = || ((n2[0].powi(2) + n2[1].powi(2)) / (n3[0].powi(2) + n3[1].powi(2))).sqrt();
    if !(k2.is_finite() && k3.is_finite()) || (k2 - 1.0).abs() < 1e-4 || (k3 - 1.0).abs() < 1e-4 {
        return sides_ratio(corners);
    }
    let f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
        + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0))
        / (n2[2] * n3[2]);
    if !(f2.is_finite() && f2 > 0.0) {
        let r = affine();
        return if r.is_finite() && r > 0.0 { r } else { sides_ratio(corners) };
    }
    let f = f2.sqrt();
    // |A⁻¹ n|² with A the camera matrix (focal length f, centre u0, v0).
    let norm = |n: [f64; 3]| ((n[0] - u0 * n[2]) / f).powi(2) + ((n[1] - v0 * n[2]) / f).powi(2) + n[2].powi(2);
    let r = (norm(n2) / norm(n3)).sqrt();
    if r.is_finite() && r > 0.0 { r } else { sides_ratio(corners) }
}

/// Mean width over mean height of a quadrilateral.
fn sides_ratio([tl, tr, br, bl]: [(f64, f64); 4]) -> f64 {
    let d = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    (d(tl, tr) + d(bl, br)) / (d(tl, bl) + d(tr, br)).max(1e-9)
}

/// The document inside `corners` (fractions of `image`), upright and in its true proportions,
/// as many pixels across as its longer side had in the picture.
pub fn straighten(image: &DynamicImage, corners: &[Corner; 4]) -> DynamicImage {
    let (w, h) = (image.width() as f64, image.height() as f64);
    let px = corners.map(|c| (c.x * w, c.y * h));
    let (out_w, out_h) = straightened_size(image.width(), image.height(), corners);
    let to = [(0.0, 0.0), (out_w as f32, 0.0), (out_w as f32, out_h as f32), (0.0, out_h as f32)];
    let from = px.map(|(x, y)| (x as f32, y as f32));
    let Some(projection) = Projection::from_control_points(from, to) else { return image.clone() };
    // A photo decodes as RGB: warped from where it lies, not from a full-size copy.
    let converted;
    let rgb = match image.as_rgb8() {
        Some(rgb) => rgb,
        None => {
            converted = image.to_rgb8();
            &converted
        }
    };
    let mut out = RgbImage::new(out_w, out_h);
    warp_into(rgb, &projection, Interpolation::Bilinear, Rgb([255, 255, 255]), &mut out);
    DynamicImage::ImageRgb8(out)
}

/// The size `straighten` gives the document inside `corners` of a `width`×`height` picture.
pub fn straightened_size(width: u32, height: u32, corners: &[Corner; 4]) -> (u32, u32) {
    let (w, h) = (width as f64, height as f64);
    let px = corners.map(|c| (c.x * w, c.y * h));
    let ratio = aspect_ratio(px, w, h).clamp(0.05, 20.0);
    let d = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    // The longer of the measured widths and heights sets the scale; the ratio the other side.
    let across = d(px[0], px[1]).max(d(px[3], px[2]));
    let down = d(px[0], px[3]).max(d(px[1], px[2]));
    let (mut out_w, mut out_h) = if across / ratio >= down { (across, across / ratio) } else { (down * ratio, down) };
    let pixels = out_w * out_h;
    if pixels > MAX_PIXELS as f64 {
        let s = (MAX_PIXELS as f64 / pixels).sqrt();
        (out_w, out_h) = (out_w * s, out_h * s);
    }
    ((out_w.round() as u32).max(1), (out_h.round() as u32).max(1))
}

/// Where a box (fractions of the picture before straightening) lies after it: the largest
/// upright box inside the four-sided shape it becomes, so all of it was inside the original box.
pub fn map_rect(corners: &[Corner; 4], r: &crate::fixes::Rect) -> Option<crate::fixes::Rect> {
    // In thousandths, so the projection is solved on numbers of a sensible size.
    let k = 1000.0f32;
    let from = corners.map(|c| (c.x as f32 * k, c.y as f32 * k));
    let projection = Projection::from_control_points(from, [(0.0, 0.0), (k, 0.0), (k, k), (0.0, k)])?;
    let map = |x: f64, y: f64| {
        let (u, v) = projection * (x as f32 * k, y as f32 * k);
        ((u / k) as f64, (v / k) as f64)
    };
    let [tl, tr, br, bl] = [map(r.x, r.y), map(r.x + r.w, r.y), map(r.x + r.w, r.y + r.h), map(r.x, r.y + r.h)];
    let (x0, x1) = (tl.0.max(bl.0).max(0.0), tr.0.min(br.0).min(1.0));
    let (y0, y1) = (tl.1.max(tr.1).max(0.0), bl.1.min(br.1).min(1.0));
    (x1 > x0 && y1 > y0 && [x0, x1, y0, y1].iter().all(|v| v.is_finite())).then_some(crate::fixes::Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
}

//! Is there a seal on this page? A Chinese company seal prints as a red ring (with a star and
//! the company's name inside), about 40 mm across. The page is looked at reduced, red ink is
//! gathered into blobs on a coarse grid (so a ring broken by uneven ink stays one blob), and a
//! blob counts as a seal when it is about as wide as it is tall, of a seal's size on the page,
//! and has ink all around its centre, as a ring has. A red signature or a red tick is none of
//! these. The answer is a warning to the user, never a refusal, so it leans to "found".

use image::DynamicImage;

/// The longest side the page is reduced to.
const SIDE: u32 = 700;
/// Grid cell, in pixels of the reduced page (about 1.8 mm on an A4 page).
const CELL: u32 = 5;

/// Whether a red, roughly circular impression is on the page.
pub fn has_seal(image: &DynamicImage) -> bool {
    let small = if image.width().max(image.height()) > SIDE { image.thumbnail(SIDE, SIDE) } else { image.clone() };
    let rgb = small.to_rgb8();
    let (w, h) = rgb.dimensions();
    if w < 40 || h < 40 {
        return false;
    }
    let red = |x: u32, y: u32| {
        let p = rgb.get_pixel(x, y).0;
        let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
        r >= 110 && r - g >= 55 && r - b >= 40
    };
    // Red cells: a cell holding a few red pixels.
    let (gw, gh) = (w.div_ceil(CELL), h.div_ceil(CELL));
    let mut cells = vec![false; (gw * gh) as usize];
    for gy in 0..gh {
        for gx in 0..gw {
            let mut n = 0;
            for y in gy * CELL..((gy + 1) * CELL).min(h) {
                for x in gx * CELL..((gx + 1) * CELL).min(w) {
                    n += red(x, y) as u32;
                }
            }
            cells[(gy * gw + gx) as usize] = n >= 2;
        }
    }
    // Blobs of red cells, joined across one empty cell (a break in the ink).
    let mut seen = vec![false; cells.len()];
    let page = w.min(h) as f32;
    for start in 0..cells.len() {
        if !cells[start] || seen[start] {
            continue;
        }
        let mut blob = Vec::new();
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(i) = stack.pop() {
            blob.push(i);
            let (cx, cy) = ((i as u32 % gw) as i64, (i as u32 / gw) as i64);
            for dy in -2..=2i64 {
                for dx in -2..=2i64 {
                    let (nx, ny) = (cx + dx, cy + dy);
                    if nx < 0 || ny < 0 || nx >= gw as i64 || ny >= gh as i64 {
                        continue;
                    }
                    let j = (ny as u32 * gw + nx as u32) as usize;
                    if cells[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if is_ring(&blob, gw, page) {
            return true;
        }
    }
    false
}

/// A blob of cells shaped like a seal: square-ish, 7% to 45% of the page's short side across,
/// with cells in at least 10 of 12 directions around its centre, near its rim.
fn is_ring(blob: &[usize], gw: u32, page: f32) -> bool {
    if blob.len() < 12 {
        return false;
    }
    let xs = blob.iter().map(|i| (*i as u32 % gw) as f32);
    let ys = blob.iter().map(|i| (*i as u32 / gw) as f32);
    let (x0, x1) = xs.clone().fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (y0, y1) = ys.clone().fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (bw, bh) = (x1 - x0 + 1.0, y1 - y0 + 1.0);
    let size = bw.max(bh) * CELL as f32 / page;
    if !(0.07..=0.45).contains(&size) || bw / bh < 0.7 || bw / bh > 1.43 {
        return false;
    }
    let (cx, cy, r) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0, (bw + bh) / 4.0);
    let mut sectors = [false; 12];
    for i in blob {
        let (dx, dy) = ((*i as u32 % gw) as f32 - cx, (*i as u32 / gw) as f32 - cy);
        let d = (dx * dx + dy * dy).sqrt();
        if d >= r * 0.65 && d <= r * 1.25 {
            let a = dy.atan2(dx).rem_euclid(std::f32::consts::TAU);
            sectors[((a / std::f32::consts::TAU * 12.0) as usize).min(11)] = true;
        }
    }
    sectors.iter().filter(|s| **s).count() >= 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn page() -> RgbImage {
        RgbImage::from_pixel(1240, 1754, Rgb([250, 250, 248]))
    }

    #[test]
    fn a_red_ring_is_a_seal_a_red_line_is_not() {
        let mut with = page();
        for a in 0..3600 {
            let t = a as f32 / 3600.0 * std::f32::consts::TAU;
            for dr in 0..8 {
                let r = 110.0 - dr as f32;
                with.put_pixel((400.0 + r * t.cos()) as u32, (900.0 + r * t.sin()) as u32, Rgb([210, 40, 40]));
            }
        }
        assert!(has_seal(&DynamicImage::ImageRgb8(with)));
        let mut line = page();
        for x in 300..700 {
            for y in 900..906 {
                line.put_pixel(x, y + (x / 40), Rgb([210, 40, 40]));
            }
        }
        assert!(!has_seal(&DynamicImage::ImageRgb8(line)));
        assert!(!has_seal(&DynamicImage::ImageRgb8(page())));
    }
}

//! What the checks measure over an area of the analysed copy: brightness, sharpness, glare.

use image::{GrayImage, Luma};
use imageproc::contrast::{ThresholdType, threshold};
use imageproc::region_labelling::{Connectivity, connected_components};

use super::{GLARE_AREA, GLARE_MAX_AREA};

/// Mean, 95th percentile and standard deviation of grey over `region`.
pub(super) fn brightness(gray: &GrayImage, region: &[bool]) -> (f64, u8, f64) {
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
pub(super) fn sharpness(gray: &GrayImage, region: &[bool]) -> f64 {
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
pub(super) fn glare(gray: &GrayImage) -> f64 {
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

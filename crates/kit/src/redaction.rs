//! Whether a file hides something, derived from what was done to it: the fixes burnt into
//! its original (kept after "keep only the fixed version") and the fixes of its current
//! version. A bundle's claim is checked against the pixels before it counts.

use documents::fixes::{Fix, Rect};
use documents::intake;
use serde_json::Value;

/// At most this many hidden boxes are taken from a bundle: more is not a redaction.
const MAX_BOXES: usize = 64;

/// The whole history of attachment `id`'s current version: kept fixes, then the current ones.
pub(crate) fn history(id: &str, kept: &Value, fixes: &[Fix]) -> crate::Result<Vec<Fix>> {
    Ok([crate::facts::fixes(kept, id)?.as_slice(), fixes].concat())
}

pub(crate) fn is_redacted(history: &[Fix]) -> bool {
    history.iter().any(|f| matches!(f, Fix::Redact { .. }))
}

/// The boxes hidden in the current version, as fractions of that picture: each box follows
/// the rotations and crops made after it (a box cropped away entirely no longer counts).
pub(crate) fn hidden_boxes(history: &[Fix]) -> Vec<Rect> {
    let mut boxes: Vec<Rect> = Vec::new();
    for fix in history {
        match fix {
            Fix::Redact { rects } => boxes.extend(rects.iter().copied()),
            Fix::Rotate { quarter_turns } => {
                for _ in 0..*quarter_turns % 4 {
                    // A quarter turn clockwise takes the point (x, y) to (1 - y, x).
                    boxes = boxes.iter().map(|r| Rect { x: 1.0 - (r.y + r.h), y: r.x, w: r.h, h: r.w }).collect();
                }
            }
            Fix::Straighten { corners } => {
                boxes = boxes.iter().filter_map(|r| documents::straighten::map_rect(corners, r)).collect();
            }
            Fix::Crop { rect: c } => {
                boxes = boxes
                    .iter()
                    .filter_map(|r| {
                        let x0 = ((r.x - c.x) / c.w).max(0.0);
                        let y0 = ((r.y - c.y) / c.h).max(0.0);
                        let x1 = ((r.x + r.w - c.x) / c.w).min(1.0);
                        let y1 = ((r.y + r.h - c.y) / c.h).min(1.0);
                        (x1 > x0 && y1 > y0).then_some(Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
                    })
                    .collect();
            }
        }
    }
    boxes
}

/// The boxes a bundle says are hidden in `bytes`, if every one really is solid black in the
/// picture; `None` when the claim does not hold (or there is nothing to check).
pub(crate) fn verified(bytes: &[u8], boxes: &[Rect]) -> Option<Vec<Rect>> {
    if boxes.is_empty() || boxes.len() > MAX_BOXES || (Fix::Redact { rects: boxes.to_vec() }).check().is_err() {
        return None;
    }
    let media = intake::sniff(bytes).ok().filter(|m| m.is_image())?;
    let (orientation, _) = intake::exif_facts(bytes);
    let image = intake::upright(intake::decode_full(bytes, media).ok()?, orientation).into_luma8();
    let (w, h) = image.dimensions();
    for r in boxes {
        let x0 = ((r.x * w as f64).floor() as u32).min(w - 1);
        let y0 = ((r.y * h as f64).floor() as u32).min(h - 1);
        let x1 = (((r.x + r.w) * w as f64).ceil() as u32).clamp(x0 + 1, w);
        let y1 = (((r.y + r.h) * h as f64).ceil() as u32).clamp(y0 + 1, h);
        // JPEG blurs a box's edges by a pixel or two: look inside them.
        let m = 2.min((x1 - x0 - 1) / 2).min((y1 - y0 - 1) / 2);
        for y in y0 + m..y1 - m {
            for x in x0 + m..x1 - m {
                if image.get_pixel(x, y).0[0] > 40 {
                    return None;
                }
            }
        }
    }
    Some(boxes.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Rect, b: Rect) -> bool {
        [(a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)].iter().all(|(p, q)| (p - q).abs() < 1e-9)
    }

    #[test]
    fn boxes_follow_later_turns_and_crops() {
        let hide = Fix::Redact { rects: vec![Rect { x: 0.1, y: 0.2, w: 0.3, h: 0.1 }] };
        let turned = hidden_boxes(&[hide.clone(), Fix::Rotate { quarter_turns: 1 }]);
        assert!(close(turned[0], Rect { x: 0.7, y: 0.1, w: 0.1, h: 0.3 }), "{turned:?}");
        let round = hidden_boxes(&[hide.clone(), Fix::Rotate { quarter_turns: 2 }, Fix::Rotate { quarter_turns: 2 }]);
        assert!(close(round[0], Rect { x: 0.1, y: 0.2, w: 0.3, h: 0.1 }), "{round:?}");
        let cropped = hidden_boxes(&[hide.clone(), Fix::Crop { rect: Rect { x: 0.0, y: 0.0, w: 0.5, h: 0.5 } }]);
        assert!(close(cropped[0], Rect { x: 0.2, y: 0.4, w: 0.6, h: 0.2 }), "{cropped:?}");
        assert!(hidden_boxes(&[hide, Fix::Crop { rect: Rect { x: 0.5, y: 0.5, w: 0.5, h: 0.5 } }]).is_empty(), "cropped away");
    }
}

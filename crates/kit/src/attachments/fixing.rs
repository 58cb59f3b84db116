//! Fixes (rotate, crop, hide, straighten) made as new versions of a file, undone one by one,
//! kept, or dismissed warnings.

use documents::fixes::{self, Fix};
use documents::intake;
use store::{AttachmentRow, FixedVersion};

use super::{fix_failed, unreadable_stored};
use crate::{CaseView, Kit, KitError, Result};

impl Kit {
    /// Adds a fix (rotate, crop, redact) on top of the attachment's earlier ones.
    pub fn fix_attachment(&mut self, id: &str, fix: Fix) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        let mut list = crate::facts::fixes(&row.fixes, &row.id)?;
        list.push(fix);
        self.set_fixes(&row, list)
    }

    /// Takes back the last fix.
    pub fn undo_fix(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        let mut list = crate::facts::fixes(&row.fixes, &row.id)?;
        if list.pop().is_none() {
            return Err(KitError::field("fix", crate::tr!("there is no fix to undo", "没有可撤销的修正")));
        }
        self.set_fixes(&row, list)
    }

    fn set_fixes(&mut self, row: &AttachmentRow, list: Vec<Fix>) -> Result<CaseView> {
        let original = self.store.file(&row.case_id, &row.original)?;
        let fixes_json = serde_json::to_value(&list).unwrap_or_default();
        let (seen, file) = if list.is_empty() {
            (intake::inspect(&original).map_err(|e| unreadable_stored(&e))?, None)
        } else {
            let (bytes, media) = fixes::render(&original, &list).map_err(|e| fix_failed(&e))?;
            (intake::inspect(&bytes).map_err(|e| unreadable_stored(&e))?, Some((bytes, media)))
        };
        let checks = serde_json::to_value(&seen.checks).unwrap_or_default();
        self.store.set_fixed(
            &row.id,
            FixedVersion { was: &row.fixes, fixes: &fixes_json, file: file.as_ref().map(|(b, m)| (b.as_slice(), m.mime())), thumbnail: &seen.thumbnail, checks: &checks },
        )?;
        self.case(&row.case_id)
    }

    /// Dismisses a finding on a file (`blurry`, `tilted`...): the user has looked and keeps the
    /// file as it is. The timeline records it; the file no longer makes its item need attention
    /// for that finding.
    pub fn dismiss_check(&mut self, id: &str, check: &str) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        // The warnings as the case shows them: the picture's own and those a letter code raises.
        let shown = self.case(&row.case_id)?;
        let standing: Vec<&str> = shown.items.iter().flat_map(|i| &i.files).filter(|f| f.id == row.id).flat_map(|f| &f.checks).map(|c| c.id.as_str()).collect();
        let Some(found) = standing.iter().find(|c| **c == check) else {
            let name = &row.name;
            if standing.is_empty() {
                return Err(KitError::field("check", crate::tr!("the file {name} has no `{check}` warning to dismiss (it has no warnings)", "文件 {name} 没有可忽略的 `{check}` 提示（它没有任何提示）")));
            }
            let has = standing.join(", ");
            return Err(KitError::field("check", crate::tr!("the file {name} has no `{check}` warning to dismiss (its warnings: {has})", "文件 {name} 没有可忽略的 `{check}` 提示（它的提示：{has}）")));
        };
        self.store.dismiss_check(id, found)?;
        self.case(&row.case_id)
    }

    /// The straighten fix for a file, from the corners its `tilted` finding suggests.
    pub fn suggested_straighten(&self, id: &str) -> Result<Fix> {
        let row = self.store.attachment(id, false)?;
        match crate::checks::suggested_corners(&crate::checks::stored(&row.checks)) {
            Some(corners) => Ok(Fix::Straighten { corners }),
            None => Err(KitError::field("fix", crate::tr!("no document seen at an angle was found in {}; crop or rotate it instead", "在 {} 中没有找到斜拍的文件；请改为裁剪或旋转", row.name))),
        }
    }

    /// Keeps only the fixed version: the original (with the digits a redaction hides) is gone
    /// for good at the next start-up.
    pub fn discard_original(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        if row.fixed.is_none() {
            return Err(KitError::field("fix", crate::tr!("this file has no fixed version; the original is what will be sent", "此文件没有修正后的版本；将提交的是原件")));
        }
        self.store.discard_original(id)?;
        self.case(&row.case_id)
    }

    /// A box given as `X,Y,W,H` in pixels of the file's current version, upright, as the
    /// fractions a fix takes.
    pub fn pixel_box(&self, id: &str, text: &str) -> Result<fixes::Rect> {
        let bad = || KitError::field("fix", crate::tr!("`{text}` is not a box; write X,Y,W,H in pixels, e.g. 120,80,400,60", "`{text}` 不是方框；请以像素写成 X,Y,W,H，例如 120,80,400,60"));
        let n: Vec<u32> = text.split(',').map(|p| p.trim().parse::<u32>()).collect::<std::result::Result<_, _>>().map_err(|_| bad())?;
        let [x, y, w, h] = n.as_slice() else { return Err(bad()) };
        let (_, bytes, media) = self.attachment_file(id)?;
        if !media.is_image() {
            return Err(KitError::field("fix", crate::error_text::fix(&fixes::FixError::NotAnImage)));
        }
        let size = intake::inspect(&bytes).map_err(|e| unreadable_stored(&e))?;
        let (width, height) = (size.width, size.height);
        if *w == 0 || *h == 0 || x.checked_add(*w).is_none_or(|e| e > width) || y.checked_add(*h).is_none_or(|e| e > height) {
            return Err(KitError::field("fix", crate::tr!("the box {text} does not lie inside the {width}x{height} picture", "方框 {text} 不在 {width}x{height} 的图片之内")));
        }
        // A thousandth of a pixel inward, so turning the fractions back into whole pixels
        // (floor of the start, ceiling of the end) gives exactly the pixels asked for.
        let (fw, fh) = (width as f64, height as f64);
        Ok(fixes::Rect { x: (*x as f64 + 1e-3) / fw, y: (*y as f64 + 1e-3) / fh, w: (*w as f64 - 2e-3) / fw, h: (*h as f64 - 2e-3) / fh })
    }

}

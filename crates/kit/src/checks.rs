//! Findings on attached files as people read them (CONTRACTS.md section 7): each stored file
//! version carries what the picture checks found at intake (`documents::checks`); here they
//! get their message, in the case's language, with the provider's own words where they apply,
//! and the ones the user dismissed are left out.
//!
//! Findings that need the case come from the letter code read on a scan (`letter_scans`):
//! `letter_other_case`, `letter_outdated` and `no_seal` join the stored ones in `findings`; the
//! views, the item's status, the manifest and `appeal-kit check --dismiss` take them alike.

use documents::checks::{CheckId, Corner, Finding};
use rules::Language;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// One finding as `case show --json` gives it: `{"id", "message"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckView {
    pub id: CheckId,
    pub message: String,
}

/// The stored findings of a file version (a JSON list), read tolerantly: an entry this
/// version does not know is skipped.
pub fn stored(checks: &Value) -> Vec<Finding> {
    checks.as_array().map(|a| a.iter().filter_map(|f| serde_json::from_value(f.clone()).ok()).collect()).unwrap_or_default()
}

/// The ids a user dismissed on an attachment.
pub fn dismissed(dismissed: &Value) -> Vec<CheckId> {
    dismissed.as_array().map(|a| a.iter().filter_map(|d| d.as_str().and_then(CheckId::parse)).collect()).unwrap_or_default()
}

/// What a recognised letter scan's code means for the case it is attached to: another case's
/// letter, a letter printed before the case changed (said only of this case's letters), a
/// letter that needs the official seal with no red seal seen (on the page of the file holding
/// its last page, named when the file has more than one).
pub fn letter_findings(r: &crate::letter_scans::Recognised, pages: u32) -> Vec<Finding> {
    let mut out = Vec::new();
    if r.other_case {
        out.push(Finding::new(CheckId::LetterOtherCase));
    } else if !r.letter.current {
        out.push(Finding::new(CheckId::LetterOutdated));
    }
    if let Some((page, _)) = &r.no_seal {
        out.push(Finding { page: (pages > 1).then_some(*page), ..Finding::new(CheckId::NoSeal) });
    }
    out
}

/// The findings that stand on a file: stored ones and those from the case (`letter_findings`),
/// less the dismissed, one per id (the first page it was found on).
pub fn findings(checks: &Value, from_case: &[Finding], dismissed_ids: &Value) -> Vec<Finding> {
    let gone = dismissed(dismissed_ids);
    let mut out: Vec<Finding> = Vec::new();
    for f in stored(checks).into_iter().chain(from_case.iter().cloned()) {
        if !gone.contains(&f.id) && !out.iter().any(|o| o.id == f.id) {
            out.push(f);
        }
    }
    out
}

/// The corners straightening starts from: those of a `tilted` finding that stands.
pub fn suggested_corners(findings: &[Finding]) -> Option<[Corner; 4]> {
    findings.iter().find(|f| f.id == CheckId::Tilted).and_then(|f| f.corners)
}

/// The findings as people read them; `seal_rule` is the sentence of the letter's source that
/// asks for the seal (quoted with `no_seal`).
pub fn views(findings: &[Finding], provider: &str, lang: Language, seal_rule: Option<&str>) -> Vec<CheckView> {
    findings.iter().map(|f| CheckView { id: f.id, message: message(f, provider, lang, seal_rule) }).collect()
}

/// What a finding means, in plain words, and the provider's requirement it touches.
pub fn message(f: &Finding, provider: &str, lang: Language, seal_rule: Option<&str>) -> String {
    let zh = lang == Language::Zh;
    let text = match (f.id, zh) {
        (CheckId::Blurry, false) => "The picture looks blurred: small print may not be readable. Take it again, holding the camera still, or scan it.",
        (CheckId::Blurry, true) => "图片看起来模糊，小字可能无法辨认。请拿稳相机重拍，或改用扫描。",
        (CheckId::TooSmall, false) => "The document is too small in the picture for small print to be read. Take it closer, or scan it at a higher resolution.",
        (CheckId::TooSmall, true) => "文件在图片中太小，小字无法辨认。请靠近重拍，或以更高分辨率扫描。",
        (CheckId::TooDark, false) => "The picture is too dark to read. Take it again in better light.",
        (CheckId::TooDark, true) => "图片太暗，无法辨认。请在光线充足处重拍。",
        (CheckId::Overexposed, false) => "Part of the document is blown out by glare or strong light. Take it again without light reflecting on it.",
        (CheckId::Overexposed, true) => "文件有部分因反光或强光而一片白。请避开反光重拍。",
        (CheckId::CutOff, false) => "The document runs off the edge of the picture: a corner or an edge is missing. Take it again with all four edges in view.",
        (CheckId::CutOff, true) => "文件超出了图片边缘，缺少一角或一边。请重拍，让四条边都在画面内。",
        (CheckId::Tilted, false) => "The document is seen at an angle. Straighten it here, or take it again from straight above.",
        (CheckId::Tilted, true) => "文件是斜着拍的。可在此处拉正，或从正上方重拍。",
        (CheckId::NoSeal, false) => "No red seal impression was found on this letter, which must be stamped with the official seal.",
        (CheckId::NoSeal, true) => "未在这封函件上找到红色印章，而它须加盖公章。",
        (CheckId::LetterOtherCase, false) => "This is a letter Appeal Kit printed for another case.",
        (CheckId::LetterOtherCase, true) => "这是 Appeal Kit 为另一个案件打印的函件。",
        (CheckId::LetterOutdated, false) => "This letter was printed before the case's details changed; print it again.",
        (CheckId::LetterOutdated, true) => "这封函件打印后，案件信息已有变动；请重新打印。",
    };
    let page = match (f.page, zh) {
        (Some(p), false) => format!("Page {p}: "),
        (Some(p), true) => format!("第 {p} 页："),
        (None, _) => String::new(),
    };
    match source(f.id, provider, zh, seal_rule) {
        Some(quote) => format!("{page}{text} {quote}"),
        None => format!("{page}{text}"),
    }
}

/// The provider's words a finding answers to (quoted verbatim from the source, in its language):
/// for `no_seal`, the letter item's own source sentence.
fn source(id: CheckId, provider: &str, zh: bool, seal_rule: Option<&str>) -> Option<String> {
    let picture = matches!(id, CheckId::Blurry | CheckId::TooSmall | CheckId::TooDark | CheckId::Overexposed | CheckId::CutOff | CheckId::Tilted);
    let (who, quote) = match provider {
        "huawei-cloud" if id == CheckId::NoSeal => ("Huawei Cloud", seal_rule?),
        "alibaba-cloud" if id == CheckId::NoSeal => ("Alibaba Cloud", seal_rule?),
        "huawei-cloud" if picture => ("Huawei Cloud", "must be clear"),
        "alibaba-cloud" if picture => ("Alibaba Cloud", "Common reasons for rejection include documents that do not meet the requirements"),
        _ => return None,
    };
    Some(if zh { format!("{who}：“{quote}”") } else { format!("{who}: \"{quote}\"") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dismissed_and_repeated_findings_are_left_out_and_messages_quote_the_source() {
        let stored = json!([{ "id": "blurry", "page": 2 }, { "id": "blurry", "page": 3 }, { "id": "too_dark" }, { "id": "not_a_check_yet" }]);
        let f = findings(&stored, &[], &json!(["too_dark"]));
        assert_eq!(f.len(), 1);
        let v = views(&f, "huawei-cloud", Language::En, None);
        assert_eq!(serde_json::to_value(&v).unwrap()[0]["id"], "blurry");
        assert!(v[0].message.starts_with("Page 2: ") && v[0].message.contains("\"must be clear\""), "{}", v[0].message);
        let zh = views(&f, "alibaba-cloud", Language::Zh, None);
        assert!(zh[0].message.contains("模糊") && zh[0].message.contains("do not meet the requirements"), "{}", zh[0].message);
    }
}

//! Clean text for every value a person types (titles, profile and information values,
//! tickets) and safe text for the terminal.
//!
//! A value is refused, with the reason, when it is too long or holds control characters (a
//! newline in a one-line field would add lines to a letter; an escape sequence in a title
//! would rewrite the terminal). Only multi-line fields (`reason`, explanations) keep newlines.

use std::borrow::Cow;

use crate::{KitError, Result};

/// One-line values: names, numbers, titles, tickets.
pub const MAX_LINE: usize = 200;
/// Multi-line values: the applicant's own words.
pub const MAX_TEXT: usize = 2000;

/// Characters that change how text is laid out or shown, rather than being text: C0 and C1
/// controls, DEL, bidirectional overrides and isolates (they reorder what is shown), and the
/// Unicode line and paragraph separators.
fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

fn describe(c: char) -> crate::error::Text {
    match c {
        '\n' | '\r' => crate::tr!("a line break", "换行"),
        '\t' => crate::tr!("a tab", "制表符"),
        c => crate::tr!("a control character (U+{:04X})", "控制字符（U+{:04X}）", c as u32),
    }
}

/// A one-line value, trimmed: at most `max` characters, no line breaks or control characters.
pub fn one_line(field: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if let Some(c) = value.chars().find(|c| is_control(*c)) {
        let what = describe(c);
        return Err(KitError::field(field, crate::error::lead("keep it on one line, without ", "请写在一行之内，不要有", &what)));
    }
    if value.chars().count() > max {
        return Err(KitError::field(field, crate::tr!("keep it under {max} characters", "请不要超过 {max} 个字符")));
    }
    Ok(value.to_string())
}

/// A multi-line value, trimmed, line breaks as `\n`: at most `max` characters, no control
/// characters but line breaks and tabs.
pub fn multi_line(field: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim().replace("\r\n", "\n");
    if let Some(c) = value.chars().find(|c| is_control(*c) && !matches!(c, '\n' | '\t')) {
        let what = describe(c);
        return Err(KitError::field(field, crate::error::lead("remove ", "请去掉", &what)));
    }
    if value.chars().count() > max {
        return Err(KitError::field(field, crate::tr!("keep it under {max} characters", "请不要超过 {max} 个字符")));
    }
    Ok(value)
}

/// A file's name as given by the system or a bundle, made safe to keep and show: control
/// characters become `_`, and it is cut to a length people can read.
pub fn file_name(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if is_control(c) { '_' } else { c }).take(MAX_LINE).collect();
    if cleaned.trim().is_empty() { "file".into() } else { cleaned }
}

/// Text for the terminal: control characters shown as `\u{…}` escapes (newlines too, so one
/// value stays one line), never sent as they are.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if is_control(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect())
}

/// Like `printable`, keeping line breaks (for multi-line values shown on their own lines).
pub fn printable_lines(text: &str) -> String {
    text.split('\n').map(|l| printable(l).into_owned()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_refused_with_the_reason() {
        assert_eq!(one_line("title", "  Shop  ", 10).unwrap(), "Shop");
        assert!(one_line("title", "a\nb", 10).unwrap_err().to_string().contains("one line, without a line break"));
        assert!(one_line("title", "\u{1b}[2J", 10).unwrap_err().to_string().contains("U+001B"));
        assert!(one_line("title", "abc\u{202E}cba", 10).unwrap_err().to_string().contains("U+202E"));
        assert!(one_line("title", &"x".repeat(11), 10).unwrap_err().to_string().contains("under 10 characters"));
        assert_eq!(one_line("title", "香港 帐户", 5).unwrap(), "香港 帐户", "characters, not bytes");
        assert_eq!(multi_line("reason", "one\r\ntwo\n\tthree", 100).unwrap(), "one\ntwo\n\tthree");
        assert!(multi_line("reason", "bell\u{7}", 100).is_err());
        assert_eq!(printable("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\u{a}");
        assert_eq!(file_name("scan\u{1b}.jpg"), "scan_.jpg");
    }
}

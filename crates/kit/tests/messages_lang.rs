//! Every message kit and the desktop shell show exists in English and Chinese (issue 14,
//! CONTRACTS.md section 9): each `tr!("en", "zh", …)`, `lead("en", "zh", …)` and
//! `Text::new("en", "zh")` in the sources has real Chinese beside English, with the same
//! placeholders. (A message without its Chinese does not build: the error type takes a `Text`,
//! and the other crates' errors are rendered by exhaustive matches in `kit::error_text`.)

use std::path::{Path, PathBuf};

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal starting at `text` (after spaces and a comma), and what follows it.
fn literal(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, e)) = chars.next() {
                    out.push(e);
                }
            }
            '"' => return Some((out, &body[i + 1..])),
            c => out.push(c),
        }
    }
    None
}

/// The `{…}` placeholders of a format string, `{{` escapes left out, sorted.
fn placeholders(s: &str) -> Vec<String> {
    let s = s.replace("{{", "").replace("}}", "");
    let mut out: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name.split(':').next().unwrap_or("").to_string())).collect();
    out.sort();
    out
}

#[test]
fn every_message_in_the_sources_has_english_and_chinese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "../rules/src", "../../src-tauri/src"] {
        sources(&root.join(dir), &mut files);
    }
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for marker in ["tr!(", "lead(", "Text::new("] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + marker.len()..];
                // `include_str!(` is not `tr!(`.
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // A definition or a call with computed texts is not a message written here.
                let Some((en, after)) = literal(rest) else { continue };
                let Some((zh, _)) = literal(after) else {
                    problems.push(format!("{}: `{en}` has no Chinese beside it", file.display()));
                    continue;
                };
                checked += 1;
                // The English may name a value people type in Chinese (是/否), never the reverse.
                if !en.chars().any(|c| c.is_ascii_alphabetic()) || !has_cjk(&zh) {
                    problems.push(format!("{}: `{en}` / `{zh}`: English first, then Chinese", file.display()));
                }
                // The same values; the Chinese may leave out an English plural's `{s}`.
                let (e, z) = (placeholders(&en), placeholders(&zh));
                let positional = |p: &[String]| p.iter().filter(|n| n.is_empty() || n.chars().all(|c| c.is_ascii_digit())).count();
                if positional(&e) != positional(&z) || z.iter().any(|n| !e.contains(n)) {
                    problems.push(format!("{}: `{en}` / `{zh}`: different placeholders", file.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 120, "only {checked} messages found: has the macro been renamed?");
}

#[test]
fn no_error_is_made_from_english_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "../../src-tauri/src"] {
        sources(&root.join(dir), &mut files);
    }
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for bad in ["KitError::field(\"", "ErrorKind::Validation, message: \"", "internal(\""] {
            for line in text.lines().filter(|l| l.contains(bad)) {
                // `KitError::field("name", tr!(...))`: the field's name is an id, not a message.
                if bad.starts_with("KitError::field") && line.split_once(bad).is_some_and(|(_, r)| r.split_once("\", ").is_some_and(|(_, r)| !r.starts_with('"') && !r.starts_with("format!"))) {
                    continue;
                }
                panic!("{}: an English-only message: {line}", file.display());
            }
        }
    }
}

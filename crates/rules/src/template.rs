//! Texts filled from a case: `{profile.FIELD}`, `{answer.QUESTION}` and `{materials}` (the
//! checklist's item titles, numbered). `{profile.FIELD|fallback}` prints the fallback while the
//! field is empty; a line whose placeholder has no fallback and no value is left out, so
//! optional lines ("Contact phone: …") appear only when there is something to say. Placeholders
//! are checked when the pack loads: a renamed question or field fails there, not in a letter.

/// The profile fields of a case (CONTRACTS.md section 4).
pub const PROFILE_FIELDS: &[&str] = &[
    "account_name",
    "holder_name",
    "holder_id_number",
    "uscc",
    "legal_representative",
    "agent_name",
    "agent_id_number",
    "contact_phone",
    "contact_email",
    "new_secure_phone",
    "new_company_name",
    "new_company_uscc",
    "reason",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    Profile { field: String, fallback: Option<String> },
    Answer { question: String, fallback: Option<String> },
    Materials,
    /// The date the text is made, e.g. on a letter.
    Date,
}

/// The pieces of a line: literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Hole(Placeholder),
}

fn parse_line(line: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| format!("`{{` without `}}` in {line:?}"))?;
        let inner = &after[..close];
        let (name, fallback) = match inner.split_once('|') {
            Some((n, f)) => (n, Some(f.to_string())),
            None => (inner, None),
        };
        let hole = match name.split_once('.') {
            Some(("profile", field)) => Placeholder::Profile { field: field.to_string(), fallback },
            Some(("answer", question)) => Placeholder::Answer { question: question.to_string(), fallback },
            None if name == "materials" => Placeholder::Materials,
            None if name == "date" => Placeholder::Date,
            _ => return Err(format!("unknown placeholder {{{inner}}}; use {{profile.FIELD}}, {{answer.QUESTION}}, {{materials}} or {{date}}")),
        };
        out.push(Piece::Hole(hole));
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("`}}` without `{{` in {line:?}"));
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    Ok(out)
}

/// Every placeholder of a text, or why the text is malformed.
pub fn placeholders(text: &str) -> Result<Vec<Placeholder>, String> {
    let mut out = Vec::new();
    for line in text.lines() {
        for piece in parse_line(line)? {
            if let Piece::Hole(h) = piece {
                out.push(h);
            }
        }
    }
    Ok(out)
}

/// What the placeholders stand for in one case.
pub trait Values {
    fn profile(&self, field: &str) -> Option<String>;
    fn answer(&self, question: &str) -> Option<String>;
    fn materials(&self) -> Vec<String>;
    fn date(&self) -> Option<String> {
        None
    }
}

/// The text with its placeholders filled (see the module comment for empty values).
pub fn fill(text: &str, values: &dyn Values) -> String {
    let mut out = Vec::new();
    'lines: for line in text.lines() {
        let Ok(pieces) = parse_line(line) else { continue };
        let mut filled = String::new();
        for piece in pieces {
            match piece {
                Piece::Text(t) => filled.push_str(&t),
                Piece::Hole(Placeholder::Materials) => {
                    let list: Vec<String> = values.materials().iter().enumerate().map(|(n, m)| format!("{}. {m}", n + 1)).collect();
                    filled.push_str(&list.join("\n"));
                }
                Piece::Hole(hole) => {
                    let (value, fallback) = match hole {
                        Placeholder::Profile { field, fallback } => (values.profile(&field), fallback),
                        Placeholder::Answer { question, fallback } => (values.answer(&question), fallback),
                        Placeholder::Date => (values.date(), None),
                        Placeholder::Materials => (None, None),
                    };
                    match (value.filter(|v| !v.trim().is_empty()), fallback) {
                        (Some(v), _) => filled.push_str(&v),
                        (None, Some(f)) => filled.push_str(&f),
                        (None, None) => continue 'lines,
                    }
                }
            }
        }
        out.push(filled);
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct V;
    impl Values for V {
        fn profile(&self, field: &str) -> Option<String> {
            (field == "account_name").then(|| "ops-01".to_string())
        }
        fn answer(&self, question: &str) -> Option<String> {
            (question == "holder").then(|| "person".to_string())
        }
        fn materials(&self) -> Vec<String> {
            vec!["ID card".into(), "Invoices".into()]
        }
    }

    #[test]
    fn fills_drops_empty_lines_and_uses_fallbacks() {
        let text = "Account {profile.account_name}, holder {profile.holder_name|xxx}, a {answer.holder}.\n{materials}\nPhone: {profile.contact_phone}\nEnd";
        assert_eq!(fill(text, &V), "Account ops-01, holder xxx, a person.\n1. ID card\n2. Invoices\nEnd");
    }

    #[test]
    fn malformed_placeholders_are_reported() {
        assert!(placeholders("a {profile.x").unwrap_err().contains("without"));
        assert!(placeholders("a {case.x}").unwrap_err().contains("unknown placeholder"));
        assert!(placeholders("a } b").unwrap_err().contains("without"));
        assert_eq!(placeholders("{materials} {answer.q|-}").unwrap(), [Placeholder::Materials, Placeholder::Answer { question: "q".into(), fallback: Some("-".into()) }]);
    }
}

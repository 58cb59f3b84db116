//! File names Appeal Kit suggests when it saves something: readable, and safe on every system.

use documents::Lang;

use crate::{Kit, Result};

/// A case title as part of a file name: characters no system allows become `_`, at most 60.
pub fn safe(title: &str) -> String {
    let cleaned: String = title.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).take(60).collect();
    cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string()
}

/// "Main account.zip": the bundle of one case.
pub fn bundle(title: &str) -> String {
    let safe = safe(title);
    format!("{}.zip", if safe.is_empty() { "appeal" } else { &safe })
}

/// "Main account - authorization-letter-zh.pdf": the case, the letter and its language.
pub fn letter(title: &str, item: &str, lang: Lang) -> String {
    let lang = match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
        Lang::Bilingual => "bilingual",
    };
    let letter = format!("{}-{lang}.pdf", item.replace('_', "-"));
    match safe(title) {
        s if s.is_empty() => letter,
        s => format!("{s} - {letter}"),
    }
}

/// "letters-march.pdf": the letters of many cases, named after their tag, else today.
pub fn letters(tag: Option<&str>) -> String {
    letters_on(tag, &crate::appeal::today().to_string())
}

fn letters_on(tag: Option<&str>, today: &str) -> String {
    format!("letters-{}.pdf", safe(tag.unwrap_or(today)))
}

/// "Main account-1a2b3c4d.zip", then "… (2).zip": one of many bundles written into a folder.
pub fn batch_bundle(title: &str, id: &str, n: u32) -> String {
    let safe = safe(title);
    let stem = if safe.is_empty() { id.to_string() } else { format!("{safe}-{id}") };
    if n == 1 { format!("{stem}.zip") } else { format!("{stem} ({n}).zip") }
}

impl Kit {
    /// The name the save dialog suggests for a case's bundle.
    pub fn bundle_file_name(&self, id: &str) -> Result<String> {
        Ok(bundle(&self.store.get(id)?.title))
    }

    /// The name the save dialog suggests for a case's letter.
    pub fn letter_file_name(&self, id: &str, item: &str, lang: Lang) -> Result<String> {
        Ok(letter(&self.store.get(id)?.title, item, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_and_safe() {
        assert_eq!(bundle("Huawei main account"), "Huawei main account.zip");
        assert_eq!(bundle("a/b:c"), "a_b_c.zip");
        assert_eq!(bundle(" .. "), "appeal.zip");
        assert_eq!(letter("Huawei main account", "authorization_letter", Lang::Zh), "Huawei main account - authorization-letter-zh.pdf");
        assert_eq!(letter("", "appeal_letter", Lang::Bilingual), "appeal-letter-bilingual.pdf");
        assert_eq!(letters_on(Some("march"), "2026-11-24"), "letters-march.pdf");
        assert_eq!(letters_on(None, "2026-11-24"), "letters-2026-11-24.pdf");
        assert_eq!(batch_bundle("North\u{7}", "1a2b3c4d", 2), "North_-1a2b3c4d (2).zip");
        assert_eq!(batch_bundle("Shop: main/EU", "ab12cd34", 1), "Shop_ main_EU-ab12cd34.zip");
        assert_eq!(batch_bundle("...", "ab12cd34", 2), "ab12cd34 (2).zip");
        assert_eq!(safe(&"长".repeat(80)).chars().count(), 60);
    }
}

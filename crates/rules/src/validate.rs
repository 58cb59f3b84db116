//! A rule pack checked when it is loaded: every quote found in its source, every section a
//! heading of it, every condition and placeholder naming what exists, every text in both
//! languages. A pack with any problem does not load, and each problem is a sentence its author
//! can act on.

use std::collections::HashSet;

use crate::cond::Cond;
use crate::pack::{BlockKind, ItemKind, Language, Note, Pack, QuestionType, Source, Text};

/// A line of the source as a heading: list markers ("1.", "•") and a closing "." or ":" dropped.
fn heading(line: &str) -> String {
    let line = line.trim().trim_start_matches('•').trim();
    let line = match line.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => line,
    };
    normalize(line.trim_end_matches(['.', ':']))
}

/// The source's own headings and labelled lines, which sections may cite.
fn headings(source: &str) -> HashSet<String> {
    source.lines().map(heading).filter(|h| !h.is_empty()).collect()
}

/// Folds runs of white space so quotes can be compared with the source text as laid out.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Pack {
    /// Every text of the pack a user reads, with where it is, for the language checks.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out: Vec<(String, &Text)> = vec![("provider name".into(), &self.provider_name), ("source title".into(), &self.source.title)];
        fn notes<'a>(what: String, list: &'a [Note], out: &mut Vec<(String, &'a Text)>) {
            for (n, note) in list.iter().enumerate() {
                out.push((format!("{what} note {}", n + 1), &note.text));
            }
        }
        for q in &self.questions {
            out.push((format!("question {} label", q.id), &q.label));
            out.push((format!("question {} help", q.id), &q.help));
            for (o, label) in &q.option_labels {
                out.push((format!("question {} option {o}", q.id), label));
            }
        }
        for item in &self.items {
            out.push((format!("item {} title", item.id), &item.title));
            for (n, c) in item.cases.iter().enumerate() {
                out.push((format!("item {} case {} why", item.id, n + 1), &c.why));
            }
            if let Some(h) = &item.hide {
                out.push((format!("item {} hide", item.id), h));
            }
            for f in &item.fields {
                out.push((format!("item {} field {}", item.id, f.id), &f.label));
            }
            notes(format!("item {}", item.id), &item.notes, &mut out);
        }
        for f in self.blockers.iter().chain(&self.gaps) {
            out.push((format!("finding {} message", f.id), &f.message));
            notes(format!("finding {} advice", f.id), &f.advice, &mut out);
        }
        notes("guidance".into(), &self.guidance, &mut out);
        for t in &self.timelines {
            out.push((format!("timeline {} text", t.id), &t.text));
        }
        for (n, t) in self.tickets.iter().enumerate() {
            out.push((format!("ticket {}", n + 1), &t.text));
        }
        for l in &self.letters {
            out.push((format!("letter {} title", l.item), &l.title));
            out.extend(l.titles.iter().map(|t| (format!("letter {} title", l.item), &t.text)));
            for (n, b) in l.blocks.iter().enumerate() {
                let what = format!("letter {} block {}", l.item, n + 1);
                out.extend(b.text.iter().map(|t| (what.clone(), t)));
                out.extend(b.rows.iter().map(|r| (format!("{what} row"), &r.label)));
                out.extend(b.areas.iter().map(|a| (format!("{what} area"), &a.label)));
                out.extend(b.boxes.iter().map(|x| (format!("{what} box"), &x.label)));
                out.extend(b.columns.iter().map(|c| (format!("{what} column"), c)));
            }
        }
        out
    }

    /// Everything wrong with the pack, as sentences a pack author can act on.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let source = normalize(&self.source_text);
        let headings = headings(&self.source_text);
        let check_source = |what: &str, s: &Source, p: &mut Vec<String>| {
            if s.section.trim().is_empty() {
                p.push(format!("{what} has no section"));
            }
            // A section is a path of the source's own headings, e.g. "Resellers › Real-name
            // authentication completed", so a reader finds the passage where it says.
            for part in s.section.split('›').map(str::trim).filter(|s| !s.is_empty()) {
                if !headings.contains(&heading(part)) {
                    p.push(format!("{what} cites section {part:?}, which is not a heading of {}", self.source.file));
                }
            }
            if s.quote.trim().is_empty() || !source.contains(&normalize(&s.quote)) {
                p.push(format!("{what} quotes text that is not in {}: {:?}", self.source.file, s.quote));
            }
        };
        // A note either cites the provider's document or says it is Appeal Kit's own advice.
        let check_note = |what: &str, note: &Note, p: &mut Vec<String>| match (&note.source, note.guidance) {
            (Some(s), false) => check_source(what, s, p),
            (None, true) => {}
            (Some(_), true) => p.push(format!("{what} has a source and is marked as guidance; it is one or the other")),
            (None, false) => p.push(format!("{what} has no source: quote the provider's document, or mark it `guidance = true`")),
        };
        for (what, text) in self.texts() {
            for lang in Language::ALL {
                if text.get(lang).trim().is_empty() {
                    p.push(format!("{what} has no {} text", lang.id()));
                }
            }
        }

        let mut seen = HashSet::new();
        for (n, q) in self.questions.iter().enumerate() {
            if !seen.insert(q.id.as_str()) {
                p.push(format!("question {} is declared twice", q.id));
            }
            if q.kind == QuestionType::Bool && !q.options.is_empty() {
                p.push(format!("question {} is a bool but lists options", q.id));
            }
            if q.kind != QuestionType::Bool && q.options.is_empty() {
                p.push(format!("question {} has no options", q.id));
            }
            for o in &q.options {
                if !q.option_labels.contains_key(o) {
                    p.push(format!("question {} option {o} has no label", q.id));
                }
            }
            if let Some(u) = &q.unsure
                && !q.options.contains(u)
            {
                p.push(format!("question {} says {u} means unsure, which is not one of its options", q.id));
            }
            for o in q.option_labels.keys() {
                if !q.options.contains(o) {
                    p.push(format!("question {} labels {o}, which is not one of its options", q.id));
                }
            }
            // A question may depend only on questions asked before it.
            self.check_cond(&format!("question {} ask_when", q.id), &q.ask_when, n, &mut p);
            check_source(&format!("question {}", q.id), &q.source, &mut p);
        }
        for t in &self.timelines {
            check_source(&format!("timeline {}", t.id), &t.source, &mut p);
            if t.days == 0 {
                p.push(format!("timeline {} lasts no days", t.id));
            }
        }
        let mut seen = HashSet::new();
        for item in &self.items {
            if !seen.insert(item.id.as_str()) {
                p.push(format!("item {} is declared twice", item.id));
            }
            if item.cases.is_empty() {
                p.push(format!("item {} has no cases", item.id));
            }
            match (item.kind, item.fields.is_empty()) {
                (ItemKind::Information, true) => p.push(format!("item {} is information but has no fields", item.id)),
                (ItemKind::Information, false) => {}
                (_, false) => p.push(format!("item {} has fields but is not an information item", item.id)),
                (_, true) => {}
            }
            let mut ids = HashSet::new();
            for f in &item.fields {
                if !ids.insert(f.id.as_str()) {
                    p.push(format!("item {} field {} is declared twice", item.id, f.id));
                }
                if let Some(pf) = &f.from_profile
                    && !crate::template::PROFILE_FIELDS.contains(&pf.as_str())
                {
                    p.push(format!("item {} field {} is filled from {pf}, which is not a profile field", item.id, f.id));
                } else if let Some(pf) = &f.from_profile
                    && !self.lists_profile_field(pf)
                {
                    p.push(format!("item {} field {} is filled from {pf}, which is not among the pack's profile_fields", item.id, f.id));
                }
            }
            for (n, c) in item.cases.iter().enumerate() {
                let what = format!("item {} case {}", item.id, n + 1);
                self.check_cond(&what, &c.when, self.questions.len(), &mut p);
                check_source(&what, &c.source, &mut p);
                let mut refs = Vec::new();
                c.when.items(&mut refs);
                if !refs.is_empty() {
                    p.push(format!("{what} refers to other items; only questions may decide an item"));
                }
            }
            for (n, note) in item.notes.iter().enumerate() {
                let what = format!("item {} note {}", item.id, n + 1);
                self.check_cond(&what, &note.when, self.questions.len(), &mut p);
                check_note(&what, note, &mut p);
            }
        }
        for (kind, list) in [("blocker", &self.blockers), ("gap", &self.gaps)] {
            for f in list {
                let what = format!("{kind} {}", f.id);
                self.check_cond(&what, &f.when, self.questions.len(), &mut p);
                check_source(&what, &f.source, &mut p);
                for (n, note) in f.advice.iter().enumerate() {
                    self.check_cond(&what, &note.when, self.questions.len(), &mut p);
                    check_note(&format!("{what} advice {}", n + 1), note, &mut p);
                }
            }
        }
        for (n, g) in self.guidance.iter().enumerate() {
            let what = format!("guidance {}", n + 1);
            self.check_cond(&what, &g.when, self.questions.len(), &mut p);
            check_note(&what, g, &mut p);
        }
        for l in &self.letters {
            // A letter item, or a document item whose form Appeal Kit prefills (Alibaba Cloud's
            // holder change form: a document by CONTRACTS.md section 2).
            match self.item(&l.item) {
                Some(i) if matches!(i.kind, ItemKind::Letter | ItemKind::Document) => {}
                _ => p.push(format!("letter {} is not a letter or document item of this pack", l.item)),
            }
            for (n, t) in l.titles.iter().enumerate() {
                self.check_cond(&format!("letter {} title {}", l.item, n + 1), &t.when, self.questions.len(), &mut p);
            }
            // Every text of the letter, labels and titles included, may hold placeholders.
            let mut texts: Vec<(String, &Text)> = vec![(format!("letter {} title", l.item), &l.title)];
            texts.extend(l.titles.iter().map(|t| (format!("letter {} title", l.item), &t.text)));
            for (n, b) in l.blocks.iter().enumerate() {
                let what = format!("letter {} block {}", l.item, n + 1);
                self.check_cond(&what, &b.when, self.questions.len(), &mut p);
                // Which parts a block has: text, rows, areas, boxes, columns.
                let has = [b.text.is_some(), !b.rows.is_empty(), !b.areas.is_empty(), !b.boxes.is_empty(), !b.columns.is_empty()];
                let (wants, takes) = match b.kind {
                    BlockKind::Heading | BlockKind::Para | BlockKind::Note | BlockKind::Footer => ([true, false, false, false, false], "a text"),
                    BlockKind::Fields => ([false, true, false, false, false], "rows"),
                    BlockKind::Signatures => ([false, false, true, false, false], "areas"),
                    BlockKind::Checkboxes => ([false, false, false, true, false], "boxes"),
                    BlockKind::Table => ([false, false, false, false, true], "columns and blank_rows"),
                };
                if has != wants || (b.kind == BlockKind::Table) != (b.blank_rows > 0) {
                    p.push(format!("{what}: a {:?} block takes {takes}, and only that", b.kind));
                }
                for x in &b.boxes {
                    self.check_cond(&format!("{what} box"), &x.checked, self.questions.len(), &mut p);
                }
                texts.extend(b.text.iter().map(|t| (what.clone(), t)));
                texts.extend(b.rows.iter().map(|r| (format!("{what} row label"), &r.label)));
                texts.extend(b.areas.iter().map(|a| (format!("{what} area"), &a.label)));
                texts.extend(b.boxes.iter().map(|x| (format!("{what} box"), &x.label)));
                texts.extend(b.columns.iter().map(|c| (format!("{what} column"), c)));
                for r in &b.rows {
                    self.check_placeholders(&format!("{what} row"), &r.value, &mut p);
                }
            }
            for (what, t) in texts {
                for lang in Language::ALL {
                    self.check_placeholders(&format!("{what} ({})", lang.id()), t.get(lang), &mut p);
                }
            }
        }
        let mut seen = HashSet::new();
        for f in &self.profile_fields {
            let what = format!("profile field {}", f.field);
            if !crate::template::PROFILE_FIELDS.contains(&f.field.as_str()) {
                p.push(format!("{what} is not a profile field; known: {}", crate::template::PROFILE_FIELDS.join(", ")));
            }
            if !seen.insert(f.field.as_str()) {
                p.push(format!("{what} is listed twice"));
            }
            let mut refs = Vec::new();
            f.when.items(&mut refs);
            if !refs.is_empty() {
                p.push(format!("{what} refers to items; only questions may decide a field"));
            }
            self.check_cond(&what, &f.when, self.questions.len(), &mut p);
        }
        for (n, t) in self.tickets.iter().enumerate() {
            let what = format!("ticket {}", n + 1);
            self.check_cond(&what, &t.when, self.questions.len(), &mut p);
            for lang in Language::ALL {
                self.check_placeholders(&format!("{what} ({})", lang.id()), t.text.get(lang), &mut p);
            }
        }
        p
    }

    /// Whether the profile form shows this field for the pack (every field when it lists none).
    fn lists_profile_field(&self, field: &str) -> bool {
        self.profile_fields.is_empty() || self.profile_fields.iter().any(|f| f.field == field)
    }

    /// Checks that every placeholder of a text names a profile field or a question of the pack.
    fn check_placeholders(&self, what: &str, text: &str, p: &mut Vec<String>) {
        use crate::template::{PROFILE_FIELDS, Placeholder, placeholders};
        match placeholders(text) {
            Err(e) => p.push(format!("{what}: {e}")),
            Ok(list) => {
                for h in list {
                    match h {
                        Placeholder::Profile { field, .. } if !PROFILE_FIELDS.contains(&field.as_str()) => {
                            p.push(format!("{what}: {{profile.{field}}} is not a profile field; known: {}", PROFILE_FIELDS.join(", ")))
                        }
                        // The profile form shows only the pack's fields: a text may not need another.
                        Placeholder::Profile { field, .. } if !self.lists_profile_field(&field) => {
                            p.push(format!("{what}: {{profile.{field}}} is not among the pack's profile_fields, so the form never asks for it"))
                        }
                        Placeholder::Answer { question, .. } if self.question(&question).is_none() => {
                            p.push(format!("{what}: {{answer.{question}}} is not a question of this pack"))
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Checks that a condition names only questions among the first `before` ones, with values
    /// of the right type, and only items that exist.
    fn check_cond(&self, what: &str, cond: &Cond, before: usize, p: &mut Vec<String>) {
        let mut used = Vec::new();
        cond.questions(&mut used);
        let mut items = Vec::new();
        cond.items(&mut items);
        for id in items {
            match self.item(&id) {
                None => p.push(format!("{what} refers to unknown item {id}")),
                Some(item) => item.cases.iter().for_each(|c| c.when.questions(&mut used)),
            }
        }
        for (qid, value) in used {
            let Some(pos) = self.questions.iter().position(|q| q.id == qid) else {
                p.push(format!("{what} refers to unknown question {qid}"));
                continue;
            };
            if pos >= before {
                p.push(format!("{what} depends on {qid}, which is asked later"));
            }
            let q = &self.questions[pos];
            match (q.kind, value) {
                (_, Some(v)) if v.is_empty() => {}
                (QuestionType::Bool, None) => {}
                (QuestionType::Bool, Some(v)) => p.push(format!("{what} compares bool {qid} with {v}")),
                (_, None) => p.push(format!("{what} uses {qid} as a bool")),
                (_, Some(v)) if !q.options.contains(&v) => p.push(format!("{what}: {v} is not an option of {qid}")),
                _ => {}
            }
        }
    }
}

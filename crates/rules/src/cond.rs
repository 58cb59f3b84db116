//! The small condition language rule packs are written in, e.g.
//! `customer_type == direct && !real_name_verified && appeal_items has change_phone`.
//!
//! Conditions are evaluated with three values: an unanswered question makes a comparison
//! unknown (`None`), so the engine can tell "not yet decided" from "false". `&&` and `||`
//! short-circuit on a known result, so `verification == none || x` is true as soon as the
//! verification is known to be `none`, whatever `x` is.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    True,
    /// A boolean question answered yes.
    Is(String),
    /// A choice question answered with this value.
    Eq(String, String),
    /// A multi-choice question whose answer contains this value.
    Has(String, String),
    /// The checklist item with this id applies.
    Item(String),
    /// The question has no answer that counts (never unknown).
    Unanswered(String),
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

/// What a condition needs to know about the answers.
pub trait Facts {
    fn boolean(&self, question: &str) -> Option<bool>;
    fn choice(&self, question: &str) -> Option<&str>;
    fn has(&self, question: &str, value: &str) -> Option<bool>;
    fn item_applies(&self, item: &str) -> Option<bool>;
    fn answered(&self, question: &str) -> bool;
}

impl Cond {
    pub fn eval(&self, facts: &dyn Facts) -> Option<bool> {
        match self {
            Cond::True => Some(true),
            Cond::Is(q) => facts.boolean(q),
            Cond::Eq(q, v) => facts.choice(q).map(|a| a == v),
            Cond::Has(q, v) => facts.has(q, v),
            Cond::Item(i) => facts.item_applies(i),
            Cond::Unanswered(q) => Some(!facts.answered(q)),
            Cond::Not(c) => c.eval(facts).map(|b| !b),
            Cond::All(cs) => {
                let mut unknown = false;
                for c in cs {
                    match c.eval(facts) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            Cond::Any(cs) => {
                let mut unknown = false;
                for c in cs {
                    match c.eval(facts) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                if unknown { None } else { Some(false) }
            }
        }
    }

    /// Every (question, value) the condition mentions; value is `None` for `Is`.
    pub fn questions(&self, out: &mut Vec<(String, Option<String>)>) {
        match self {
            Cond::True | Cond::Item(_) => {}
            Cond::Is(q) => out.push((q.clone(), None)),
            Cond::Unanswered(q) => out.push((q.clone(), Some(String::new()))),
            Cond::Eq(q, v) | Cond::Has(q, v) => out.push((q.clone(), Some(v.clone()))),
            Cond::Not(c) => c.questions(out),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.questions(out)),
        }
    }

    /// Every item id the condition refers to.
    pub fn items(&self, out: &mut Vec<String>) {
        match self {
            Cond::Item(i) => out.push(i.clone()),
            Cond::Not(c) => c.items(out),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.items(out)),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("condition `{text}`: {reason} at character {at}")]
pub struct ParseError {
    pub text: String,
    pub reason: String,
    pub at: usize,
}

impl std::str::FromStr for Cond {
    type Err = ParseError;
    fn from_str(text: &str) -> Result<Cond, ParseError> {
        let mut p = Parser { text, pos: 0 };
        let c = p.or()?;
        p.skip_ws();
        if p.pos != text.len() {
            return Err(p.error("unexpected text"));
        }
        Ok(c)
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, reason: &str) -> ParseError {
        ParseError { text: self.text.to_string(), reason: reason.to_string(), at: self.pos }
    }
    fn skip_ws(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }
    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.text[self.pos..].starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }
    fn word(&mut self) -> Result<String, ParseError> {
        self.skip_ws();
        let rest = &self.text[self.pos..];
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error("expected a name"));
        }
        self.pos += len;
        Ok(rest[..len].to_string())
    }
    fn or(&mut self) -> Result<Cond, ParseError> {
        let mut terms = vec![self.and()?];
        while self.eat("||") {
            terms.push(self.and()?);
        }
        Ok(if terms.len() == 1 { terms.remove(0) } else { Cond::Any(terms) })
    }
    fn and(&mut self) -> Result<Cond, ParseError> {
        let mut terms = vec![self.unary()?];
        while self.eat("&&") {
            terms.push(self.unary()?);
        }
        Ok(if terms.len() == 1 { terms.remove(0) } else { Cond::All(terms) })
    }
    fn unary(&mut self) -> Result<Cond, ParseError> {
        if self.eat("!") {
            return Ok(Cond::Not(Box::new(self.unary()?)));
        }
        if self.eat("(") {
            let c = self.or()?;
            if !self.eat(")") {
                return Err(self.error("expected `)`"));
            }
            return Ok(c);
        }
        let name = self.word()?;
        if name == "true" {
            return Ok(Cond::True);
        }
        if name == "item" && self.eat(":") {
            return Ok(Cond::Item(self.word()?));
        }
        if name == "unanswered" && self.eat(":") {
            return Ok(Cond::Unanswered(self.word()?));
        }
        if self.eat("==") {
            return Ok(Cond::Eq(name, self.word()?));
        }
        if self.eat("!=") {
            return Ok(Cond::Not(Box::new(Cond::Eq(name, self.word()?))));
        }
        self.skip_ws();
        if self.text[self.pos..].starts_with("has ") {
            self.pos += 4;
            return Ok(Cond::Has(name, self.word()?));
        }
        Ok(Cond::Is(name))
    }
}

impl fmt::Display for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cond::True => write!(f, "true"),
            Cond::Is(q) => write!(f, "{q}"),
            Cond::Eq(q, v) => write!(f, "{q} == {v}"),
            Cond::Has(q, v) => write!(f, "{q} has {v}"),
            Cond::Item(i) => write!(f, "item:{i}"),
            Cond::Unanswered(q) => write!(f, "unanswered:{q}"),
            Cond::Not(c) => write!(f, "!({c})"),
            Cond::All(cs) => join(f, cs, " && "),
            Cond::Any(cs) => join(f, cs, " || "),
        }
    }
}

fn join(f: &mut fmt::Formatter<'_>, cs: &[Cond], sep: &str) -> fmt::Result {
    write!(f, "(")?;
    for (i, c) in cs.iter().enumerate() {
        if i > 0 {
            write!(f, "{sep}")?;
        }
        write!(f, "{c}")?;
    }
    write!(f, ")")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Map(HashMap<&'static str, &'static str>);
    impl Facts for Map {
        fn boolean(&self, q: &str) -> Option<bool> {
            self.0.get(q).map(|v| *v == "true")
        }
        fn choice(&self, q: &str) -> Option<&str> {
            self.0.get(q).copied()
        }
        fn has(&self, q: &str, v: &str) -> Option<bool> {
            self.0.get(q).map(|a| a.split(',').any(|x| x == v))
        }
        fn item_applies(&self, i: &str) -> Option<bool> {
            self.boolean(i)
        }
        fn answered(&self, q: &str) -> bool {
            self.0.contains_key(q)
        }
    }

    #[test]
    fn parses_and_evaluates_with_three_values() {
        let facts = Map(HashMap::from([("t", "direct"), ("v", "false"), ("items", "a,b")]));
        let cases: &[(&str, Option<bool>)] = &[
            ("true", Some(true)),
            ("t == direct", Some(true)),
            ("t != direct", Some(false)),
            ("t == reseller && unknown", Some(false)),
            ("t == direct && unknown", None),
            ("t == direct || unknown", Some(true)),
            ("t == reseller || unknown", None),
            ("!v", Some(true)),
            ("!(v || t == direct)", Some(false)),
            ("items has b && !(items has c)", Some(true)),
            ("missing has a", None),
            ("item:v", Some(false)),
            ("unanswered:missing && unanswered:t", Some(false)),
            ("unanswered:missing || t == reseller", Some(true)),
        ];
        for (text, want) in cases {
            let c: Cond = text.parse().unwrap();
            assert_eq!(c.eval(&facts), *want, "{text}");
        }
    }

    #[test]
    fn rejects_malformed_conditions_with_position() {
        for bad in ["", "a ==", "(a && b", "a && && b", "a b"] {
            let err = bad.parse::<Cond>().unwrap_err();
            assert!(err.to_string().contains("condition"), "{bad}: {err}");
        }
    }
}

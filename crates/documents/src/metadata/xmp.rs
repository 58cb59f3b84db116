//! Location and orientation in an XMP packet. Writers differ in namespace prefixes and in
//! whether a property is an attribute (`exif:GPSLatitude="39,54.0N"`) or an element, and
//! packets are often not well-formed XML, so this scans the text for the properties by their
//! local names instead of parsing it: a damaged packet still yields what it says.

#[derive(Debug, Default, PartialEq, Eq)]
pub struct XmpFacts {
    pub orientation: Option<u8>,
    pub has_location: bool,
}

/// Properties that record where a picture was taken: GPS (exif:, exifEX:, Iptc4xmpExt:), the
/// IPTC Core location fields (Iptc4xmpCore:Location, photoshop:City, photoshop:State) and the
/// IPTC Extension's location structures.
const LOCATION: [&str; 9] = ["GPSLatitude", "GPSLongitude", "GPSAreaInformation", "City", "State", "ProvinceState", "Sublocation", "Location", "LocationCreated"];

pub fn scan(packet: &[u8]) -> XmpFacts {
    let text = String::from_utf8_lossy(packet);
    let has_location = LOCATION.iter().any(|name| values(&text, name).any(|v| !v.trim().is_empty()));
    let orientation = values(&text, "Orientation").find_map(|v| v.trim().parse::<u8>().ok().filter(|o| (1..=8).contains(o)));
    XmpFacts { orientation, has_location }
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

/// The values of every property with local name `name`, as attributes or elements (for an
/// element, its content with tags removed).
fn values<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = String> + 'a {
    let b = text.as_bytes();
    let needle = format!(":{name}");
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = text.get(from..)?.find(&needle) {
            let at = from + found;
            from = at + needle.len();
            let end = at + needle.len();
            // The whole local name, not a longer one that starts the same.
            if b.get(end).is_some_and(|&c| is_name_char(c)) {
                continue;
            }
            let mut p = at;
            while p > 0 && is_name_char(b[p - 1]) {
                p -= 1;
            }
            match p.checked_sub(1).map(|q| b[q]) {
                Some(b'<') => return Some(element_text(text, end, &text[p..end])),
                Some(c) if c.is_ascii_whitespace() => {
                    if let Some(v) = attribute_value(text, end) {
                        return Some(v);
                    }
                }
                _ => {}
            }
        }
        None
    })
}

/// `="value"` or `='value'` after an attribute name.
fn attribute_value(text: &str, mut i: usize) -> Option<String> {
    let b = text.as_bytes();
    while b.get(i)?.is_ascii_whitespace() {
        i += 1;
    }
    if *b.get(i)? != b'=' {
        return None;
    }
    i += 1;
    while b.get(i)?.is_ascii_whitespace() {
        i += 1;
    }
    let quote = *b.get(i)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let rest = text.get(i + 1..)?;
    Some(rest[..rest.find(quote as char)?].to_string())
}

/// An element's content up to its closing tag (or the end of the packet), tags removed.
fn element_text(text: &str, after_name: usize, qname: &str) -> String {
    let Some(rest) = text.get(after_name..) else { return String::new() };
    let Some(open_end) = rest.find('>') else { return String::new() };
    if rest[..open_end].ends_with('/') {
        return String::new();
    }
    let body = &rest[open_end + 1..];
    let body = &body[..body.find(&format!("</{qname}")).unwrap_or(body.len())];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_elements_and_damage() {
        let attr = br#"<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="39,54.0N" tiff:Orientation="6"/>"#;
        assert_eq!(scan(attr), XmpFacts { orientation: Some(6), has_location: true });
        let elem = b"<x:xmpmeta><rdf:Description><my:GPSLongitude>116,23.0E</my:GPSLongitude><tiff:Orientation>8</tiff:Orientation>";
        assert_eq!(scan(elem), XmpFacts { orientation: Some(8), has_location: true }, "truncated packet, any prefix");
        let nested = b"<Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li>Beijing</rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>";
        assert!(scan(nested).has_location);
        let empty = br#"<rdf:Description exif:GPSLatitude="" photoshop:CityCode="x" exif:GPSVersionID="2.2.0.0"><photoshop:City/></rdf:Description>"#;
        assert_eq!(scan(empty), XmpFacts::default(), "empty values and other names record nothing");
    }
}

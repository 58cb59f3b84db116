//! IPTC-IIM records (in JPEG's Photoshop APP13 block or a TIFF tag): does any name a place?
//! Each record is 0x1C, record number, dataset number, a 2-byte length (or, with its top bit
//! set, the count of length bytes that follow), then the data.

/// Application record (2) datasets that name where a picture was taken: content location
/// code and name (26, 27), city (90), sub-location (92), province or state (95).
const LOCATION_DATASETS: [u8; 5] = [26, 27, 90, 92, 95];

pub fn has_location(mut b: &[u8]) -> bool {
    while b.len() >= 5 && b[0] == 0x1C {
        let (record, dataset) = (b[1], b[2]);
        let len = u16::from_be_bytes([b[3], b[4]]) as usize;
        let (len, at) = if len & 0x8000 == 0 {
            (len, 5)
        } else {
            // Extended dataset: the next (len & 0x7FFF) bytes hold the length.
            let n = len & 0x7FFF;
            let Some(bytes) = b.get(5..5 + n).filter(|_| n <= 4) else { return false };
            (bytes.iter().fold(0usize, |acc, &x| (acc << 8) | x as usize), 5 + n)
        };
        let Some(data) = b.get(at..).and_then(|r| r.get(..len)) else { return false };
        if record == 2 && LOCATION_DATASETS.contains(&dataset) && data.iter().any(|c| !c.is_ascii_whitespace() && *c != 0) {
            return true;
        }
        b = &b[at + len..];
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn city_is_a_location_a_caption_is_not() {
        let record = |ds: u8, text: &[u8]| [&[0x1C, 2, ds, 0, text.len() as u8][..], text].concat();
        assert!(super::has_location(&[record(120, b"A caption"), record(90, b"Beijing")].concat()));
        assert!(!super::has_location(&record(120, b"A caption")));
        assert!(!super::has_location(&[record(120, b"A caption"), vec![0x1C, 2, 90, 0, 50, b'B']].concat()), "truncated");
    }
}

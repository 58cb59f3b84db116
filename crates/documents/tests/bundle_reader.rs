//! Reading bundle zips that lie: the directory is checked whole before anything is inflated,
//! and entries are inflated one at a time, capped.

use std::io::Cursor;
use std::time::Instant;

use documents::bundle::{BundleError, BundleReader};
use documents::fixtures::{self, RawZip};

fn open(bytes: Vec<u8>) -> Result<BundleReader<Cursor<Vec<u8>>>, BundleError> {
    BundleReader::open(Cursor::new(bytes))
}

#[test]
fn an_honest_zip_reads_entry_by_entry() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.zip");
    let big = fixtures::png(300, 200);
    let mut file = std::fs::File::create(&out).unwrap();
    let mut writer = documents::bundle::BundleWriter::new(&mut file);
    writer.add("manifest.json", b"{}").unwrap();
    writer.add("01-a/photo.png", &big).unwrap();
    writer.finish().unwrap();
    let mut zip = open(std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(zip.names().collect::<Vec<_>>(), ["manifest.json", "01-a/photo.png"]);
    assert_eq!(zip.size("01-a/photo.png"), Some(big.len() as u64));
    assert_eq!(zip.read("01-a/photo.png", 50 << 20).unwrap(), big);
    assert!(matches!(zip.read("01-a/photo.png", 100), Err(BundleError::TooBig(_))), "a cap below the declared size refuses");
    assert!(matches!(zip.read("nothing", 100), Err(BundleError::Missing(_))));

    let mut deflated = RawZip::default();
    deflated.entry("manifest.json", &b"{\"a\": 1} ".repeat(1000), true);
    let mut zip = open(deflated.finish(None, false)).unwrap();
    assert_eq!(zip.read("manifest.json", 1 << 20).unwrap(), b"{\"a\": 1} ".repeat(1000));
}

#[test]
fn overlapping_entries_are_refused_before_inflating() {
    let bomb = fixtures::zip_overlap_bomb(100);
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let started = Instant::now();
    let err = open(bomb).err().expect("refused");
    assert!(matches!(err, BundleError::Overlap(..)), "{err}");
    assert!(started.elapsed().as_millis() < 500, "refused from the directory alone");

    // Local headers one inside another's data (the classic overlapping bomb) overlap too.
    let mut nested = RawZip::default();
    let outer_data = [b"xxxx".as_slice(), &vec![0u8; 40]].concat();
    let at = nested.local("a.txt", 0, &outer_data, crc32fast::hash(&outer_data), outer_data.len() as u64);
    nested.central("a.txt", 0, outer_data.len() as u64, crc32fast::hash(&outer_data), outer_data.len() as u64, at);
    nested.central("b.txt", 0, 4, 0, 4, at + 30 + 5 + 4);
    assert!(matches!(open(nested.finish(None, false)), Err(BundleError::Overlap(..))));
}

#[test]
fn a_lying_entry_count_and_duplicate_names_are_refused() {
    for zip64 in [false, true] {
        let err = open(fixtures::zip_duplicate_manifest(zip64)).err().expect("refused");
        assert!(matches!(err, BundleError::Duplicate(ref n) if n == "manifest.json"), "zip64 {zip64}: {err}");
    }
    // Two different names, one counted.
    for zip64 in [false, true] {
        let mut zip = RawZip::default();
        zip.entry("manifest.json", b"{}", false);
        zip.entry("other.txt", b"x", false);
        let err = open(zip.finish(Some(1), zip64)).err().expect("refused");
        assert!(matches!(err, BundleError::Inconsistent(_)), "zip64 {zip64}: {err}");
        assert!(err.to_string().contains("declares 1 entries, the directory holds 2"), "{err}");
    }
    // Names that differ only in case collide on case-insensitive disks.
    let mut zip = RawZip::default();
    zip.entry("manifest.json", b"{}", false);
    zip.entry("MANIFEST.json", b"{}", false);
    assert!(matches!(open(zip.finish(None, false)), Err(BundleError::Duplicate(_))));
}

#[test]
fn forged_headers_and_data_are_refused() {
    // The directory points past the end of the file.
    let mut zip = RawZip::default();
    zip.entry("manifest.json", b"{}", false);
    zip.central("far.txt", 0, 2, 0, 2, 1 << 30);
    assert!(matches!(open(zip.finish(None, false)), Err(BundleError::Overlap(..) | BundleError::Inconsistent(_))));

    // The local header names another file than the directory does.
    let mut zip = RawZip::default();
    let at = zip.local("evil.txt", 0, b"{}", crc32fast::hash(b"{}"), 2);
    zip.central("manifest.json", 0, 2, crc32fast::hash(b"{}"), 2, at);
    let err = open(zip.finish(None, false)).err().expect("refused");
    assert!(err.to_string().contains("disagrees"), "{err}");

    // Data that does not match its checksum, or is shorter than declared, is refused on reading.
    let mut zip = RawZip::default();
    let at = zip.local("manifest.json", 0, b"{}", 1234, 2);
    zip.central("manifest.json", 0, 2, 1234, 2, at);
    let mut reader = open(zip.finish(None, false)).unwrap();
    assert!(matches!(reader.read("manifest.json", 100), Err(BundleError::Damaged(..))));

    let packed = fixtures::deflate(b"short");
    let mut zip = RawZip::default();
    let at = zip.local("manifest.json", 8, &packed, crc32fast::hash(b"short"), 50);
    zip.central("manifest.json", 8, packed.len() as u64, crc32fast::hash(b"short"), 50, at);
    let mut reader = open(zip.finish(None, false)).unwrap();
    assert!(matches!(reader.read("manifest.json", 100), Err(BundleError::Damaged(..))));

    // A zip64 end record that disagrees with the short one.
    let mut zip = RawZip::default();
    zip.entry("manifest.json", b"{}", false);
    let mut bytes = zip.finish(None, true);
    let n = bytes.len();
    // Entries on this disk and in all, in the short end record.
    bytes[n - 14..n - 10].copy_from_slice(&[5, 0, 5, 0]);
    assert!(matches!(open(bytes), Err(BundleError::Inconsistent(_))));

    // Garbage after the end record, or no end record at all.
    let mut zip = RawZip::default();
    zip.entry("manifest.json", b"{}", false);
    let mut bytes = zip.finish(None, false);
    bytes.extend(b"trailing");
    assert!(matches!(open(bytes), Err(BundleError::NotZip(_))));
    assert!(matches!(open(b"PK\x03\x04 nothing".to_vec()), Err(BundleError::NotZip(_))));
}

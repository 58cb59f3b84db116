//! Hostile spreadsheets through `appeal-kit batch import`, measured on the child process
//! (wall time and peak resident memory, with wait4): each is refused whole with a one-line
//! reason, in under 10 seconds and 256 MiB, and the data directory is byte-identical after.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const LIMIT_SECONDS: f64 = 10.0;
const LIMIT_MIB: u64 = 256;

struct Run {
    code: i32,
    stderr: String,
    seconds: f64,
    peak_mib: u64,
}

fn run(data: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_appeal-kit"))
        .args(args)
        .env("APPEAL_KIT_DATA_DIR", data)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut err = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let seconds = started.elapsed().as_secs_f64();
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -libc::WTERMSIG(status) };
    Run { code, stderr: stderr.join().unwrap(), seconds, peak_mib: usage.ru_maxrss as u64 / 1024 }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else if !e.file_name().to_string_lossy().ends_with("-shm") {
                out.push((e.path(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A small real workbook (header and one row), as its zip entries.
fn workbook_entries() -> Vec<(String, Vec<u8>)> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "provider").unwrap();
    sheet.write_string(0, 1, "title").unwrap();
    sheet.write_string(1, 0, "huawei-cloud").unwrap();
    sheet.write_string(1, 1, "A").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

type Part<'a> = (&'a str, &'a dyn Fn(&mut dyn Write));

/// The workbook with parts replaced by what their writers stream (deflated).
fn with_parts(parts: &[Part]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    let entries = workbook_entries();
    for (part, _) in parts {
        assert!(entries.iter().any(|(n, _)| n == part), "{part} is in the workbook");
    }
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).unwrap();
        match parts.iter().find(|(p, _)| *p == name) {
            Some((_, write)) => write(&mut zip),
            None => zip.write_all(&bytes).unwrap(),
        }
    }
    zip.finish().unwrap().into_inner()
}

fn with_part(part: &str, write: impl Fn(&mut dyn Write)) -> Vec<u8> {
    with_parts(&[(part, &write)])
}

fn shared_strings(w: &mut dyn Write, strings: impl Iterator<Item = String>) {
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#).unwrap();
    let mut buf = Vec::with_capacity(1 << 20);
    for s in strings {
        write!(buf, "<si><t>{s}</t></si>").unwrap();
        if buf.len() > 1 << 20 {
            w.write_all(&buf).unwrap();
            buf.clear();
        }
    }
    w.write_all(&buf).unwrap();
    w.write_all(b"</sst>").unwrap();
}

/// A worksheet of `rows` x `cols` cells, each the shared string 0.
fn sheet_of_string_zero(w: &mut dyn Write, rows: u32, cols: u32) {
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    let mut buf = Vec::with_capacity(1 << 20);
    for r in 1..=rows {
        write!(buf, "<row r=\"{r}\">").unwrap();
        for _ in 0..cols {
            buf.extend_from_slice(b"<c t=\"s\"><v>0</v></c>");
        }
        buf.extend_from_slice(b"</row>");
        if buf.len() > 1 << 20 {
            w.write_all(&buf).unwrap();
            buf.clear();
        }
    }
    w.write_all(&buf).unwrap();
    w.write_all(b"</sheetData></worksheet>").unwrap();
}

#[test]
fn hostile_spreadsheets_are_refused_quickly_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    // A store with one case in it, which nothing below may change.
    let good = write("good.csv", b"provider,title\nhuawei-cloud,Kept\n");
    assert_eq!(run(&data, &["batch", "import", &good]).code, 0);
    let before = snapshot(&data);

    let mut far_cell = rust_xlsxwriter::Workbook::new();
    let s = far_cell.add_worksheet();
    s.write_string(0, 0, "title").unwrap();
    s.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    let mut wide = rust_xlsxwriter::Workbook::new();
    let s = wide.add_worksheet();
    s.write_string(0, 0, "title").unwrap();
    s.write_string(3, 200, "far right").unwrap();
    let fifo = dir.path().join("fifo.csv");
    let c_path = std::ffi::CString::new(fifo.display().to_string()).unwrap();
    // SAFETY: mkfifo reads the path we pass.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);

    let cases: Vec<(&str, String, &str)> = vec![
        // 256 MB of zeros in the sheet: a ratio only a bomb has, refused on the directory.
        ("zip bomb", write("bomb.xlsx", &with_part("xl/worksheets/sheet1.xml", |w| {
            let zeros = vec![b' '; 1 << 20];
            for _ in 0..256 {
                w.write_all(&zeros).unwrap();
            }
        })), "bomb"),
        // 1.5 million distinct strings: over 80 MB of XML that compresses only ~40x, within
        // the ratio a real workbook may have.
        ("huge sharedStrings", write("strings.xlsx", &with_part("xl/sharedStrings.xml", |w| shared_strings(w, (0..1_500_000u32).map(|i| format!("account-name-of-subsidiary-{i:07}-{:05}", i % 9973))))), "sharedStrings.xml"),
        // 1 million shared strings (40 MB, under the cap), read whole before the sheet's
        // 10,001st row is refused.
        ("many strings under the cap", write("many.xlsx", &with_parts(&[
            ("xl/sharedStrings.xml", &|w| shared_strings(w, (0..1_000_000u32).map(|i| format!("subsidiary-account-{i:07}")))),
            ("xl/worksheets/sheet1.xml", &|w| sheet_of_string_zero(w, 10_002, 1)),
        ])), "more than 10000 rows"),
        // An 8 KB string used in 400,000 cells: gigabytes once copied into cells.
        ("one string in every cell", write("repeated.xlsx", &{
            let strings = with_part("xl/sharedStrings.xml", |w| shared_strings(w, std::iter::once("x".repeat(8000))));
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(strings)).unwrap();
            let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for i in 0..zip.len() {
                let mut f = zip.by_index(i).unwrap();
                let name = f.name().unwrap().to_string();
                out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
                if name == "xl/worksheets/sheet1.xml" {
                    sheet_of_string_zero(&mut out, 10_000, 40);
                } else {
                    std::io::copy(&mut f, &mut out).unwrap();
                }
            }
            out.finish().unwrap().into_inner()
        }), "MB of text"),
        ("a cell at XFD1048576", write("far.xlsx", &far_cell.save_to_buffer().unwrap()), "more than 10000 rows"),
        ("a cell in column 201", write("wide.xlsx", &wide.save_to_buffer().unwrap()), "more than 100 columns"),
        ("a 17 MB CSV", write("big.csv", &vec![b'a'; 17 << 20]), "larger than 16 MB"),
        ("a truncated workbook", write("cut.xlsx", &far_cell.save_to_buffer().unwrap()[..3000]), "not a readable XLSX"),
        ("an .xls workbook", write("old.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]), ".xls"),
        ("a FIFO nobody writes to", fifo.display().to_string(), "not a regular file"),
        ("a device", "/dev/zero".into(), "not a regular file"),
    ];
    for (what, file, expect) in cases {
        let r = run(&data, &["batch", "import", &file]);
        eprintln!("{what}: exit {} in {:.2} s, peak {} MiB: {}", r.code, r.seconds, r.peak_mib, r.stderr.trim());
        assert_eq!(r.code, 2, "{what}: {}", r.stderr);
        assert_eq!(r.stderr.trim_end().lines().count(), 1, "{what}: one line: {}", r.stderr);
        assert!(r.stderr.contains(expect), "{what}: expected `{expect}` in: {}", r.stderr);
        assert!(r.seconds < LIMIT_SECONDS, "{what}: took {:.1} s", r.seconds);
        assert!(r.peak_mib < LIMIT_MIB, "{what}: {} MiB at peak", r.peak_mib);
        assert!(snapshot(&data) == before, "{what}: the data directory changed");
    }
}

//! A hostile corpus made here, run through the `appeal-kit` binary as a user would: every file
//! is refused (or handled) with a one-line reason, in under 10 seconds and 512 MiB at peak
//! (measured on the child process and the workers it waits for, with wait4), and the data
//! directory is byte-identical afterwards.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use documents::fixtures::{self, ImageFilter};
use serde_json::{Value, json};

const LIMIT_SECONDS: f64 = 10.0;
const LIMIT_MIB: u64 = 512;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    seconds: f64,
    peak_mib: u64,
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }
    /// Runs `appeal-kit` and measures it: wall time, and the peak resident memory of it and of
    /// every process it waited for (its PDF workers).
    fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_appeal-kit"))
            .args(args)
            .env("APPEAL_KIT_DATA_DIR", self.data())
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id() as libc::pid_t;
        let (mut input, mut out, mut err) = (child.stdin.take(), child.stdout.take().unwrap(), child.stderr.take().unwrap());
        let feed = stdin.map(|b| b.to_vec());
        let writer = std::thread::spawn(move || {
            if let (Some(input), Some(bytes)) = (input.as_mut(), feed) {
                let _ = input.write_all(&bytes);
            }
        });
        let stdout = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = out.read_to_string(&mut s);
            s
        });
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
        writer.join().unwrap();
        let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -libc::WTERMSIG(status) };
        Run { code, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap(), seconds, peak_mib: usage.ru_maxrss as u64 / 1024 }
    }
    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.stdout.trim().to_string()
    }
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

/// Asserts a refusal: exit 2, one line naming `expect`, within the time and memory limits.
fn assert_refused(what: &str, r: &Run, expect: &str) {
    eprintln!("{what}: exit {} in {:.2} s, peak {} MiB: {}", r.code, r.seconds, r.peak_mib, r.stderr.trim());
    assert_eq!(r.code, 2, "{what}: {}", r.stderr);
    assert_eq!(r.stderr.trim_end().lines().count(), 1, "{what}: one line: {}", r.stderr);
    assert!(r.stderr.contains(expect), "{what}: expected `{expect}` in: {}", r.stderr);
    assert!(r.seconds < LIMIT_SECONDS, "{what}: took {:.1} s", r.seconds);
    assert!(r.peak_mib < LIMIT_MIB, "{what}: {} MiB at peak", r.peak_mib);
}

/// A case whose `payment_proof` item takes PDFs.
fn case(env: &Env) -> String {
    let answers = json!({"verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false});
    let a = env.write("answers.json", answers.to_string().as_bytes());
    env.ok(&["case", "new", "--provider", "alibaba-cloud", "--title", "Hostile", "--answers", &a])
}

#[test]
fn hostile_pdfs_are_refused_quickly_in_little_memory() {
    let env = Env::new();
    let id = case(&env);
    let before = snapshot(&env.data());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("40000x40000 Flate image", fixtures::pdf_image_bomb(40_000, 40_000, ImageFilter::Flate), "40000×40000 pixels"),
        ("40000x40000 JBIG2 image", fixtures::pdf_image_bomb(40_000, 40_000, ImageFilter::Jbig2), "40000×40000 pixels"),
        ("tiny PDF declaring 2e9 pixels", fixtures::pdf_tiny_image_bomb(), "50000×40000 pixels"),
        ("30 nested forms (2^30 draws)", fixtures::pdf_nested_forms(30), "operations"),
        ("20 nested forms (2^20 draws)", fixtures::pdf_nested_forms(20), "refused"),
        ("64 MP of 16-bit CMYK", fixtures::pdf_memory_hog(), "memory"),
        ("truncated PDF", fixtures::pdf(2)[..900].to_vec(), "PDF"),
    ];
    for (what, bytes, expect) in cases {
        let file = env.write("hostile.pdf", &bytes);
        let r = env.run(&["attach", &id, "payment_proof", &file], None);
        assert_refused(what, &r, expect);
        assert!(snapshot(&env.data()) == before, "{what}: the data directory changed");
    }
    // A good PDF still goes through the same worker.
    let good = env.write("good.pdf", &fixtures::pdf(2));
    let shown: Value = serde_json::from_str(&env.ok(&["--json", "attach", &id, "payment_proof", &good])).unwrap();
    assert_eq!(shown["files"][0]["pages"], 2);
}

#[test]
fn a_bundle_holding_a_pdf_bomb_is_refused() {
    let env = Env::new();
    let id = case(&env);
    let good = env.write("receipt.pdf", &fixtures::pdf(1));
    env.ok(&["attach", &id, "payment_proof", &good]);
    let out = env.dir.path().join("good.zip").display().to_string();
    env.ok(&["export", &id, "--out", &out, "--allow-incomplete"]);
    // The same bundle with the receipt swapped for 2^30 nested drawings, hashes made to match.
    let bomb = fixtures::pdf_nested_forms(30);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect();
    let receipt = entries.iter().position(|(n, _)| n.ends_with("receipt.pdf")).unwrap();
    let path = entries[receipt].0.clone();
    entries[receipt].1 = bomb.clone();
    let at = entries.iter().position(|(n, _)| n == "manifest.json").unwrap();
    let mut manifest: Value = serde_json::from_slice(&entries[at].1).unwrap();
    for item in manifest["items"].as_array_mut().unwrap() {
        for f in item["files"].as_array_mut().unwrap() {
            if f["path"] == path.as_str() {
                f["sha256"] = json!(store::files::sha256_hex(&bomb));
                f["bytes"] = json!(bomb.len());
            }
        }
    }
    entries[at].1 = serde_json::to_vec(&manifest).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    let hostile = env.write("hostile.zip", &zip.finish().unwrap().into_inner());

    let before = snapshot(&env.data());
    let r = env.run(&["import", &hostile], None);
    assert_refused("bundle holding 2^30 nested drawings", &r, "operations");
    assert!(snapshot(&env.data()) == before, "the data directory changed");
}

#[test]
fn fifos_devices_and_standard_input() {
    let env = Env::new();
    let id = case(&env);
    let before = snapshot(&env.data());
    // Attaching a FIFO nobody writes to is refused at once instead of waiting forever.
    let fifo = env.dir.path().join("fifo.jpg");
    let path = std::ffi::CString::new(fifo.display().to_string()).unwrap();
    // SAFETY: mkfifo reads the path we pass.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    let r = env.run(&["attach", &id, "payment_proof", &fifo.display().to_string()], None);
    assert_refused("FIFO", &r, "is not a file");
    let r = env.run(&["attach", &id, "payment_proof", "/dev/zero"], None);
    assert_refused("/dev/zero as a file", &r, "is not a file");
    // Answers and values are read up to 1 MB.
    for args in [vec!["case", "answer", &id, "--answers", "/dev/zero"], vec!["case", "profile", &id, "--values", "/dev/zero"], vec!["checklist", "--provider", "alibaba-cloud", "--answers", "/dev/zero"]] {
        let r = env.run(&args, None);
        assert_refused(&format!("{args:?}"), &r, "larger than 1 MB");
    }
    let r = env.run(&["case", "answer", &id, "--answers", "-"], Some(&vec![b' '; 2 << 20]));
    assert_refused("2 MB of answers on standard input", &r, "larger than 1 MB");
    assert!(snapshot(&env.data()) == before, "the data directory changed");

    // `attach -` reads the file from standard input.
    let photo = fixtures::phone_photo(400, 300, 1, false);
    let r = env.run(&["--json", "attach", &id, "payment_proof", "-"], Some(&photo));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let state: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((state["files"][0]["name"].as_str(), state["files"][0]["width"].as_u64()), (Some("stdin"), Some(400)));
    let r = env.run(&["attach", &id, "payment_proof", "-", "-"], Some(&photo));
    assert_refused("`-` twice", &r, "only once");
    let r = env.run(&["attach", &id, "payment_proof", "-"], Some(b"not a picture"));
    assert_refused("text on standard input", &r, "not an image or PDF");
}

#[test]
fn hostile_zips_are_refused_before_inflating() {
    let env = Env::new();
    case(&env);
    let before = snapshot(&env.data());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("100 entries over one 40 MB stream", fixtures::zip_overlap_bomb(100), "share bytes: a zip bomb"),
        ("duplicate manifest.json, end record counting one", fixtures::zip_duplicate_manifest(false), "duplicate entry `manifest.json`"),
        ("duplicate manifest.json, zip64 end record counting one", fixtures::zip_duplicate_manifest(true), "duplicate entry `manifest.json`"),
    ];
    for (what, bytes, expect) in cases {
        let file = env.write("hostile.zip", &bytes);
        let r = env.run(&["import", &file], None);
        assert_refused(what, &r, expect);
        assert!(snapshot(&env.data()) == before, "{what}: the data directory changed");
    }
}

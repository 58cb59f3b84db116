//! The locked store from the command line (CONTRACTS.md section 10): `store encrypt`, what then
//! lies on disk, a store that stays shut without its passphrase, a changed passphrase, and
//! `store encrypt` / `store decrypt` killed at random points.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use documents::fixtures;
use serde_json::{Value, json};

const HOLDER: &str = "Li Xiaolong-5581";
const ID_NUMBER: &str = "11010519491231002X";
const PHONE: &str = "+8613912345678";
const ANSWERS: &str = r#"{"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":true}"#;

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
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn cmd(&self, passphrase: Option<&str>) -> Command {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin!("appeal-kit"));
        c.env("APPEAL_KIT_DATA_DIR", self.data()).env_remove("APPEAL_KIT_PASSPHRASE_FILE").env_remove("APPEAL_KIT_NEW_PASSPHRASE_FILE");
        c.stdin(Stdio::null());
        if let Some(p) = passphrase {
            c.env("APPEAL_KIT_PASSPHRASE_FILE", self.write(&format!("pass-{}", p.len()), format!("{p}\nsecond line ignored\n").as_bytes()));
        }
        c
    }
    /// Runs and returns (exit code, stdout, stderr).
    fn run(&self, passphrase: Option<&str>, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(passphrase).args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    }
    fn ok(&self, passphrase: Option<&str>, args: &[&str]) -> String {
        let (code, out, err) = self.run(passphrase, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }
    fn json(&self, passphrase: Option<&str>, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(passphrase, args)).unwrap()
    }
    /// A case with a profile and a JPEG photo, a PNG scan and a PDF attached.
    fn case(&self, passphrase: Option<&str>, n: u32) -> String {
        let answers = self.write("answers.json", ANSWERS.as_bytes());
        let id = self.ok(passphrase, &["case", "new", "--provider", "alibaba-cloud", "--title", &format!("Case {n}"), "--answers", answers.to_str().unwrap()]).trim().to_string();
        let profile = self.write("profile.json", json!({ "holder_name": HOLDER, "holder_id_number": ID_NUMBER, "contact_phone": PHONE }).to_string().as_bytes());
        self.ok(passphrase, &["case", "profile", &id, "--values", profile.to_str().unwrap()]);
        let jpg = self.write(&format!("photo{n}.jpg"), &fixtures::phone_photo(1200 + n, 900, 6, true));
        let png = self.write(&format!("scan{n}.png"), &fixtures::png(640 + n, 480));
        let pdf = self.write(&format!("license{n}.pdf"), &fixtures::pdf(1));
        self.ok(passphrase, &["attach", &id, "supplementary_documents", jpg.to_str().unwrap(), png.to_str().unwrap(), pdf.to_str().unwrap()]);
        id
    }
}

/// Every file under `dir` with its bytes.
fn all_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What each attached file looks like: the first 16 bytes of it (its signature and more).
fn signatures(env: &Env) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| ["jpg", "png", "pdf"].iter().any(|x| e.path().extension().is_some_and(|e| e == *x)))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()[..16].to_vec()))
        .collect();
    out.extend([
        ("JPEG".into(), b"\xff\xd8\xff".to_vec().into_iter().chain(*b"\xe0\x00\x10JFIF").collect()),
        ("PNG".into(), b"\x89PNG\r\n\x1a\n".to_vec()),
        ("PDF".into(), b"%PDF-".to_vec()),
        ("Exif".into(), b"Exif\0\0".to_vec()),
    ]);
    out
}

fn scan_finds_nothing(env: &Env) {
    let mut needles = signatures(env);
    for v in [HOLDER, ID_NUMBER, PHONE, "SQLite format 3\0", "Case 1"] {
        needles.push((v.to_string(), v.as_bytes().to_vec()));
    }
    let files = all_bytes(&env.data());
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    assert!(total > 100_000, "the store holds the documents ({total} bytes)");
    for (path, bytes) in &files {
        for (what, needle) in &needles {
            assert!(!find(bytes, needle), "{path} holds {what}");
        }
    }
}

#[test]
fn a_passphrase_locks_every_byte_of_the_store_and_only_it_opens_it() {
    let env = Env::new();
    let case = env.case(None, 1);
    // Plain to begin with: the scan does find the documents, so it can see them.
    assert!(all_bytes(&env.data()).iter().any(|(_, b)| find(b, b"\x89PNG\r\n\x1a\n")));

    let (code, _, err) = env.run(None, &["store", "encrypt"]);
    assert_eq!(code, 2, "no passphrase, no terminal: {err}");
    let (code, _, err) = env.run(Some("short"), &["store", "encrypt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("at least 8"), "{err}");
    env.ok(Some("correct horse battery"), &["store", "encrypt"]);
    scan_finds_nothing(&env);

    // Without the passphrase, or with a wrong one: exit 2, "the case store is locked", and
    // nothing on disk changes, whatever the command.
    let before = all_bytes(&env.data());
    for pass in [None, Some("wrong horse battery")] {
        for args in [
            vec!["case", "list", "--json"],
            vec!["case", "show", case.as_str()],
            vec!["case", "rename", case.as_str(), "--title", "x"],
            vec!["export", case.as_str(), "--out", env.path("b.zip").to_str().unwrap()],
            vec!["store", "decrypt"],
            vec!["store", "change-passphrase"],
            // In Chinese too, the contract's words stay in the message for scripts.
            vec!["case", "show", case.as_str(), "--lang", "zh"],
        ] {
            let (code, out, err) = env.run(pass, &args);
            assert_eq!(code, 2, "{args:?} with {pass:?}: {err}");
            assert!(err.contains("the case store is locked"), "{args:?}: {err}");
            assert!(out.is_empty());
            assert!(!err.contains('\n') || err.trim_end().lines().count() == 1, "one line: {err}");
        }
    }
    assert_eq!(all_bytes(&env.data()), before, "a locked store is left as it was");

    // With it, every command works, and new documents are sealed as well.
    let pass = Some("correct horse battery");
    let cases = env.json(pass, &["case", "list", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 1);
    let view = env.json(pass, &["case", "show", &case, "--json"]);
    assert_eq!(view["profile"]["holder_name"], HOLDER);
    assert_eq!(view["items"].as_array().unwrap().iter().map(|i| i["files"].as_array().unwrap().len()).sum::<usize>(), 3);
    let second = env.case(pass, 2);
    scan_finds_nothing(&env);

    // Bundles stay plain: the provider reads them as they are.
    let zip = env.path("bundle.zip");
    env.ok(pass, &["export", &second, "--out", zip.to_str().unwrap(), "--allow-incomplete"]);
    let bundle = std::fs::read(&zip).unwrap();
    assert!(bundle.starts_with(b"PK") && find(&bundle, b"\xff\xd8\xff"), "the bundle holds the plain JPEG");

    // A new passphrase: the old one no longer opens the store; every case is still there.
    let mut change = env.cmd(pass);
    change.env("APPEAL_KIT_NEW_PASSPHRASE_FILE", env.write("new-pass", b"staple battery horse\n")).args(["store", "change-passphrase"]);
    assert!(change.status().unwrap().success());
    assert_eq!(env.run(pass, &["case", "list"]).0, 2);
    let pass = Some("staple battery horse");
    assert_eq!(env.json(pass, &["case", "list", "--json"]).as_array().unwrap().len(), 2);
    for id in [&case, &second] {
        let view = env.json(pass, &["case", "show", id, "--json"]);
        let file = &view["items"].as_array().unwrap().iter().find(|i| i["item"] == "supplementary_documents").unwrap()["files"][0];
        assert!(file["id"].is_string());
    }
    scan_finds_nothing(&env);

    // Taken off again: a plain store that opens without a passphrase.
    env.ok(pass, &["store", "decrypt"]);
    assert_eq!(env.json(None, &["case", "list", "--json"]).as_array().unwrap().len(), 2);
    assert!(std::fs::read(env.data().join("appeal-kit.sqlite3")).unwrap().starts_with(b"SQLite format 3\0"));
}

/// The cases' titles and, for each, its files' hashes: what must survive a switch whole.
fn contents(env: &Env, pass: Option<&str>) -> Vec<(String, Vec<String>)> {
    let list = env.json(pass, &["case", "list", "--json"]);
    let mut out = Vec::new();
    for c in list.as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let view = env.json(pass, &["case", "show", id, "--json"]);
        let files: Vec<String> =
            view["items"].as_array().unwrap().iter().flat_map(|i| i["files"].as_array().unwrap().iter().map(|f| format!("{}:{}", f["id"], f["bytes"]))).collect();
        assert!(!files.is_empty());
        out.push((c["title"].as_str().unwrap().to_string(), files));
    }
    out.sort();
    out
}

/// Every stored file reads back (an export touches each one).
fn export_all(env: &Env, pass: Option<&str>, contents: &[(String, Vec<String>)]) {
    let list = env.json(pass, &["case", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), contents.len());
    for c in list.as_array().unwrap() {
        let out = env.path("check.zip");
        std::fs::remove_file(&out).ok();
        env.ok(pass, &["export", c["id"].as_str().unwrap(), "--out", out.to_str().unwrap(), "--allow-incomplete"]);
    }
}

#[test]
fn killing_encrypt_and_decrypt_at_random_points_leaves_the_old_store_or_the_new_one() {
    let env = Env::new();
    for n in 1..=3 {
        env.case(None, n);
    }
    let expected = contents(&env, None);
    const PASS: &str = "correct horse battery";
    let switch = |to_locked: bool| {
        let mut c = env.cmd(Some(PASS));
        c.args(["store", if to_locked { "encrypt" } else { "decrypt" }]).stdout(Stdio::null()).stderr(Stdio::null());
        c.spawn().unwrap()
    };
    // How long each takes, so kills land throughout.
    let start = Instant::now();
    assert!(switch(true).wait().unwrap().success());
    let encrypt_time = start.elapsed().as_micros() as u64;
    let start = Instant::now();
    assert!(switch(false).wait().unwrap().success());
    let decrypt_time = start.elapsed().as_micros() as u64;

    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let (mut killed, mut runs) = (0, 0);
    for run in 0..24 {
        let locked = kit::is_locked(&env.data());
        let full = if locked { decrypt_time } else { encrypt_time };
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut child = switch(!locked);
        std::thread::sleep(Duration::from_micros((seed >> 33) % (full + 1)));
        let _ = child.kill();
        let done = child.wait().unwrap().success();
        killed += !done as u32;
        runs += 1;
        // The store opens (with the passphrase if it has one) with every case and file.
        let pass = Some(PASS);
        assert_eq!(contents(&env, pass), expected, "run {run}: every case and file, under the old or the new state");
        let now_locked = kit::is_locked(&env.data());
        if done {
            assert_eq!(now_locked, !locked, "run {run}: a finished switch switched");
        }
        if now_locked {
            assert_eq!(env.run(None, &["case", "list"]).0, 2, "run {run}: a locked store stays shut without its passphrase");
        }
        if run % 6 == 5 {
            export_all(&env, pass, &expected);
        }
        // No half-built state is left behind once the store has been opened.
        assert!(!env.data().join(".switch-new").exists() && !env.data().join(".switch").exists(), "run {run}");
    }
    assert!(killed >= 8, "most runs were interrupted ({killed} of {runs})");
}

/// `case erase` (CONTRACTS.md section 10): never without --yes off a terminal (exit 2, nothing
/// changed); with it, the case and its documents go, its files' bytes left on disk open with
/// no key the store still has, and the other case is intact.
#[test]
fn case_erase_destroys_the_case_and_its_key_and_keeps_the_others() {
    let env = Env::new();
    let pass = "correct horse battery";
    let (a, b) = (env.case(None, 1), env.case(None, 2));
    env.ok(Some(pass), &["store", "encrypt"]);
    let before = all_bytes(&env.data());

    let (code, _, err) = env.run(Some(pass), &["case", "erase", &a]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--yes") && err.contains("nothing was erased"), "{err}");
    let (code, _, err) = env.run(None, &["case", "erase", &a, "--yes"]);
    assert_eq!(code, 2);
    assert!(err.contains("the case store is locked"), "{err}");
    assert_eq!(all_bytes(&env.data()), before, "refused: nothing changed");

    let done = env.json(Some(pass), &["case", "erase", &a, "--yes", "--json"]);
    assert_eq!((done["erased"].as_str(), done["files"].as_u64()), (Some(a.as_str()), Some(3)));
    let (code, _, _) = env.run(Some(pass), &["case", "show", &a]);
    assert_eq!(code, 2, "the erased case is gone");
    let shown = env.json(Some(pass), &["case", "show", &b, "--json"]);
    assert_eq!(shown["profile"]["holder_name"], HOLDER);
    // Every file the erased case had on disk is gone; b keeps its three.
    let files = |all: &[(String, Vec<u8>)]| all.iter().filter(|(p, _)| p.starts_with("files/") && !p.starts_with("files/tmp") && !p.ends_with(".lock")).count();
    assert_eq!((files(&before), files(&all_bytes(&env.data()))), (6, 3));
    let out = env.path("b.zip");
    env.ok(Some(pass), &["export", &b, "--out", out.to_str().unwrap(), "--allow-incomplete"]);
}

//! The command line against hostile or unlucky conditions: `--out` pointed at something that
//! is there (or at the store itself), values that would break a letter or a terminal, huge
//! input that must not end up in the timeline, and a disk with no room left.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

struct Env {
    dir: tempfile::TempDir,
}

const READY: &str = r#"{"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false}"#;

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn cmd(&self) -> Command {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin!("appeal-kit"));
        c.env("APPEAL_KIT_DATA_DIR", self.data());
        c
    }
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
    }
    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
    fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }
    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
    fn ready_case(&self) -> String {
        let answers = self.file("ready.json", READY);
        self.ok(&["case", "new", "--provider", "huawei-cloud", "--title", "Main", "--answers", &answers]).trim().to_string()
    }
    /// Every file under the data directory but SQLite's shared-memory index and empty files
    /// (SQLite may leave an empty log behind even when it cannot write), by path, with its hash.
    fn snapshot(&self) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        let mut stack = vec![self.data()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else if !e.file_name().to_string_lossy().ends_with("-shm") && e.metadata().unwrap().len() > 0 {
                    out.push((e.path(), store::files::sha256_hex(&std::fs::read(e.path()).unwrap())));
                }
            }
        }
        out.sort();
        out
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn out_never_replaces_a_file_without_force_nor_the_store_ever() {
    let env = Env::new();
    let case = env.ready_case();
    let out_dir = env.dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let zip = out_dir.join("bundle.zip").display().to_string();
    let pdf = out_dir.join("letter.pdf").display().to_string();
    std::fs::write(&zip, "my own notes").unwrap();
    std::fs::write(&pdf, "my own notes").unwrap();
    let data = env.data();
    let db = data.join("appeal-kit.sqlite3").display().to_string();
    let inside = data.join("files").join("x.zip").display().to_string();
    let via_dots = format!("{}/../data/appeal-kit.sqlite3-wal", out_dir.display());
    let link = out_dir.join("link.zip");
    std::os::unix::fs::symlink(data.join("appeal-kit.sqlite3"), &link).unwrap();
    let link = link.display().to_string();

    let export = |out: &str, force: bool| {
        let mut args = vec!["export", case.as_str(), "--out", out, "--allow-incomplete"];
        if force {
            args.push("--force");
        }
        env.run(&args)
    };
    let letter = |out: &str, force: bool| {
        let mut args = vec!["letter", case.as_str(), "authorization_letter", "--out", out];
        if force {
            args.push("--force");
        }
        env.run(&args)
    };
    type Writer<'a> = &'a dyn Fn(&str, bool) -> (i32, String, String);
    let writers: [(&str, Writer); 2] = [("export", &export), ("letter", &letter)];
    for (what, write) in writers {
        let before = env.snapshot();
        let own = if what == "export" { &zip } else { &pdf };
        let cases: Vec<(&str, bool, &str)> = vec![
            (own, false, "already exists; add --force to replace it"),
            (&db, true, "inside Appeal Kit's data folder"),
            (&db, false, "inside Appeal Kit's data folder"),
            (&inside, true, "inside Appeal Kit's data folder"),
            (&via_dots, true, "inside Appeal Kit's data folder"),
            (&link, true, "inside Appeal Kit's data folder"),
            (out_dir.to_str().unwrap(), true, "is a folder"),
        ];
        for (out, force, message) in cases {
            let (code, stdout, err) = write(out, force);
            assert_eq!(code, 2, "{what} {out} {force}: {err}");
            assert!(stdout.is_empty());
            assert!(err.contains(message), "{what} {out}: {err}");
            assert_eq!(err.trim().lines().count(), 1, "{err}");
        }
        assert_eq!(env.snapshot(), before, "{what}: refused writes changed the store");
        assert_eq!(std::fs::read(own).unwrap(), b"my own notes", "{what}: the user's file is untouched");
        // With --force the user's own file is replaced.
        let (code, _, err) = write(own, true);
        assert_eq!(code, 0, "{what}: {err}");
        assert_ne!(std::fs::read(own).unwrap(), b"my own notes");
    }
    assert_eq!(names_in(&out_dir), ["bundle.zip", "letter.pdf", "link.zip"], "no temporary file left");
}

#[test]
fn a_failed_or_killed_write_leaves_no_temporary_file_and_start_up_removes_only_its_own() {
    let env = Env::new();
    let case = env.ready_case();
    let out_dir = env.dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    // A folder that is not there: refused before anything is written.
    let missing = out_dir.join("no-such-folder").join("b.zip");
    let (code, _, err) = env.run(&["export", &case, "--out", missing.to_str().unwrap(), "--allow-incomplete"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write") && err.to_lowercase().contains("no such file"), "{err}");

    // A writer killed mid-way leaves its temporary file and its locked record: start-up
    // removes the file once the record's lock is free, and nothing that is not its own.
    let stale = out_dir.join(".bundle.zip.1a2b3c.appeal-kit.part");
    let lookalike = out_dir.join(".bundle.zip.999.appeal-kit.part");
    let mine = out_dir.join("bundle.zip.appeal-kit.part");
    for p in [&stale, &lookalike, &mine] {
        std::fs::write(p, "half a zip").unwrap();
    }
    let pending = env.data().join("pending");
    std::fs::create_dir_all(&pending).unwrap();
    std::fs::write(pending.join("1a2b3c"), stale.display().to_string()).unwrap();
    // Records naming files that are not Appeal Kit's temporary files are dropped, never obeyed.
    std::fs::write(pending.join("777"), mine.display().to_string()).unwrap();
    std::fs::write(pending.join("888"), env.path("ready.json")).unwrap();
    env.ok(&["case", "rename", &case, "--title", "Main account"]);
    assert!(!stale.exists(), "the killed writer's temporary file is removed");
    assert!(lookalike.exists() && mine.exists(), "files the records do not name as ours stay");
    assert!(std::path::Path::new(&env.path("ready.json")).exists());
    assert_eq!(names_in(&pending), Vec::<String>::new());

    // A live writer's record is locked: start-up leaves it and its file alone.
    let live = out_dir.join(".x.zip.abc.appeal-kit.part");
    std::fs::write(&live, "writing").unwrap();
    std::fs::write(pending.join("abc"), live.display().to_string()).unwrap();
    let record = std::fs::File::options().read(true).write(true).open(pending.join("abc")).unwrap();
    record.lock().unwrap();
    env.ok(&["case", "rename", &case, "--title", "Main"]);
    assert!(live.exists() && pending.join("abc").exists());
    drop(record);
    env.ok(&["case", "rename", &case, "--title", "Main account"]);
    assert!(!live.exists());

    // A real export killed at random points leaves nothing once the store is opened again.
    let out = out_dir.join("big.zip");
    let mut killed = 0;
    for delay in [2u64, 5, 10, 20, 40, 80] {
        let mut child = env.cmd().args(["export", &case, "--out", out.to_str().unwrap(), "--allow-incomplete", "--force"]).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        killed += !child.wait().unwrap().success() as u32;
    }
    env.ok(&["case", "rename", &case, "--title", "Main"]);
    let parts: Vec<String> = names_in(&out_dir).into_iter().filter(|n| n.ends_with(".appeal-kit.part") && n.contains("big.zip")).collect();
    assert!(parts.is_empty(), "{parts:?} after {killed} kills");
}

#[test]
fn values_are_kept_to_clean_text_with_a_clear_refusal() {
    let env = Env::new();
    let case = env.ready_case();
    let before = env.snapshot();
    let long = "x".repeat(201);
    let n = std::cell::Cell::new(0);
    let profile = |v: Value| {
        n.set(n.get() + 1);
        env.file(&format!("p{}.json", n.get()), &v.to_string())
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["case".into(), "new".into(), "--provider".into(), "huawei-cloud".into(), "--title".into(), "Shop\u{1b}[2J".into()], "title: keep it on one line, without a control character (U+001B)"),
        (vec!["case".into(), "rename".into(), case.clone(), "--title".into(), long.clone()], "title: keep it under 200 characters"),
        (vec!["case".into(), "rename".into(), case.clone(), "--title".into(), "two\nlines".into()], "without a line break"),
        (vec!["case".into(), "profile".into(), case.clone(), "--values".into(), profile(json!({"account_name": "ops\nSigned: the CEO"}))], "account_name: keep it on one line"),
        (vec!["case".into(), "profile".into(), case.clone(), "--values".into(), profile(json!({"holder_name": long}))], "holder_name: keep it under 200"),
        (vec!["case".into(), "profile".into(), case.clone(), "--values".into(), profile(json!({"reason": "x".repeat(2001)}))], "reason: keep it under 2000"),
        (vec!["case".into(), "profile".into(), case.clone(), "--values".into(), profile(json!({"reason": "beep\u{7}"}))], "reason: remove a control character (U+0007)"),
        (vec!["case".into(), "profile".into(), case.clone(), "--values".into(), profile(json!({"holder_name": "Shop\u{202E}gnp.exe"}))], "U+202E"),
        (vec!["status".into(), case.clone(), "submitted".into(), "--ticket".into(), "T-1\r\nT-2".into()], "ticket: keep it on one line"),
        (vec!["status".into(), case.clone(), "submitted".into(), "--ticket".into(), long.clone()], "ticket: keep it under 200"),
    ];
    for (args, message) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(message), "{message}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert_eq!(env.snapshot(), before, "refused values changed the store");

    // Information values: one line unless the field is multi-line.
    let alibaba = env.file("a.json", r#"{"verification":"individual","appeal_items":["other"],"submitter_is_verified_individual":true}"#);
    let other = env.ok(&["case", "new", "--provider", "alibaba-cloud", "--title", "Other", "--answers", &alibaba]).trim().to_string();
    let explanation = env.file("e.json", &json!({"explanation": "Line one.\nLine two."}).to_string());
    assert_eq!(env.json(&["info", &other, "supplementary_explanation", "--values", &explanation, "--json"])["values"]["explanation"], "Line one.\nLine two.");
    let huawei = env.file("h.json", r#"{"customer_type":"direct","real_name_verified":false,"account_type":"individual","card_added":false,"payments_made":false}"#);
    let third = env.ok(&["case", "new", "--provider", "huawei-cloud", "--title", "Third", "--answers", &huawei]).trim().to_string();
    let city = env.file("c.json", &json!({"city": "Hangzhou\nBeijing"}).to_string());
    let (code, _, err) = env.run(&["info", &third, "name_and_contact_address", "--values", &city]);
    assert_eq!((code, err.contains("city: keep it on one line")), (2, true), "{err}");
}

#[test]
fn terminal_output_escapes_control_characters_stored_before_they_were_refused() {
    let env = Env::new();
    let case = env.ready_case();
    // A store written by an older version, with an escape sequence in a title and a profile value.
    let db = rusqlite::Connection::open(env.data().join("appeal-kit.sqlite3")).unwrap();
    db.execute("UPDATE cases SET title = ?1, profile = ?2", ["Shop\u{1b}[2J\u{1b}[H", &json!({"account_name": "ops\u{1b}]0;pwned\u{7}"}).to_string()]).unwrap();
    drop(db);
    let list = env.ok(&["case", "list"]);
    assert!(!list.contains('\u{1b}') && list.contains("Shop\\u{1b}[2J"), "{list}");
    let show = env.ok(&["case", "show", &case]);
    assert!(!show.contains('\u{1b}') && !show.contains('\u{7}'), "{show}");
    assert!(show.contains("account_name=ops\\u{1b}]0;pwned\\u{7}"), "{show}");
    // JSON carries the stored text, escaped by JSON itself.
    assert_eq!(env.json(&["case", "show", &case, "--json"])["summary"]["title"], "Shop\u{1b}[2J\u{1b}[H");
}

#[test]
fn the_timeline_keeps_a_summary_never_the_raw_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut kit = kit::Kit::open(&dir.path().join("data")).unwrap();
    let id = kit.create_case("alibaba-cloud", "Big", None).unwrap().summary.id;
    // 300,000 repeats of one choice: valid, and 2.7 MB as it was given.
    let huge = json!({"verification": "individual", "appeal_items": vec!["other"; 300_000]});
    let view = kit.answer(&id, &huge).unwrap();
    let event = view.events.iter().rev().find(|e| e.kind.as_str() == "answered").unwrap();
    assert_eq!(event.detail, json!({"verification": "individual", "appeal_items": ["other"]}));
    drop(kit);
    let size = std::fs::metadata(dir.path().join("data/appeal-kit.sqlite3")).unwrap().len()
        + std::fs::metadata(dir.path().join("data/appeal-kit.sqlite3-wal")).map_or(0, |m| m.len());
    assert!(size < 1_000_000, "the store holds {size} bytes");
}

#[test]
fn looking_at_cases_works_on_a_full_disk() {
    let env = Env::new();
    let case = env.ready_case();
    let ticket_case = env.ready_case();
    env.ok(&["status", &ticket_case, "submitted", "--ticket", "HW-1"]);
    let before = env.snapshot();
    // No file may grow by a single byte: what a full disk looks like to a process. The shell
    // ignores SIGXFSZ so a write fails with an error instead of killing the process.
    let full = |args: &[&str]| {
        let bin = assert_cmd::cargo::cargo_bin!("appeal-kit");
        let out = Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 0; exec \"$@\"")
            .arg("sh")
            .arg(bin)
            .args(args)
            .env("APPEAL_KIT_DATA_DIR", env.data())
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, out, err) = full(&["case", "list"]);
    assert_eq!(code, 0, "case list on a full disk: {err}");
    assert!(out.contains(&case) && out.contains(&ticket_case), "{out}");
    let (code, out, err) = full(&["case", "show", &case, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["summary"]["id"], case.as_str());
    for args in [vec!["checklist", "--case", case.as_str()], vec!["status", ticket_case.as_str()], vec!["case", "list", "--json"]] {
        let (code, _, err) = full(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    assert_eq!(env.snapshot(), before, "looking wrote nothing");
    // A change cannot be made, and says so, on one line.
    let (code, _, err) = full(&["case", "rename", &case, "--title", "New"]);
    assert_ne!(code, 0);
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // A data folder with no store yet: looking creates nothing.
    let empty = env.dir.path().join("empty");
    let out = Command::new(assert_cmd::cargo::cargo_bin!("appeal-kit")).args(["case", "list", "--json"]).env("APPEAL_KIT_DATA_DIR", &empty).output().unwrap();
    assert!(out.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), json!([]));
    assert!(!empty.join("appeal-kit.sqlite3").exists());
}

//! An attach killed at random points, many times: the store always opens, SQLite's integrity
//! check passes, and no row names a file that is not there.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use documents::fixtures;

fn check_store(data: &std::path::Path) -> usize {
    kit::Kit::open(data).expect("the store opens after a crash");
    let db = rusqlite::Connection::open(data.join("appeal-kit.sqlite3")).unwrap();
    let ok: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let named: Vec<String> = db
        .prepare("SELECT original FROM attachments UNION SELECT fixed FROM attachments WHERE fixed IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for sha in &named {
        let path = data.join("files").join(&sha[..2]).join(sha);
        let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("a row names {sha}, which is missing"));
        assert_eq!(store::files::sha256_hex(&bytes), *sha, "stored file is whole");
    }
    let orphans = std::fs::read_dir(data.join("files/tmp")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(orphans, 0, "start-up removed half-written files");
    db.query_row("SELECT count(*) FROM attachments", [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

#[test]
fn killing_attach_at_random_points_never_leaves_half_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bin = assert_cmd::cargo::cargo_bin!("appeal-kit");
    let out = Command::new(bin)
        .args(["case", "new", "--provider", "alibaba-cloud", "--title", "Crash", "--answers", "-"])
        .env("APPEAL_KIT_DATA_DIR", &data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(br#"{"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":true}"#)?;
            c.wait_with_output()
        })
        .unwrap();
    let case = String::from_utf8(out.stdout).unwrap().trim().to_string();
    // Different files each run, so each run writes new files rather than finding them stored.
    const RUNS: u32 = 40;
    let files: Vec<Vec<std::path::PathBuf>> = (0..=RUNS)
        .map(|run| {
            (0..3)
                .map(|i| {
                    let p = dir.path().join(format!("photo-{run}-{i}.jpg"));
                    std::fs::write(&p, fixtures::phone_photo(800 + run, 600 + i, 6, true)).unwrap();
                    p
                })
                .collect()
        })
        .collect();
    let attach = |run: u32| {
        Command::new(bin)
            .arg("attach")
            .arg(&case)
            .arg("supplementary_documents")
            .args(&files[run as usize])
            .env("APPEAL_KIT_DATA_DIR", &data)
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long one attach takes, so kills land throughout it.
    let start = Instant::now();
    assert!(attach(0).wait().unwrap().success());
    let full = start.elapsed().as_micros() as u64;
    assert_eq!(check_store(&data), 3);

    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut killed, mut finished) = (0, 0);
    for run in 1..=RUNS {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut child = attach(run);
        std::thread::sleep(Duration::from_micros((seed >> 33) % (full + 1)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() { finished += 1 } else { killed += 1 }
        let rows = check_store(&data);
        assert_eq!(rows % 3, 0, "run {run}: an attach is all three files or none");
    }
    assert!(killed >= 10, "most runs were interrupted ({killed} killed, {finished} finished)");
}

#[test]
fn killing_export_never_leaves_a_half_zip_under_the_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut kit = kit::Kit::open(&data).unwrap();
    let answers = serde_json::json!({"verification": "individual", "appeal_items": ["reset_password"], "submitter_is_verified_individual": true});
    let case = kit.create_case("alibaba-cloud", "Export crash", Some(&answers)).unwrap().summary.id;
    let photos: Vec<std::path::PathBuf> = (0..6)
        .map(|i| {
            let p = dir.path().join(format!("p{i}.jpg"));
            std::fs::write(&p, fixtures::phone_photo(2000 + i, 1500, 1, true)).unwrap();
            p
        })
        .collect();
    kit.attach(&case, "supplementary_documents", &photos).unwrap();
    drop(kit);
    let bin = assert_cmd::cargo::cargo_bin!("appeal-kit");
    let out = dir.path().join("bundle.zip");
    let export = || {
        Command::new(bin).args(["export", &case, "--out"]).arg(&out).env("APPEAL_KIT_DATA_DIR", &data).stderr(Stdio::null()).stdout(Stdio::null()).spawn().unwrap()
    };
    let start = Instant::now();
    assert!(export().wait().unwrap().success());
    let full = start.elapsed().as_micros() as u64;
    let good = std::fs::read(&out).unwrap();

    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut killed = 0;
    for _ in 0..20 {
        std::fs::remove_file(&out).ok();
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut child = export();
        std::thread::sleep(Duration::from_micros((seed >> 33) % (full + 1)));
        let _ = child.kill();
        killed += !child.wait().unwrap().success() as u32;
        // Either no bundle at all, or the whole one.
        if let Ok(bytes) = std::fs::read(&out) {
            assert_eq!(bytes, good, "a file under the final name is the complete bundle");
        }
    }
    assert!(killed >= 5, "most runs were interrupted ({killed})");
}

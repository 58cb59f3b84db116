//! The command line run as a user runs it, on a store of its own, for the tests that drive
//! `appeal-kit` (each test binary uses its own part of it).
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
        Env { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.path(name)
    }

    /// Runs in English, whatever the machine's locale: (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("appeal-kit")
            .unwrap()
            .env("APPEAL_KIT_DATA_DIR", self.dir.path().join("data"))
            .env_remove("LC_ALL")
            .env_remove("LANG")
            .args(args)
            .output()
            .unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }

    /// Runs a command that must succeed and prints JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }

    /// The database and its log: what "the store" holds.
    pub fn store_bytes(&self) -> Vec<u8> {
        let d = self.dir.path().join("data");
        ["appeal-kit.sqlite3", "appeal-kit.sqlite3-wal"].iter().flat_map(|f| std::fs::read(d.join(f)).unwrap_or_default()).collect()
    }
}

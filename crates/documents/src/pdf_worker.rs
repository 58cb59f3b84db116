//! Draws PDF pages in a separate process under memory and time limits.
//!
//! Why a process: hayro 0.9 offers no limits on memory, nesting or draw operations and no way
//! to cancel a render, and a PDF can demand gigabytes or run forever from a few hundred bytes.
//! Only the operating system can bound that. The worker is this same program started again
//! with `WORKER_ENV` set: it limits its own address space (`RLIMIT_AS`), CPU time
//! (`RLIMIT_CPU`), core dumps and file writes before it reads the request, and the parent kills
//! it at a wall-clock deadline and reads back at most `MAX_REPLY_BYTES`.
//!
//! Finding the worker: a program's `main` calls `serve_if_worker()` first thing (both
//! `appeal-kit` and the desktop app do); that also tells this module the program can serve
//! itself. Anything else (crate tests, whose program is a test harness) names a program with
//! `set_worker_program`. With neither, drawing a PDF is an error: never a silent render
//! without limits.
//!
//! Windows has no `setrlimit`: there the worker runs with the deadline only.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::intake::MAX_FILE_BYTES;
use crate::preview::{self, Fit, PageImage, PreviewError};

/// Set (to `1`) in the worker's environment: the program serves one request and exits.
pub const WORKER_ENV: &str = "APPEAL_KIT_PDF_WORKER";
/// Address space the worker may map beyond what it had mapped when it started (the program's
/// own code and libraries, a few MB for `appeal-kit`); peak memory stays under 512 MiB.
pub const MEMORY_BYTES: u64 = 448 << 20;
/// Wall-clock and CPU seconds for one page. A 600 dpi A4 scan draws in well under a second.
pub const SECONDS: u64 = 6;
/// The largest reply read back: a `preview::MAX_SIDE` page as PNG, whatever it holds.
const MAX_REPLY_BYTES: u64 = 96 << 20;
const MAGIC: &[u8; 4] = b"AKP1";

static PROGRAM: OnceLock<PathBuf> = OnceLock::new();
static SERVES_ITSELF: AtomicBool = AtomicBool::new(false);

/// Call first thing in `main`: in a worker, serves the request on standard input and exits;
/// otherwise records that this program can be its own worker.
pub fn serve_if_worker() {
    if std::env::var_os(WORKER_ENV).is_some_and(|v| v == "1") {
        serve();
        std::process::exit(0);
    }
    SERVES_ITSELF.store(true, Ordering::SeqCst);
}

/// Names the program to start as the worker (one whose `main` calls `serve_if_worker`).
/// The first call wins.
pub fn set_worker_program(path: impl Into<PathBuf>) {
    let _ = PROGRAM.set(path.into());
}

fn program() -> Result<PathBuf, PreviewError> {
    if let Some(path) = PROGRAM.get() {
        return Ok(path.clone());
    }
    if SERVES_ITSELF.load(Ordering::SeqCst) {
        // /proc/self/exe still starts this program if its file was replaced by an upgrade.
        if cfg!(target_os = "linux") {
            return Ok(PathBuf::from("/proc/self/exe"));
        }
        return std::env::current_exe().map_err(|e| PreviewError::Worker(format!("cannot find this program ({e})")));
    }
    Err(PreviewError::Worker("no PDF worker: call documents::pdf_worker::serve_if_worker() in main or set_worker_program()".into()))
}

/// Draws page `index` of `pdf` in a worker; see the module comment.
pub(crate) fn render(pdf: &[u8], index: usize, fit: Fit) -> Result<PageImage, PreviewError> {
    let program = program()?;
    let mut child = Command::new(&program)
        .env(WORKER_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| PreviewError::Worker(format!("cannot start {} ({e})", program.display())))?;
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let (mut stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let request = request(index, fit);
    let (status, timed_out, reply, errors) = std::thread::scope(|s| {
        // A worker that dies early closes its end: the write fails, which is fine.
        s.spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(&request).and_then(|_| stdin.write_all(pdf));
            }
        });
        let reply = s.spawn(move || read_capped(stdout, MAX_REPLY_BYTES));
        let errors = s.spawn(move || read_capped(stderr, 4096));
        let (status, timed_out) = wait_until(&mut child, deadline);
        (status, timed_out, reply.join().unwrap_or_default(), errors.join().unwrap_or_default())
    });
    if timed_out {
        return Err(PreviewError::TooSlow);
    }
    let status = status.map_err(|e| PreviewError::Worker(format!("lost the worker ({e})")))?;
    if status.success() {
        return parse_reply(&reply);
    }
    Err(failure(status, &String::from_utf8_lossy(&errors)))
}

/// Waits for the worker, killing it at `deadline`; `true` when it was killed.
fn wait_until(child: &mut std::process::Child, deadline: Instant) -> (std::io::Result<ExitStatus>, bool) {
    let mut nap = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return (Ok(status), false),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                return (child.wait(), true);
            }
            Ok(None) => {
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(20));
            }
            Err(e) => {
                let _ = child.kill();
                return (Err(e), false);
            }
        }
    }
}

/// Why a worker that did not answer stopped: out of CPU time, out of memory, or crashed.
fn failure(status: ExitStatus, errors: &str) -> PreviewError {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if matches!(status.signal(), Some(libc::SIGXCPU) | Some(libc::SIGKILL)) {
            return PreviewError::TooSlow;
        }
    }
    if errors.contains("memory allocation") || errors.contains("out of memory") || errors.contains("Cannot allocate memory") {
        return PreviewError::TooMuchMemory;
    }
    let first = errors.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message");
    PreviewError::Unreadable(format!("drawing it stopped ({status}: {})", first.chars().take(200).collect::<String>()))
}

fn read_capped(pipe: Option<impl Read>, cap: u64) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(pipe) = pipe {
        let _ = pipe.take(cap).read_to_end(&mut out);
    }
    out
}

fn request(index: usize, fit: Fit) -> Vec<u8> {
    let (kind, value) = match fit {
        Fit::Longest(side) => (0u8, side as f32),
        Fit::Scale(scale) => (1u8, scale),
    };
    let mut out = MAGIC.to_vec();
    out.extend((index as u64).to_le_bytes());
    out.push(kind);
    out.extend(value.to_le_bytes());
    out
}

const HEADER: usize = 4 + 8 + 1 + 4;

fn parse_request(mut input: Vec<u8>) -> Result<(usize, Fit, Vec<u8>), PreviewError> {
    if input.len() < HEADER || &input[..4] != MAGIC {
        return Err(PreviewError::Worker("not a request from Appeal Kit".into()));
    }
    let index = u64::from_le_bytes(input[4..12].try_into().unwrap_or_default()) as usize;
    let value = f32::from_le_bytes(input[13..17].try_into().unwrap_or_default());
    let fit = if input[12] == 0 { Fit::Longest(value as u32) } else { Fit::Scale(value) };
    input.drain(..HEADER);
    Ok((index, fit, input))
}

fn parse_reply(reply: &[u8]) -> Result<PageImage, PreviewError> {
    let garbled = || PreviewError::Worker("the worker's answer is garbled".into());
    match reply.split_first() {
        Some((0, rest)) if rest.len() >= 12 => {
            let n = |i: usize| u32::from_le_bytes([rest[i], rest[i + 1], rest[i + 2], rest[i + 3]]);
            Ok(PageImage { pages: n(0), width: n(4), height: n(8), png: rest[12..].to_vec() })
        }
        Some((1, rest)) => Err(serde_json::from_slice(rest).map_err(|_| garbled())?),
        _ => Err(garbled()),
    }
}

/// The worker: limits itself, reads one request, draws, answers, and the caller exits.
fn serve() {
    std::panic::set_hook(Box::new(|_| {}));
    let result = limit_self().and_then(|()| {
        let mut input = Vec::new();
        std::io::stdin().lock().take(MAX_FILE_BYTES + HEADER as u64).read_to_end(&mut input).map_err(|e| PreviewError::Worker(e.to_string()))?;
        let (index, fit, pdf) = parse_request(input)?;
        std::panic::catch_unwind(move || preview::draw(pdf, index, fit))
            .unwrap_or_else(|_| Err(PreviewError::Unreadable("the renderer gave up on it".into())))
    });
    let reply = match result {
        Ok(page) => {
            let mut out = vec![0u8];
            for n in [page.pages, page.width, page.height] {
                out.extend(n.to_le_bytes());
            }
            out.extend(page.png);
            out
        }
        Err(e) => [vec![1u8], serde_json::to_vec(&e).unwrap_or_default()].concat(),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&reply).and_then(|_| stdout.flush());
}

/// Applies the limits to this process; a worker that cannot limit itself does not draw.
#[cfg(unix)]
fn limit_self() -> Result<(), PreviewError> {
    let mapped = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmSize:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())))
        .unwrap_or(0)
        * 1024;
    let set = |resource, value: u64| {
        let limit = libc::rlimit { rlim_cur: value as libc::rlim_t, rlim_max: value as libc::rlim_t };
        // SAFETY: setrlimit reads the struct we pass and changes only this process's limits.
        (unsafe { libc::setrlimit(resource, &limit) } == 0)
            .then_some(())
            .ok_or_else(|| PreviewError::Worker(format!("cannot limit the worker ({})", std::io::Error::last_os_error())))
    };
    set(libc::RLIMIT_CORE, 0)?;
    set(libc::RLIMIT_FSIZE, 0)?;
    set(libc::RLIMIT_CPU, SECONDS)?;
    set(libc::RLIMIT_AS, mapped + MEMORY_BYTES)
}

#[cfg(not(unix))]
fn limit_self() -> Result<(), PreviewError> {
    Ok(())
}

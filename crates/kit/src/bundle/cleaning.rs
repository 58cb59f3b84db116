//! The attached files cleaned for export on every core and handed on in order, while the zip
//! is written as one sequential stream by the caller; at most a few files are held at a time.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use documents::clean::{Cleaned, Cleaning};

use crate::{KitError, Result};

/// A file cleaned for export, with the hash of the result.
type Ready = Arc<(Cleaned, String)>;

/// A stored file to export: its name, its hash, and the copy of it made ahead for export, if any.
pub(super) struct Job<'a> {
    pub name: &'a str,
    pub sha: &'a str,
    pub ready: Option<&'a store::ReadyCopy>,
}

/// Each stored file read, checked and cleaned for export on every core (or its ready copy
/// read), and handed to `sink` in order, with the hash of the result, as soon as its turn
/// comes. A file in `memo` is not cleaned again.
pub(super) fn clean_all(
    files: &store::files::FileStore,
    jobs: &[Job],
    memo: Option<&Memo>,
    progress: &mut impl FnMut(u32, u32),
    mut sink: impl FnMut(&Cleaned, &str) -> Result<()>,
) -> Result<()> {
    let clean_one = |i: usize| -> Result<Ready> {
        let Job { name, sha, ready } = jobs[i];
        if let Some(ready) = memo.and_then(|m| m.get(sha)) {
            return Ok(ready);
        }
        if let Some(ready) = ready.and_then(|r| read_ready(files, r)) {
            return Ok(Arc::new(ready));
        }
        // Read without re-hashing the original: the bundle's own hashes are computed fresh
        // below, and a second SHA-256 pass would make export markedly slower than `zip -0`.
        let bytes = files.read_unchecked(sha).map_err(|e| KitError::Io { what: crate::tr!("stored file for {name}", "{name} 的已保存文件"), source: e })?;
        let cleaned = documents::clean::for_export(bytes).map_err(|e| crate::attachments::unreadable_stored(&e))?;
        let sha256 = store::files::sha256_hex(&cleaned.bytes);
        let ready = Arc::new((cleaned, sha256));
        if let Some(memo) = memo {
            memo.keep(sha, &ready);
        }
        Ok(ready)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    in_order(jobs.len(), threads, clean_one, progress, |ready| sink(&ready.0, &ready.1))
}

/// A ready copy as stored, checked against its hash (which the manifest then names); `None`
/// if it cannot be used (gone, changed on disk, its record unreadable): the original is
/// cleaned instead.
fn read_ready(files: &store::files::FileStore, ready: &store::ReadyCopy) -> Option<(Cleaned, String)> {
    let done = ready.cleaned.as_array()?.iter().map(|c| c.as_str().and_then(Cleaning::from_id)).collect::<Option<Vec<_>>>()?;
    let bytes = files.read(&ready.sha256).ok()?;
    let media_type = documents::intake::sniff(&bytes).ok()?;
    Some((Cleaned { bytes, media_type, done }, ready.sha256.clone()))
}

/// Most bytes of cleaned files a `Memo` keeps.
const MEMO_BYTES: usize = 256 * 1024 * 1024;

/// Files whose cleaning cost real work (a photo turned or encoded again), kept by the hash of
/// the stored file for the other cases of a batch export that hold the same file: an admin's
/// business license or legal representative's ID card is often in many of them. At most
/// `MEMO_BYTES` are kept; past that, a file is cleaned again.
#[derive(Default)]
pub struct Memo(Mutex<(HashMap<String, Ready>, usize)>);

impl Memo {
    fn get(&self, sha: &str) -> Option<Ready> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).0.get(sha).cloned()
    }

    fn keep(&self, sha: &str, ready: &Ready) {
        let costly = ready.0.was_costly();
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let (map, bytes) = &mut *kept;
        if costly && *bytes + ready.0.bytes.len() <= MEMO_BYTES && !map.contains_key(sha) {
            *bytes += ready.0.bytes.len();
            map.insert(sha.to_string(), ready.clone());
        }
    }
}

/// `work(i)` for each `i` below `len` on up to `threads` threads, each result handed to `sink`
/// in order of `i` as soon as its turn comes. A job is started only while fewer than
/// `2 * threads + 2` are started and not yet handed on, so memory stays bounded however many
/// jobs there are and however slow one of them is.
fn in_order<T: Send>(
    len: usize,
    threads: usize,
    work: impl Fn(usize) -> Result<T> + Sync,
    progress: &mut impl FnMut(u32, u32),
    mut sink: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let threads = threads.clamp(1, len.max(1));
    let window = Window::new(len, 2 * threads + 2);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        // Each thread takes the next job when it is free: turned photos cost far more than
        // the others, and a fixed share per thread left one core with all of them.
        for _ in 0..threads {
            let tx = tx.clone();
            let (work, window) = (&work, &window);
            scope.spawn(move || {
                while let Some(i) = window.take() {
                    if tx.send((i, work(i))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let rx = rx; // owned here, so leaving early drops it
        // Leaving early (an error) also stops the threads taking another job.
        let _stop = Stop(&window);
        let mut waiting = std::collections::BTreeMap::new();
        let mut handed_on = 0;
        for (done, (i, result)) in rx.iter().enumerate() {
            waiting.insert(i, result);
            progress(done as u32 + 1, len as u32);
            while let Some(result) = waiting.remove(&handed_on) {
                sink(result?)?;
                handed_on += 1;
                window.handed_on();
            }
        }
        match handed_on == len {
            true => Ok(()),
            false => Err(KitError::Internal(crate::tr!("a file was not exported", "有文件未能导出"))),
        }
    })
}

/// Which file is next, and how far ahead of the writer the cleaning threads may run.
struct Window {
    state: Mutex<WindowState>,
    changed: Condvar,
    len: usize,
    size: usize,
}

struct WindowState {
    next: usize,
    handed_on: usize,
    stopped: bool,
}

impl Window {
    fn new(len: usize, size: usize) -> Window {
        Window { state: Mutex::new(WindowState { next: 0, handed_on: 0, stopped: false }), changed: Condvar::new(), len, size: size.max(1) }
    }

    /// The next file to clean, once there is room for it; `None` when every file is taken or
    /// the writer has stopped.
    fn take(&self) -> Option<usize> {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if s.stopped || s.next >= self.len {
                return None;
            }
            if s.next < s.handed_on + self.size {
                s.next += 1;
                return Some(s.next - 1);
            }
            s = self.changed.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// One more file written: room for the next.
    fn handed_on(&self) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).handed_on += 1;
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).stopped = true;
        self.changed.notify_all();
    }
}

/// Stops the window when the writer leaves, whether done or failed.
struct Stop<'a>(&'a Window);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// A slow first job does not let the threads clean every other file meanwhile: at most
    /// the window (here 2 threads: 6 jobs) is started and not yet handed on.
    #[test]
    fn a_slow_job_holds_back_at_most_the_window() {
        let (started, handed, most) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
        let all_started = (Mutex::new(()), Condvar::new());
        let len = 40;
        let mut order = Vec::new();
        in_order(
            len,
            2,
            |i| {
                let now = started.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now - handed.load(Ordering::SeqCst), Ordering::SeqCst);
                if now == len {
                    let _held = all_started.0.lock().unwrap();
                    all_started.1.notify_all();
                }
                if i == 0 {
                    // Unbounded, the other thread would start all the rest meanwhile.
                    let guard = all_started.0.lock().unwrap();
                    let _ = all_started.1.wait_timeout_while(guard, Duration::from_secs(1), |_| started.load(Ordering::SeqCst) < len).unwrap();
                }
                Ok(i)
            },
            &mut |_, _| {},
            |i| {
                handed.fetch_add(1, Ordering::SeqCst);
                order.push(i);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(order, (0..len).collect::<Vec<_>>());
        assert!(most.load(Ordering::SeqCst) <= 6, "{} jobs were in flight at once", most.load(Ordering::SeqCst));
    }

    /// A turned photo is cleaned once for all the bundles of a batch that hold it (the second
    /// time it is not even read: here it is gone from the store by then); a photo that needed
    /// only its metadata removed is not kept, since cleaning it again costs about a copy.
    #[test]
    fn a_turned_photo_is_cleaned_once_per_batch() {
        let dir = tempfile::tempdir().unwrap();
        let files = store::files::FileStore::new(dir.path().to_path_buf());
        let lock = files.lock().unwrap();
        let (sideways, upright) = (documents::fixtures::phone_photo(640, 480, 6, true), documents::fixtures::phone_photo(640, 480, 1, true));
        let (turned, plain) = (store::files::sha256_hex(&sideways), store::files::sha256_hex(&upright));
        files.put(&lock, &turned, &sideways).unwrap();
        files.put(&lock, &plain, &upright).unwrap();
        let memo = Memo::default();
        let jobs = [Job { name: "a.jpg", sha: &turned, ready: None }, Job { name: "b.jpg", sha: &plain, ready: None }];
        let clean = |memo: &Memo| {
            let mut out = Vec::new();
            clean_all(&files, &jobs, Some(memo), &mut |_, _| {}, |c, sha| {
                out.push((c.bytes.clone(), sha.to_string(), c.done.clone()));
                Ok(())
            })
            .map(|()| out)
        };
        let first = clean(&memo).unwrap();
        assert!(first[0].2.contains(&Cleaning::TurnedLossless));
        files.remove(&lock, &turned).unwrap();
        let second = clean(&memo).unwrap();
        assert_eq!(second[0], first[0]);
        assert_eq!(second[1], first[1]);
        files.remove(&lock, &plain).unwrap();
        assert!(clean(&memo).is_err(), "the upright photo was kept, not read again");
    }

    /// A failure stops the work: the error comes back, and no thread is left waiting.
    #[test]
    fn a_failed_job_stops_the_rest() {
        let started = AtomicUsize::new(0);
        let result = in_order(
            100,
            2,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                if i == 3 { Err(KitError::Internal(crate::tr!("no", "否"))) } else { Ok(i) }
            },
            &mut |_, _| {},
            |_| Ok(()),
        );
        assert!(result.is_err());
        assert!(started.load(Ordering::SeqCst) < 100);
    }
}

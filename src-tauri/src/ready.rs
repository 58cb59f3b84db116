//! Copies of attached files as they leave in a bundle, made in the background (see kit's
//! `bundle::ready`): after files are attached, and once soon after start-up for files attached
//! before. Each copy is made without holding the kit, so the window answers meanwhile.

use std::collections::HashSet;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::Session;

/// How long after start-up the first pass waits, so as not to slow the first screen.
const AFTER_START_UP: Duration = Duration::from_secs(5);

/// Wakes the background thread that makes the copies.
#[derive(Clone)]
pub(crate) struct Preparer(Sender<()>);

impl Preparer {
    pub(crate) fn start(session: Arc<Mutex<Session>>) -> Preparer {
        let (wake, woken) = channel();
        std::thread::spawn(move || run(&session, &woken));
        Preparer(wake)
    }

    /// Files may have been attached: make what copies they need.
    pub(crate) fn wake(&self) {
        let _ = self.0.send(());
    }
}

fn run(session: &Mutex<Session>, woken: &Receiver<()>) {
    // Attachments tried in this run, made or not: a file that cannot be cleaned is not
    // tried again and again (the export reports it).
    let mut tried = HashSet::new();
    let _ = woken.recv_timeout(AFTER_START_UP);
    loop {
        while woken.try_recv().is_ok() {}
        prepare_all(session, &mut tried);
        if woken.recv().is_err() {
            return;
        }
    }
}

/// Makes every copy still missing, the kit held only to find the files and keep each copy.
fn prepare_all(session: &Mutex<Session>, tried: &mut HashSet<String>) {
    loop {
        let jobs = match session.lock().map(|s| s.kit.as_ref().map(|k| k.ready_jobs(tried))) {
            Ok(Some(Ok(jobs))) if !jobs.is_empty() => jobs,
            // Locked, failed, or nothing to do.
            _ => return,
        };
        for job in jobs {
            tried.insert(job.id().to_string());
            let Ok(Some(made)) = job.make() else { continue };
            let Ok(mut session) = session.lock() else { return };
            if let Some(kit) = session.kit.as_mut() {
                let _ = kit.keep_ready(&made);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A photo attached sideways gets its export copy in the background once woken, without
    /// anyone waiting for it.
    #[test]
    fn a_sideways_photo_gets_its_copy_in_the_background() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path();
        let photo = dir.join("sideways.jpg");
        std::fs::write(&photo, documents::fixtures::phone_photo(640, 480, 6, true))?;
        let mut kit = kit::Kit::open(&dir.join("data"))?;
        let answers = serde_json::json!({"verification": "individual", "appeal_items": ["reset_password"], "submitter_is_verified_individual": true});
        let case = kit.create_case("alibaba-cloud", "Background", Some(&answers))?.summary.id;
        kit.attach(&case, "supplementary_documents", &[photo])?;
        let none = HashSet::new();
        assert_eq!(kit.ready_jobs(&none)?.len(), 1);

        let session = Arc::new(Mutex::new(Session { data_dir: dir.join("data"), kit: Some(kit), lang: kit::Language::En }));
        Preparer::start(session.clone()).wake();
        let started = std::time::Instant::now();
        let made = loop {
            let left = session.lock().map_err(|_| "poisoned")?.kit.as_ref().ok_or("closed")?.ready_jobs(&none)?.len();
            if left == 0 || started.elapsed() > Duration::from_secs(30) {
                break left == 0;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(made, "the copy was not made");
        Ok(())
    }
}

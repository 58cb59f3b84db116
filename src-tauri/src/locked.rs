//! The locked store in the window (issue 17, CONTRACTS.md section 10): the app opens to its
//! unlock screen when the store has a passphrase, locks on request and after the idle time the
//! window keeps, and the first-run screen can put a passphrase on. Locking drops the kit: the
//! store's keys (zeroizing types, wiped on drop) and SQLCipher's connection go with it.

use kit::{ErrorInfo, Kit, KitError, Passphrase, StoreState};
use tauri::State;

use super::{App, Reply, Session, internal};

/// What every store command answers while the store is locked.
pub(crate) fn locked() -> ErrorInfo {
    KitError::Store(kit::StoreError::Locked(kit::LockReason::NoPassphrase)).info()
}

impl Session {
    pub(crate) fn state(&self) -> StoreState {
        StoreState {
            encrypted: kit::is_locked(&self.data_dir),
            unlocked: self.kit.is_some(),
            min_passphrase_chars: kit::MIN_PASSPHRASE_CHARS as u32,
        }
    }

    /// Opens the store with its passphrase (Argon2id: about half a second). A wrong one is
    /// `ErrorKind::Locked` with the field "passphrase", and changes nothing.
    pub(crate) fn unlock(&mut self, passphrase: &Passphrase) -> kit::Result<StoreState> {
        if self.kit.is_none() {
            let vault = if kit::is_locked(&self.data_dir) { Some(Kit::unlock(&self.data_dir, passphrase)?) } else { None };
            let mut kit = Kit::open_with(&self.data_dir, vault)?;
            kit.set_language(self.lang);
            self.kit = Some(kit);
        }
        Ok(self.state())
    }

    /// Closes the store and forgets its keys.
    pub(crate) fn lock(&mut self) -> kit::Result<StoreState> {
        if !kit::is_locked(&self.data_dir) {
            return Err(KitError::field("passphrase", kit::tr!("the case store has no passphrase to lock it with", "案件库没有口令，无法加锁")));
        }
        self.kit = None;
        Ok(self.state())
    }

    /// Puts a passphrase on the store (every file and the database rewritten encrypted,
    /// crash-safely), then opens it with it. On failure the store is opened again as it was.
    pub(crate) fn set_passphrase(&mut self, passphrase: &Passphrase) -> kit::Result<StoreState> {
        passphrase.check_new().map_err(|e| KitError::field("passphrase", KitError::Store(e).text()))?;
        if kit::is_locked(&self.data_dir) {
            return Err(KitError::field("passphrase", kit::tr!("the case store already has a passphrase", "案件库已有口令")));
        }
        // The switch needs the store closed.
        self.kit = None;
        if let Err(e) = Kit::encrypt_store(&self.data_dir, passphrase) {
            if let Ok(mut kit) = Kit::open(&self.data_dir) {
                kit.set_language(self.lang);
                self.kit = Some(kit);
            }
            return Err(e);
        }
        self.unlock(passphrase)
    }
}

/// Runs `f` with the session on a blocking thread (unlocking takes a while).
async fn with_session<T: Send + 'static>(app: State<'_, App>, f: impl FnOnce(&mut Session) -> kit::Result<T> + Send + 'static) -> Reply<T> {
    let session = app.0.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut session = session.lock().map_err(|_| internal("the case store is unavailable after an earlier failure; restart Appeal Kit"))?;
        f(&mut session).map_err(|e| e.info())
    })
    .await
    .map_err(|e| internal(&e.to_string()))?
}

#[tauri::command]
pub async fn store_state(app: State<'_, App>) -> Reply<StoreState> {
    with_session(app, |s| Ok(s.state())).await
}

#[tauri::command]
pub async fn unlock(app: State<'_, App>, passphrase: String) -> Reply<StoreState> {
    let passphrase = Passphrase::new(passphrase);
    with_session(app, move |s| s.unlock(&passphrase)).await
}

#[tauri::command]
pub async fn lock(app: State<'_, App>) -> Reply<StoreState> {
    with_session(app, |s| s.lock()).await
}

#[tauri::command]
pub async fn set_passphrase(app: State<'_, App>, passphrase: String) -> Reply<StoreState> {
    let passphrase = Passphrase::new(passphrase);
    with_session(app, move |s| s.set_passphrase(&passphrase)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use kit::ErrorKind;

    /// A folder removed at the end of the test.
    struct Dir(std::path::PathBuf);
    impl Dir {
        fn path(&self) -> &std::path::Path {
            &self.0
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn session(dir: &std::path::Path) -> Session {
        Session { data_dir: dir.to_path_buf(), kit: None, lang: kit::Language::Zh }
    }

    #[test]
    fn a_passphrase_set_in_the_window_locks_and_unlocks_the_store() {
        let tmp = std::env::temp_dir().join(format!("appeal-kit-locked-window-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let dir = Dir(tmp);
        let mut s = session(dir.path());
        s.unlock(&Passphrase::new(String::new())).unwrap();
        let id = s.kit.as_mut().unwrap().create_case("huawei-cloud", "Kept through the switch", None).unwrap().summary.id;
        assert!(s.lock().is_err(), "nothing to lock without a passphrase");

        let short = s.set_passphrase(&Passphrase::new("short".into())).unwrap_err().info();
        assert_eq!((short.kind, short.field.as_deref()), (ErrorKind::Validation, Some("passphrase")));
        assert!(s.kit.is_some() && !kit::is_locked(dir.path()), "a refused passphrase changes nothing");

        let good = Passphrase::new("correct horse battery".into());
        assert_eq!(s.set_passphrase(&good).unwrap(), StoreState { encrypted: true, unlocked: true, min_passphrase_chars: 8 });
        assert_eq!(s.kit.as_mut().unwrap().language(), kit::Language::Zh);
        assert_eq!(s.lock().unwrap(), StoreState { encrypted: true, unlocked: false, min_passphrase_chars: 8 });
        assert!(s.kit.is_none(), "locking drops the kit and its keys");

        let wrong = s.unlock(&Passphrase::new("wrong horse battery".into())).unwrap_err().info();
        assert_eq!((wrong.kind, wrong.field.as_deref()), (ErrorKind::Locked, Some("passphrase")));
        assert!(wrong.message.contains("not the right one"), "{}", wrong.message);
        assert!(s.kit.is_none());

        s.unlock(&good).unwrap();
        assert_eq!(s.kit.as_mut().unwrap().case(&id).unwrap().summary.title, "Kept through the switch");
    }
}

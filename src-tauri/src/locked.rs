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
            return Err(KitError::field("passphrase", kit::tr!("the case store has no passphrase to lock it with", "案件库没有密码，无法加锁")));
        }
        self.kit = None;
        Ok(self.state())
    }

    /// Puts a passphrase on the store (every file and the database rewritten encrypted,
    /// crash-safely), then opens it with it. On failure the store is opened again as it was.
    pub(crate) fn set_passphrase(&mut self, passphrase: &Passphrase) -> kit::Result<StoreState> {
        passphrase.check_new().map_err(|e| KitError::field("passphrase", KitError::Store(e).text()))?;
        if kit::is_locked(&self.data_dir) {
            return Err(KitError::field("passphrase", kit::tr!("the case store already has a passphrase", "案件库已有密码")));
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

impl Session {
    /// The current passphrase checked (a wrong one is `ErrorKind::Locked`, field "passphrase",
    /// nothing changed) while the store stays open; its keys, to open the store again.
    fn check_current(&self, current: &Passphrase) -> kit::Result<std::sync::Arc<kit::Vault>> {
        if !kit::is_locked(&self.data_dir) {
            return Err(KitError::field("passphrase", kit::tr!("the case store has no passphrase", "案件库没有密码")));
        }
        if self.kit.is_none() {
            return Err(KitError::Store(kit::StoreError::Locked(kit::LockReason::NoPassphrase)));
        }
        Kit::unlock(&self.data_dir, current)
    }

    /// Opens the store again with `vault` (the switch needed it closed).
    fn reopen(&mut self, vault: Option<std::sync::Arc<kit::Vault>>) -> kit::Result<()> {
        let mut kit = Kit::open_with(&self.data_dir, vault)?;
        kit.set_language(self.lang);
        self.kit = Some(kit);
        Ok(())
    }

    /// Wraps the store's key under a new passphrase (nothing else is rewritten); the current
    /// one is required. The store stays unlocked.
    pub(crate) fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> kit::Result<StoreState> {
        new.check_new().map_err(|e| KitError::field("new_passphrase", KitError::Store(e).text()))?;
        let vault = self.check_current(current)?;
        // The change takes the store for itself a moment: closed, then opened again with the
        // same keys (the data key does not change), whatever the outcome.
        self.kit = None;
        let changed = Kit::change_passphrase(&self.data_dir, current, new);
        self.reopen(Some(vault))?;
        changed?;
        Ok(self.state())
    }

    /// Takes the passphrase off the store (the database and every file rewritten plain,
    /// crash-safely); the current one is required. The store stays open.
    pub(crate) fn remove_passphrase(&mut self, current: &Passphrase) -> kit::Result<StoreState> {
        let vault = self.check_current(current)?;
        self.kit = None;
        match Kit::decrypt_store_with(&self.data_dir, vault.clone()) {
            Ok(()) => self.reopen(None)?,
            Err(e) => {
                self.reopen(Some(vault))?;
                return Err(e);
            }
        }
        Ok(self.state())
    }
}

/// Runs `f` with the session on a blocking thread (unlocking takes a while).
pub(crate) async fn with_session<T: Send + 'static>(app: State<'_, App>, f: impl FnOnce(&mut Session) -> kit::Result<T> + Send + 'static) -> Reply<T> {
    let session = app.0.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut session = session.lock().map_err(|_| internal(&super::unavailable()))?;
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

#[tauri::command]
pub async fn change_passphrase(app: State<'_, App>, current: String, new: String) -> Reply<StoreState> {
    let (current, new) = (Passphrase::new(current), Passphrase::new(new));
    with_session(app, move |s| s.change_passphrase(&current, &new)).await
}

#[tauri::command]
pub async fn remove_passphrase(app: State<'_, App>, current: String) -> Reply<StoreState> {
    let current = Passphrase::new(current);
    with_session(app, move |s| s.remove_passphrase(&current)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use kit::ErrorKind;

    /// A folder removed at the end of the test.
    /// The kit of an open store; an error (failing the test) if the store is locked.
    fn open(s: &mut Session) -> Result<&mut kit::Kit, &'static str> {
        s.kit.as_mut().ok_or("the store should be open")
    }

    fn session(dir: &std::path::Path) -> Session {
        Session { data_dir: dir.to_path_buf(), kit: None, lang: kit::Language::Zh }
    }

    #[test]
    fn a_passphrase_set_in_the_window_locks_and_unlocks_the_store() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut s = session(dir.path());
        s.unlock(&Passphrase::new(String::new()))?;
        let id = open(&mut s)?.create_case("huawei-cloud", "Kept through the switch", None)?.summary.id;
        assert!(s.lock().is_err(), "nothing to lock without a passphrase");

        let short = s.set_passphrase(&Passphrase::new("short".into())).err().ok_or("should have been refused")?.info();
        assert_eq!((short.kind, short.field.as_deref()), (ErrorKind::Validation, Some("passphrase")));
        assert!(s.kit.is_some() && !kit::is_locked(dir.path()), "a refused passphrase changes nothing");

        let good = Passphrase::new("correct horse battery".into());
        assert_eq!(s.set_passphrase(&good)?, StoreState { encrypted: true, unlocked: true, min_passphrase_chars: 8 });
        assert_eq!(open(&mut s)?.language(), kit::Language::Zh);
        assert_eq!(s.lock()?, StoreState { encrypted: true, unlocked: false, min_passphrase_chars: 8 });
        assert!(s.kit.is_none(), "locking drops the kit and its keys");

        let wrong = s.unlock(&Passphrase::new("wrong horse battery".into())).err().ok_or("should have been refused")?.info();
        assert_eq!((wrong.kind, wrong.field.as_deref()), (ErrorKind::Locked, Some("passphrase")));
        assert!(wrong.message.contains("not the right one"), "{}", wrong.message);
        assert!(s.kit.is_none());

        s.unlock(&good)?;
        assert_eq!(open(&mut s)?.case(&id)?.summary.title, "Kept through the switch");

        // Changed: the current passphrase is required (a wrong one changes nothing and leaves
        // the store open), the new one checked; the store stays open throughout.
        let newer = Passphrase::new("battery staple horse".into());
        let wrong = s.change_passphrase(&Passphrase::new("wrong horse battery".into()), &newer).err().ok_or("should have been refused")?.info();
        assert_eq!((wrong.kind, wrong.field.as_deref()), (ErrorKind::Locked, Some("passphrase")));
        let short = s.change_passphrase(&good, &Passphrase::new("short".into())).err().ok_or("should have been refused")?.info();
        assert_eq!((short.kind, short.field.as_deref()), (ErrorKind::Validation, Some("new_passphrase")));
        assert!(s.kit.is_some());
        assert_eq!(s.change_passphrase(&good, &newer)?, StoreState { encrypted: true, unlocked: true, min_passphrase_chars: 8 });
        assert_eq!(open(&mut s)?.case(&id)?.summary.title, "Kept through the switch");
        s.lock()?;
        assert!(s.unlock(&good).is_err(), "the old passphrase no longer opens it");
        s.unlock(&newer)?;

        // Removed: the current passphrase is required; then a plain store, still open.
        assert!(s.remove_passphrase(&good).is_err());
        assert!(kit::is_locked(dir.path()) && s.kit.is_some());
        assert_eq!(s.remove_passphrase(&newer)?, StoreState { encrypted: false, unlocked: true, min_passphrase_chars: 8 });
        assert!(!kit::is_locked(dir.path()));
        assert_eq!(open(&mut s)?.case(&id)?.summary.title, "Kept through the switch");
        assert_eq!(open(&mut s)?.language(), kit::Language::Zh);
        Ok(())
    }
}

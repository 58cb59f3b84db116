//! The locked store on the command line (CONTRACTS.md section 10): `store encrypt | decrypt |
//! change-passphrase`, and the passphrase that opens a locked store for every other command.
//! The passphrase comes from the file `APPEAL_KIT_PASSPHRASE_FILE` names (its first line), or
//! is typed at a terminal; never from an argument, which other users can see in the process
//! list and which lands in the shell's history.

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::sync::Arc;

use clap::Subcommand;
use kit::{Kit, KitError, LockReason, Passphrase, Vault};

const PASSPHRASE_FILE: &str = "APPEAL_KIT_PASSPHRASE_FILE";
const NEW_PASSPHRASE_FILE: &str = "APPEAL_KIT_NEW_PASSPHRASE_FILE";

#[derive(Subcommand)]
pub enum StoreCommand {
    /// Put a passphrase on the case store: the database and every stored document are
    /// encrypted. A forgotten passphrase cannot be recovered. The passphrase comes from the file
    /// named by APPEAL_KIT_PASSPHRASE_FILE, or is asked for at a terminal
    Encrypt,
    /// Take the passphrase off the case store, leaving it unencrypted
    Decrypt,
    /// Change the passphrase (the new one from APPEAL_KIT_NEW_PASSPHRASE_FILE, or asked for)
    ChangePassphrase,
}

/// The first line of the file `var` names, or a passphrase typed at a terminal (`prompt`,
/// twice with `confirm`); `None` when there is neither.
fn read_passphrase(var: &str, prompt: &str, confirm: bool) -> Result<Option<Passphrase>, KitError> {
    if let Some(path) = std::env::var_os(var) {
        let name = format!("{var} ({})", Path::new(&path).display());
        let mut text = zeroize::Zeroizing::new(Vec::new());
        std::fs::File::open(&path)
            .and_then(|f| f.take(64 * 1024).read_to_end(&mut text))
            .map_err(|e| KitError::field(&name, kit::error::lead("cannot read: ", "无法读取：", &kit::error::io_reason(&e))))?;
        let line = text.split(|b| *b == b'\n').next().unwrap_or_default();
        let line = std::str::from_utf8(line).map_err(|_| KitError::field(&name, kit::tr!("the passphrase is not UTF-8 text", "密码不是 UTF-8 文本")))?;
        if line.trim_end_matches('\r').is_empty() {
            return Err(KitError::field(&name, kit::tr!("the first line, which holds the passphrase, is empty", "第一行（密码所在的行）是空的")));
        }
        return Ok(Some(Passphrase::new(line.to_string())));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let ask = |prompt: &str| rpassword::prompt_password(prompt).map(Passphrase::new);
    let unread = |e| KitError::Io { what: kit::tr!("cannot read the passphrase", "无法读取密码"), source: e };
    let first = ask(prompt).map_err(unread)?;
    if confirm {
        let again = ask("Type it again: ").map_err(unread)?;
        if first != again {
            return Err(KitError::field("passphrase", kit::tr!("the two passphrases differ; nothing was changed", "两次输入的密码不同；未做任何更改")));
        }
    }
    Ok(Some(first))
}

fn locked() -> KitError {
    KitError::Store(kit::StoreError::Locked(LockReason::NoPassphrase))
}

/// The current passphrase, or "the case store is locked" when there is no way to get it.
fn current_passphrase() -> Result<Passphrase, KitError> {
    read_passphrase(PASSPHRASE_FILE, "Passphrase of the case store: ", false)?.ok_or_else(locked)
}

/// The keys of a locked store, asking for its passphrase.
fn unlock(dir: &Path) -> Result<Arc<Vault>, KitError> {
    Kit::unlock(dir, &current_passphrase()?)
}

fn is_no_passphrase(e: &KitError) -> bool {
    matches!(e, KitError::Store(kit::StoreError::Locked(LockReason::NoPassphrase)))
}

/// Opens the store in `dir`, asking for its passphrase if it has one.
pub fn open_kit(dir: &Path) -> Result<Kit, KitError> {
    match Kit::open(dir) {
        Err(e) if is_no_passphrase(&e) => Kit::open_with(dir, Some(unlock(dir)?)),
        other => other,
    }
}

/// Opens the store in `dir` to read only, asking for its passphrase if it has one.
pub fn open_kit_read_only(dir: &Path) -> Result<Kit, KitError> {
    match Kit::open_read_only(dir) {
        Err(e) if is_no_passphrase(&e) => Kit::open_read_only_with(dir, Some(unlock(dir)?)),
        other => other,
    }
}

/// What to add to an error's message on the command line.
pub fn hint(e: &KitError, lang: kit::Language) -> &'static str {
    match (is_no_passphrase(e), lang) {
        (false, _) => "",
        (true, kit::Language::En) => "; give its passphrase in the file named by APPEAL_KIT_PASSPHRASE_FILE, or run the command at a terminal",
        (true, kit::Language::Zh) => "；请在 APPEAL_KIT_PASSPHRASE_FILE 指定的文件中给出密码，或在终端中运行此命令",
    }
}

pub fn run(cmd: StoreCommand, dir: &Path) -> Result<(), KitError> {
    let missing = |var: &str| KitError::field("passphrase", kit::tr!("give it in the file named by {var}, or run the command at a terminal", "请在 {var} 指定的文件中给出密码，或在终端中运行此命令"));
    match cmd {
        StoreCommand::Encrypt => {
            if kit::is_locked(dir) {
                // Said before asking for a passphrase that would not be used.
                return Err(KitError::field("store", kit::tr!("the case store already has a passphrase; change it with `appeal-kit store change-passphrase`", "案件库已有密码；请用 `appeal-kit store change-passphrase` 更改")));
            }
            let new = read_passphrase(PASSPHRASE_FILE, "New passphrase for the case store (it cannot be recovered if forgotten): ", true)?
                .ok_or_else(|| missing(PASSPHRASE_FILE))?;
            Kit::encrypt_store(dir, &new)?;
            eprintln!("The case store is encrypted. Keep the passphrase safe: it cannot be recovered.");
        }
        StoreCommand::Decrypt => {
            if !kit::is_locked(dir) {
                return Err(KitError::field("store", kit::tr!("the case store has no passphrase", "案件库没有密码")));
            }
            Kit::decrypt_store(dir, &current_passphrase()?)?;
            eprintln!("The case store is no longer encrypted.");
        }
        StoreCommand::ChangePassphrase => {
            if !kit::is_locked(dir) {
                return Err(KitError::field("store", kit::tr!("the case store has no passphrase; set one with `appeal-kit store encrypt`", "案件库没有密码；请用 `appeal-kit store encrypt` 设置")));
            }
            let old = current_passphrase()?;
            // The current one is checked before the new one is asked for.
            drop(Kit::unlock(dir, &old)?);
            let new = read_passphrase(NEW_PASSPHRASE_FILE, "New passphrase: ", true)?.ok_or_else(|| missing(NEW_PASSPHRASE_FILE))?;
            Kit::change_passphrase(dir, &old, &new)?;
            eprintln!("The passphrase is changed.");
        }
    }
    Ok(())
}

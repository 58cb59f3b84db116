//! The locked store's keys. A store with a passphrase has a random 256-bit data key, kept on
//! disk only wrapped (XChaCha20-Poly1305) under a key derived from the passphrase with
//! Argon2id, in `appeal-kit.keys`. From the data key come, by HMAC-SHA-256 with a label each:
//! the database's key (SQLCipher, raw key: no second key derivation), the files' key
//! (XChaCha20-Poly1305, a random nonce per file, the file's name as associated data) and the
//! key that names files on disk (so a file's name says nothing about its content, not even
//! whether it is a given known document). Keys live in memory in zeroizing types only and are
//! wiped when the vault is dropped (the app locking, the command ending).
//!
//! Changing the passphrase re-wraps the data key; nothing else changes.
//!
//! Each case has a key of its own (`CaseKey`, random), kept in the database wrapped under a
//! key derived from the data key. A case's files are sealed under its key and named on disk by
//! a keyed hash of the case and the file's SHA-256, so two cases never share a file on disk.
//! Erasing a case deletes its key's row (zeroed: `secure_delete`, the log checkpointed): what
//! is left of its files anywhere, old disk blocks included, can no longer be decrypted.

use std::fs;
use std::io;
use std::path::Path;

use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::StoreError;

/// The file holding the wrapped data key; its presence is what makes a store locked.
pub const KEYS_FILE: &str = "appeal-kit.keys";
const FORMAT: &str = "appeal-kit-keys/1";

/// Argon2id parameters for new passphrases: 128 MiB of memory, 3 passes, 1 lane (above RFC
/// 9106 section 4's second recommended option of 64 MiB, 3 passes; one lane because the
/// derivation runs on one thread). On the development machine (2 cores) 64 MiB took 0.21 s of
/// CPU, under the 0.3 s aimed at; 128 MiB takes about 0.4 s: slow enough that guessing costs an
/// attacker dearly, quick enough to unlock without waiting. A key file records the parameters
/// it was made with, so raising them later keeps old stores openable.
pub const KDF_MEMORY_KIB: u32 = 128 * 1024;
pub const KDF_PASSES: u32 = 3;
pub const KDF_LANES: u32 = 1;
/// What a key file may ask for at most (a hostile file must not make unlocking take minutes
/// or gigabytes).
const KDF_MAX_MEMORY_KIB: u32 = 1024 * 1024;
const KDF_MAX_PASSES: u32 = 16;
const KDF_MAX_LANES: u32 = 8;

/// Shortest passphrase accepted for a new one.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Sealed files start with this, then the 24-byte nonce, then ciphertext and tag.
const FILE_MAGIC: &[u8; 4] = b"AKF1";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
pub(crate) const SEALED_OVERHEAD: usize = FILE_MAGIC.len() + NONCE_LEN + TAG_LEN;

/// A passphrase as typed, wiped from memory when dropped.
#[derive(PartialEq, Eq)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The passphrase, without the line ending a file or a prompt leaves.
    pub fn new(text: String) -> Passphrase {
        let mut text = Zeroizing::new(text);
        while text.ends_with(['\n', '\r']) {
            text.pop();
        }
        Passphrase(text)
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether it may be set as a new passphrase; the reason if not.
    pub fn check_new(&self) -> Result<(), crate::StoreError> {
        if self.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(crate::StoreError::Invalid(format!("a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters")));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// The unwrapped keys of a locked store. Cloning is avoided: share it behind an `Arc`.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Vault {
    data_key: [u8; 32],
    db_key: [u8; 32],
    /// Files of a store locked before cases had keys of their own (read to move them on).
    file_key: [u8; 32],
    name_key: [u8; 32],
    /// Wraps the cases' keys.
    case_wrap_key: [u8; 32],
}

/// One case's key: its files are sealed under it. Wiped when dropped.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct CaseKey([u8; 32]);

impl std::fmt::Debug for CaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("CaseKey(…)")
    }
}

impl CaseKey {
    pub fn seal(&self, name: &str, plain: &[u8]) -> io::Result<Vec<u8>> {
        seal_with(&self.0, name, plain)
    }

    pub fn open(&self, name: &str, sealed: Vec<u8>) -> io::Result<Vec<u8>> {
        open_with(&self.0, name, sealed)
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("Vault(…)")
    }
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    format: String,
    kdf: String,
    memory_kib: u32,
    passes: u32,
    lanes: u32,
    salt: String,
    nonce: String,
    wrapped: String,
}

impl KeyFile {
    /// What the wrapped key is bound to: the format and the derivation's parameters.
    fn associated_data(&self) -> String {
        format!("{} {} m={} t={} p={} salt={}", self.format, self.kdf, self.memory_kib, self.passes, self.lanes, self.salt)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

pub(crate) fn random<const N: usize>() -> io::Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| io::Error::other(format!("no randomness from the system: {e}")))?;
    Ok(out)
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The key-encryption key: Argon2id over the passphrase.
fn derive(passphrase: &Passphrase, salt: &[u8], memory_kib: u32, passes: u32, lanes: u32) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let params = argon2::Params::new(memory_kib, passes, lanes, Some(32)).map_err(|e| StoreError::Corrupt(format!("key file: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon.hash_password_into(passphrase.bytes(), salt, out.as_mut()).map_err(|e| StoreError::Corrupt(format!("key derivation: {e}")))?;
    Ok(out)
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new_from_slice(key).expect("a 32-byte key")
}

/// Whether the store in `dir` has a passphrase.
pub fn is_locked(dir: &Path) -> bool {
    dir.join(KEYS_FILE).exists()
}

impl Vault {
    fn from_data_key(data_key: [u8; 32]) -> Vault {
        Vault {
            db_key: hmac(&data_key, b"appeal-kit database key"),
            file_key: hmac(&data_key, b"appeal-kit file key"),
            name_key: hmac(&data_key, b"appeal-kit file names"),
            case_wrap_key: hmac(&data_key, b"appeal-kit case keys"),
            data_key,
        }
    }

    /// A new vault with a fresh random data key.
    pub fn create() -> io::Result<Vault> {
        Ok(Vault::from_data_key(random()?))
    }

    /// Unwraps the data key of the store in `dir` with `passphrase`. A wrong passphrase is
    /// `StoreError::Locked`; nothing is written.
    pub fn unlock(dir: &Path, passphrase: &Passphrase) -> Result<Vault, StoreError> {
        let path = dir.join(KEYS_FILE);
        let text = match fs::read(&path) {
            Ok(text) if text.len() <= 4096 => text,
            Ok(_) => return Err(StoreError::Corrupt(format!("{} is not a key file", path.display()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(StoreError::Invalid("the case store has no passphrase".into())),
            Err(e) => return Err(StoreError::Files(e)),
        };
        let file: KeyFile = serde_json::from_slice(&text).map_err(|e| StoreError::Corrupt(format!("{}: {e}", path.display())))?;
        let bad = |what: &str| StoreError::Corrupt(format!("{}: {what}", path.display()));
        if file.format != FORMAT || file.kdf != "argon2id" {
            return Err(bad("a key file of another format"));
        }
        if file.memory_kib > KDF_MAX_MEMORY_KIB || file.passes > KDF_MAX_PASSES || file.lanes > KDF_MAX_LANES {
            return Err(bad("key derivation parameters out of bounds"));
        }
        let salt = unhex(&file.salt).filter(|s| s.len() >= 16).ok_or_else(|| bad("salt"))?;
        let nonce = unhex(&file.nonce).filter(|n| n.len() == NONCE_LEN).ok_or_else(|| bad("nonce"))?;
        let mut wrapped = Zeroizing::new(unhex(&file.wrapped).filter(|w| w.len() == 32 + TAG_LEN).ok_or_else(|| bad("wrapped key"))?);
        let kek = derive(passphrase, &salt, file.memory_kib, file.passes, file.lanes)?;
        let (key, tag) = wrapped.split_at_mut(32);
        let tag = chacha20poly1305::Tag::try_from(&*tag).map_err(|_| bad("tag"))?;
        let nonce = XNonce::try_from(nonce.as_slice()).map_err(|_| bad("nonce"))?;
        cipher(&kek)
            .decrypt_inout_detached(&nonce, file.associated_data().as_bytes(), key.into(), &tag)
            .map_err(|_| StoreError::Locked(crate::LockReason::WrongPassphrase))?;
        let mut data_key = [0u8; 32];
        data_key.copy_from_slice(key);
        Ok(Vault::from_data_key(data_key))
    }

    /// The key file text that wraps this vault's data key under `passphrase` (fresh salt and
    /// nonce, the current parameters).
    pub(crate) fn wrap(&self, passphrase: &Passphrase) -> Result<Vec<u8>, StoreError> {
        let salt: [u8; 16] = random()?;
        let nonce: [u8; NONCE_LEN] = random()?;
        let mut file = KeyFile {
            format: FORMAT.into(),
            kdf: "argon2id".into(),
            memory_kib: KDF_MEMORY_KIB,
            passes: KDF_PASSES,
            lanes: KDF_LANES,
            salt: hex(&salt),
            nonce: hex(&nonce),
            wrapped: String::new(),
        };
        let kek = derive(passphrase, &salt, file.memory_kib, file.passes, file.lanes)?;
        let mut key = Zeroizing::new(self.data_key);
        let tag = cipher(&kek)
            .encrypt_inout_detached(&XNonce::from(nonce), file.associated_data().as_bytes(), key.as_mut_slice().into())
            .map_err(|_| StoreError::Corrupt("cannot wrap the key".into()))?;
        file.wrapped = format!("{}{}", hex(key.as_slice()), hex(&tag));
        Ok(serde_json::to_vec_pretty(&file).unwrap_or_default())
    }

    /// The SQLCipher key, as the `x'…'` raw-key text `PRAGMA key` and `ATTACH … KEY` take.
    pub(crate) fn db_key(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex(&self.db_key)))
    }

    /// The name a file of this SHA-256 has on disk: a keyed hash, so that the name tells
    /// nothing about the content to someone without the key.
    pub fn file_name(&self, sha: &str) -> String {
        hex(&hmac(&self.name_key, sha.as_bytes()))
    }

    /// `plain` sealed for storage under `name` with the store-wide file key (a store locked
    /// before cases had keys: see `CaseKey`).
    pub fn seal(&self, name: &str, plain: &[u8]) -> io::Result<Vec<u8>> {
        seal_with(&self.file_key, name, plain)
    }

    /// The content of a file sealed under `name` with the store-wide file key.
    pub fn open(&self, name: &str, sealed: Vec<u8>) -> io::Result<Vec<u8>> {
        open_with(&self.file_key, name, sealed)
    }

    /// The name on disk of case `case_id`'s file of this SHA-256.
    pub fn case_file_name(&self, case_id: &str, sha: &str) -> String {
        hex(&hmac(&self.name_key, format!("{case_id}/{sha}").as_bytes()))
    }

    /// A new random key for case `case_id`, and its wrapped form for the database.
    pub fn new_case_key(&self, case_id: &str) -> io::Result<(CaseKey, Vec<u8>)> {
        let key = CaseKey(random()?);
        let wrapped = seal_with(&self.case_wrap_key, &format!("case key {case_id}"), &key.0)?;
        Ok((key, wrapped))
    }

    /// Case `case_id`'s key from its wrapped form; a form changed, or of another case or store,
    /// is `StoreError::Corrupt`.
    pub fn unwrap_case_key(&self, case_id: &str, wrapped: &[u8]) -> Result<CaseKey, StoreError> {
        let plain = Zeroizing::new(
            open_with(&self.case_wrap_key, &format!("case key {case_id}"), wrapped.to_vec())
                .map_err(|_| StoreError::Corrupt(format!("the key of case {case_id} does not open")))?,
        );
        if plain.len() != 32 {
            return Err(StoreError::Corrupt(format!("the key of case {case_id} has the wrong length")));
        }
        // Copied straight into the key, which wipes itself: no loose copy on the stack.
        let mut key = CaseKey([0; 32]);
        key.0.copy_from_slice(&plain);
        Ok(key)
    }
}

/// `plain` sealed for storage under `name`: magic, random nonce, ciphertext, tag.
fn seal_with(key: &[u8; 32], name: &str, plain: &[u8]) -> io::Result<Vec<u8>> {
    let nonce: [u8; NONCE_LEN] = random()?;
    let mut out = Vec::with_capacity(plain.len() + SEALED_OVERHEAD);
    out.extend_from_slice(FILE_MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(plain);
    let start = FILE_MAGIC.len() + NONCE_LEN;
    let tag = cipher(key)
        .encrypt_inout_detached(&XNonce::from(nonce), name.as_bytes(), (&mut out[start..]).into())
        .map_err(|_| io::Error::other("cannot encrypt the file"))?;
    out.extend_from_slice(&tag);
    Ok(out)
}

/// The content of a file sealed under `name`; a file changed on disk, or sealed under another
/// key or name, is refused.
fn open_with(key: &[u8; 32], name: &str, mut sealed: Vec<u8>) -> io::Result<Vec<u8>> {
    let damaged = || io::Error::new(io::ErrorKind::InvalidData, format!("stored file {name} is damaged or was not sealed with this store's key"));
    if sealed.len() < SEALED_OVERHEAD || !sealed.starts_with(FILE_MAGIC) {
        return Err(damaged());
    }
    let start = FILE_MAGIC.len() + NONCE_LEN;
    let end = sealed.len() - TAG_LEN;
    let nonce = XNonce::try_from(&sealed[FILE_MAGIC.len()..start]).map_err(|_| damaged())?;
    let tag = chacha20poly1305::Tag::try_from(&sealed[end..]).map_err(|_| damaged())?;
    cipher(key).decrypt_inout_detached(&nonce, name.as_bytes(), (&mut sealed[start..end]).into(), &tag).map_err(|_| damaged())?;
    sealed.truncate(end);
    sealed.drain(..start);
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kdf_parameters_are_the_stated_ones() {
        // Argon2id, 128 MiB, 3 passes, 1 lane: see the comment on KDF_MEMORY_KIB.
        assert_eq!((KDF_MEMORY_KIB, KDF_PASSES, KDF_LANES), (131072, 3, 1));
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::create().unwrap();
        fs::write(dir.path().join(KEYS_FILE), vault.wrap(&Passphrase::new("correct horse".into())).unwrap()).unwrap();
        let file: KeyFile = serde_json::from_slice(&fs::read(dir.path().join(KEYS_FILE)).unwrap()).unwrap();
        assert_eq!((file.kdf.as_str(), file.memory_kib, file.passes, file.lanes), ("argon2id", 131072, 3, 1));
        let again = Vault::unlock(dir.path(), &Passphrase::new("correct horse\n".into())).unwrap();
        assert_eq!(again.data_key, vault.data_key);
        assert!(matches!(Vault::unlock(dir.path(), &Passphrase::new("wrong horse".into())), Err(StoreError::Locked(_))));
    }

    #[test]
    fn sealed_files_open_only_under_their_name_and_key() {
        let (a, b) = (Vault::create().unwrap(), Vault::create().unwrap());
        let sealed = a.seal("n1", b"\xff\xd8\xff\xe0 a photo").unwrap();
        assert!(!sealed.windows(4).any(|w| w == b"\xff\xd8\xff\xe0"));
        assert_eq!(a.open("n1", sealed.clone()).unwrap(), b"\xff\xd8\xff\xe0 a photo");
        assert!(a.open("n2", sealed.clone()).is_err(), "bound to its name");
        assert!(b.open("n1", sealed.clone()).is_err(), "bound to its key");
        let mut flipped = sealed;
        let last = flipped.len() - 20;
        flipped[last] ^= 1;
        assert!(a.open("n1", flipped).is_err(), "a changed byte is refused");
        assert_ne!(a.file_name("abc"), b.file_name("abc"));
        assert_eq!(a.file_name("abc").len(), 64);
    }
}

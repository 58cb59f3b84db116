//! Files checked before anything is stored: read within the size limit, recognised,
//! previewed, and refused with a reason that names them.

use std::io::Read;
use std::path::Path;

use documents::intake::{self, IntakeError};
use rules::ItemKind;
use serde::Serialize;
use serde_json::json;
use store::NewAttachment;
use ts_rs::TS;

use super::AttachProgress;
use crate::error::Text;
use crate::KitError;

/// Pages of an attached PDF whose letter codes are read (a letter has a page or two).
const LETTER_PAGES_READ: u32 = 20;

/// A file that passed the checks, ready to store.
pub struct Prepared {
    pub name: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) intake: intake::Intake,
    /// The pages carrying a letter code (read when the file goes to a letter item).
    pub(crate) readings: Option<Vec<documents::letter_code::PageReading>>,
}

/// Why a file was refused, naming it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Refused {
    pub name: String,
    /// In the process's message language (`crate::error::set_language`).
    pub reason: String,
    #[serde(skip)]
    #[ts(skip)]
    pub text: Text,
}

impl Refused {
    pub fn new(name: &str, text: Text) -> Refused {
        Refused { name: name.to_string(), reason: crate::error::local(&text), text }
    }

    pub fn into_error(self) -> KitError {
        KitError::Refused { name: self.name, reason: self.text }
    }
}

fn unreadable(e: &std::io::Error) -> Text {
    crate::error::lead("cannot be read: ", "无法读取：", &crate::error::io_reason(e))
}

/// The files of one attach, checked before any is stored, and those refused.
#[derive(Default)]
pub struct Checked {
    pub files: Vec<Prepared>,
    pub refused: Vec<Refused>,
}

impl Checked {
    pub fn add(&mut self, file: std::result::Result<Prepared, Refused>) {
        match file {
            Ok(f) => self.files.push(f),
            Err(r) => self.refused.push(r),
        }
    }

    /// Every refusal as one error ("a.jpg: …; b.png: …"), if any.
    pub fn refusal(&self) -> Option<KitError> {
        let (first, rest) = self.refused.split_first()?;
        let more = |zh: bool| rest.iter().map(|r| format!("; {}: {}", r.name, if zh { &r.text.zh } else { &r.text.en })).collect::<String>();
        let reason = Text { en: format!("{}{}", first.text.en, more(false)), zh: format!("{}{}", first.text.zh, more(true)) };
        Some(KitError::Refused { name: first.name.clone(), reason })
    }
}

/// Checks every file, telling `progress` of each. Needs no store: the desktop runs it without
/// holding the kit, so the app answers meanwhile.
pub fn check_files(paths: &[impl AsRef<Path>], mut progress: impl FnMut(AttachProgress)) -> Checked {
    let total = paths.len() as u32;
    let mut checked = Checked::default();
    for (done, path) in paths.iter().enumerate() {
        let path = path.as_ref();
        progress(AttachProgress { done: done as u32, total, name: path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default() });
        checked.add(prepare(path));
    }
    progress(AttachProgress { done: total, total, name: String::new() });
    checked
}

/// Reads and checks one file. Nothing is stored; a refusal says why.
pub fn prepare(path: &Path) -> std::result::Result<Prepared, Refused> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string());
    let refuse = |reason: Text| Refused::new(&name, reason);
    // A FIFO or a device would block the open or never end: only regular files are opened,
    // and without blocking, in case the path was swapped for something else in between.
    let meta = std::fs::metadata(path).map_err(|e| refuse(unreadable(&e)))?;
    if !meta.is_file() {
        return Err(refuse(crate::tr!("is not a file", "不是文件")));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| refuse(unreadable(&e)))?;
    let meta = file.metadata().map_err(|e| refuse(unreadable(&e)))?;
    if !meta.is_file() {
        return Err(refuse(crate::tr!("is not a file", "不是文件")));
    }
    if meta.len() > intake::MAX_FILE_BYTES {
        return Err(refuse(crate::error_text::intake(&IntakeError::TooLarge(meta.len() / (1024 * 1024)))));
    }
    prepare_reader(&name, file, meta.len())
}

/// Reads and checks a file from a stream (standard input), up to the file size limit.
/// `expected` is a hint for the buffer.
pub fn prepare_reader(name: &str, reader: impl Read, expected: u64) -> std::result::Result<Prepared, Refused> {
    let refuse = |reason: Text| Refused::new(name, reason);
    let mut bytes = Vec::with_capacity(expected.min(intake::MAX_FILE_BYTES) as usize);
    reader.take(intake::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| refuse(unreadable(&e)))?;
    if bytes.len() as u64 > intake::MAX_FILE_BYTES {
        return Err(refuse(crate::error_text::intake(&IntakeError::TooLarge(bytes.len() as u64 / (1024 * 1024)))));
    }
    prepare_bytes(name, bytes)
}

pub fn prepare_bytes(name: &str, bytes: Vec<u8>) -> std::result::Result<Prepared, Refused> {
    let name = &crate::text::file_name(name);
    match intake::inspect(&bytes) {
        Ok(intake) => Ok(Prepared { name: name.to_string(), bytes, intake, readings: None }),
        Err(e) => Err(Refused::new(name, crate::error_text::intake(&e))),
    }
}

/// Rows to store for files attaching to an item of `kind`. On a letter item each file's pages
/// are read for their letter codes: which letter, case and page a scan is.
pub(super) fn into_new_attachments(kind: ItemKind, mut files: Vec<Prepared>) -> Vec<NewAttachment> {
    if kind == ItemKind::Letter {
        for f in files.iter_mut().filter(|f| f.readings.is_none()) {
            f.readings = Some(documents::letter_code::read_pages(&f.bytes, LETTER_PAGES_READ).unwrap_or_default());
        }
    }
    files.into_iter().map(Prepared::into_new_attachment).collect()
}

impl Prepared {
    pub(crate) fn into_new_attachment(self) -> NewAttachment {
        let facts = crate::FileFacts::new(&self.intake, self.readings.unwrap_or_default());
        NewAttachment {
            facts: facts.to_json(),
            name: self.name,
            media_type: self.intake.media_type.mime().into(),
            checks: serde_json::to_value(&self.intake.checks).unwrap_or_default(),
            thumbnail: self.intake.thumbnail,
            bytes: self.bytes,
            kept_fixes: json!([]),
        }
    }
}

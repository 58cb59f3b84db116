//! Commands on attached files: attach (picked or dropped), replace, remove, move, fix, view.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use kit::{AttachProgress, AttachResult, AttachmentPage, CaseView, Fix, KitError};
use tauri::State;
use tauri::ipc::Channel;

use crate::{App, Reply, SCANS, internal, pick_files, with_kit, with_kit_storing};

/// Paths the user dropped on each window (by label): the only paths `attach_paths` takes, so
/// a script in the webview cannot make the app read any file it names.
#[derive(Default)]
pub(crate) struct Dropped(Mutex<HashMap<String, HashSet<PathBuf>>>);

impl Dropped {
    pub(crate) fn grant(&self, window: &str, paths: &[PathBuf]) {
        if let Ok(mut all) = self.0.lock() {
            all.entry(window.to_string()).or_default().extend(paths.iter().cloned());
        }
    }

    /// True if every path was dropped on `window`; they are then used up.
    pub(crate) fn take(&self, window: &str, paths: &[PathBuf]) -> bool {
        let Ok(mut all) = self.0.lock() else { return false };
        let Some(granted) = all.get_mut(window) else { return false };
        if paths.is_empty() || !paths.iter().all(|p| granted.contains(p)) {
            return false;
        }
        for p in paths {
            granted.remove(p);
        }
        true
    }
}

/// Checks and previews each file on a blocking thread, reporting progress, then stores them
/// all, or none if any is refused (kit's one policy; the refusals come back with their reasons).
async fn attach(app: State<'_, App>, id: String, item: String, paths: Vec<PathBuf>, progress: Channel<AttachProgress>) -> Reply<AttachResult> {
    // Checking and previewing is the slow part: it runs without holding the kit.
    let checked = tauri::async_runtime::spawn_blocking(move || {
        kit::attachments::check_files(&paths, |p| {
            let _ = progress.send(p);
        })
    })
    .await
    .map_err(|e| internal(&e.to_string()))?;
    with_kit_storing(app, move |k| k.attach_checked(&id, &item, checked)).await
}

/// Opens the file dialog and attaches what the user picks. `None`: cancelled.
#[tauri::command]
pub async fn attach_files(app: State<'_, App>, id: String, item: String, progress: Channel<AttachProgress>) -> Reply<Option<AttachResult>> {
    let Some(paths) = pick_files("Attach scans or photos", true, SCANS).await else { return Ok(None) };
    attach(app, id, item, paths, progress).await.map(Some)
}

/// Attaches files dropped on an item: only paths the window saw dropped.
#[tauri::command]
pub async fn attach_paths(
    app: State<'_, App>,
    dropped: State<'_, Dropped>,
    window: tauri::Window,
    id: String,
    item: String,
    paths: Vec<PathBuf>,
    progress: Channel<AttachProgress>,
) -> Reply<AttachResult> {
    if !dropped.take(window.label(), &paths) {
        let reason = kit::tr!("only files dropped on the window can be attached this way; use Attach… to choose files", "只有拖放到窗口上的文件才能这样附加；请用“附加…”选择文件");
        return Err(KitError::field("file", reason).info());
    }
    attach(app, id, item, paths, progress).await
}

#[tauri::command]
pub async fn replace_attachment(app: State<'_, App>, attachment: String) -> Reply<Option<CaseView>> {
    let Some(paths) = pick_files("Replace with another scan or photo", false, SCANS).await else { return Ok(None) };
    let Some(path) = paths.into_iter().next() else { return Ok(None) };
    let file = tauri::async_runtime::spawn_blocking(move || kit::prepare(&path)).await.map_err(|e| internal(&e.to_string()))?;
    let file = file.map_err(|r| r.into_error().info())?;
    with_kit_storing(app, move |k| k.replace_attachment(&attachment, file)).await.map(Some)
}

#[tauri::command]
pub async fn remove_attachment(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.remove_attachment(&attachment)).await
}

#[tauri::command]
pub async fn restore_attachment(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.restore_attachment(&attachment)).await
}

#[tauri::command]
pub async fn move_attachment(app: State<'_, App>, attachment: String, item: String, position: u32) -> Reply<CaseView> {
    with_kit(app, move |k| k.move_attachment(&attachment, &item, position as usize)).await
}

#[tauri::command]
pub async fn fix_attachment(app: State<'_, App>, attachment: String, fix: Fix) -> Reply<CaseView> {
    with_kit(app, move |k| k.fix_attachment(&attachment, fix)).await
}

#[tauri::command]
pub async fn undo_fix(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.undo_fix(&attachment)).await
}

#[tauri::command]
pub async fn dismiss_check(app: State<'_, App>, attachment: String, check: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.dismiss_check(&attachment, &check)).await
}

#[tauri::command]
pub async fn discard_original(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.discard_original(&attachment)).await
}

/// The store is held only to read the file; drawing the page runs without it.
#[tauri::command]
pub async fn attachment_page(app: State<'_, App>, attachment: String, page: u32, size: u32) -> Reply<AttachmentPage> {
    let source = with_kit(app, move |k| k.page_source(&attachment, page)).await?;
    tauri::async_runtime::spawn_blocking(move || source.render(size)).await.map_err(|e| internal(&e.to_string()))?.map_err(|e| e.info())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dropped_paths_are_taken_once_by_their_window() {
        let dropped = Dropped::default();
        let (a, b) = (PathBuf::from("/home/me/scan.jpg"), PathBuf::from("/etc/shadow"));
        assert!(!dropped.take("main", std::slice::from_ref(&a)), "nothing dropped yet");
        dropped.grant("main", std::slice::from_ref(&a));
        assert!(!dropped.take("other", std::slice::from_ref(&a)), "another window's drop");
        assert!(!dropped.take("main", &[a.clone(), b]), "one path never dropped refuses all");
        assert!(!dropped.take("main", &[]));
        assert!(dropped.take("main", std::slice::from_ref(&a)));
        assert!(!dropped.take("main", &[a]), "used up");
    }
}

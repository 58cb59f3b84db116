//! Bundles: writing one (with progress, then "Show in folder") and opening one as a new case.

use std::path::PathBuf;
use std::sync::Mutex;

use kit::{AttachProgress, CaseView, ErrorInfo, ErrorKind, ExportReport};
use tauri::State;
use tauri::ipc::Channel;

use crate::{App, Reply, internal, pick_files, save_path, with_kit};

/// The last bundle written, the only path "Show in folder" may open.
pub(crate) struct LastExport(pub(crate) Mutex<Option<PathBuf>>);

/// Asks where to save the bundle, then writes it, reporting progress. `None`: cancelled.
#[tauri::command]
pub async fn export_bundle(
    app: State<'_, App>,
    last: State<'_, LastExport>,
    id: String,
    allow_incomplete: bool,
    progress: Channel<AttachProgress>,
) -> Reply<Option<ExportReport>> {
    let case = id.clone();
    let name = with_kit(app.clone(), move |k| k.bundle_file_name(&case)).await?;
    let Some(path) = save_path("Export bundle", &name, ("Zip", "zip")).await else { return Ok(None) };
    let out = path.clone();
    // The store is held only to read the case; cleaning and writing the files runs without it,
    // so the app answers meanwhile. The save dialog has asked before replacing a file: `force`.
    let case = id.clone();
    let job = with_kit(app.clone(), move |k| k.export_job(&case, allow_incomplete)).await?;
    let report = tauri::async_runtime::spawn_blocking(move || {
        job.write(&out, true, |done, total| {
            let _ = progress.send(AttachProgress { done, total, name: String::new() });
        })
    })
    .await
    .map_err(|e| internal(&e.to_string()))?
    .map_err(|e| e.info())?;
    let logged = report.clone();
    with_kit(app, move |k| k.exported(&id, &logged)).await?;
    if let Ok(mut last) = last.0.lock() {
        *last = Some(path);
    }
    Ok(Some(report))
}

/// Opens the folder of the last bundle written in the system's file manager.
#[tauri::command]
pub async fn show_export_folder(last: State<'_, LastExport>) -> Reply<()> {
    let dir = last.0.lock().ok().and_then(|p| p.as_ref().and_then(|p| p.parent().map(PathBuf::from)));
    let dir = dir.ok_or_else(|| internal(&kit::error::local(&kit::tr!("export a bundle first", "请先导出一个材料包"))))?;
    tauri::async_runtime::spawn_blocking(move || open_folder(&dir)).await.map_err(|e| internal(&e.to_string()))?
}

/// Opens a folder, reporting when nothing could: `opener` does not wait for `xdg-open`, which
/// fails only after it has looked for a file manager, so on Linux the exit is awaited briefly.
fn open_folder(dir: &std::path::Path) -> Reply<()> {
    if !cfg!(target_os = "linux") {
        return opener::open(dir).map_err(|e| ErrorInfo { kind: ErrorKind::Io, message: e.to_string(), field: None });
    }
    open_with(std::path::Path::new("xdg-open"), dir)
}

/// Runs `program DIR` (xdg-open, or a stand-in in the tests) and reports its failure.
fn open_with(program: &std::path::Path, dir: &std::path::Path) -> Reply<()> {
    let failed = |reason: String| ErrorInfo { kind: ErrorKind::Io, message: reason, field: None };
    let name = program.file_name().unwrap_or(program.as_os_str()).to_string_lossy().to_string();
    let mut child = std::process::Command::new(program)
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|_| failed(kit::error::local(&kit::tr!("no file manager is installed ({name} was not found)", "没有安装文件管理器（找不到 {name}）"))))?;
    // A file manager that opens keeps xdg-open running or exits 0; a failure exits non-zero.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(3);
    while std::time::Instant::now() < until {
        match child.try_wait() {
            Ok(Some(status)) if !status.success() => return Err(failed(kit::error::local(&kit::tr!("no file manager could open it", "没有文件管理器能打开它")))),
            Ok(Some(_)) => return Ok(()),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(e) => return Err(failed(e.to_string())),
        }
    }
    // Still running: it opened something. Reap it whenever it ends.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Opens a bundle (chosen in the dialog) as a new case. `None`: cancelled.
#[tauri::command]
pub async fn import_bundle(app: State<'_, App>) -> Reply<Option<CaseView>> {
    let Some(paths) = pick_files("Open bundle", false, ("Appeal Kit bundle", &["zip"])).await else { return Ok(None) };
    let Some(path) = paths.into_iter().next() else { return Ok(None) };
    // Reading and checking the bundle (the slow part) runs without the store, so the app
    // answers meanwhile; only storing the checked case takes it.
    let checked = tauri::async_runtime::spawn_blocking(move || kit::check_bundle(&path)).await.map_err(|e| internal(&e.to_string()))?;
    let checked = checked.map_err(|e| e.info())?;
    with_kit(app, move |k| k.import_checked(checked)).await.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Show in folder" where no file manager can open it: the user is told, not left waiting.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_cannot_be_opened_is_reported() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let tmp = dir.path();
        let script = |name: &str, body: &str| -> std::io::Result<std::path::PathBuf> {
            let path = tmp.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n"))?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
            Ok(path)
        };
        let err = open_with(&tmp.join("xdg-open"), tmp).err().ok_or_else(|| std::io::Error::other("should have been refused"))?;
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Io, "no file manager is installed (xdg-open was not found)"));
        // xdg-open exits 3 when it finds no program for folders (a desktop without a file manager).
        let err = open_with(&script("no-handler", "exit 3")?, tmp).err().ok_or_else(|| std::io::Error::other("should have been refused"))?;
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Io, "no file manager could open it"));
        // A file manager that opens and returns, or keeps running past the wait: success.
        assert!(open_with(&script("opens", "exit 0")?, tmp).is_ok());
        Ok(())
    }
}

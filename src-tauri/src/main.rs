//! The desktop shell: each command takes a typed request, calls the kit API off the main
//! thread, and maps the error to the one serializable error the UI understands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod batch;
mod locked;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use kit::{
    AppealStatus, AttachProgress, AttachResult, AttachmentPage, CasePage, CaseView, ErrorInfo, ErrorKind, ExportReport, Fix, Gap, Kit, KitError, Lang,
    LetterPreview, ProviderInfo,
};
use serde_json::Value;
use tauri::ipc::Channel;
use tauri::{DragDropEvent, Manager, State, WebviewEvent, WindowEvent};

struct App(Arc<Mutex<Session>>);

/// The store as the window sees it: open, or locked (a store with a passphrase, before it is
/// unlocked and after it is locked again: no kit, so no key is in memory).
pub(crate) struct Session {
    data_dir: PathBuf,
    kit: Option<Kit>,
    /// The interface language, given to the kit each time it opens.
    lang: kit::Language,
}

/// Paths the user dropped on each window (by label): the only paths `attach_paths` takes, so
/// a script in the webview cannot make the app read any file it names.
#[derive(Default)]
struct Dropped(Mutex<HashMap<String, HashSet<PathBuf>>>);

impl Dropped {
    fn grant(&self, window: &str, paths: &[PathBuf]) {
        if let Ok(mut all) = self.0.lock() {
            all.entry(window.to_string()).or_default().extend(paths.iter().cloned());
        }
    }

    /// True if every path was dropped on `window`; they are then used up.
    fn take(&self, window: &str, paths: &[PathBuf]) -> bool {
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

/// The last bundle written, the only path "Show in folder" may open.
struct LastExport(Mutex<Option<PathBuf>>);

type Reply<T> = Result<T, ErrorInfo>;

/// Runs `f` with the kit on a blocking thread, so the window never waits on the disk.
async fn with_kit<T: Send + 'static>(app: State<'_, App>, f: impl FnOnce(&mut Kit) -> kit::Result<T> + Send + 'static) -> Reply<T> {
    let kit = app.0.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut session = kit.lock().map_err(|_| internal(&unavailable()))?;
        let kit = session.kit.as_mut().ok_or_else(locked::locked)?;
        f(kit).map_err(|e: KitError| e.info())
    })
    .await
    .map_err(|e| internal(&e.to_string()))?
}

/// The kit's lock poisoned by a panic: nothing works until a restart.
fn unavailable() -> String {
    kit::error::local(&kit::tr!("the case store is unavailable after an earlier failure; restart Appeal Kit", "案件库因先前的故障而不可用；请重新启动 Appeal Kit"))
}

fn internal(message: &str) -> ErrorInfo {
    ErrorInfo { kind: ErrorKind::Internal, message: message.to_string(), field: None }
}

/// The providers, named in the interface language.
#[tauri::command]
async fn providers(app: State<'_, App>) -> Reply<Vec<ProviderInfo>> {
    with_kit(app, |k| Ok(kit::providers(k.language()))).await
}

#[tauri::command]
async fn list_cases(app: State<'_, App>, query: String, limit: u32) -> Reply<CasePage> {
    with_kit(app, move |k| k.case_page(&query, limit as usize)).await
}

#[tauri::command]
async fn get_case(app: State<'_, App>, id: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.case(&id)).await
}

#[tauri::command]
async fn create_case(app: State<'_, App>, provider: String, title: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.create_case(&provider, &title, None)).await
}

#[tauri::command]
async fn answer(app: State<'_, App>, id: String, answers: Value) -> Reply<CaseView> {
    with_kit(app, move |k| k.answer(&id, &answers)).await
}

#[tauri::command]
async fn set_profile(app: State<'_, App>, id: String, values: Value) -> Reply<CaseView> {
    with_kit(app, move |k| k.set_profile(&id, &values)).await
}

#[tauri::command]
async fn rename_case(app: State<'_, App>, id: String, title: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.rename(&id, &title)).await
}

#[tauri::command]
async fn duplicate_case(app: State<'_, App>, id: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.duplicate(&id)).await
}

#[tauri::command]
async fn delete_case(app: State<'_, App>, id: String) -> Reply<()> {
    with_kit(app, move |k| k.delete(&id)).await
}

#[tauri::command]
async fn restore_case(app: State<'_, App>, id: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.restore(&id)).await
}

#[tauri::command]
async fn letter_preview(app: State<'_, App>, id: String, item: String, lang: Lang, page: u32) -> Reply<LetterPreview> {
    with_kit(app, move |k| k.letter_preview(&id, &item, lang, page)).await
}

/// Asks where to save the letter (native dialog), then writes it. `None`: the user cancelled.
#[tauri::command]
async fn save_letter(app: State<'_, App>, id: String, item: String, lang: Lang) -> Reply<Option<String>> {
    let (case, letter) = (id.clone(), item.clone());
    let name = with_kit(app.clone(), move |k| k.letter_file_name(&case, &letter, lang)).await?;
    let Some(path) = save_path("Save letter as PDF", &name, ("PDF", "pdf")).await else { return Ok(None) };
    let shown = path.display().to_string();
    // The save dialog has asked before replacing a file: `force`.
    with_kit(app, move |k| k.save_letter(&id, &item, lang, &path, true)).await?;
    Ok(Some(shown))
}

/// Where to save, from the native dialog, or `None` if the user cancelled.
async fn save_path(title: &str, suggested_name: &str, filter: (&str, &str)) -> Option<PathBuf> {
    // Test seam: the end-to-end test cannot drive a native dialog, so it names the folder the
    // "chosen" file goes to. Only in debug builds (the end-to-end test's); never in a release.
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("APPEAL_KIT_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(suggested_name));
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_directory(kit::default_save_dir())
        .set_file_name(suggested_name)
        .add_filter(filter.0, &[filter.1])
        .save_file()
        .await
        .map(|f| f.path().to_path_buf())
}

const SCANS: (&str, &[&str]) = ("Scans, photos and PDF", &["jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp", "pdf", "heic", "heif"]);

/// Files picked in the native dialog, or `None` if the user cancelled.
async fn pick_files(title: &str, many: bool, filter: (&str, &[&str])) -> Option<Vec<PathBuf>> {
    // Test seam: the end-to-end test cannot drive a native dialog, so it writes the paths to
    // "pick", one per line, to the file this names. Only in debug builds; never in a release.
    #[cfg(debug_assertions)]
    if let Some(list) = std::env::var_os("APPEAL_KIT_TEST_PICK") {
        let text = std::fs::read_to_string(list).unwrap_or_default();
        return Some(text.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect());
    }
    let dialog = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .add_filter("All files", &["*"]);
    if many {
        dialog.pick_files().await.map(|files| files.iter().map(|f| f.path().to_path_buf()).collect())
    } else {
        dialog.pick_file().await.map(|f| vec![f.path().to_path_buf()])
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
    with_kit(app, move |k| k.attach_checked(&id, &item, checked)).await
}

/// Opens the file dialog and attaches what the user picks. `None`: cancelled.
#[tauri::command]
async fn attach_files(app: State<'_, App>, id: String, item: String, progress: Channel<AttachProgress>) -> Reply<Option<AttachResult>> {
    let Some(paths) = pick_files("Attach scans or photos", true, SCANS).await else { return Ok(None) };
    attach(app, id, item, paths, progress).await.map(Some)
}

/// Attaches files dropped on an item: only paths the window saw dropped.
#[tauri::command]
async fn attach_paths(
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
async fn replace_attachment(app: State<'_, App>, attachment: String) -> Reply<Option<CaseView>> {
    let Some(paths) = pick_files("Replace with another scan or photo", false, SCANS).await else { return Ok(None) };
    let Some(path) = paths.into_iter().next() else { return Ok(None) };
    let file = tauri::async_runtime::spawn_blocking(move || kit::prepare(&path)).await.map_err(|e| internal(&e.to_string()))?;
    let file = file.map_err(|r| r.into_error().info())?;
    with_kit(app, move |k| k.replace_attachment(&attachment, file)).await.map(Some)
}

#[tauri::command]
async fn remove_attachment(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.remove_attachment(&attachment)).await
}

#[tauri::command]
async fn restore_attachment(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.restore_attachment(&attachment)).await
}

#[tauri::command]
async fn move_attachment(app: State<'_, App>, attachment: String, item: String, position: u32) -> Reply<CaseView> {
    with_kit(app, move |k| k.move_attachment(&attachment, &item, position as usize)).await
}

#[tauri::command]
async fn fix_attachment(app: State<'_, App>, attachment: String, fix: Fix) -> Reply<CaseView> {
    with_kit(app, move |k| k.fix_attachment(&attachment, fix)).await
}

#[tauri::command]
async fn undo_fix(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.undo_fix(&attachment)).await
}

#[tauri::command]
async fn dismiss_check(app: State<'_, App>, attachment: String, check: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.dismiss_check(&attachment, &check)).await
}

#[tauri::command]
async fn discard_original(app: State<'_, App>, attachment: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.discard_original(&attachment)).await
}

/// The store is held only to read the file; drawing the page runs without it.
#[tauri::command]
async fn attachment_page(app: State<'_, App>, attachment: String, page: u32, size: u32) -> Reply<AttachmentPage> {
    let source = with_kit(app, move |k| k.page_source(&attachment, page)).await?;
    tauri::async_runtime::spawn_blocking(move || source.render(size)).await.map_err(|e| internal(&e.to_string()))?.map_err(|e| e.info())
}

#[tauri::command]
async fn set_info(app: State<'_, App>, id: String, item: String, values: Value) -> Reply<CaseView> {
    with_kit(app, move |k| k.set_info(&id, &item, &values)).await
}

#[tauri::command]
async fn completeness(app: State<'_, App>, id: String) -> Reply<Vec<Gap>> {
    with_kit(app, move |k| k.completeness(&id)).await
}

/// Asks where to save the bundle, then writes it, reporting progress. `None`: cancelled.
#[tauri::command]
async fn export_bundle(
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
async fn show_export_folder(last: State<'_, LastExport>) -> Reply<()> {
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
async fn import_bundle(app: State<'_, App>) -> Reply<Option<CaseView>> {
    let Some(paths) = pick_files("Open bundle", false, ("Appeal Kit bundle", &["zip"])).await else { return Ok(None) };
    let Some(path) = paths.into_iter().next() else { return Ok(None) };
    // Reading and checking the bundle (the slow part) runs without the store, so the app
    // answers meanwhile; only storing the checked case takes it.
    let checked = tauri::async_runtime::spawn_blocking(move || kit::check_bundle(&path)).await.map_err(|e| internal(&e.to_string()))?;
    let checked = checked.map_err(|e| e.info())?;
    with_kit(app, move |k| k.import_checked(checked)).await.map(Some)
}

#[tauri::command]
async fn set_status(app: State<'_, App>, id: String, status: AppealStatus, ticket: Option<String>, on: Option<String>) -> Reply<CaseView> {
    with_kit(app, move |k| k.set_status(&id, status, ticket.as_deref(), on.as_deref())).await
}

/// After approval: erases the case's documents, keeps its record (issue 17).
#[tauri::command]
async fn erase_documents(app: State<'_, App>, id: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.erase_documents(&id)).await
}

/// Moves a case to the current version of its provider's rules.
#[tauri::command]
async fn accept_rules_update(app: State<'_, App>, id: String) -> Reply<CaseView> {
    with_kit(app, move |k| k.accept_rules_update(&id)).await
}

/// The interface language, which the rule texts in every view follow from now on.
#[tauri::command]
async fn set_language(app: State<'_, App>, lang: kit::Language) -> Reply<()> {
    // Also while the store is locked: the kit gets the language when it opens.
    let mut session = app.0.lock().map_err(|_| internal(&unavailable()))?;
    session.lang = lang;
    // Errors and refusals follow the interface language too.
    kit::error::set_language(lang);
    if let Some(kit) = session.kit.as_mut() {
        kit.set_language(lang);
    }
    Ok(())
}

fn main() {
    // This program is also the PDF worker (documents::pdf_worker): serve before anything else.
    kit::pdf_worker::serve_if_worker();
    let data_dir = std::env::var_os("APPEAL_KIT_DATA_DIR").map(Into::into).unwrap_or_else(kit::default_data_dir);
    // A store with a passphrase opens locked: the window shows its unlock screen.
    let kit = if kit::is_locked(&data_dir) {
        None
    } else {
        match Kit::open(&data_dir) {
            Ok(kit) => Some(kit),
            Err(e) => {
                eprintln!("Appeal Kit cannot start: {e}");
                std::process::exit(1);
            }
        }
    };
    let session = Session { data_dir, kit, lang: kit::Language::En };
    let result = tauri::Builder::default()
        .manage(App(Arc::new(Mutex::new(session))))
        .manage(LastExport(Mutex::new(None)))
        .manage(Dropped::default())
        .manage(batch::PickedSheet::default())
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                window.state::<Dropped>().grant(window.label(), paths);
            }
        })
        .on_webview_event(|webview, event| {
            if let WebviewEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                webview.state::<Dropped>().grant(webview.label(), paths);
            }
        })
        // Every #[tauri::command] in src/, listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Appeal Kit stopped: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI's command types are generated from the commands (build.rs); `make bindings`
    /// rewrites them.
    #[test]
    fn the_ui_command_types_match_the_commands() {
        let generated = include_str!(concat!(env!("OUT_DIR"), "/commands.ts"));
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/ipc/commands.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(path, generated).unwrap();
        }
        assert_eq!(std::fs::read_to_string(path).unwrap_or_default(), generated, "ui/src/ipc/commands.ts is stale: run `make bindings`");
    }

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

    /// "Show in folder" where no file manager can open it: the user is told, not left waiting.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_cannot_be_opened_is_reported() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = std::env::temp_dir().join(format!("appeal-kit-open-folder-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let script = |name: &str, body: &str| {
            let path = tmp.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            path
        };
        let err = open_with(&tmp.join("xdg-open"), &tmp).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Io, "no file manager is installed (xdg-open was not found)"));
        // xdg-open exits 3 when it finds no program for folders (a desktop without a file manager).
        let err = open_with(&script("no-handler", "exit 3"), &tmp).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Io, "no file manager could open it"));
        // A file manager that opens and returns, or keeps running past the wait: success.
        assert!(open_with(&script("opens", "exit 0"), &tmp).is_ok());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}

//! Commands for working on many cases at once (issue 16): tags, the dashboard, spreadsheet
//! import with a preview, one print run of letters, and many bundles into a folder.

use std::path::PathBuf;
use std::sync::Mutex;

use kit::batch::{BatchExportReport, BatchProgress, ImportPlan, Imported, KitAccess, LettersReport, ScanReport};
use kit::due::Dashboard;
use kit::tags::TagCount;
use kit::{CaseSummary, Lang};
use tauri::State;
use tauri::ipc::Channel;

use super::{App, Dropped, Reply, SCANS, Session, internal, pick_files, save_path, with_kit, with_kit_storing};

/// The spreadsheet last picked and previewed: `import_sheet` imports only that one, checked
/// again as it is now, so the webview never names a file to read.
#[derive(Default)]
pub struct PickedSheet(Mutex<Option<PathBuf>>);

#[tauri::command]
pub async fn tag_cases(app: State<'_, App>, ids: Vec<String>, tags: Vec<String>, remove: bool) -> Reply<()> {
    with_kit(app, move |k| k.tag_cases(&ids, &tags, remove)).await
}

#[tauri::command]
pub async fn list_tags(app: State<'_, App>) -> Reply<Vec<TagCount>> {
    with_kit(app, move |k| k.tags()).await
}

#[tauri::command]
pub async fn cases_tagged(app: State<'_, App>, tag: String) -> Reply<Vec<CaseSummary>> {
    with_kit(app, move |k| k.cases_tagged(&tag)).await
}

#[tauri::command]
pub async fn dashboard(app: State<'_, App>) -> Reply<Dashboard> {
    with_kit(app, move |k| k.dashboard()).await
}

/// Asks where to save the provider's spreadsheet template, then writes it. `None`: cancelled.
#[tauri::command]
pub async fn save_template(app: State<'_, App>, provider: String) -> Reply<Option<String>> {
    let name = format!("appeal-kit-{provider}.csv");
    let Some(path) = save_path("Save spreadsheet template", &name, ("CSV", "csv")).await else { return Ok(None) };
    let shown = path.display().to_string();
    // The save dialog has asked before replacing a file: `force`.
    with_kit(app, move |k| k.save_template(&provider, &path, true)).await?;
    Ok(Some(shown))
}

/// Opens the file dialog for a spreadsheet and checks every row, writing nothing: the preview.
#[tauri::command]
pub async fn pick_sheet(picked: State<'_, PickedSheet>) -> Reply<Option<ImportPlan>> {
    let Some(paths) = pick_files("Import cases from a spreadsheet", false, ("Spreadsheet", &["csv", "xlsx"])).await else { return Ok(None) };
    let Some(path) = paths.into_iter().next() else { return Ok(None) };
    let checked = path.clone();
    let plan = tauri::async_runtime::spawn_blocking(move || kit::batch::check_sheet(&checked)).await.map_err(|e| internal(&e.to_string()))?;
    let plan = plan.map_err(|e| e.info())?;
    if let Ok(mut p) = picked.0.lock() {
        *p = Some(path);
    }
    Ok(Some(plan))
}

/// Imports the spreadsheet last previewed, checked again: all rows in one transaction, or
/// nothing if any row has a problem now.
#[tauri::command]
pub async fn import_sheet(app: State<'_, App>, picked: State<'_, PickedSheet>) -> Reply<Vec<Imported>> {
    let path = picked.0.lock().ok().and_then(|p| p.clone());
    let path = path.ok_or_else(|| kit::KitError::field("file", kit::tr!("choose a spreadsheet first", "请先选择一个表格")).info())?;
    let plan = tauri::async_runtime::spawn_blocking(move || kit::batch::check_sheet(&path)).await.map_err(|e| internal(&e.to_string()))?;
    let plan = plan.map_err(|e| e.info())?;
    with_kit(app, move |k| k.import_plan(&plan)).await
}

/// Asks where to save one PDF with every letter the cases need (named after `tag` if the cases
/// were chosen by one), then writes it. `None`: cancelled.
#[tauri::command]
pub async fn print_letters(app: State<'_, App>, ids: Vec<String>, lang: Lang, tag: Option<String>) -> Reply<Option<LettersReport>> {
    let Some(path) = save_path("Save letters as one PDF", &kit::names::letters(tag.as_deref()), ("PDF", "pdf")).await else { return Ok(None) };
    with_kit(app, move |k| k.batch_letters(&ids, lang, &path, true)).await.map(Some)
}

/// Asks for a folder, then writes one bundle per case into it, reporting progress. `None`: cancelled.
#[tauri::command]
pub async fn export_cases(app: State<'_, App>, ids: Vec<String>, allow_incomplete: bool, progress: Channel<BatchProgress>) -> Reply<Option<BatchExportReport>> {
    let Some(dir) = pick_folder("Export bundles into a folder").await else { return Ok(None) };
    // The kit is held only while each case is read and each bundle logged, not while the
    // bundles are written: the window answers meanwhile.
    let mut shared = Shared(app.0.clone());
    tauri::async_runtime::spawn_blocking(move || {
        kit::batch::export::export(&mut shared, &ids, &dir, allow_incomplete, |p| {
            let _ = progress.send(p.clone());
        })
    })
    .await
    .map_err(|e| internal(&e.to_string()))?
    .map(Some)
}

/// The window's kit, for a batch that takes it a case at a time.
struct Shared(std::sync::Arc<Mutex<Session>>);

impl KitAccess for Shared {
    type Error = kit::ErrorInfo;
    fn with_kit<T>(&mut self, f: impl FnOnce(&mut kit::Kit) -> kit::Result<T>) -> Result<T, kit::ErrorInfo> {
        let mut session = self.0.lock().map_err(|_| internal(&super::unavailable()))?;
        let kit = session.kit.as_mut().ok_or_else(super::locked::locked)?;
        f(kit).map_err(|e| e.info())
    }
    fn error(&self, e: kit::KitError) -> kit::ErrorInfo {
        e.info()
    }
}

/// Opens the file dialog for scans of printed letters (PDFs, photos) and files each page to its
/// case's letter item by the code printed on it. `None`: cancelled.
#[tauri::command]
pub async fn scan_letters(app: State<'_, App>) -> Reply<Option<ScanReport>> {
    let Some(paths) = pick_files("File scans of printed letters", true, SCANS).await else { return Ok(None) };
    with_kit_storing(app, move |k| k.batch_scan(&paths, false)).await.map(Some)
}

/// Files scans dropped on the case list: only paths the window saw dropped.
#[tauri::command]
pub async fn scan_dropped(app: State<'_, App>, dropped: State<'_, Dropped>, window: tauri::Window, paths: Vec<PathBuf>) -> Reply<ScanReport> {
    if !dropped.take(window.label(), &paths) {
        let reason = kit::tr!(
            "only files dropped on the window can be filed this way; use File letter scans… to choose files",
            "只有拖放到窗口上的文件才能这样归档；请用“归档函件扫描件…”选择文件"
        );
        return Err(kit::KitError::field("file", reason).info());
    }
    with_kit_storing(app, move |k| k.batch_scan(&paths, false)).await
}

/// A folder picked in the native dialog, or `None` if the user cancelled.
async fn pick_folder(title: &str) -> Option<PathBuf> {
    // Test seam, as for `save_path`: the end-to-end test names the folder. Debug builds only.
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("APPEAL_KIT_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir).join("bundles"));
    }
    rfd::AsyncFileDialog::new().set_title(title).set_directory(kit::default_save_dir()).pick_folder().await.map(|f| f.path().to_path_buf())
}

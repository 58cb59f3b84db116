//! The desktop shell: each command takes a typed request, calls the kit API off the main
//! thread, and maps the error to the one serializable error the UI understands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod attachments;
mod batch;
mod bundles;
mod dialogs;
mod locked;
mod ready;
mod start;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use kit::{AppealStatus, CasePage, CaseView, ErrorInfo, ErrorKind, Gap, Kit, KitError, Lang, LetterPreview, ProviderInfo};
use serde_json::Value;
use tauri::{DragDropEvent, Manager, State, WebviewEvent, WindowEvent};

use attachments::Dropped;
use bundles::LastExport;
use dialogs::{SCANS, pick_files, save_path};
use ready::Preparer;

/// The session, and the background maker of export copies (woken after files are attached).
struct App(Arc<Mutex<Session>>, Preparer);

/// The store as the window sees it: open, or locked (a store with a passphrase, before it is
/// unlocked and after it is locked again: no kit, so no key is in memory).
pub(crate) struct Session {
    data_dir: PathBuf,
    kit: Option<Kit>,
    /// The interface language, given to the kit each time it opens.
    lang: kit::Language,
}

impl Session {
    /// The interface language, which rule texts, errors and refusals follow from now on. Also
    /// while the store is locked: the kit gets the language when it opens.
    fn set_language(&mut self, lang: kit::Language) {
        self.lang = lang;
        kit::error::set_language(lang);
        if let Some(kit) = self.kit.as_mut() {
            kit.set_language(lang);
        }
    }
}

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

/// `with_kit` for a command that stores files: the background maker of export copies is woken
/// after it (`ready`).
async fn with_kit_storing<T: Send + 'static>(app: State<'_, App>, f: impl FnOnce(&mut Kit) -> kit::Result<T> + Send + 'static) -> Reply<T> {
    let preparer = app.1.clone();
    let reply = with_kit(app, f).await;
    preparer.wake();
    reply
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

#[tauri::command]
async fn set_info(app: State<'_, App>, id: String, item: String, values: Value) -> Reply<CaseView> {
    with_kit(app, move |k| k.set_info(&id, &item, &values)).await
}

#[tauri::command]
async fn completeness(app: State<'_, App>, id: String) -> Reply<Vec<Gap>> {
    with_kit(app, move |k| k.completeness(&id)).await
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
    app.0.lock().map_err(|_| internal(&unavailable()))?.set_language(lang);
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
    let session = Arc::new(Mutex::new(Session { data_dir, kit, lang: kit::Language::En }));
    start::warm_up(session.clone());
    let preparer = Preparer::start(session.clone());
    let result = tauri::Builder::default()
        .manage(App(session, preparer))
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
    /// The UI's command types are generated from the commands (build.rs); `make bindings`
    /// rewrites them.
    #[test]
    fn the_ui_command_types_match_the_commands() -> std::io::Result<()> {
        let generated = include_str!(concat!(env!("OUT_DIR"), "/commands.ts"));
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/ipc/commands.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(path, generated)?;
        }
        assert_eq!(std::fs::read_to_string(path).unwrap_or_default(), generated, "ui/src/ipc/commands.ts is stale: run `make bindings`");
        Ok(())
    }
}

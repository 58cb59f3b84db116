//! The desktop shell: each command takes a typed request, calls the kit API off the main
//! thread, and maps the error to the one serializable error the UI understands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::{Arc, Mutex};

use kit::{CasePage, CaseView, ErrorInfo, ErrorKind, Kit, KitError, Lang, LetterPreview, ProviderInfo};
use serde_json::Value;
use tauri::State;

struct App(Arc<Mutex<Kit>>);

type Reply<T> = Result<T, ErrorInfo>;

/// Runs `f` with the kit on a blocking thread, so the window never waits on the disk.
async fn with_kit<T: Send + 'static>(app: State<'_, App>, f: impl FnOnce(&mut Kit) -> kit::Result<T> + Send + 'static) -> Reply<T> {
    let kit = app.0.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut kit = kit.lock().map_err(|_| internal("the case store is unavailable after an earlier failure; restart Appeal Kit"))?;
        f(&mut kit).map_err(|e: KitError| e.info())
    })
    .await
    .map_err(|e| internal(&e.to_string()))?
}

fn internal(message: &str) -> ErrorInfo {
    ErrorInfo { kind: ErrorKind::Internal, message: message.to_string(), field: None }
}

#[tauri::command]
fn providers() -> Vec<ProviderInfo> {
    kit::providers()
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
async fn save_letter(app: State<'_, App>, id: String, item: String, lang: Lang, suggested_name: String) -> Reply<Option<String>> {
    // Test seam: the end-to-end test cannot drive a native dialog, so it names the folder the
    // "chosen" file goes to. Unset in normal use.
    let path = match std::env::var_os("APPEAL_KIT_TEST_SAVE_DIR") {
        Some(dir) => Some(std::path::PathBuf::from(dir).join(&suggested_name)),
        None => rfd::AsyncFileDialog::new()
            .set_title("Save letter as PDF")
            .set_file_name(&suggested_name)
            .add_filter("PDF", &["pdf"])
            .save_file()
            .await
            .map(|f| f.path().to_path_buf()),
    };
    let Some(path) = path else { return Ok(None) };
    let shown = path.display().to_string();
    with_kit(app, move |k| k.save_letter(&id, &item, lang, &path)).await?;
    Ok(Some(shown))
}

fn main() {
    let data_dir = std::env::var_os("APPEAL_KIT_DATA_DIR").map(Into::into).unwrap_or_else(kit::default_data_dir);
    let kit = match Kit::open(&data_dir) {
        Ok(kit) => kit,
        Err(e) => {
            eprintln!("Appeal Kit cannot start: {e}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .manage(App(Arc::new(Mutex::new(kit))))
        .invoke_handler(tauri::generate_handler![
            providers,
            list_cases,
            get_case,
            create_case,
            answer,
            set_profile,
            rename_case,
            duplicate_case,
            delete_case,
            restore_case,
            letter_preview,
            save_letter
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Appeal Kit stopped: {e}");
        std::process::exit(1);
    }
}

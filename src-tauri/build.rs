// Lists every app command so each is permission-checked against capabilities/.
const COMMANDS: &[&str] = &[
    "providers", "list_cases", "get_case", "create_case", "answer", "set_profile",
    "rename_case", "duplicate_case", "delete_case", "restore_case", "letter_preview", "save_letter",
    "attach_files", "attach_paths", "replace_attachment", "remove_attachment", "restore_attachment",
    "move_attachment", "fix_attachment", "undo_fix", "dismiss_check", "discard_original", "attachment_page", "set_info",
    "completeness", "export_bundle", "show_export_folder", "import_bundle", "set_status",
    "set_language", "accept_rules_update",
    // Many cases at once (src/batch.rs).
    "tag_cases", "list_tags", "cases_tagged", "dashboard", "save_template", "pick_sheet",
    "import_sheet", "print_letters", "export_cases",
    // The locked store (src/locked.rs).
    "store_state", "unlock", "lock", "set_passphrase",
];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri build configuration");
}

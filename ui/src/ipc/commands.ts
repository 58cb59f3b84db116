// Generated from the #[tauri::command] functions by src-tauri/build.rs; do not edit.
// Regenerate with `make bindings`.

import type { Channel } from "@tauri-apps/api/core";
import type * as B from "./bindings";

/** Every desktop command: the arguments the window passes and what it replies. */
export type Commands = {
  attach_files: { args: { id: string; item: string; progress: Channel<B.AttachProgress> }; returns: B.AttachResult | null };
  attach_paths: { args: { id: string; item: string; paths: string[]; progress: Channel<B.AttachProgress> }; returns: B.AttachResult };
  replace_attachment: { args: { attachment: string }; returns: B.CaseView | null };
  remove_attachment: { args: { attachment: string }; returns: B.CaseView };
  restore_attachment: { args: { attachment: string }; returns: B.CaseView };
  move_attachment: { args: { attachment: string; item: string; position: number }; returns: B.CaseView };
  fix_attachment: { args: { attachment: string; fix: B.Fix }; returns: B.CaseView };
  undo_fix: { args: { attachment: string }; returns: B.CaseView };
  dismiss_check: { args: { attachment: string; check: string }; returns: B.CaseView };
  discard_original: { args: { attachment: string }; returns: B.CaseView };
  attachment_page: { args: { attachment: string; page: number; size: number }; returns: B.AttachmentPage };
  tag_cases: { args: { ids: string[]; tags: string[]; remove: boolean }; returns: void };
  list_tags: { args: { }; returns: B.TagCount[] };
  cases_tagged: { args: { tag: string }; returns: B.CaseSummary[] };
  dashboard: { args: { }; returns: B.Dashboard };
  save_template: { args: { provider: string }; returns: string | null };
  pick_sheet: { args: { }; returns: B.ImportPlan | null };
  import_sheet: { args: { }; returns: B.Imported[] };
  print_letters: { args: { ids: string[]; lang: B.Lang; tag: string | null }; returns: B.LettersReport | null };
  export_cases: { args: { ids: string[]; allowIncomplete: boolean; progress: Channel<B.BatchProgress> }; returns: B.BatchExportReport | null };
  scan_letters: { args: { }; returns: B.ScanReport | null };
  scan_dropped: { args: { paths: string[] }; returns: B.ScanReport };
  export_bundle: { args: { id: string; allowIncomplete: boolean; progress: Channel<B.AttachProgress> }; returns: B.ExportReport | null };
  show_export_folder: { args: { }; returns: void };
  import_bundle: { args: { }; returns: B.CaseView | null };
  store_state: { args: { }; returns: B.StoreState };
  unlock: { args: { passphrase: string }; returns: B.StoreState };
  lock: { args: { }; returns: B.StoreState };
  set_passphrase: { args: { passphrase: string }; returns: B.StoreState };
  change_passphrase: { args: { current: string; new: string }; returns: B.StoreState };
  remove_passphrase: { args: { current: string }; returns: B.StoreState };
  providers: { args: { }; returns: B.ProviderInfo[] };
  list_cases: { args: { query: string; limit: number }; returns: B.CasePage };
  get_case: { args: { id: string }; returns: B.CaseView };
  create_case: { args: { provider: string; title: string }; returns: B.CaseView };
  answer: { args: { id: string; answers: unknown }; returns: B.CaseView };
  set_profile: { args: { id: string; values: unknown }; returns: B.CaseView };
  rename_case: { args: { id: string; title: string }; returns: B.CaseView };
  duplicate_case: { args: { id: string }; returns: B.CaseView };
  delete_case: { args: { id: string }; returns: void };
  restore_case: { args: { id: string }; returns: B.CaseView };
  letter_preview: { args: { id: string; item: string; lang: B.Lang; page: number }; returns: B.LetterPreview };
  save_letter: { args: { id: string; item: string; lang: B.Lang }; returns: string | null };
  set_info: { args: { id: string; item: string; values: unknown }; returns: B.CaseView };
  completeness: { args: { id: string }; returns: B.Gap[] };
  set_status: { args: { id: string; status: B.AppealStatus; ticket: string | null; on: string | null }; returns: B.CaseView };
  erase_documents: { args: { id: string }; returns: B.CaseView };
  accept_rules_update: { args: { id: string }; returns: B.CaseView };
  set_language: { args: { lang: B.Language }; returns: void };
  first_screen: { args: { lang: B.Language; limit: number }; returns: B.FirstScreen };
};

//! `appeal-kit`: the command line over the same case store as the desktop app
//! (CONTRACTS.md section 5). Exit status: 0 success, 2 bad input, 1 anything else.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use kit::{Kit, KitError, render};
use serde::Serialize;
use serde_json::Value;

#[path = "appeal-kit/args.rs"]
mod args;
#[path = "appeal-kit/batch.rs"]
mod batch;
#[path = "appeal-kit/case.rs"]
mod case;
#[path = "appeal-kit/lock.rs"]
mod lock;
pub(crate) use lock::{open_kit, open_kit_read_only};
use args::{CaseCommand, Cli, Command};
pub(crate) use args::RuleLang;

/// The language of the locale: `LC_ALL`, then `LANG` (CONTRACTS.md section 9).
pub(crate) fn locale_language() -> rules::Language {
    let var = |name| std::env::var(name).ok();
    rules::Language::from_locale(var("LC_ALL").as_deref(), var("LANG").as_deref())
}

fn main() -> ExitCode {
    // This program is also the PDF worker (documents::pdf_worker): serve before anything else.
    kit::pdf_worker::serve_if_worker();
    keep_freed_memory();
    // Messages follow the locale until a command's --lang says otherwise.
    kit::error::set_language(locale_language());
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let lang = kit::error::language();
            eprintln!("appeal-kit: {}{}", e.message_in(lang).replace('\n', " "), lock::hint(&e, lang));
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}

/// Exporting turns sideways photos losslessly (libjpeg-turbo), each turn allocating and
/// freeing some 70 MB of coefficient arrays for a 12 MP photo; by default glibc hands such
/// blocks back to the system when freed (and gives each thread an arena too small to keep
/// them), so every photo faulted its memory in afresh: a third of an export's CPU time went to
/// page faults. One arena that keeps freed blocks for the next photo avoids that; this
/// short-lived process gives them back when it exits. Set before any thread starts. (The
/// desktop app, long-running, keeps glibc's defaults.)
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; called while single-threaded.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        // Blocks up to 32 MB (glibc's largest setting) come from the heap, not from mmap.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        // Never trimmed: the peak stays the peak (a batch export's two turns at a time), but
        // freed memory is not returned only to be faulted in again by the next photo.
        libc::mallopt(libc::M_TRIM_THRESHOLD, -1);
    }
}

/// Answers and values files are small JSON objects; anything bigger (`/dev/zero`) is refused.
const MAX_JSON_BYTES: u64 = 1 << 20;

pub(crate) fn read_json(path: &Path) -> Result<Value, KitError> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin().lock().take(MAX_JSON_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_JSON_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| KitError::field(&name, kit::error::lead("cannot read: ", "无法读取：", &kit::error::io_reason(&e))))?;
    if bytes.len() as u64 > MAX_JSON_BYTES {
        return Err(KitError::field(&name, kit::tr!("is larger than 1 MB; answers and values are a small JSON object", "大于 1 MB；回答和值应是一个很小的 JSON 对象")));
    }
    // Windows Notepad starts UTF-8 files with a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    serde_json::from_slice(bytes).map_err(|e| KitError::field(&name, kit::tr!("not valid JSON: {e}", "不是有效的 JSON：{e}")))
}

/// Attaches FILEs to an item; `-` is standard input (once), up to the file size limit.
pub(crate) fn attach(kit: &mut Kit, case: &str, item: &str, files: &[PathBuf]) -> Result<kit::CaseView, KitError> {
    let stdin = Path::new("-");
    if files.iter().filter(|f| f.as_path() == stdin).count() > 1 {
        return Err(KitError::field("file", kit::tr!("`-` (standard input) can be given only once", "`-`（标准输入）只能给出一次")));
    }
    let mut checked = kit::attachments::Checked::default();
    for f in files {
        checked.add(if f.as_path() == stdin { kit::attachments::prepare_reader("stdin", std::io::stdin().lock(), 0) } else { kit::prepare(f) });
    }
    // Every file is named in the one-line reason when any is refused; nothing is stored then.
    if let Some(refused) = checked.refusal() {
        return Err(refused);
    }
    Ok(kit.attach_checked(case, item, checked)?.case)
}

pub(crate) fn print_json(v: &impl Serialize) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

fn run(cli: Cli) -> Result<(), KitError> {
    let data_dir = cli.data_dir.clone().unwrap_or_else(kit::default_data_dir);
    let open = || open_kit(&data_dir);
    // Commands that only look open the store read-only: they work on a full disk too.
    let read = || open_kit_read_only(&data_dir);
    let json = cli.json;
    match cli.command {
        Command::Providers { lang } => {
            let providers = kit::providers(lang.get());
            if json {
                print_json(&providers);
            } else {
                for p in providers {
                    println!("{:<14} {} (rules {}): {}", p.id, p.name, p.rules_version, p.source_title);
                }
            }
        }
        Command::Checklist(args) => {
            let lang = args.lang.get();
            let checklist = match (args.case, args.provider, args.answers) {
                (Some(case), ..) => {
                    let mut kit = read()?;
                    kit.set_language(lang);
                    kit.case(&case)?.checklist
                }
                (None, Some(provider), Some(file)) => kit::checklist(&provider, &read_json(&file)?, lang)?,
                (None, Some(provider), None) => {
                    rules::pack(&provider)?;
                    let stdin = std::io::stdin();
                    if !stdin.is_terminal() {
                        eprintln!("Reading answers from standard input, one per line.");
                    }
                    let answers = kit::interactive::interview(&provider, lang, &mut stdin.lock(), &mut std::io::stderr())?;
                    eprintln!();
                    kit::checklist(&provider, &answers.to_json(), lang)?
                }
                (None, None, _) => unreachable!("clap requires --provider or --case"),
            };
            if json { print_json(&checklist) } else { print!("{}", render::checklist(&checklist, lang)) }
        }
        Command::Batch(cmd) => batch::run(cmd, &data_dir, json)?,
        Command::Store(cmd) => lock::run(cmd, &data_dir)?,
        Command::Case(cmd) => {
            // Refused before the store is opened (opening repairs it): nothing changes.
            if matches!(cmd, CaseCommand::Erase { yes: false, .. }) && !std::io::stdin().is_terminal() {
                return Err(erase_not_confirmed(kit::tr!("erasing cannot be undone: confirm with --yes, or run the command at a terminal to be asked", "擦除无法撤销：请加上 --yes 确认，或在终端中运行此命令以便询问")));
            }
            let looks = matches!(cmd, CaseCommand::List { .. } | CaseCommand::Show { .. });
            case::run(cmd, &mut if looks { read()? } else { open()? }, json)?
        }
        Command::Attach { case, item, files, lang } => {
            let mut kit = open()?;
            kit.set_language(lang.get());
            let view = attach(&mut kit, &case, &item, &files)?;
            let state = view.items.iter().find(|i| i.item == item);
            if json {
                print_json(&state);
            } else if let Some(state) = state {
                print!("{}", render::item_state(state));
            }
        }
        Command::Info { case, item, values, lang } => {
            let mut kit = open()?;
            kit.set_language(lang.get());
            let view = kit.set_info(&case, &item, &read_json(&values)?)?;
            let state = view.items.iter().find(|i| i.item == item);
            if json {
                print_json(&serde_json::json!({ "item": item, "status": state.map(|s| s.status), "values": view.info.get(&item) }));
            } else if let Some(state) = state {
                print!("{}", render::item_state(state));
            }
        }
        Command::Export { case, out, allow_incomplete, force, lang } => {
            let mut kit = open()?;
            kit.set_language(lang.get());
            let report = kit.export_job(&case, allow_incomplete)?.write(&out, force, |_, _| {})?;
            kit.exported(&case, &report)?;
            if json {
                print_json(&report);
            } else {
                println!("{}", report.path);
            }
            if !report.complete {
                let gaps: Vec<String> = report.missing.iter().map(|g| format!("{} ({})", g.item.as_deref().unwrap_or("checklist"), g.reason)).collect();
                eprintln!("Incomplete bundle; it lists what is missing: {}", gaps.join("; "));
            }
        }
        Command::Import { file } => {
            let view = open()?.import(&file)?;
            if json { print_json(&view.summary) } else { println!("{}", view.summary.id) }
        }
        Command::Status { case, status, ticket, on, lang } => {
            let mut kit = if status.is_none() && ticket.is_none() && on.is_none() { read()? } else { open()? };
            let lang = lang.get();
            kit.set_language(lang);
            let view = match status.as_deref() {
                None => kit.case(&case)?,
                Some(s) => {
                    let status = match s {
                        "submitted" => kit::AppealStatus::Submitted,
                        "approved" => kit::AppealStatus::Approved,
                        "rejected" => kit::AppealStatus::Rejected,
                        other => return Err(KitError::field("status", kit::tr!("`{other}` is not a status; use submitted, approved or rejected", "`{other}` 不是状态；请使用 submitted（已提交）、approved（已通过）或 rejected（被驳回）"))),
                    };
                    kit.set_status(&case, status, ticket.as_deref(), on.as_deref())?
                }
            };
            if json { print_json(&view.appeal) } else { print!("{}", render::appeal(&view.appeal, lang)) }
        }
        Command::Fix { case, file, action, boxes } => {
            let mut kit = open()?;
            let id = kit.find_file(&case, &file)?;
            let no_boxes = |what: &str| if boxes.is_empty() { Ok(()) } else { Err(KitError::field("fix", kit::tr!("`{what}` takes no boxes", "`{what}` 不接受方框"))) };
            let view = match action.as_str() {
                "rotate-left" | "rotate-right" => {
                    no_boxes(&action)?;
                    kit.fix_attachment(&id, kit::Fix::Rotate { quarter_turns: if action == "rotate-left" { 3 } else { 1 } })?
                }
                "crop" => {
                    let [one] = boxes.as_slice() else { return Err(KitError::field("fix", kit::tr!("crop takes one box: X,Y,W,H", "crop 需要一个方框：X,Y,W,H"))) };
                    let rect = kit.pixel_box(&id, one)?;
                    kit.fix_attachment(&id, kit::Fix::Crop { rect })?
                }
                "hide" => {
                    if boxes.is_empty() {
                        return Err(KitError::field("fix", kit::tr!("hide takes one or more boxes: X,Y,W,H", "hide 需要一个或多个方框：X,Y,W,H")));
                    }
                    let rects = boxes.iter().map(|b| kit.pixel_box(&id, b)).collect::<Result<Vec<_>, _>>()?;
                    kit.fix_attachment(&id, kit::Fix::Redact { rects })?
                }
                "undo" => {
                    no_boxes(&action)?;
                    kit.undo_fix(&id)?
                }
                "keep-fixed" => {
                    no_boxes(&action)?;
                    kit.discard_original(&id)?
                }
                "straighten" => {
                    no_boxes(&action)?;
                    let fix = kit.suggested_straighten(&id)?;
                    kit.fix_attachment(&id, fix)?
                }
                other => {
                    return Err(KitError::field("fix", kit::tr!("`{other}` is not a fix; use rotate-left, rotate-right, crop, hide, straighten, undo or keep-fixed", "`{other}` 不是修正操作；请使用 rotate-left、rotate-right、crop、hide、straighten、undo 或 keep-fixed")));
                }
            };
            let state = view.items.iter().find(|s| s.files.iter().any(|f| f.id == id));
            if json {
                print_json(&state.and_then(|s| s.files.iter().find(|f| f.id == id)));
            } else if let Some(state) = state {
                print!("{}", render::item_state(state));
            }
        }
        Command::Check { case, file, dismiss, lang } => {
            let mut kit = if dismiss.is_some() { open()? } else { read()? };
            kit.set_language(lang.get());
            let id = kit.find_file(&case, &file)?;
            let view = match dismiss {
                Some(check) => kit.dismiss_check(&id, &check)?,
                None => kit.case(&case)?,
            };
            let file = view.items.iter().flat_map(|s| &s.files).find(|f| f.id == id);
            if json {
                print_json(&file.map(|f| &f.checks));
            } else if let Some(f) = file {
                if f.checks.is_empty() {
                    println!("{}: no warnings", f.name);
                }
                for c in &f.checks {
                    println!("{}: {}", c.id.as_str(), c.message);
                }
            }
        }
        Command::Letter { case, item, output: args::LetterOutput { out, lang, force } } => {
            let letter = open()?.save_letter(&case, &item, lang, &out, force)?;
            if json {
                print_json(&serde_json::json!({ "file": out, "title": letter.title, "missing_fields": letter.missing_fields }));
            } else {
                println!("{}", out.display());
            }
            if !letter.missing_fields.is_empty() {
                eprintln!(
                    "Left blank to fill in by hand: {}. Add them with: appeal-kit case profile {case} --values FILE.json",
                    letter.missing_fields.join(", ")
                );
            }
        }
    }
    Ok(())
}

/// `case erase` without its confirmation (exit 2).
pub(crate) fn erase_not_confirmed(why: kit::error::Text) -> KitError {
    KitError::field("yes", kit::error::Text { en: format!("{}; nothing was erased", why.en), zh: format!("{}；未擦除任何内容", why.zh) })
}

//! `appeal-kit`: the command line over the same case store as the desktop app
//! (CONTRACTS.md section 5). Exit status: 0 success, 2 bad input, 1 anything else.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use kit::text::printable;
use kit::{Kit, KitError, render};
use serde::Serialize;
use serde_json::Value;

#[path = "appeal-kit/batch.rs"]
mod batch;
#[path = "appeal-kit/lock.rs"]
mod lock;
pub(crate) use lock::{open_kit, open_kit_read_only};

#[derive(Parser)]
#[command(name = "appeal-kit", version, about = "Prepare the offline appeal for a locked Huawei Cloud or Alibaba Cloud account")]
struct Cli {
    /// Where cases are stored [default: the platform's data directory]
    #[arg(long, global = true, env = "APPEAL_KIT_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print JSON on stdout
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

/// `--lang` for every command that prints rule text (CONTRACTS.md section 9).
#[derive(Args, Clone, Copy)]
struct RuleLang {
    /// Language of the rule texts: en or zh [default: from LC_ALL, then LANG]
    #[arg(long, value_name = "en|zh")]
    lang: Option<rules::Language>,
}

impl RuleLang {
    /// The language asked for, which the messages (errors too) follow from now on.
    fn get(self) -> rules::Language {
        let lang = self.lang.unwrap_or_else(locale_language);
        kit::error::set_language(lang);
        lang
    }
}

/// The language of the locale: `LC_ALL`, then `LANG` (CONTRACTS.md section 9).
fn locale_language() -> rules::Language {
    let var = |name| std::env::var(name).ok();
    rules::Language::from_locale(var("LC_ALL").as_deref(), var("LANG").as_deref())
}

#[derive(Subcommand)]
enum Command {
    /// Compute the checklist for answers in a file, for a case, or by asking the questions
    Checklist(ChecklistArgs),
    /// Create, answer, list and show cases
    #[command(subcommand)]
    Case(CaseCommand),
    /// Work on many cases at once: import a spreadsheet, print letters, export bundles
    #[command(subcommand)]
    Batch(batch::BatchCommand),
    /// List the providers and their rule versions
    Providers {
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Put a passphrase on the case store, take it off, or change it (CONTRACTS.md section 10)
    #[command(subcommand)]
    Store(lock::StoreCommand),
    /// Attach scans or photos (JPEG, PNG, WebP, TIFF, BMP, PDF) to a document or letter item
    Attach {
        /// The case's id
        case: String,
        /// The checklist item's id, e.g. real_name_certificate
        item: String,
        /// The files to attach, all checked before any is stored
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Type the values of an information item (merged; null clears a field)
    Info {
        /// The case's id
        case: String,
        /// The information item's id, e.g. mobile_number
        item: String,
        /// A JSON object of the item's field values ("-" for standard input)
        #[arg(long, value_name = "FILE.json")]
        values: PathBuf,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Write the ready-to-submit bundle (zip) of a case
    Export {
        /// The case's id
        case: String,
        /// Where to write the bundle
        #[arg(long, value_name = "FILE.zip")]
        out: PathBuf,
        /// Export even if required items are missing; the bundle then lists them
        #[arg(long)]
        allow_incomplete: bool,
        /// Replace FILE.zip if it exists
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Open a bundle as a new case and print its id
    Import {
        /// A bundle written by `appeal-kit export` or the desktop app
        #[arg(value_name = "FILE.zip")]
        file: PathBuf,
    },
    /// Record the appeal as submitted, approved or rejected; without a status, show it and
    /// its deadlines
    Status {
        /// The case's id
        case: String,
        /// submitted, approved or rejected
        status: Option<String>,
        /// The ticket or query number (with `submitted`)
        #[arg(long)]
        ticket: Option<String>,
        /// The date it happened, YYYY-MM-DD [default: today]
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Fix an attached picture: rotate-left, rotate-right, crop X,Y,W,H, hide X,Y,W,H [...],
    /// straighten (a document seen at an angle, from the corners the checks found), undo (the
    /// last fix), keep-fixed (discard the original, keep the fixed version)
    Fix {
        case: String,
        /// The file's id from `case show` (a unique prefix is enough)
        file: String,
        /// rotate-left, rotate-right, crop, hide, straighten, undo or keep-fixed
        action: String,
        /// For crop and hide: boxes as X,Y,W,H in pixels of the upright picture
        #[arg(value_name = "X,Y,W,H")]
        boxes: Vec<String>,
    },
    /// A file's warnings (blurry, too_small, too_dark, overexposed, cut_off, tilted...), or
    /// dismiss one: the file is kept as it is, and the timeline records the dismissal
    Check {
        case: String,
        /// The file's id from `case show` (a unique prefix is enough)
        file: String,
        /// The warning to dismiss, e.g. blurry
        #[arg(long, value_name = "CHECK_ID")]
        dismiss: Option<String>,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Write a prefilled letter for a letter item to print, seal or sign
    Letter {
        /// The case's id
        case: String,
        /// The letter item's id, e.g. authorization_letter
        item: String,
        /// Where to write the PDF
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// en, zh or bilingual
        #[arg(long, default_value = "en")]
        lang: kit::Lang,
        /// Replace FILE.pdf if it exists
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args)]
struct ChecklistArgs {
    /// huawei-cloud or alibaba-cloud
    #[arg(long, conflicts_with = "case", required_unless_present = "case")]
    provider: Option<String>,
    /// A JSON object of answers keyed by question id ("-" for standard input); without it, the
    /// questions are asked one by one
    #[arg(long, requires = "provider", value_name = "FILE.json")]
    answers: Option<PathBuf>,
    /// The case whose answers to use
    #[arg(long, value_name = "CASE")]
    case: Option<String>,
    #[command(flatten)]
    lang: RuleLang,
}

#[derive(Subcommand)]
enum CaseCommand {
    /// Create a case and print its id
    New {
        /// huawei-cloud or alibaba-cloud
        #[arg(long)]
        provider: String,
        /// Your own name for the case (never shown to the provider)
        #[arg(long)]
        title: String,
        /// A JSON object of answers keyed by question id ("-" for standard input)
        #[arg(long, value_name = "FILE.json")]
        answers: Option<PathBuf>,
        /// A JSON object of case profile fields, e.g. {"account_name": "..."}
        #[arg(long, value_name = "FILE.json")]
        profile: Option<PathBuf>,
    },
    /// Merge answers into a case (null clears an answer)
    Answer {
        /// The case's id
        case: String,
        /// A JSON object of answers keyed by question id ("-" for standard input)
        #[arg(long, value_name = "FILE.json")]
        answers: PathBuf,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// List cases, most recently changed first
    List {
        /// Only cases whose title, id, provider, account or holder name contains this
        #[arg(long)]
        search: Option<String>,
        /// Only cases with this tag
        #[arg(long)]
        tag: Option<String>,
        /// Only cases with a date coming or items needing attention, the nearest date first
        #[arg(long)]
        due: bool,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Add tags to a case, or remove them with --remove
    Tag {
        /// The case's id
        case: String,
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long)]
        remove: bool,
    },
    /// Show a case: answers, profile, checklist and timeline
    Show {
        /// The case's id
        case: String,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Merge case profile fields (an empty string clears one)
    Profile {
        /// The case's id
        case: String,
        /// A JSON object of profile fields ("-" for standard input)
        #[arg(long, value_name = "FILE.json")]
        values: PathBuf,
        #[command(flatten)]
        lang: RuleLang,
    },
    /// Rename a case
    Rename {
        /// The case's id
        case: String,
        /// The new title
        #[arg(long)]
        title: String,
    },
    /// Copy a case's answers, profile and shared documents into a new case (account name
    /// cleared) and print its id
    Duplicate {
        /// The case to copy
        case: String,
    },
    /// Move a case to the trash (undo with `case restore`)
    Delete {
        /// The case's id
        case: String,
    },
    /// Erase a case and its documents for good, now (no undo): in a store with a passphrase its
    /// key is destroyed, so no copy of its documents can be read again. Asks first at a
    /// terminal; elsewhere give --yes
    Erase {
        /// The case's id (a deleted case too)
        case: String,
        /// Erase without asking
        #[arg(long)]
        yes: bool,
    },
    /// Bring a deleted case back
    Restore {
        /// The case's id
        case: String,
    },
    /// Move a case to the current version of its provider's rules (`case show` says what changes)
    UpdateRules {
        /// The case's id
        case: String,
        #[command(flatten)]
        lang: RuleLang,
    },
}

fn main() -> ExitCode {
    // This program is also the PDF worker (documents::pdf_worker): serve before anything else.
    kit::pdf_worker::serve_if_worker();
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

/// Answers and values files are small JSON objects; anything bigger (`/dev/zero`) is refused.
const MAX_JSON_BYTES: u64 = 1 << 20;

fn read_json(path: &Path) -> Result<Value, KitError> {
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
fn attach(kit: &mut Kit, case: &str, item: &str, files: &[PathBuf]) -> Result<kit::CaseView, KitError> {
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

fn print_json(v: &impl Serialize) {
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
            case(cmd, &mut if looks { read()? } else { open()? }, json)?
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
        Command::Letter { case, item, out, lang, force } => {
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
fn erase_not_confirmed(why: kit::error::Text) -> KitError {
    KitError::field("yes", kit::error::Text { en: format!("{}; nothing was erased", why.en), zh: format!("{}；未擦除任何内容", why.zh) })
}

fn case(cmd: CaseCommand, kit: &mut Kit, json: bool) -> Result<(), KitError> {
    let lang = match &cmd {
        CaseCommand::Show { lang, .. }
        | CaseCommand::Answer { lang, .. }
        | CaseCommand::Profile { lang, .. }
        | CaseCommand::UpdateRules { lang, .. }
        | CaseCommand::List { lang, .. } => lang.get(),
        _ => rules::Language::En,
    };
    kit.set_language(lang);
    let show = |view: &kit::CaseView| {
        if json {
            print_json(view);
        } else {
            let s = &view.summary;
            println!("{}  {}  ({}, {})", s.id, printable(&s.title), s.provider_name, s.appeal_status.as_str());
            println!("Materials: {}", render::materials(s));
            println!("Answers: {}", view.answers);
            let profile: Vec<String> = serde_json::to_value(&view.profile)
                .ok()
                .and_then(|v| v.as_object().cloned())
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{k}={}", printable(v.as_str().unwrap_or_default())))
                .collect();
            println!("Profile: {}", if profile.is_empty() { "(empty)".into() } else { profile.join(", ") });
            println!();
            if let Some(update) = &view.rules_update {
                print!("{}\n", render::rules_update(update, &s.id, lang));
            }
            print!("{}", render::checklist(&view.checklist, lang));
            if !view.items.is_empty() {
                println!("\nMaterials");
                for state in &view.items {
                    print!("{}", render::item_state(state));
                }
            }
            if let Some(text) = &view.ticket_text {
                println!("\nText for the ticket or appeal form\n{}", kit::text::printable_lines(text));
            }
            println!("\nTimeline");
            for e in &view.events {
                println!("  {}  {}", e.at, e.kind.as_str());
            }
        }
    };
    let print_id = |view: &kit::CaseView| if json { print_json(&view.summary) } else { println!("{}", view.summary.id) };
    match cmd {
        CaseCommand::New { provider, title, answers, profile } => {
            let answers = answers.map(|f| read_json(&f)).transpose()?;
            let profile = profile.map(|f| read_json(&f)).transpose()?;
            print_id(&kit.create_case_with(&provider, &title, answers.as_ref(), profile.as_ref())?);
        }
        CaseCommand::Answer { case, answers, .. } => {
            let view = kit.answer(&case, &read_json(&answers)?)?;
            if json { print_json(&view) } else { print!("{}", render::checklist(&view.checklist, lang)) }
        }
        CaseCommand::Tag { case, tags, remove } => batch::tag(kit, &case, &tags, remove, json)?,
        CaseCommand::List { search, tag, due, .. } => {
            let cases = batch::list(kit, search.as_deref(), tag.as_deref(), due)?;
            if json { print_json(&cases) } else { print!("{}", render::case_list(&cases)) }
        }
        CaseCommand::Show { case, .. } => show(&kit.case(&case)?),
        CaseCommand::Profile { case, values, .. } => {
            let view = kit.set_profile(&case, &read_json(&values)?)?;
            if json { print_json(&view.profile) } else { show(&view) }
        }
        CaseCommand::Rename { case, title } => print_id(&kit.rename(&case, &title)?),
        CaseCommand::Duplicate { case } => print_id(&kit.duplicate(&case)?),
        CaseCommand::Delete { case } => {
            kit.delete(&case)?;
            if !json {
                println!("Deleted {case}. Undo with: appeal-kit case restore {case}");
            }
        }
        CaseCommand::Erase { case, yes } => {
            if !yes {
                let title = kit.case(&case).map(|v| format!(" ({})", printable(&v.summary.title))).unwrap_or_default();
                eprint!("Erase case {case}{title} and its documents for good? This cannot be undone. Type yes to erase: ");
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).map_err(|e| KitError::Io { what: kit::tr!("cannot read the answer", "无法读取回答"), source: e })?;
                if line.trim() != "yes" {
                    return Err(erase_not_confirmed(kit::tr!("not confirmed", "未确认")));
                }
            }
            let files = kit.erase(&case)?;
            if json {
                println!("{}", serde_json::json!({ "erased": case, "files": files }));
            } else {
                println!("Erased {case} and its {files} stored file(s).");
            }
        }
        CaseCommand::Restore { case } => print_id(&kit.restore(&case)?),
        CaseCommand::UpdateRules { case, .. } => {
            let view = kit.accept_rules_update(&case)?;
            if json { print_json(&view) } else { print!("{}", render::checklist(&view.checklist, lang)) }
        }
    }
    Ok(())
}

//! `appeal-kit batch …` and `case tag` (CONTRACTS.md section 8).

use std::path::PathBuf;

use clap::Subcommand;
use kit::text::printable;
use kit::{Kit, KitError};

#[derive(Subcommand)]
pub enum BatchCommand {
    /// Write a spreadsheet template (CSV): a header with every column and one example row
    Template {
        /// huawei-cloud or alibaba-cloud
        #[arg(long)]
        provider: String,
        /// Where to write it [default: standard output]
        #[arg(long, value_name = "FILE.csv")]
        out: Option<PathBuf>,
        /// Replace FILE.csv if it exists
        #[arg(long)]
        force: bool,
    },
    /// Create one case per row of a spreadsheet; every row is checked first, and a file with
    /// any problem is refused whole
    Import {
        #[arg(value_name = "FILE.csv|FILE.xlsx")]
        file: PathBuf,
        /// Check every row and say what would be created, writing nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Write one PDF with every letter the chosen cases need, in case order, to print, seal
    /// and sign in one sitting
    Letters {
        /// The cases with this tag (in title order)
        #[arg(long, conflicts_with = "cases", required_unless_present = "cases")]
        tag: Option<String>,
        /// The cases, in this order
        #[arg(value_name = "CASE")]
        cases: Vec<String>,
        #[command(flatten)]
        output: crate::args::LetterOutput,
    },
    /// File scans of printed letters back into their cases: each page's letter code names
    /// its case, letter and page; pages that cannot be placed are listed and left out
    Scan {
        /// PDFs of scanned pages, photos, or folders of them
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Say where each page would go, attaching nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Write one bundle per case into a folder, named from its title and id
    Export {
        /// The cases with this tag (in title order)
        #[arg(long, conflicts_with = "cases", required_unless_present = "cases")]
        tag: Option<String>,
        /// The cases, in this order
        #[arg(value_name = "CASE")]
        cases: Vec<String>,
        /// The folder to write the bundles in (made if missing); no file there is replaced
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Export incomplete cases too; their bundles list what is missing
        #[arg(long)]
        allow_incomplete: bool,
        /// Language of the cover sheets, the reasons cases are skipped, and the messages
        #[command(flatten)]
        lang: crate::RuleLang,
    },
}

pub fn run(cmd: BatchCommand, data_dir: &std::path::Path, json: bool) -> Result<(), KitError> {
    match cmd {
        BatchCommand::Template { provider, out, force } => match out {
            None => print!("{}", kit::batch::template(&provider)?),
            Some(out) => {
                crate::open_kit(data_dir)?.save_template(&provider, &out, force)?;
                if !json {
                    println!("{}", out.display());
                }
            }
        },
        BatchCommand::Import { file, dry_run } => {
            // Every row is read and checked before the store is even opened.
            let plan = kit::batch::check_sheet(&file)?;
            if !plan.problems.is_empty() {
                for p in &plan.problems {
                    eprintln!("{}", printable(&p.to_string()));
                }
                return Err(KitError::Refused { name: kit::text::file_name(&plan.file), reason: kit::batch::import::refusal(&plan) });
            }
            if dry_run {
                if json {
                    let rows: Vec<_> = plan.cases.iter().map(|c| serde_json::json!({ "row": c.row, "case": null, "provider": c.provider, "title": c.title, "tags": c.tags, "checklist_status": c.checklist_status })).collect();
                    crate::print_json(&rows);
                } else {
                    for c in &plan.cases {
                        println!("row {}: would create \"{}\" ({}, {})", c.row, printable(&c.title), c.provider, status_word(c.checklist_status));
                    }
                }
                eprintln!("{} case{} checked; nothing was written (--dry-run).", plan.cases.len(), if plan.cases.len() == 1 { "" } else { "s" });
                return Ok(());
            }
            let imported = crate::open_kit(data_dir)?.import_plan(&plan)?;
            if json {
                crate::print_json(&imported);
            } else {
                for i in &imported {
                    println!("row {}: {}", i.row, i.case);
                }
            }
        }
        BatchCommand::Letters { tag, cases, output: crate::args::LetterOutput { out, lang, force } } => {
            let mut kit = crate::open_kit(data_dir)?;
            let ids = selected(&kit, tag.as_deref(), &cases)?;
            let report = kit.batch_letters(&ids, lang, &out, force)?;
            if json {
                crate::print_json(&report);
            } else {
                println!("{}", out.display());
                eprintln!("{} letter{} on {} page{}.", report.letters.len(), plural(report.letters.len()), report.pages, plural(report.pages as usize));
            }
            for m in &report.missing {
                eprintln!("Left blank to fill in by hand: {} ({}): {}", m.case, printable(&m.title), m.fields.join(", "));
            }
            if !report.without_letters.is_empty() {
                eprintln!("No letter needed yet: {}", report.without_letters.join(", "));
            }
        }
        BatchCommand::Scan { files, dry_run } => {
            let mut kit = Kit::open(data_dir)?;
            let report = kit.batch_scan(&files, dry_run)?;
            if json {
                crate::print_json(&report);
            } else {
                let verb = if dry_run { "would go to" } else { "attached to" };
                for p in &report.placed {
                    println!("{} page {}: {verb} {} {} (letter page {} of {})", printable(&p.file), p.page, p.case, p.item, p.letter_page, p.letter_pages);
                }
            }
            for u in &report.unplaced {
                let page = if u.page == 0 { String::new() } else { format!(" page {}", u.page) };
                eprintln!("Not placed: {}{page}: {}", printable(&u.file), printable(&u.reason));
            }
            if dry_run {
                eprintln!("{} page{} placed, {} not; nothing was attached (--dry-run).", report.placed.len(), plural(report.placed.len()), report.unplaced.len());
            }
        }
        BatchCommand::Export { tag, cases, out, allow_incomplete, lang } => {
            let mut kit = crate::open_kit(data_dir)?;
            kit.set_language(lang.get());
            let ids = selected(&kit, tag.as_deref(), &cases)?;
            let report = kit.batch_export(&ids, &out, allow_incomplete, |p| eprintln!("[{}/{}] {} {}", p.done, p.total, p.case, printable(&p.title)))?;
            if json {
                crate::print_json(&report);
            } else {
                for e in &report.exported {
                    println!("{}", e.path);
                }
            }
            for s in &report.skipped {
                eprintln!("Skipped {} ({}): {}", s.case, printable(&s.title), printable(&s.reason));
            }
            if report.exported.is_empty() && !report.skipped.is_empty() {
                return Err(KitError::field("cases", kit::tr!("no case is ready to send; add --allow-incomplete to export them anyway", "没有可以提交的案件；如仍要导出，请加上 --allow-incomplete")));
            }
        }
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The ids of the cases a batch command works on.
fn selected(kit: &Kit, tag: Option<&str>, cases: &[String]) -> Result<Vec<String>, KitError> {
    Ok(kit.select_cases(tag, cases)?.into_iter().map(|c| c.id).collect())
}

fn status_word(s: rules::Status) -> &'static str {
    match s {
        rules::Status::Ready => "answered",
        rules::Status::Incomplete => "incomplete",
        rules::Status::Blocked => "blocked",
        rules::Status::NotCovered => "not_covered",
    }
}

/// `case tag CASE TAG... [--remove]`: prints the case's tags afterwards.
pub fn tag(kit: &mut Kit, case: &str, tags: &[String], remove: bool, json: bool) -> Result<(), KitError> {
    let now = kit.tag_case(case, tags, remove)?;
    if json {
        crate::print_json(&serde_json::json!({ "case": case, "tags": now }));
    } else {
        println!("{}", if now.is_empty() { "(no tags)".to_string() } else { printable(&now.join(", ")).into_owned() });
    }
    Ok(())
}

/// `case list [--search T] [--tag T] [--due]`.
pub fn list(kit: &Kit, search: Option<&str>, tag: Option<&str>, due: bool) -> Result<Vec<kit::CaseSummary>, KitError> {
    let mut cases = match tag {
        Some(t) => {
            let needle = search.unwrap_or("").trim().to_lowercase();
            let all = kit.cases_tagged(t)?;
            if needle.is_empty() { all } else { kit.list_cases(&needle)?.into_iter().filter(|c| all.iter().any(|a| a.id == c.id)).collect() }
        }
        None => kit.list_cases(search.unwrap_or(""))?,
    };
    if due {
        cases = kit::due::due(cases);
    }
    Ok(cases)
}

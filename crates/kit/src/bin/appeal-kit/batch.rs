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
}

pub fn run(cmd: BatchCommand, data_dir: &std::path::Path, json: bool) -> Result<(), KitError> {
    match cmd {
        BatchCommand::Template { provider, out, force } => match out {
            None => print!("{}", kit::batch::template(&provider)?),
            Some(out) => {
                Kit::open(data_dir)?.save_template(&provider, &out, force)?;
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
            let imported = Kit::open(data_dir)?.import_plan(&plan)?;
            if json {
                crate::print_json(&imported);
            } else {
                for i in &imported {
                    println!("row {}: {}", i.row, i.case);
                }
            }
        }
    }
    Ok(())
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

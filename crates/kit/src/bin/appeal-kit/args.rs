//! The command line's words: every command, argument and option, with the help `--help` prints
//! (CONTRACTS.md section 5).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::{batch, lock, locale_language};

#[derive(Parser)]
#[command(name = "appeal-kit", version, about = "Prepare the offline appeal for a locked Huawei Cloud or Alibaba Cloud account")]
pub(crate) struct Cli {
    /// Where cases are stored [default: the platform's data directory]
    #[arg(long, global = true, env = "APPEAL_KIT_DATA_DIR", value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    /// Print JSON on stdout
    #[arg(long, global = true)]
    pub(crate) json: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// `--lang` for every command that prints rule text (CONTRACTS.md section 9).
#[derive(Args, Clone, Copy)]
pub(crate) struct RuleLang {
    /// Language of the rule texts: en or zh [default: from LC_ALL, then LANG]
    #[arg(long, value_name = "en|zh")]
    pub(crate) lang: Option<rules::Language>,
}

impl RuleLang {
    /// The language asked for, which the messages (errors too) follow from now on.
    pub(crate) fn get(self) -> rules::Language {
        let lang = self.lang.unwrap_or_else(locale_language);
        kit::error::set_language(lang);
        lang
    }
}


#[derive(Subcommand)]
pub(crate) enum Command {
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
        #[command(flatten)]
        output: LetterOutput,
    },
}

/// Where and in which language letters are written (`letter` and `batch letters`).
#[derive(Args)]
pub(crate) struct LetterOutput {
    /// Where to write the PDF
    #[arg(long, value_name = "FILE.pdf")]
    pub(crate) out: PathBuf,
    /// en, zh or bilingual
    #[arg(long, default_value = "en")]
    pub(crate) lang: kit::Lang,
    /// Replace FILE.pdf if it exists
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Args)]
pub(crate) struct ChecklistArgs {
    /// huawei-cloud or alibaba-cloud
    #[arg(long, conflicts_with = "case", required_unless_present = "case")]
    pub(crate) provider: Option<String>,
    /// A JSON object of answers keyed by question id ("-" for standard input); without it, the
    /// questions are asked one by one
    #[arg(long, requires = "provider", value_name = "FILE.json")]
    pub(crate) answers: Option<PathBuf>,
    /// The case whose answers to use
    #[arg(long, value_name = "CASE")]
    pub(crate) case: Option<String>,
    #[command(flatten)]
    pub(crate) lang: RuleLang,
}

#[derive(Subcommand)]
pub(crate) enum CaseCommand {
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

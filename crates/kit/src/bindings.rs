//! The TypeScript types of everything that crosses to the UI, generated from the Rust types.
//! `ui/src/ipc/bindings.ts` is this output; a test fails when the two drift apart.

use ts_rs::{Config, TS};

pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = [
        rules::Source::decl(&cfg),
        rules::ItemKind::decl(&cfg),
        rules::Requirement::decl(&cfg),
        rules::pack::SubmissionMethod::decl(&cfg),
        rules::pack::QuestionType::decl(&cfg),
        rules::Status::decl(&cfg),
        rules::checklist::RulesRef::decl(&cfg),
        rules::checklist::Submission::decl(&cfg),
        rules::Finding::decl(&cfg),
        rules::Note::decl(&cfg),
        rules::Language::decl(&cfg),
        rules::ChangeKind::decl(&cfg),
        rules::Change::decl(&cfg),
        rules::RulesUpdate::decl(&cfg),
        rules::Item::decl(&cfg),
        rules::Checklist::decl(&cfg),
        rules::checklist::QuestionOption::decl(&cfg),
        rules::QuestionView::decl(&cfg),
        crate::Profile::decl(&cfg),
        crate::ProviderInfo::decl(&cfg),
        crate::AppealStatus::decl(&cfg),
        crate::Deadline::decl(&cfg),
        crate::AppealView::decl(&cfg),
        crate::Materials::decl(&cfg),
        crate::CaseSummary::decl(&cfg),
        crate::CasePage::decl(&cfg),
        store::EventKind::decl(&cfg),
        crate::EventView::decl(&cfg),
        crate::ProfileFieldView::decl(&cfg),
        crate::CaseView::decl(&cfg),
        crate::LetterPreview::decl(&cfg),
        documents::fixes::Rect::decl(&cfg),
        documents::checks::Corner::decl(&cfg),
        documents::checks::CheckId::decl(&cfg),
        crate::checks::CheckView::decl(&cfg),
        documents::fixes::Fix::decl(&cfg),
        crate::info::Check::decl(&cfg),
        crate::info::InfoField::decl(&cfg),
        crate::ItemStatus::decl(&cfg),
        crate::letter_scans::LetterMatch::decl(&cfg),
        crate::AttachmentView::decl(&cfg),
        crate::ItemState::decl(&cfg),
        crate::AttachmentPage::decl(&cfg),
        crate::Refused::decl(&cfg),
        crate::AttachProgress::decl(&cfg),
        crate::AttachResult::decl(&cfg),
        crate::Gap::decl(&cfg),
        crate::ExportReport::decl(&cfg),
        documents::Lang::decl(&cfg),
        crate::ErrorKind::decl(&cfg),
        crate::ErrorInfo::decl(&cfg),
        crate::StoreState::decl(&cfg),
        crate::tags::TagCount::decl(&cfg),
        crate::FirstScreen::decl(&cfg),
        crate::due::TagStats::decl(&cfg),
        crate::due::Dashboard::decl(&cfg),
        crate::batch::Problem::decl(&cfg),
        crate::batch::PlannedCase::decl(&cfg),
        crate::batch::SheetRow::decl(&cfg),
        crate::batch::ImportPlan::decl(&cfg),
        crate::batch::Imported::decl(&cfg),
        crate::batch::PrintedLetter::decl(&cfg),
        crate::batch::MissingFields::decl(&cfg),
        crate::batch::LettersReport::decl(&cfg),
        crate::batch::ExportedCase::decl(&cfg),
        crate::batch::SkippedCase::decl(&cfg),
        crate::batch::BatchExportReport::decl(&cfg),
        crate::batch::BatchProgress::decl(&cfg),
        crate::batch::PlacedPage::decl(&cfg),
        crate::batch::UnplacedPage::decl(&cfg),
        crate::batch::ScanReport::decl(&cfg),
    ];
    let mut out = String::from("// Generated from the Rust types by crates/kit/src/bindings.rs; do not edit.\n// Regenerate with `make bindings`.\n\n");
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

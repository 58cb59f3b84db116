//! `appeal-kit case …`: one case at a time (new, answer, list, show, tag, delete, erase…).

use kit::text::printable;
use kit::{Kit, KitError, render};

use crate::args::CaseCommand;
use crate::{batch, erase_not_confirmed, print_json, read_json};

pub(crate) fn run(cmd: CaseCommand, kit: &mut Kit, json: bool) -> Result<(), KitError> {
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

//! Start-up: the window's first screen comes in one call, and what it reads is read once while
//! the webview starts.

use std::sync::{Arc, Mutex};

use kit::FirstScreen;
use tauri::State;

use super::{App, Reply, Session};
use crate::locked::with_session;

/// Cases the list shows first (the window's first call asks for as many).
const FIRST_PAGE: usize = 100;

/// The first screen's calls in one (start-up waited on the language, then on the lists): sets
/// the interface language, and answers the store's state with, when it is open, its tags and
/// first `limit` cases.
#[tauri::command]
pub async fn first_screen(app: State<'_, App>, lang: kit::Language, limit: u32) -> Reply<FirstScreen> {
    with_session(app, move |s| s.first_screen(lang, limit as usize)).await
}

impl Session {
    fn first_screen(&mut self, lang: kit::Language, limit: usize) -> kit::Result<FirstScreen> {
        self.set_language(lang);
        let state = self.state();
        let (tags, page) = match self.kit.as_ref() {
            Some(kit) => (Some(kit.tags()?), Some(kit.case_page("", limit)?)),
            None => (None, None),
        };
        Ok(FirstScreen { state, tags, page })
    }
}

/// Reads the first page of cases once, on its own thread, while the webview starts (some 0.4 s
/// in which this process only waits): the window asks for that page as soon as its script runs,
/// and then finds the rule packs parsed and the database pages read.
pub(crate) fn warm_up(session: Arc<Mutex<Session>>) {
    std::thread::spawn(move || {
        if let Ok(session) = session.lock()
            && let Some(kit) = session.kit.as_ref()
        {
            // The reply is the window's to ask for; an error here will be its error then.
            let _ = kit.case_page("", FIRST_PAGE);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one call gives what the four did: the language set first (the cases come with
    /// their providers named in it), and no lists from a locked store.
    #[test]
    fn the_first_screen_comes_in_the_language_asked_for() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut kit = kit::Kit::open(dir.path())?;
        let case = kit.create_case("alibaba-cloud", "Shop", None)?.summary.id;
        kit.tag_cases(std::slice::from_ref(&case), &["batch-1".to_string()], false)?;
        let mut session = Session { data_dir: dir.path().to_path_buf(), kit: Some(kit), lang: kit::Language::En };

        let first = session.first_screen(kit::Language::Zh, 100)?;
        assert!(first.state.unlocked && !first.state.encrypted);
        let page = first.page.ok_or("no page")?;
        assert_eq!(page.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), [case.as_str()]);
        let chinese = kit::providers(kit::Language::Zh).into_iter().find(|p| p.id == "alibaba-cloud").ok_or("no provider")?.name;
        assert_eq!(page.cases[0].provider_name, chinese);
        assert_eq!(first.tags.ok_or("no tags")?.iter().map(|t| (t.tag.as_str(), t.cases)).collect::<Vec<_>>(), [("batch-1", 1)]);
        assert_eq!(session.lang, kit::Language::Zh);

        session.kit = None;
        let locked = session.first_screen(kit::Language::En, 100)?;
        assert!(!locked.state.unlocked && locked.page.is_none() && locked.tags.is_none());
        Ok(())
    }
}

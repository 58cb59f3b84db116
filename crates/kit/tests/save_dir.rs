//! Where the save dialogs open (`kit::default_save_dir`): the user's documents folder as
//! `user-dirs.dirs` names it, never the process's working directory. One test in its own
//! binary, since it sets HOME and XDG_CONFIG_HOME for the whole process.

use std::fs;
use std::path::Path;

fn user_dirs(config: &Path, documents: &str) {
    fs::create_dir_all(config).unwrap();
    let text = format!("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\nXDG_DOCUMENTS_DIR=\"{documents}\"\n");
    fs::write(config.join("user-dirs.dirs"), text).unwrap();
}

#[test]
fn save_dialogs_open_in_the_documents_folder_the_user_dirs_name() {
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    let elsewhere = root.path().join("started-here");
    fs::create_dir_all(&elsewhere).unwrap();
    // The app started from some other folder (a launcher's, a terminal's): never used.
    std::env::set_current_dir(&elsewhere).unwrap();
    // SAFETY: this binary runs this one test only, on one thread; nothing else reads the environment.
    unsafe {
        std::env::set_var("HOME", &home);
        std::env::remove_var("XDG_CONFIG_HOME");
    }

    // A Chinese desktop: the documents folder is 文档, as ~/.config/user-dirs.dirs says.
    fs::create_dir_all(home.join("文档")).unwrap();
    fs::create_dir_all(home.join("Documents")).unwrap();
    user_dirs(&home.join(".config"), "$HOME/文档");
    assert_eq!(kit::default_save_dir(), home.join("文档"));

    // XDG_CONFIG_HOME moves user-dirs.dirs; an absolute path in it is taken as it is.
    let config = root.path().join("config");
    let papers = root.path().join("papers");
    fs::create_dir_all(&papers).unwrap();
    user_dirs(&config, papers.to_str().unwrap());
    unsafe { std::env::set_var("XDG_CONFIG_HOME", &config) };
    assert_eq!(kit::default_save_dir(), papers);

    // The folder it names does not exist (removed, on an unplugged disk): ~/Documents.
    fs::remove_dir(&papers).unwrap();
    assert_eq!(kit::default_save_dir(), home.join("Documents"));

    // No user-dirs.dirs at all (a minimal desktop): ~/Documents too.
    unsafe { std::env::remove_var("XDG_CONFIG_HOME") };
    fs::remove_file(home.join(".config/user-dirs.dirs")).unwrap();
    assert_eq!(kit::default_save_dir(), home.join("Documents"));

    // Not even that: the home folder, still not the working directory.
    fs::remove_dir(home.join("Documents")).unwrap();
    assert_eq!(kit::default_save_dir(), home);
    assert_ne!(kit::default_save_dir(), elsewhere);
}

//! The system's file dialogs: where to save, which files to open.

use std::path::PathBuf;

/// Where to save, from the native dialog, or `None` if the user cancelled.
pub(crate) async fn save_path(title: &str, suggested_name: &str, filter: (&str, &str)) -> Option<PathBuf> {
    // Test seam: the end-to-end test cannot drive a native dialog, so it names the folder the
    // "chosen" file goes to. Only in debug builds (the end-to-end test's); never in a release.
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("APPEAL_KIT_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(suggested_name));
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_directory(kit::default_save_dir())
        .set_file_name(suggested_name)
        .add_filter(filter.0, &[filter.1])
        .save_file()
        .await
        .map(|f| f.path().to_path_buf())
}

pub(crate) const SCANS: (&str, &[&str]) = ("Scans, photos and PDF", &["jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp", "pdf", "heic", "heif"]);

/// Files picked in the native dialog, or `None` if the user cancelled.
pub(crate) async fn pick_files(title: &str, many: bool, filter: (&str, &[&str])) -> Option<Vec<PathBuf>> {
    // Test seam: the end-to-end test cannot drive a native dialog, so it writes the paths to
    // "pick", one per line, to the file this names. Only in debug builds; never in a release.
    #[cfg(debug_assertions)]
    if let Some(list) = std::env::var_os("APPEAL_KIT_TEST_PICK") {
        let text = std::fs::read_to_string(list).unwrap_or_default();
        return Some(text.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect());
    }
    let dialog = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .add_filter("All files", &["*"]);
    if many {
        dialog.pick_files().await.map(|files| files.iter().map(|f| f.path().to_path_buf()).collect())
    } else {
        dialog.pick_file().await.map(|f| vec![f.path().to_path_buf()])
    }
}

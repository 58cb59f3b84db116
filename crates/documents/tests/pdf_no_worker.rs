//! A program that neither serves as a PDF worker nor names one gets a clear error, never a
//! render without limits.

use documents::preview::{self, Fit, PreviewError};

#[test]
fn without_a_worker_pdfs_are_not_drawn() {
    let err = preview::page(&documents::fixtures::pdf(1), 0, Fit::Longest(100)).unwrap_err();
    assert!(matches!(&err, PreviewError::Worker(m) if m.contains("no PDF worker")), "{err}");
}

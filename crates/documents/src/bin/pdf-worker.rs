//! The PDF worker on its own (see `documents::pdf_worker`), for the tests of crates that have
//! no program of their own to serve as one. Appeal Kit's programs are their own workers.

fn main() {
    documents::pdf_worker::serve_if_worker();
    eprintln!("pdf-worker: Appeal Kit starts this program itself; it does nothing when run by hand");
    std::process::exit(2);
}

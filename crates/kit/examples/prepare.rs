//! Makes the export copies that the desktop app makes in the background after files are
//! attached (kit's `bundle::ready`), for benchmarks: `cargo run -p kit --example prepare -- DIR`.
fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: prepare DIR");
        std::process::exit(2);
    };
    let mut kit = kit::Kit::open(std::path::Path::new(&dir)).expect("open store");
    println!("{} copies made", kit.prepare_exports().expect("prepare"));
}

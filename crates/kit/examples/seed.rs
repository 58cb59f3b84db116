//! Fills a data directory with cases, for benchmarks: `cargo run -p kit --example seed -- DIR N`.
fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
        eprintln!("usage: seed DIR N");
        std::process::exit(2);
    };
    let mut kit = kit::Kit::open(std::path::Path::new(&dir)).expect("open store");
    println!("{} cases in {dir}", kit.seed(n).expect("seed"));
}

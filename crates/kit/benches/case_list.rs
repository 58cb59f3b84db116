//! The case list with 10,000 cases: the first page, and a search, as the desktop app asks.
use criterion::{Criterion, criterion_group, criterion_main};

fn case_list(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut kit = kit::Kit::open(dir.path()).unwrap();
    kit.seed(10_000).unwrap();
    c.bench_function("open store of 10k cases", |b| b.iter(|| kit::Kit::open(dir.path()).unwrap()));
    c.bench_function("first page of 10k cases", |b| b.iter(|| kit.case_page("", 100).unwrap()));
    c.bench_function("search 10k cases", |b| b.iter(|| kit.case_page("ops-0999", 100).unwrap()));
    c.bench_function("open one case", |b| {
        let id = kit.case_page("", 1).unwrap().cases[0].id.clone();
        b.iter(|| kit.case(&id).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = case_list
}
criterion_main!(benches);

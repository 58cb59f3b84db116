//! The picture checks' cost, and straightening a 12-megapixel phone photo (DESIGN.md: measured
//! by benchmarks). `intake::inspect` is what attaching a photo does besides hashing and storing
//! it; the whole attach is measured against `vipsthumbnail` by scripts/bench-attach.sh.
use criterion::{Criterion, criterion_group, criterion_main};
use documents::checks::{self, Corner};
use documents::fixtures::{self, corpus};
use documents::{fixes, intake, straighten};

fn twelve_mp_card() -> (Vec<u8>, [Corner; 4]) {
    let card = corpus::card(2600);
    let quad = corpus::perspective(card.width() as f64, card.height() as f64, 4000, 3000, -20.0, 22.0, -9.0, 1.9);
    let photo = corpus::place(&corpus::table(4000, 3000), &card, quad);
    let corners = quad.map(|(x, y)| Corner { x: x as f64 / 4000.0, y: y as f64 / 3000.0 });
    (corpus::jpeg(&photo), corners)
}

fn bench(c: &mut Criterion) {
    let plain = fixtures::phone_photo(4000, 3000, 1, false);
    let sideways = fixtures::phone_photo(4000, 3000, 6, true);
    c.bench_function("clean an upright 12 MP photo for export (metadata removed)", |b| b.iter(|| documents::clean::for_export(plain.clone()).unwrap()));
    c.bench_function("clean a sideways 12 MP photo for export (lossless turn)", |b| b.iter(|| documents::clean::for_export(sideways.clone()).unwrap()));
    let (card, corners) = twelve_mp_card();
    c.bench_function("inspect 12 MP photo (thumbnail and checks)", |b| b.iter(|| intake::inspect(&plain).unwrap()));
    c.bench_function("inspect 12 MP card photo at an angle (thumbnail and checks)", |b| b.iter(|| intake::inspect(&card).unwrap()));
    let small = intake::decode_scaled(&card, intake::MediaType::Jpeg, checks::ANALYSIS_SIDE).unwrap();
    c.bench_function("checks alone on the analysed copy", |b| b.iter(|| checks::check(&small, (4000, 3000), None)));
    let full = intake::decode_full(&card, intake::MediaType::Jpeg).unwrap();
    c.bench_function("straighten 12 MP (perspective and warp)", |b| b.iter(|| straighten::straighten(&full, &corners)));
    let fix = [fixes::Fix::Straighten { corners }];
    c.bench_function("straighten fix of a 12 MP JPEG (decode, warp, encode)", |b| b.iter(|| fixes::render(&card, &fix).unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);

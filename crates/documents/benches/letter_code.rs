//! Reading the letter code of a 300 dpi A4 scan (JPEG quality 85, turned 2 degrees): the whole
//! read, from the file's bytes (decoding included) to the code. Aim: under 150 ms.
use criterion::{Criterion, criterion_group, criterion_main};
use documents::fixtures::scans;
use documents::letter_code::{self, Mark};
use documents::letters::{Area, Block, Letter};

fn letter() -> Letter {
    let body = "The applicant declares that the information and documents provided are true and that the account belongs to the applicant. ".repeat(4);
    let blocks = vec![
        Block::Title("Authorization Letter".into()),
        Block::Fields(vec![("Account".into(), "shop-ops-2024".into()), ("Holder".into(), "Example Co".into())]),
        Block::Para(body.clone()),
        Block::Para(body),
        Block::Signatures(vec![Area { label: "Official seal".into(), seal: true }, Area { label: "Signature".into(), seal: false }]),
    ];
    Letter { title: "Authorization Letter".into(), language: "en", blocks, missing_fields: Vec::new() }
}

fn bench(c: &mut Criterion) {
    documents::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_pdf-worker"));
    let l = letter();
    let mark = Mark { case: "0a1b2c3d4e5f".into(), item: "authorization_letter".into(), version: letter_code::version(&l) };
    let pdf = documents::render_marked(&l, Some(&mark)).unwrap();
    let mut page = scans::page(&pdf, 0, 300.0);
    scans::stamp_seal(&mut page, 600.0, 2400.0, 240.0);
    let jpeg = scans::scan(&page, 2.0, 8, 1, 85);
    assert_eq!(letter_code::read(&jpeg).unwrap(), Some(mark.code(1, 1)));
    let mut group = c.benchmark_group("letter_code");
    group.sample_size(20);
    group.bench_function("read the code of a 300 dpi A4 scan", |b| b.iter(|| letter_code::read(&jpeg).unwrap()));
    group.bench_function("read code and seal of a 300 dpi A4 scan", |b| b.iter(|| letter_code::read_pages(&jpeg, 1).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

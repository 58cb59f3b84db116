#[test]
fn every_embedded_pack_loads() {
    for p in rules::providers() {
        rules::pack(p).unwrap_or_else(|e| panic!("{e}"));
    }
}

# Appeal Kit. `make run` starts the app, `make test` runs every test layer; both install what
# is missing first (scripts/setup.sh).
.PHONY: setup run test test-rust test-ui test-e2e bench cli

setup:
	@scripts/setup.sh

run: setup
	cargo run -p kit --bin appeal-kit -- checklist --provider $(or $(PROVIDER),huawei-cloud)

cli:
	cargo build -p kit --bin appeal-kit

test: setup test-rust

test-rust:
	cargo test --workspace --locked

bench: 
	@scripts/setup.sh bench
	cargo bench -p kit

# Appeal Kit. `make run` starts the desktop app, `make test` runs every test layer; both
# install what is missing first (scripts/setup.sh).
.PHONY: setup run test test-rust test-ui test-e2e bench bindings ui cli bundle

setup:
	@scripts/setup.sh

ui: setup
	npm --prefix ui run build --silent

run: ui
	cargo run -p appeal-kit-desktop

cli:
	cargo build -p kit --bin appeal-kit

# 1 crate and CLI tests, 2 UI tests (Vitest, mocked IPC), 3 the real app end to end.
test: setup test-rust test-ui test-e2e

test-rust: ui
	cargo test --workspace --locked

test-ui:
	npm --prefix ui test --silent

test-e2e:
	tests/e2e/run.sh

# Regenerates ui/src/ipc/bindings.ts, commands.ts and the UI test fixtures from the Rust types,
# commands and engine.
bindings:
	UPDATE_BINDINGS=1 cargo test --workspace --locked --test bindings
	UPDATE_BINDINGS=1 cargo test --workspace --locked --bin appeal-kit-desktop the_ui_command_types

bench:
	@scripts/setup.sh bench
	cargo bench -p kit -p documents --features kit/bench
	scripts/bench-attach.sh
	scripts/bench-export.sh
	scripts/bench-batch.sh
	scripts/bench-locked.sh
	scripts/bench-desktop.sh

bundle: ui
	cd src-tauri && npm --prefix ../ui exec --yes -- @tauri-apps/cli@2 build

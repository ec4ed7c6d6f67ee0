# Bedrock Playground: `make run` and `make test` install what they need, then do their job.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export CARGO_TARGET_DIR ?= $(HOME)/.cache/bedrock-playground/target
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EMULATOR_BIN := $(CARGO_TARGET_DIR)/debug/bedrock-emulator

.PHONY: run test emulator deps-rust deps-python fmt-check clippy rust-tests cross-sdk-tests bench

## Start the local Bedrock emulator in the foreground (the desktop app lands with issue 3).
run: emulator

emulator: deps-rust
	cargo run -p bedrock-emulator -- --listen 127.0.0.1:4280

## Every check CI runs.
test: deps-rust deps-python fmt-check clippy rust-tests cross-sdk-tests
	@echo "make test: all checks passed"

deps-rust:
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust from your distribution or rustup" >&2; exit 1; }
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

deps-python:
	$(PYTHON) -m pip install -q --disable-pip-version-check --root-user-action=ignore -r tests/cross_sdk/requirements.txt

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets --locked -- -D warnings

rust-tests:
	cargo test --workspace --locked

cross-sdk-tests:
	cargo build -p bedrock-emulator --locked
	BEDROCK_EMULATOR_BIN=$(EMULATOR_BIN) $(PYTHON) -m pytest tests/cross_sdk -q -p no:cacheprovider

# Bedrock Playground: `make run` and `make test` install what they need, then do their job.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export CARGO_TARGET_DIR ?= $(HOME)/.cache/bedrock-playground/target
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EMULATOR_BIN := $(CARGO_TARGET_DIR)/debug/bedrock-emulator

.PHONY: run test emulator deps-rust deps-python deps-node fmt-check clippy rust-tests cross-sdk-tests js-sdk-tests

## Start the local Bedrock emulator in the foreground (the desktop app lands with issue 3).
run: emulator

emulator: deps-rust
	cargo run -p bedrock-emulator -- --listen 127.0.0.1:4280

## Every check CI runs.
test: deps-rust deps-python deps-node fmt-check clippy rust-tests cross-sdk-tests js-sdk-tests
	@echo "make test: all checks passed"

deps-rust:
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust from your distribution or rustup" >&2; exit 1; }
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

deps-python:
	$(PYTHON) -m pip install -q --disable-pip-version-check --root-user-action=ignore -r tests/cross_sdk/requirements.txt

deps-node:
	@command -v node >/dev/null && command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm; }
	@cd tests/cross_sdk_js && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; }

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets --locked -- -D warnings

rust-tests:
	cargo test --workspace --locked

cross-sdk-tests:
	cargo build -p bedrock-emulator --locked
	BEDROCK_EMULATOR_BIN=$(EMULATOR_BIN) $(PYTHON) -m pytest tests/cross_sdk -q -p no:cacheprovider

js-sdk-tests:
	cargo build -p bedrock-emulator --locked
	BEDROCK_EMULATOR_BIN=$(EMULATOR_BIN) NODE_NO_WARNINGS=1 node --test tests/cross_sdk_js/

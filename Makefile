# Bedrock Playground: `make run` and `make test` install what they need, then do their job.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export CARGO_TARGET_DIR ?= $(HOME)/.cache/bedrock-playground/target
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EMULATOR_BIN := $(CARGO_TARGET_DIR)/debug/bedrock-emulator
APP_BIN := $(CARGO_TARGET_DIR)/debug/bedrock-playground
RELEASE_BIN := $(CARGO_TARGET_DIR)/release/bedrock-playground
DEB_DIR := $(CARGO_TARGET_DIR)/release/bundle/deb
# Where the .deb puts the app, and where the installed app's screenshot lands.
INSTALLED_BIN := /usr/bin/bedrock-playground
RELEASE_SCREENSHOTS ?= $(CURDIR)/test-output/release-screenshots
# End-to-end screenshots land here; look at them after `make test`.
E2E_SCREENSHOTS ?= $(CURDIR)/test-output/screenshots

# Debian packages: building the app, then running its end-to-end tests.
APP_PACKAGES := build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev \
	librsvg2-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libdbus-1-dev
TEST_PACKAGES := xvfb xauth webkit2gtk-driver gnome-keyring dbus dbus-x11 libsecret-1-0

.PHONY: run test emulator bindings deps-app-packages deps-test-packages deps-rust deps-tauri-driver \
	deps-python deps-node deps-ui ui-build ui-lint ui-test fmt-check clippy rust-tests \
	cross-sdk-tests js-sdk-tests e2e-tests bench test-aws
.PHONY: bundle test-release deps-bundle-tools bench-streaming bench-app bench-embeddings

## Build the UI and the app, then launch it (it starts its own emulator without AWS credentials).
run: deps-app-packages deps-rust deps-ui ui-build
	cargo run -p bedrock-playground --locked

## The emulator alone, in the foreground, for SDKs and scripts.
emulator: deps-rust
	cargo run -p bedrock-emulator --locked -- --listen 127.0.0.1:4280

## Every check CI runs.
test: deps-app-packages deps-test-packages deps-rust deps-tauri-driver deps-python deps-node deps-ui \
	ui-build fmt-check clippy ui-lint ui-test rust-tests cross-sdk-tests js-sdk-tests e2e-tests
	@echo "make test: all checks passed; screenshots in $(E2E_SCREENSHOTS)"

## Regenerate ui/src/bindings.ts from the Rust command and event types.
bindings: ui-build
	UPDATE_BINDINGS=1 cargo test -p bedrock-playground --locked --test bindings

define install_missing
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps-app-packages:
	$(call install_missing,$(APP_PACKAGES))

deps-test-packages:
	$(call install_missing,$(TEST_PACKAGES))

deps-rust:
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust from your distribution or rustup" >&2; exit 1; }
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

deps-tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

deps-python:
	$(PYTHON) -m pip install -q --disable-pip-version-check --root-user-action=ignore \
		-r tests/cross_sdk/requirements.txt -r tests/e2e/requirements.txt

deps-node: deps-ui
	@cd tests/cross_sdk_js && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; }

deps-ui:
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	@cd ui && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; }

ui-build:
	cd ui && npm run --silent build

ui-lint:
	cd ui && npm run --silent lint

ui-test:
	cd ui && npm run --silent test

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets --locked -- -D warnings

## Includes the check that ui/src/bindings.ts matches the Rust types (run `make bindings` to fix),
## and the profile store's tests against a real Secret Service (gnome-keyring in its own D-Bus session).
rust-tests:
	tests/support/with-secret-service.sh cargo test --workspace --locked

cross-sdk-tests:
	cargo build -p bedrock-emulator --locked
	BEDROCK_EMULATOR_BIN=$(EMULATOR_BIN) $(PYTHON) -m pytest tests/cross_sdk -q -p no:cacheprovider

js-sdk-tests:
	cargo build -p bedrock-emulator --locked
	BEDROCK_EMULATOR_BIN=$(EMULATOR_BIN) NODE_NO_WARNINGS=1 node --test tests/cross_sdk_js/

## The real app binary under Xvfb, driven by tauri-driver + WebKitWebDriver.
e2e-tests:
	cargo build -p bedrock-playground --locked
	rm -rf $(E2E_SCREENSHOTS)
	BEDROCK_PLAYGROUND_BIN=$(APP_BIN) E2E_SCREENSHOTS=$(E2E_SCREENSHOTS) \
		xvfb-run -a -s "-screen 0 1280x900x24" tests/support/with-secret-service.sh \
		$(PYTHON) -m pytest tests/e2e -q -p no:cacheprovider -W ignore::DeprecationWarning

## Tauri's CLI (@tauri-apps/cli, its prebuilt binary inside the npm package), for `make bundle` only.
deps-bundle-tools: deps-ui
	@cd tools/bundle && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; }

## The release app and its .deb, built by Tauri's bundler with the release profile; the package
## lands in $(DEB_DIR). No AppImage: Tauri's AppImage bundler downloads linuxdeploy and its
## plugins at build time.
bundle: deps-app-packages deps-rust deps-ui deps-bundle-tools ui-build
	rm -f $(DEB_DIR)/*.deb
	cd src-tauri && ../tools/bundle/node_modules/.bin/tauri build --ci --bundles deb -- --locked
	ls -l $(RELEASE_BIN) $(DEB_DIR)/*.deb

## Installs the .deb from `make bundle` (dpkg -i), opens the installed app under Xvfb through
## tauri-driver to its first screen (screenshot in $(RELEASE_SCREENSHOTS)), then removes the
## package, also on failure. Not part of `make test`.
test-release: bundle deps-test-packages deps-tauri-driver deps-python
	rm -rf $(RELEASE_SCREENSHOTS)
	tests/release/with-installed-deb.sh "$$(ls $(DEB_DIR)/*.deb)" \
		env BEDROCK_PLAYGROUND_BIN=$(INSTALLED_BIN) E2E_SCREENSHOTS=$(RELEASE_SCREENSHOTS) \
		xvfb-run -a -s "-screen 0 1280x900x24" tests/support/with-secret-service.sh \
		$(PYTHON) -m pytest tests/release -q -p no:cacheprovider -W ignore::DeprecationWarning

## A short smoke of the app's own Bedrock paths against real AWS with your AWS_PROFILE (chat
## stream, native invoke, embeddings, a knowledge-base query; smallest models, a few tokens).
## Not part of `make test`. Without credentials it prints one line and exits 0.
test-aws: deps-rust
	cargo run -q -p live-aws --locked

## The performance budget (README, "Performance"); not tests: each prints its figures beside
## their targets. The streaming pipeline as the app runs it, then the release app under Xvfb
## (start-up, memory, rendering), then the embeddings lab's maths.
bench: bench-streaming bench-app bench-embeddings

## 20,000 chunks from the emulator: the bare SDK against the app's wiring (wire capture, SQLite
## recording every 200 ms, events serialised for the channel), alternating rounds, release profile.
bench-streaming: deps-rust
	cargo bench -p chat-recording --locked --bench stream_pipeline

## The release binary from `make bundle` through tauri-driver: start-up to the model list
## (median of 5), PSS idle and after 200 turns, the longest frame gap of a 20,000-token answer.
bench-app: bundle deps-test-packages deps-tauri-driver deps-python
	BEDROCK_PLAYGROUND_BIN=$(RELEASE_BIN) xvfb-run -a -s "-screen 0 1280x900x24" \
		tests/support/with-secret-service.sh $(PYTHON) tools/bench/app_bench.py
	BEDROCK_PLAYGROUND_BIN=$(RELEASE_BIN) xvfb-run -a -s "-screen 0 1280x900x24" tests/support/with-secret-service.sh $(PYTHON) tools/bench/lists.py

## The embeddings lab's maths against umap-learn and scikit-learn (prints a table).
## Makes ~/.cache/bedrock-playground/bench-venv on first use and builds the release CLI.
bench-embeddings:
	$(PYTHON) crates/embeddings/benches/umap_bench.py

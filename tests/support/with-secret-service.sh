#!/usr/bin/env bash
# Run a command with a Secret Service (org.freedesktop.secrets) it can use: a private D-Bus session
# bus and a gnome-keyring-daemon whose login keyring is created and unlocked non-interactively.
# The keyring lives in a temporary XDG_DATA_HOME (and the daemon gets a temporary HOME), so the
# user's real keyring is never read or written. Cargo's and rustup's homes are kept.
#
#   tests/support/with-secret-service.sh cargo test --workspace --locked
#
# Needs the Debian packages dbus (dbus-run-session, dbus-send) and gnome-keyring.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

if [ -z "${WITH_SECRET_SERVICE_INNER:-}" ]; then
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "$0: $tool is missing; install the Debian packages dbus and gnome-keyring" >&2
            exit 127
        fi
    done
    scratch="$(mktemp -d "${TMPDIR:-/tmp}/secret-service.XXXXXX")"
    trap 'rm -rf "$scratch"' EXIT
    mkdir -p "$scratch/home" "$scratch/data" "$scratch/runtime"
    chmod 700 "$scratch/runtime"
    # Set here, before HOME changes for the daemon, so cargo and rustup still find their homes.
    export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
    export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
    export WITH_SECRET_SERVICE_INNER=1 WITH_SECRET_SERVICE_SCRATCH="$scratch"
    status=0
    dbus-run-session -- "$0" "$@" || status=$?
    exit "$status"
fi

# Inside the private session bus.
scratch="$WITH_SECRET_SERVICE_SCRATCH"
unset WITH_SECRET_SERVICE_INNER WITH_SECRET_SERVICE_SCRATCH

printf '%s' "playground-test-keyring" |
    HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" \
        gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$scratch/daemon.log" 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true' EXIT

secrets_on_bus() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'
}

for _ in $(seq 1 100); do
    if secrets_on_bus; then
        break
    fi
    if ! kill -0 "$daemon" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if ! secrets_on_bus; then
    echo "$0: gnome-keyring-daemon did not provide org.freedesktop.secrets; its log:" >&2
    cat "$scratch/daemon.log" >&2
    exit 1
fi

status=0
"$@" || status=$?
exit "$status"

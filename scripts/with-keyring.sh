#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so integration tests use
# the real Secret Service (STACK.md). Where gnome-keyring is missing the command runs as is and the
# keychain tests say why they skip.
set -euo pipefail
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "with-keyring: gnome-keyring or dbus missing; keychain tests will skip" >&2
  exec "$@"
fi
scratch="$(mktemp -d)"
export XDG_DATA_HOME="$scratch" XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PINLOAD_REAL_KEYRING=1
exec dbus-run-session -- sh -c 'echo -n ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"

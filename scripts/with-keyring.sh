#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so integration tests use
# the real Secret Service (CONTRIBUTING.md, "Set-up"). Where gnome-keyring is missing the command runs as is
# and the keychain tests say why they skip.
set -euo pipefail
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "with-keyring: gnome-keyring or dbus missing; keychain tests will skip" >&2
  exec "$@"
fi
scratch="$(mktemp -d)"
export XDG_DATA_HOME="$scratch" XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PINLOAD_REAL_KEYRING=1
# `--unlock` creates and unlocks the login collection, but the daemon may answer before that collection
# is ready; a first write in that window makes gnome-keyring ask for a prompt it cannot show headless.
# So wait until a probe item can be stored (secret-tool, from libsecret-tools) before running anything.
exec dbus-run-session -- sh -c '
  echo -n ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  if command -v secret-tool >/dev/null; then
    i=0
    until printf probe | secret-tool store --label=pinload-probe pinload-probe ready 2>/dev/null; do
      i=$((i + 1)); [ "$i" -ge 50 ] && { echo "with-keyring: the keyring did not become ready" >&2; break; }
      sleep 0.2
    done
    secret-tool clear pinload-probe ready 2>/dev/null || true
  fi
  exec "$@"' sh "$@"

#!/usr/bin/env bash
# Run a command with gnome-keyring's Secret Service unlocked in this D-Bus session.
set -uo pipefail
TMP_DATA=""
if command -v gnome-keyring-daemon >/dev/null 2>&1; then
    if [ -z "${XDG_DATA_HOME:-}" ]; then TMP_DATA="$(mktemp -d)"; export XDG_DATA_HOME="$TMP_DATA"; fi
    eval "$(printf 'test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
fi
"$@"
rc=$?
# The throwaway keyring lives in a temporary data folder: remove it with its test secrets.
if [ -n "$TMP_DATA" ]; then rm -rf "$TMP_DATA"; fi
# pytest exit 5 means no test ran: that is a failure, never a pass.
if [ "$rc" = 5 ]; then echo "run-tests: no tests were collected" >&2; exit 1; fi
exit "$rc"

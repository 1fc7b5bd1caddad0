#!/usr/bin/env bash
# Idempotent set-up shared by run-app and run-tests: Debian packages that are missing,
# a virtualenv in .venv, and the Python packages from pyproject.toml.
#   bootstrap.sh app    -> what the desktop app needs
#   bootstrap.sh test   -> plus what the test suite needs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-app}"

APP_DEBS=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-xinerama0 libxkbcommon0
          libegl1 libgl1 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1
          libasound2 libdbus-1-3 fonts-noto-cjk fonts-nanum python3-venv
          g++)  # g++: pdqhash has no wheels and builds from source
TEST_DEBS=(openssl zip age gnome-keyring dbus dbus-x11 libsecret-1-0 xvfb xauth poppler-utils strace
           exfatprogs exfat-fuse fuse3 dosfstools chromium)

missing_debs() {
    local pkg
    for pkg in "$@"; do
        # libasound2 was renamed libasound2t64 on newer Debian; accept either.
        if [ "$pkg" = libasound2 ]; then
            dpkg-query -W -f='${Status}' libasound2t64 2>/dev/null | grep -q "ok installed" && continue
        fi
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || echo "$pkg"
    done
}

install_debs() {
    command -v dpkg-query >/dev/null 2>&1 || { echo "bootstrap: not a Debian system; install the packages listed in README.md yourself" >&2; return 0; }
    local missing
    missing=$(missing_debs "$@")
    [ -z "$missing" ] && return 0
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "bootstrap: please install: $missing" >&2; return 1; fi
    fi
    # Package renames across Debian releases: install what exists.
    local available=() pkg
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    for pkg in $missing; do
        if [ "$pkg" = libasound2 ] && ! apt-cache show libasound2 >/dev/null 2>&1; then pkg=libasound2t64; fi
        if apt-cache show "$pkg" >/dev/null 2>&1; then available+=("$pkg"); fi
    done
    [ ${#available[@]} -eq 0 ] && return 0
    echo "bootstrap: installing Debian packages: ${available[*]}" >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${available[@]}" >/dev/null
}

if [ "$MODE" = test ]; then install_debs "${APP_DEBS[@]}" "${TEST_DEBS[@]}"; else install_debs "${APP_DEBS[@]}"; fi

PY="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
    "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
        || { echo "bootstrap: Python 3.11 or newer is needed" >&2; exit 1; }
    "$PY" -m venv "$ROOT/.venv"
fi
EXTRAS=""; [ "$MODE" = test ] && EXTRAS="[test]"
STAMP="$ROOT/.venv/.install-stamp-$MODE"
WANT="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    "$ROOT/.venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    "$ROOT/.venv/bin/python" -m pip install -q -e "$ROOT$EXTRAS" 2>&1 | grep -v -e "is ignored" -e "^$" >&2 || true
    "$ROOT/.venv/bin/python" -c "import app, sqlcipher3, PySide6" \
        || { echo "bootstrap: Python packages failed to install" >&2; exit 1; }
    echo "$WANT" > "$STAMP"
fi

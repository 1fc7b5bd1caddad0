#!/bin/sh
# Install Evidence Locker for the current user (no root, nothing outside $HOME):
#   ./install.sh             -> ~/.local/opt/evidence-locker, ~/.local/bin/{locker,evidence-locker},
#                               a launcher "Evidence Locker" in the applications menu
#   ./install.sh --neutral   -> ~/.local/opt/notes, a launcher named "Notes" with a plain
#                               note-pad icon, and no command names in ~/.local/bin
#   ./install.sh --uninstall [--neutral]  -> removes what the matching install put there
# Your vaults are never touched: they live wherever you saved them.
# The app never starts on its own: no autostart entry is ever written.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
MODE=install; NEUTRAL=0
for arg in "$@"; do
    case "$arg" in
        --neutral) NEUTRAL=1 ;;
        --uninstall) MODE=uninstall ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
if [ "$NEUTRAL" = 1 ]; then ID=notes; LABEL="Notes"; LABEL_KO="메모"; COMMENT="Notes"; COMMENT_KO="메모"
else ID=evidence-locker; LABEL="Evidence Locker"; LABEL_KO="증거 보관함"
     COMMENT="Encrypted evidence locker"; COMMENT_KO="암호화된 증거 보관함"; fi
DEST="$HOME/.local/opt/$ID"
DESKTOP="$DATA/applications/$ID.desktop"
ICON="$DATA/icons/hicolor/scalable/apps/$ID.svg"

if [ "$MODE" = uninstall ]; then
    rm -rf "$DEST" "$DESKTOP" "$ICON"
    for cmd in locker evidence-locker; do
        # Only our own links, never a file of the same name from somewhere else.
        if [ -L "$BIN/$cmd" ] && [ "$(readlink "$BIN/$cmd")" = "$DEST/$cmd" ]; then rm -f "$BIN/$cmd"; fi
    done
    echo "Removed $DEST and its launcher. Vaults are untouched."
    exit 0
fi

[ -x "$HERE/evidence-locker/evidence-locker" ] || { echo "install.sh: run it from the unpacked folder" >&2; exit 1; }
mkdir -p "$HOME/.local/opt" "$DATA/applications" "$(dirname "$ICON")"
# Copy next to the destination, then swap in, so a failed copy leaves the old install.
rm -rf "$DEST.new"
cp -a "$HERE/evidence-locker" "$DEST.new"
rm -rf "$DEST.old"; [ -e "$DEST" ] && mv "$DEST" "$DEST.old"
mv "$DEST.new" "$DEST"; rm -rf "$DEST.old"
cp "$HERE/share/$ID.svg" "$ICON"
if [ "$NEUTRAL" = 0 ]; then
    mkdir -p "$BIN"
    for cmd in locker evidence-locker; do ln -sfn "$DEST/$cmd" "$BIN/$cmd"; done
fi
# StartupWMClass matches the name the app gives the window system (notes when the
# neutral setting is on), so the desktop groups its window under this launcher.
umask 077
cat > "$DESKTOP.tmp" <<DESK
[Desktop Entry]
Type=Application
Name=$LABEL
Name[ko]=$LABEL_KO
Comment=$COMMENT
Comment[ko]=$COMMENT_KO
Exec="$DEST/evidence-locker"
Icon=$ICON
Terminal=false
StartupWMClass=$ID
Categories=Utility;
DESK
chmod 0644 "$DESKTOP.tmp"; mv "$DESKTOP.tmp" "$DESKTOP"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" 2>/dev/null || true
echo "Installed in $DEST"
echo "Launcher: $DESKTOP"
if [ "$NEUTRAL" = 0 ]; then
    echo "Commands: $BIN/locker, $BIN/evidence-locker"
    case ":$PATH:" in *":$BIN:"*) ;; *) echo "($BIN is not on your PATH: add it, or use the full path.)";; esac
else
    echo "Neutral launcher \"Notes\". Also turn on Settings > Neutral window title and icon in the app."
fi

#!/bin/sh
# Install bra-desktop for the current user, without root, from the unpacked tarball:
#
#   ./install.sh               install, or upgrade in place (the old program folder is replaced)
#   ./install.sh --uninstall   remove the program, its menu entry and icon
#
# The program goes to ~/.local/opt/bra-desktop (BRA_INSTALL_DIR to choose another folder), a link
# to ~/.local/bin/bra-desktop, the menu entry and icon to ~/.local/share/{applications,icons}.
# The register, its backups, logs and settings live elsewhere (~/.local/share/bra-desktop,
# ~/.local/state/bra-desktop, ~/.config/bra-desktop, see README.md) and are never touched, not
# even by --uninstall.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=${BRA_INSTALL_DIR:-$HOME/.local/opt/bra-desktop}
bin_link=$HOME/.local/bin/bra-desktop
desktop_file=$data_home/applications/bra-desktop.desktop
icon_file=$data_home/icons/hicolor/256x256/apps/bra-desktop.png

case "$app_dir" in
  "$data_home/bra-desktop"|"$data_home/bra-desktop/"*)
    echo "BRA_INSTALL_DIR must not be the register's data folder ($data_home/bra-desktop)." >&2
    exit 1 ;;
esac

# Only a folder holding a previous install is ever deleted, never one that happens to be chosen.
is_install() {
  [ -x "$1/bra-desktop" ] && [ -d "$1/_internal" ]
}

refresh_menus() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  if is_install "$app_dir"; then
    rm -rf "$app_dir"
  fi
  rm -f "$bin_link" "$desktop_file" "$icon_file"
  refresh_menus
  echo "bra-desktop is removed. The register and its backups are kept in $data_home/bra-desktop."
  exit 0
fi

if ! is_install "$here"; then
  echo "Run install.sh from the unpacked bra-desktop folder (bra-desktop and _internal beside it)." >&2
  exit 1
fi

# Upgrade in place: the new version replaces the old program folder as a whole.
if [ -e "$app_dir" ] && ! is_install "$app_dir"; then
  echo "$app_dir exists and is not a bra-desktop install; choose another BRA_INSTALL_DIR." >&2
  exit 1
fi
staging="$app_dir.new.$$"
rm -rf "$staging"
mkdir -p "$staging"
cp -a "$here/bra-desktop" "$here/_internal" "$staging/"
if is_install "$app_dir"; then
  rm -rf "$app_dir"
fi
mkdir -p "$(dirname "$app_dir")"
mv "$staging" "$app_dir"

mkdir -p "$(dirname "$bin_link")" "$(dirname "$desktop_file")" "$(dirname "$icon_file")"
ln -sf "$app_dir/bra-desktop" "$bin_link"
cp "$here/bra-desktop.png" "$icon_file"
sed "s|^Exec=bra-desktop|Exec=\"$app_dir/bra-desktop\"|" "$here/bra-desktop.desktop" > "$desktop_file"
refresh_menus
echo "bra-desktop $("$app_dir/bra-desktop" --version | cut -d' ' -f2) is installed in $app_dir."
echo "Start it from the menu, or run: $bin_link"

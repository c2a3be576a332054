#!/usr/bin/env sh
# Install (or remove) the frozen application built by `python3 packaging/bootstrap.py freeze` for one user
# or, with --prefix /usr/local as root, for everyone: the application folder, the command, the menu entry,
# the icons and the AppStream metadata that software centres show.
#
#   packaging/linux/install.sh [--prefix DIR] [BUILD_DIR]     default: ~/.local and dist/westem-desktop
#   packaging/linux/install.sh [--prefix DIR] --uninstall
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME}/.local"
build="${here}/../../dist/westem-desktop"
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) build="$1"; shift ;;
  esac
done

id=eu.westem.Desktop
app_dir="${prefix}/lib/westem-desktop"
files="bin/westem-desktop share/applications/${id}.desktop share/metainfo/${id}.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
  files="${files} share/icons/hicolor/${size}x${size}/apps/${id}.png"
done
files="${files} share/icons/hicolor/scalable/apps/${id}.svg"

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "${prefix}/share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "${prefix}/share/icons/hicolor" || true
}

if [ "${uninstall}" -eq 1 ]; then
  for file in ${files}; do rm -f "${prefix}/${file}"; done
  rm -rf "${app_dir}"
  refresh
  echo "WESTEM Desktop was removed from ${prefix}. Your databases and backups were left where they are."
  exit 0
fi

if [ ! -x "${build}/westem-desktop" ]; then
  echo "No built application in ${build}: run 'python3 packaging/bootstrap.py freeze' first." >&2
  exit 1
fi
mkdir -p "${prefix}/lib" "${prefix}/bin" "${prefix}/share/applications" "${prefix}/share/metainfo"
rm -rf "${app_dir}"
cp -R "${build}" "${app_dir}"
ln -sf "${app_dir}/westem-desktop" "${prefix}/bin/westem-desktop"
sed "s|^Exec=westem-desktop|Exec=${app_dir}/westem-desktop|" "${here}/${id}.desktop" > "${prefix}/share/applications/${id}.desktop"
cp "${here}/${id}.metainfo.xml" "${prefix}/share/metainfo/"
(cd "${here}/icons" && find hicolor -type f) | while read -r icon; do
  mkdir -p "${prefix}/share/icons/$(dirname "${icon}")"
  cp "${here}/icons/${icon}" "${prefix}/share/icons/${icon}"
done
refresh
echo "WESTEM Desktop was installed in ${app_dir}; it is in the applications menu, and '${prefix}/bin/westem-desktop' starts it."

"""The Linux desktop integration: the menu entry, the AppStream metadata, the icons, the installer."""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
from pathlib import Path

from tests.platforms import linux_only
from westem_desktop import DESKTOP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@linux_only("the menu entry and desktop-file-validate are freedesktop.org's")
def test_the_menu_entry_is_valid_and_speaks_the_four_languages() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP_FILE, encoding="utf-8")
    keys = entry["Desktop Entry"]
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        for language in ("sv", "nb", "nl"):
            assert keys.get(f"{key}[{language}]"), f"{key}[{language}] is missing"
    assert keys["Comment[sv]"] != keys["Comment"] and keys["Comment[nl]"] != keys["Comment"]
    assert "adept" in keys["Comment[sv]"] and "adepter" in keys["Comment[nb]"] and "mentees" in keys["Comment[nl]"]
    assert keys["Icon"] == DESKTOP_ID and keys["Exec"].split()[0] == "westem-desktop"


@linux_only("AppStream metadata and appstreamcli are Linux's")
def test_the_appstream_metadata_is_valid() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = METAINFO.read_text(encoding="utf-8")
    for language in ("sv", "nb", "nl"):
        assert f'<summary xml:lang="{language}">' in text and f'<p xml:lang="{language}">' in text
    assert f'<launchable type="desktop-id">{DESKTOP_ID}.desktop</launchable>' in text


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_icon_comes_in_every_size_and_as_svg() -> None:
    for size in SIZES:
        assert png_size(LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png") == (size, size)
    scalable = LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "icons" / "westem-desktop.svg").read_bytes()
    assert (ROOT / "packaging" / "windows" / "westem-desktop.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (ROOT / "packaging" / "macos" / "westem-desktop.icns").read_bytes()[:4] == b"icns"


@linux_only("install.sh installs into a Linux desktop")
def test_install_and_uninstall_for_one_user(tmp_path: Path) -> None:
    build = tmp_path / "dist" / "westem-desktop"
    (build / "_internal").mkdir(parents=True)
    program = build / "westem-desktop"
    program.write_text("#!/bin/sh\necho WESTEM Desktop 0.1.0\n")
    program.chmod(0o755)
    prefix = tmp_path / "home" / ".local"
    script = LINUX / "install.sh"
    env = dict(os.environ, HOME=str(tmp_path / "home"))
    subprocess.run(["sh", str(script), "--prefix", str(prefix), str(build)], check=True, env=env)
    command = prefix / "bin" / "westem-desktop"
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout.strip() == "WESTEM Desktop 0.1.0"
    installed = (prefix / "share" / "applications" / f"{DESKTOP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec={prefix}/lib/westem-desktop/westem-desktop" in installed
    assert (prefix / "share" / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{DESKTOP_ID}.png").is_file()
    subprocess.run(["sh", str(script), "--prefix", str(prefix), "--uninstall"], check=True, env=env)
    left = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file() or p.is_symlink())
    assert [p for p in left if "westem" in p.lower() or DESKTOP_ID in p] == []

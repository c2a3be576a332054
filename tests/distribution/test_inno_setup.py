"""The Windows installer's script (packaging/windows/westem-desktop.iss) against the frozen build it packs:
every ``Source:`` path exists in the build's folder layout (Linux's here, Windows' on the Windows runner)
and every language file it names is one that Inno Setup ships. The installer itself is compiled by
.github/workflows/release.yml on Windows."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

from tests.platforms import executable, windows_only
from westem_desktop import APP_NAME

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "westem-desktop.iss"
RELEASE = ROOT / ".github" / "workflows" / "release.yml"

# The message files Inno Setup 6.7.3 installs: Default.isl in its folder and Files/Languages/*.isl of
# its source at the tag is-6_7_3 (https://github.com/jrsoftware/issrc/tree/is-6_7_3/Files/Languages;
# the list is also https://jrsoftware.org/files/istrans/, "official translations"). Swedish is among
# them since 6.4.0. release.yml installs this version (INNO_SETUP_VERSION).
INNO_SETUP_VERSION = "6.7.3"
INNO_SETUP_MESSAGE_FILES = {"Default.isl"} | {
    f"Languages\\{name}.isl"
    for name in (
        "Arabic",
        "Armenian",
        "BrazilianPortuguese",
        "Bulgarian",
        "Catalan",
        "Corsican",
        "Czech",
        "Danish",
        "Dutch",
        "Finnish",
        "French",
        "German",
        "Hebrew",
        "Hungarian",
        "Italian",
        "Japanese",
        "Korean",
        "Norwegian",
        "Polish",
        "Portuguese",
        "Russian",
        "Slovak",
        "Slovenian",
        "Spanish",
        "Swedish",
        "Tamil",
        "Thai",
        "Turkish",
        "Ukrainian",
    )
}


def preprocessed() -> str:
    """The script with its ``#define``s substituted (``{#Name}``), as Inno Setup's preprocessor does for the
    definitions used here (plain strings, ``#ifndef`` defaults)."""
    text = SCRIPT.read_text(encoding="utf-8")
    defines = dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', text, flags=re.MULTILINE))
    assert {"AppVersion", "AppName", "AppWindow", "Built"} <= defines.keys()
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], text)


def section(text: str, name: str) -> list[str]:
    """The lines of one [Section], without comments and preprocessor lines."""
    match = re.search(rf"^\[{name}\]\s*$(.*?)(?=^\[|\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, f"no [{name}] section"
    return [line.strip() for line in match.group(1).splitlines() if line.strip() and line.strip()[0] not in ";#"]


def parameters(line: str) -> dict[str, str]:
    return {key: value for key, value in re.findall(r'(\w+):\s*"([^"]*)"', line)}


def in_build(path: str, app: Path) -> Path:
    """A path of the script (relative to its folder, Windows' separators) on this machine: inside the frozen
    build when it points into dist/westem-desktop, else in the checkout."""
    relative = (SCRIPT.parent / Path(*PureWindowsPath(path).parts)).resolve().relative_to(ROOT)
    built = Path("dist") / "westem-desktop"
    if relative.parts[:2] == built.parts:
        return app.joinpath(*relative.parts[2:])
    return ROOT / relative


def test_every_source_exists_in_the_frozen_build(frozen) -> None:
    app, _output = frozen
    text = preprocessed()
    sources = [parameters(line)["Source"] for line in section(text, "Files")]
    assert sources, "no files in [Files]"
    for source in sources:
        wildcard = PureWindowsPath(source).name == "*"
        found = in_build(str(PureWindowsPath(source).parent) if wildcard else source, app)
        if wildcard:
            assert found.is_dir() and any(found.iterdir()), f"{source}: {found} is no folder with files"
            assert executable(found, "westem-desktop").is_file(), f"{source}: no program in {found}"
            assert (found / "_internal" / "westem_desktop").is_dir()
        else:
            assert found.is_file(), f"{source}: {found} does not exist"
    for key in ("LicenseFile", "SetupIconFile"):
        value = re.search(rf"^{key}=(.+)$", text, flags=re.MULTILINE).group(1).strip()
        assert in_build(value, app).is_file(), f"{key}={value} does not exist"


def test_every_language_file_is_one_inno_setup_ships() -> None:
    text = preprocessed()
    languages = {parameters(line)["Name"]: parameters(line)["MessagesFile"] for line in section(text, "Languages")}
    assert set(languages) == {"en", "sv", "nb", "nl"}
    for name, messages in languages.items():
        assert messages.startswith("compiler:"), f"{name}: {messages} is not one of Inno Setup's own files"
        assert messages.removeprefix("compiler:") in INNO_SETUP_MESSAGE_FILES, f"{name}: Inno Setup has no {messages}"
    for custom in section(text, "CustomMessages"):
        assert custom.split(".", 1)[0] in languages, custom
    # The release builds the installer with the Inno Setup whose files are listed above.
    pinned = re.findall(r'^\s*INNO_SETUP_VERSION:\s*"([^"]+)"', RELEASE.read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned == [INNO_SETUP_VERSION]


@windows_only("the windowed program the installer's shortcuts start is built on Windows alone")
def test_the_shortcuts_start_the_windowed_program(frozen) -> None:
    app, _output = frozen
    text = preprocessed()
    window = re.search(r'^#define AppWindow "([^"]+)"', SCRIPT.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert window == f"{APP_NAME}.exe"
    assert (app / window).is_file()
    for line in section(text, "Icons") + section(text, "Run"):
        target = parameters(line)["Filename"]
        assert target.startswith("{app}\\") and (app / target.removeprefix("{app}\\")).is_file(), line

"""Build the frozen one-folder application: dist/westem-desktop/ (and on macOS the .app next to it).

    python3 packaging/bootstrap.py freeze          (sets up .venv, then runs this)
    .venv/bin/python packaging/freeze.py [--dist DIR] [--work DIR]

1. compiles the catalogues (.mo) and Qt message files (.qm) of sv, nb and nl into build/locale/;
2. runs PyInstaller with packaging/westem-desktop.spec;
3. on Linux, trims Qt's ICU data to the locales the application speaks (see ``trim_icu_data``);
4. prints the size against the 150 MB target (the server driver's against its own 13 MB) and runs
   ``westem-desktop --self-test`` on the result.

Exit code 0 when the application was built and its self-test passed, else 1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))

SIZE_TARGET_MB = 150
"""The application without the server driver, as before a faculty's server was possible (issue 21)."""
SERVER_DRIVER_MB = 13
"""psycopg's C part with its own libpq and the TLS (OpenSSL), Kerberos and LDAP libraries libpq links: 10.6 MB
on Linux, none of which the rest of the application can share (Python's own ssl module is left out)."""
SERVER_DRIVER = ("psycopg", "psycopg_binary", "psycopg_binary.libs")
# ICU locale data kept: the four languages and the locales they inherit from.
ICU_LOCALES = {"root", "en", "en_001", "en_150", "en_GB", "sv", "sv_SE", "nb", "nb_NO", "no", "nl", "nl_NL"}
ICU_LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_\w*)*$")


def say(message: str) -> None:
    print(f"[freeze] {message}", flush=True)


def compile_catalogues(target: Path) -> None:
    from translations import compile_all
    from westem_desktop.i18n.qt_messages import QM_NAME, compile_qm

    shutil.rmtree(target, ignore_errors=True)
    compile_all(target)
    for language in ("sv", "nb", "nl"):
        if not compile_qm(language, target / language / QM_NAME):
            raise SystemExit("lrelease could not make Qt's message files")


def run_pyinstaller(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / "westem-desktop.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    return dist / "westem-desktop"


def _symbol(library: Path, name_pattern: str) -> tuple[str, int, int]:
    """(name, file offset, size) of the data symbol matching ``name_pattern`` in an ELF library."""
    out = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(name_pattern, parts[3]):
            address, size = int(parts[0], 16), int(parts[1], 16)
            break
    else:
        raise ValueError(f"no {name_pattern} in {library}")
    sections = subprocess.run(["readelf", "-SW", str(library)], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():
        match = re.search(r"\]\s+\S+\s+\S+\s+([0-9a-f]{16})\s+([0-9a-f]{6,})\s+([0-9a-f]{6,})", line)
        if match:
            start, offset, length = (int(g, 16) for g in match.groups())
            if start <= address < start + length:
                return parts[3], address - start + offset, size
    raise ValueError(f"the section of {parts[3]} was not found in {library}")


def trim_icu_data(app: Path) -> int:
    """Rebuild Qt's libicudata with only the locale data of en, sv, nb and nl (and their parents).

    Qt links ICU for collation, text boundaries and case mapping; its data library carries every locale
    of CLDR (32 MB). The other locales' resources, the transliterators and the dictionaries for
    Chinese, Japanese, Thai, Lao, Khmer and Burmese line breaking are removed with ICU's own icupkg,
    and the package is put back under the same symbol name. Returns the bytes saved (0 when the tools
    are missing: icupkg from Debian's icu-devtools, nm and readelf from binutils, gcc).
    """
    if not sys.platform.startswith("linux") or not all(shutil.which(t) for t in ("icupkg", "nm", "readelf", "gcc")):
        say("ICU data left whole (needs icupkg, nm, readelf and gcc)")
        return 0
    [library] = list((app / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"))
    symbol, offset, size = _symbol(library, r"icudt\d+_dat")
    package = symbol[: -len("_dat")] + "l.dat"  # icudt73l.dat: the name icupkg keeps inside the package
    with tempfile.TemporaryDirectory(prefix="westem-icu-") as tmp:
        folder = Path(tmp)
        with library.open("rb") as handle:
            handle.seek(offset)
            (folder / package).write_bytes(handle.read(size))
        items = subprocess.run(
            ["icupkg", "-l", package], cwd=folder, capture_output=True, text=True, check=True
        ).stdout.split()
        unused = [
            item
            for item in items
            if item.startswith("translit/")
            or item.endswith(".dict")
            or (
                item.endswith(".res")
                and ICU_LOCALE_ITEM.match(Path(item).stem)
                and Path(item).stem not in ICU_LOCALES | {"pool", "res_index"}
            )
        ]
        (folder / "unused.txt").write_text("\n".join(unused) + "\n")
        (folder / "out").mkdir()
        subprocess.run(
            ["icupkg", "--ignore-deps", "-r", "unused.txt", package, f"out/{package}"],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        (folder / "data.S").write_text(
            f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n"
            f'{symbol}:\n    .incbin "out/{package}"\n    .size {symbol}, .-{symbol}\n'
            '    .section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", "libicudata.so", "data.S"],
            cwd=folder,
            check=True,
        )
        before = library.stat().st_size
        shutil.copyfile(folder / "libicudata.so", library)
    saved = before - library.stat().st_size
    say(f"ICU data trimmed to en, sv, nb, nl: {len(unused)} of {len(items)} items out, {saved / 1e6:.1f} MB saved")
    return saved


def remove_dangling_links(app: Path) -> None:
    """PyInstaller links every library into _internal/; those of plugins left out point nowhere."""
    for path in (app / "_internal").iterdir():
        if path.is_symlink() and not path.exists():
            path.unlink()


def size_mb(folder: Path) -> float:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total / 1e6


def server_driver_mb(app: Path) -> float:
    """The part of ``size_mb(app)`` that is the server driver (``SERVER_DRIVER``)."""
    return sum(size_mb(app / "_internal" / name) for name in SERVER_DRIVER if (app / "_internal" / name).is_dir())


def self_test(app: Path) -> bool:
    executable = app / ("westem-desktop.exe" if os.name == "nt" else "westem-desktop")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(executable), "--self-test", "--lang", "en"], env=env, timeout=600)
    return result.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the application goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    say("compiling the translations")
    compile_catalogues(ROOT / "build" / "locale")
    say("running PyInstaller")
    app = run_pyinstaller(args.dist.resolve(), args.work.resolve())
    remove_dangling_links(app)
    trim_icu_data(app)
    size, driver = size_mb(app), server_driver_mb(app)
    verdict = "OK" if size - driver <= SIZE_TARGET_MB and driver <= SERVER_DRIVER_MB else "OVER TARGET"
    say(
        f"{app}: {size:.1f} MB unpacked: {size - driver:.1f} MB the application (target at most {SIZE_TARGET_MB} MB)"
        f" and {driver:.1f} MB the server driver (at most {SERVER_DRIVER_MB} MB) {verdict}"
    )
    say("self-test of the built application")
    if not self_test(app):
        say("the self-test FAILED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Set everything up, then start the application, run the tests or build the frozen application.
Needs only Python 3.11+ (``python3`` on Linux and macOS, ``py`` on Windows).

    python3 packaging/bootstrap.py run    [westem-desktop arguments ...]
    python3 packaging/bootstrap.py test   [pytest arguments ...]
    python3 packaging/bootstrap.py freeze [--dist DIR]        (dist/westem-desktop/, see packaging/freeze.py)

It creates ``.venv`` beside the project, installs the project into it (again only when
``pyproject.toml`` changed), and on Linux installs the few system libraries Qt needs when they are
missing (with apt-get, as root or through sudo), and for the tests and the build the tools they use
(AppStream's and freedesktop's validators, ICU's icupkg, a PostgreSQL server). On macOS the tests'
PostgreSQL comes from Homebrew (``brew install postgresql@16``) when none is found; on Windows it must be
installed beforehand (PGBIN names its bin folder when it is not on the PATH). Qt's wheels carry
everything else on macOS and Windows. Nothing here needs a display: the tests run Qt offscreen.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".westem-bootstrap"
# Debian/Ubuntu packages of the libraries Qt's xcb and offscreen platforms load, and a font.
QT_SYSTEM_PACKAGES = (
    "libegl1",
    "libgl1",
    "libglib2.0-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "fonts-dejavu-core",
)


# The frozen build trims Qt's ICU data with ICU's own tool and relinks it (packaging/freeze.py).
BUILD_TOOLS = {"icupkg": "icu-devtools", "nm": "binutils", "readelf": "binutils", "gcc": "gcc"}
# The tests validate the Linux desktop files with the tools of AppStream and freedesktop.org.
TEST_TOOLS = {"appstreamcli": "appstream", "desktop-file-validate": "desktop-file-utils"}


def say(message: str) -> None:
    print(f"[westem-desktop] {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> None:
    if not venv_python().exists():
        say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)


def _project_hash() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_installed(extras: str) -> None:
    """Install the project unless this pyproject.toml was installed with these extras (or more).

    The stamp holds the hash of the installed pyproject.toml and the extras installed with it."""
    done_hash, _, done_text = (STAMP.read_text().strip() if STAMP.exists() else "").partition(" ")
    done = {e for e in done_text.split(",") if e}
    if done_hash == _project_hash() and (not extras or extras in done):
        return
    if done_hash and done_hash != _project_hash():
        # pyproject.toml changed since the last installation: start from a new environment, so that a
        # package dropped or replaced (say, one part of Qt for another) leaves nothing behind.
        say("the dependencies changed: making the virtual environment anew")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        done = set()
    wanted = ",".join(sorted(done | ({extras} if extras else set())))
    target = f".[{wanted}]" if wanted else "."
    say(f"installing WESTEM Desktop and its dependencies ({target})")
    subprocess.run(
        [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target],
        cwd=ROOT,
        check=True,
    )
    STAMP.write_text(f"{_project_hash()} {wanted}")


def missing_qt_libraries() -> list[str]:
    """Shared libraries that Qt's platform plugins cannot find (Linux only, via ldd)."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    probe = subprocess.run(
        [str(venv_python()), "-c", "import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent)"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return []
    qt = Path(probe.stdout.strip()) / "Qt"
    candidates = [qt / "plugins" / "platforms" / name for name in ("libqxcb.so", "libqoffscreen.so")]
    candidates += [qt / "lib" / "libQt6Widgets.so.6", qt / "lib" / "libQt6XcbQpa.so.6"]
    missing: set[str] = set()
    for library in candidates:
        if library.exists():
            out = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
            missing.update(line.split()[0] for line in out.splitlines() if "not found" in line)
    return sorted(missing)


def apt_install(packages: tuple[str, ...]) -> None:
    """Install Debian/Ubuntu packages with apt-get (as root, or through sudo without a password)."""
    apt = shutil.which("apt-get")
    if apt is None:
        say("install them with your system's package manager, then run this command again")
        return
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    prefix: list[str] = [] if as_root else (["sudo", "-n"] if shutil.which("sudo") else [])
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, apt, "update", "-q"], env=env, check=False)
    result = subprocess.run(
        [*prefix, apt, "install", "-y", "-q", "--no-install-recommends", *packages], env=env, check=False
    )
    if result.returncode != 0:
        # A package name may differ on this release: install the others one by one.
        for package in packages:
            subprocess.run([*prefix, apt, "install", "-y", "-q", "--no-install-recommends", package], env=env)


def ensure_qt_system_libraries() -> None:
    missing = missing_qt_libraries()
    if not missing:
        return
    say("Qt needs system libraries that are missing: " + ", ".join(missing))
    apt_install(QT_SYSTEM_PACKAGES)
    still = missing_qt_libraries()
    if still:
        say("still missing after apt-get: " + ", ".join(still))


def ensure_tools(tools: dict[str, str]) -> None:
    """The command-line tools (name → Debian package) the tests or the build call."""
    if not sys.platform.startswith("linux"):
        return
    missing = {tool: package for tool, package in tools.items() if shutil.which(tool) is None}
    if missing:
        say("installing the tools " + ", ".join(missing))
        apt_install(tuple(sorted(set(missing.values()))))


def postgresql_found() -> bool:
    """Whether tests/pgserver.py finds PostgreSQL's initdb and pg_ctl (the same search)."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.pgserver import find_bindir

        find_bindir()
    except RuntimeError:
        return False
    finally:
        sys.path.remove(str(ROOT))
    return True


def ensure_postgresql_server() -> None:
    """The tests start a throwaway PostgreSQL server (tests/pgserver.py): Debian's package on Linux, or
    Homebrew's postgresql@16 on macOS, when its programs are missing. On Windows it is only named."""
    if postgresql_found():
        return
    if sys.platform.startswith("linux"):
        say("installing PostgreSQL for the tests of the server")
        apt_install(("postgresql",))
    elif sys.platform == "darwin" and shutil.which("brew"):
        say("installing PostgreSQL for the tests of the server (brew install postgresql@16)")
        subprocess.run(["brew", "install", "postgresql@16"], check=False)
    else:
        say(
            "the tests of the server need PostgreSQL's programs (initdb, pg_ctl): install PostgreSQL "
            "(https://www.postgresql.org/download/) and set PGBIN to its bin folder if it is not on the PATH"
        )


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        say("WESTEM Desktop needs Python 3.11 or newer")
        return 1
    if not argv or argv[0] not in ("run", "test", "freeze"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_venv()
    ensure_installed({"test": "test", "freeze": "freeze"}.get(command, ""))
    ensure_qt_system_libraries()
    if command in ("test", "freeze"):
        ensure_tools(BUILD_TOOLS if command == "freeze" else {**BUILD_TOOLS, **TEST_TOOLS})
    if command == "test":
        ensure_postgresql_server()
    python = str(venv_python())
    if command == "test":
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return subprocess.run([python, "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
    if command == "freeze":
        return subprocess.run([python, str(ROOT / "packaging" / "freeze.py"), *rest], cwd=ROOT).returncode
    return subprocess.run([python, "-m", "westem_desktop", *rest], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

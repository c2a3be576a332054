"""Where the application keeps its files, per user and per platform, without Qt.

The locations follow QStandardPaths' AppDataLocation/AppConfigLocation/CacheLocation so that the
files are where a user of the platform would look. Every location can be moved with an environment
variable (tests and portable installations use them):

- ``WESTEM_DESKTOP_DATA_DIR``: the default database, its backups and the log;
- ``WESTEM_DESKTOP_CONFIG_DIR``: the settings file;
- ``WESTEM_DESKTOP_CACHE_DIR``: compiled translations and other rebuildable files.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from westem_desktop import APP_ID, APP_NAME

DATABASE_FILENAME = "westem.sqlite"


def _home() -> Path:
    return Path.home()


def _platform_dir(kind: str) -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA" if kind == "cache" else "APPDATA")
        root = Path(base) if base else _home() / "AppData" / ("Local" if kind == "cache" else "Roaming")
        return root / APP_NAME / ("cache" if kind == "cache" else "")
    if sys.platform == "darwin":
        sub = {"data": "Application Support", "config": "Preferences", "cache": "Caches"}[kind]
        return _home() / "Library" / sub / APP_NAME
    xdg = {"data": "XDG_DATA_HOME", "config": "XDG_CONFIG_HOME", "cache": "XDG_CACHE_HOME"}[kind]
    default = {"data": ".local/share", "config": ".config", "cache": ".cache"}[kind]
    base = os.environ.get(xdg)
    return (Path(base) if base else _home() / default) / APP_ID


def _dir(kind: str) -> Path:
    override = os.environ.get(f"WESTEM_DESKTOP_{kind.upper()}_DIR")
    return Path(override) if override else _platform_dir(kind)


def data_dir() -> Path:
    """The per-user application data folder (database, backups, log)."""
    return _dir("data")


def config_dir() -> Path:
    """The per-user configuration folder (settings.json)."""
    return _dir("config")


def cache_dir() -> Path:
    """The per-user cache folder; everything in it can be rebuilt."""
    return _dir("cache")


def default_database() -> Path:
    return data_dir() / DATABASE_FILENAME


def backup_dir() -> Path:
    return data_dir() / "backups"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def resources_dir() -> Path:
    """Fonts, icons and demo names: inside the package when installed, beside it in a checkout."""
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user alone."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def make_private(path: Path) -> Path:
    """Make the file ``path`` readable and writable by the user alone (POSIX). A file that already
    existed keeps its old mode when overwritten, so every file the application writes comes here. A
    folder that refuses (some network shares) is left as it is."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    return path


def restrict_new_files() -> None:
    """From now on, files and folders this process creates are the user's alone, SQLite's journal and
    temporary files included."""
    if os.name == "posix":
        os.umask(0o077)

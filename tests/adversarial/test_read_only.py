"""A read-only database stays read-only: its mode is never changed, it is opened for reading, every write
is refused with a message (exit 1 on the command line; a bar and disabled edits in the window), and its
bytes are the same afterwards. Reading commands work on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platforms import not_on_windows
from westem_desktop.cli import main
from westem_desktop.core.db import open_database
from westem_desktop.core.errors import ReadOnlyDatabaseError

pytestmark = not_on_windows(
    "a file is made read-only with POSIX modes and a folder with chmod, which Windows ignores for folders"
)

READ_ONLY = "is read-only"
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "schemas"


@pytest.fixture
def read_only(tmp_path: Path) -> Path:
    path = tmp_path / "shared.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "12"]) == 0
    path.chmod(0o400)
    return path


def test_a_command_that_writes_is_refused_and_the_file_stays_read_only(
    read_only: Path, writing_command: list[str], tmp_path: Path, capsys
) -> None:
    before = read_only.read_bytes()
    argv = [*writing_command, "--db", str(read_only)]
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert READ_ONLY in err and "write permission" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert read_only.stat().st_mode & 0o777 == 0o400
    assert read_only.read_bytes() == before
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "c.pdf").exists()


def test_reading_commands_work_on_a_read_only_file(read_only: Path, tmp_path: Path, capsys) -> None:
    before = read_only.read_bytes()
    db = str(read_only)
    assert main(["export", "participants", "--db", db, "-o", str(tmp_path / "p.csv")]) == 0
    assert main(["export", "matches", "--db", db, "-o", str(tmp_path / "m.csv")]) == 0
    assert main(["report", "--db", db, "--json"]) == 0
    assert main(["check", "--db", db]) == 0
    assert main(["match", "suggest", "--db", db]) == 0
    assert main(["backup", "--db", db, "-o", str(tmp_path / "copy.sqlite")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert (tmp_path / "p.csv").read_text(encoding="utf-8").count("@") == 12
    assert read_only.stat().st_mode & 0o777 == 0o400
    assert read_only.read_bytes() == before


def test_the_core_opens_it_read_only_and_refuses_every_write(read_only: Path) -> None:
    from westem_desktop.core.models import Programme

    before = read_only.read_bytes()
    with open_database(read_only) as db:
        assert db.read_only
        with db.session() as session:  # reading through a session works
            name = session.get_one(Programme, 1).name
        with pytest.raises(ReadOnlyDatabaseError, match=READ_ONLY), db.session() as session:
            session.get_one(Programme, 1).name = "Changed"
        assert db.read().execute("SELECT name FROM programme WHERE id = 1").fetchone() == (name,)
    assert read_only.stat().st_mode & 0o777 == 0o400
    assert read_only.read_bytes() == before


def test_a_read_only_file_that_needs_an_upgrade_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "0001.sqlite", path)
    path.chmod(0o400)
    before = path.read_bytes()
    with pytest.raises(ReadOnlyDatabaseError, match="upgraded before it can be opened"):
        open_database(path)
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o400
    assert not (tmp_path / "backups").exists()


def test_a_writable_file_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "4"]) == 0
    assert path.stat().st_mode & 0o777 == 0o600  # the application made it: private
    path.chmod(0o640)
    assert main(["demo", "--db", str(path), "--participants", "4"]) == 0
    assert path.stat().st_mode & 0o777 == 0o640


# -- a read-only folder: run as a user who may not write it --------------------------------------


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder others may read (outside the test's private temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="westem-read-only-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    folder.chmod(0o700)
    shutil.rmtree(folder)
    shutil.rmtree(folder.parent / f"{folder.name}-home", ignore_errors=True)  # see run_as_reader


def run_as_reader(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command line as a user who may read ``folder`` but not write it: ``nobody`` when the tests run
    as root (root may write anywhere), else this user with the folder made read-only."""
    home = folder.parent / f"{folder.name}-home"
    home.mkdir(exist_ok=True, mode=0o777)
    home.chmod(0o777)
    env = {"PYTHONPATH": str(ROOT), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    for kind in ("data", "config", "cache"):
        env[f"WESTEM_DESKTOP_{kind.upper()}_DIR"] = str(home / kind)
    command = [sys.executable, "-m", "westem_desktop", *argv]
    if os.geteuid() == 0:
        return subprocess.run(command, env=env, capture_output=True, text=True, user=65534, group=65534, timeout=120)
    folder.chmod(0o555)
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)


def test_a_file_in_a_read_only_folder_is_read_without_a_lock_and_never_written(
    shared_folder: Path, tmp_path: Path
) -> None:
    """SQLite cannot make its journal, nor we our lock, in a read-only folder: the file is read without
    the lock, writes are refused, and nothing appears in the folder."""
    path = shared_folder / "cohort.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "12"]) == 0
    (shared_folder / "cohort.sqlite.lock").unlink()
    path.chmod(0o644)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # the file is the reader's own and writable; only the folder is not
    people = shared_folder / "people.csv"
    people.write_text("Name,E-mail,Role\nNew Mentee,new@uu.se,mentee\n", encoding="utf-8")
    people.chmod(0o644)
    before, contents = path.read_bytes(), sorted(p.name for p in shared_folder.iterdir())

    refused = run_as_reader(shared_folder, "import", "participants", str(people), "--db", str(path))
    assert refused.returncode == 1, refused.stderr
    assert READ_ONLY in refused.stderr and "Traceback" not in refused.stderr
    home = shared_folder.parent / f"{shared_folder.name}-home"
    out = home / "p.csv"
    exported = run_as_reader(shared_folder, "export", "participants", "--db", str(path), "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8").count("@") == 12
    created = run_as_reader(shared_folder, "demo", "--db", str(shared_folder / "new.sqlite"))
    assert created.returncode == 1 and READ_ONLY in created.stderr and "Traceback" not in created.stderr

    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in shared_folder.iterdir()) == contents  # no lock, journal or backup


# -- the window ---------------------------------------------------------------------------------------


def test_the_window_shows_the_bar_disables_edits_and_refuses_a_write(read_only: Path, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from westem_desktop.core.models import Programme
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.actions import Change
    from westem_desktop.ui.main_window import MainWindow

    before = read_only.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: shown.append(text))
    window = MainWindow(open_database(read_only), Settings())
    qtbot.addWidget(window)
    window.show()
    bar = window.findChild(type(window.read_only_label), "readOnlyNotice")
    assert bar is not None and bar.isVisible()
    assert "opened read-only" in bar.text() and bar.accessibleName() == "Read-only database"

    participants, matches = window.pages[0], window.pages[1]
    assert window.programme_id is not None
    for control in (
        participants.add_button,
        participants.import_button,
        participants.act_delete,
        matches.pair_button,
        matches.end_button,
        window.act_new_programme,
        window.act_edit_programme,
        window.act_restore,
    ):
        assert not control.isEnabled(), control.objectName() or control.text()
    # The tab's own logic enabling a button (a pair selected) does not bring it back.
    matches.end_button.setEnabled(True)
    assert not matches.end_button.isEnabled()
    window.show_programme(window.programme_id)
    assert not window.act_edit_programme.isEnabled()
    assert participants.export_button.isEnabled()  # reading and exporting stay

    def rename(session) -> None:
        session.get_one(Programme, 1).name = "Renamed"

    assert not window.actions.run(rename, Change.PROGRAMMES, window)
    assert len(shown) == 1 and READ_ONLY in shown[0]
    # No automatic backup on opening or closing a read-only file.
    assert window.start_maintenance() is None
    window.close()
    assert not (read_only.parent / "backups").exists()
    assert read_only.read_bytes() == before and read_only.stat().st_mode & 0o777 == 0o400
    window.db.close()


def test_the_bar_is_translated_and_goes_when_a_writable_file_is_opened(read_only: Path, tmp_path: Path, qtbot) -> None:
    from westem_desktop import i18n
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.main_window import MainWindow

    writable = tmp_path / "own.sqlite"
    assert main(["demo", "--db", str(writable), "--participants", "4"]) == 0
    i18n.set_language("sv")
    window = MainWindow(open_database(read_only), Settings())
    qtbot.addWidget(window)
    window.show()
    assert "skrivskydd" in window.read_only_label.text()
    assert window.read_only_label.accessibleName() == "Skrivskyddad databas"
    add = window.pages[0].add_button
    assert not add.isEnabled()
    assert window.switch_database(writable)
    assert not window.read_only_bar.isVisible()
    assert add.isEnabled() and window.act_new_programme.isEnabled()
    window.db.close()


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_the_notice_spans_the_window_and_its_text_fits_on_a_laptop(read_only: Path, qtbot, language: str) -> None:
    from westem_desktop import i18n
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.main_window import MainWindow

    i18n.set_language(language)
    window = MainWindow(open_database(read_only), Settings())
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    notice = window.read_only_label
    assert notice.width() >= window.width() - 20  # across the window, not a narrow column
    assert notice.height() >= notice.heightForWidth(notice.width())  # every line of the text is shown
    assert notice.height() <= 3 * notice.fontMetrics().lineSpacing() + 20  # and no more than needed
    assert window.tabs.height() >= 500  # the work keeps the room
    window.db.close()

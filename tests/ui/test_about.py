"""Help ▸ About: version, licence and the notices of every piece of third-party software shipped."""

from __future__ import annotations

from tests.conftest import load_packaging_tool
from westem_desktop import __version__
from westem_desktop.ui.dialogs.about import AboutDialog


def test_about_shows_the_version_the_licence_and_every_dependency(qtbot, switcher) -> None:
    switcher.apply("sv")
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Om WESTEM Desktop"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Om", "Programvara från tredje part"]
    text = dialog.findChild(type(dialog.tabs.widget(0)), "aboutText").text()
    assert __version__ in text and "GNU General Public License" in text and "Fri programvara" in text
    notices = dialog.notices.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notices  # Qt's licence, in full
    assert "DejaVu" in notices and "Bitstream" in notices  # the font embedded in every PDF
    tool = load_packaging_tool("notices")
    shipped = tool.runtime_distributions()
    missing = [
        dist.metadata["Name"]
        for key, dist in shipped.items()
        if not tool.QT_FOR_PYTHON.match(key) and f"\n{dist.metadata['Name']}\n" not in notices
    ]
    assert missing == [], "run: .venv/bin/python packaging/notices.py"
    assert any(tool.QT_FOR_PYTHON.match(key) for key in shipped)

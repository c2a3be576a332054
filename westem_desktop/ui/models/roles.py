"""The item roles our models answer, as the plain ints Qt passes to ``data()`` (start path: see the
README); ``tests/ui/test_participants_tab.py`` holds them equal to Qt's values."""

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
ID_ROLE = 0x0100 + 1  # Qt.ItemDataRole.UserRole + 1: the row's id (a participant, a pair, a form)

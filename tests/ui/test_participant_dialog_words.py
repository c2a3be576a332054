"""The participant dialog in Swedish: interests are shown by their Swedish names, the status by the
participant's word, and saving keeps the stored keys."""

from __future__ import annotations

from westem_desktop.core.enums import ParticipantStatus, Role
from westem_desktop.core.participants import ParticipantData
from westem_desktop.ui.dialogs.participant_dialog import ParticipantDialog


def test_the_dialog_shows_interests_in_swedish_and_saves_their_keys(qtbot, switcher) -> None:
    switcher.apply("sv")
    data = ParticipantData(
        role=Role.MENTEE,
        name="Åsa Öberg",
        email="asa@example.edu",
        interests=["data_science", "sports", "fågelskådning"],
        status=ParticipantStatus.ACTIVE,
    )
    dialog = ParticipantDialog(data, {}, lambda data, onboarding: True)
    qtbot.addWidget(dialog)
    assert dialog.interests.text() == "Dataanalys, Idrott, fågelskådning"
    assert "data_science" not in dialog.interests.text()
    assert dialog.status.currentText() == "Aktiv"

    dialog.interests.setText("Dataanalys, Programmering, fågelskådning")
    assert dialog.participant_data().interests == ["data_science", "programming", "fågelskådning"]

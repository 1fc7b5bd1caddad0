"""The details pane's custody history names every kind of event in words, in English and
in Korean: received items carry bundle, takedown and vault events, never raw names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.ui.attempts import AttemptLog
from app.ui.controller import Controller
from app.ui.details import DetailsPane
from app.ui.i18n import install_language
from app.ui.settings import Settings
from app.vault.events import Event


@pytest.fixture
def pane(qtbot, config_dir: Path) -> Iterator[DetailsPane]:  # type: ignore[no-untyped-def]
    controller = Controller(Settings(language="en"), AttemptLog(config_dir / "attempts.json"))
    widget = DetailsPane(controller)
    qtbot.addWidget(widget)
    try:
        yield widget
    finally:
        install_language("en")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_custody_event_has_a_label(pane: DetailsPane, language: str) -> None:
    assert install_language(language) == language
    labels = {event: pane.event_label(event) for event in Event}
    raw = [e for e, label in labels.items() if label in (e.value, e.value.replace("_", " "))]
    assert raw == [], f"events shown by their raw names: {raw}"
    assert len(set(labels.values())) == len(labels), "two kinds of event read the same"
    if language == "ko":
        english = [e for e, label in labels.items() if not re.search(r"[가-힣]", label)]
        assert english == [], f"events without a Korean label: {english}"
    # A name this version does not know (from a newer sender) is still readable.
    assert pane.event_label("some_future_event") == "some future event"

"""The custody report names every event in plain words (en/ko), and only real events:
``app/bundle/report_words.py`` EVENTS and ``app/vault/events.py`` Event name the same set."""

from __future__ import annotations

from app.bundle.report_words import EVENTS, event_words
from app.vault.events import Event


def test_every_custody_event_has_words_in_both_languages() -> None:
    missing = sorted(e.value for e in Event if e.value not in EVENTS)
    assert missing == [], f"events without report words: {missing}"
    for event in Event:
        en, ko = EVENTS[event.value]
        assert en.strip() and ko.strip(), event.value
        # What the report prints: the words, never the raw stored name.
        assert event_words(event.value) == f"{en} / {ko}"


def test_report_words_name_no_event_that_does_not_exist() -> None:
    known = {e.value for e in Event}
    unknown = sorted(str(name) for name in EVENTS if str(name) not in known)
    assert unknown == [], f"report words for names that are not custody events: {unknown}"

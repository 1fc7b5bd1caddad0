"""Settings' TSA switches (app/ui/tsa_settings.py): the shipped list is listed, a change
goes to the user's own tsa.json and the shipped file is never edited."""

from __future__ import annotations

import pytest

from app.timestamp import config
from app.ui.tsa_settings import list_tsas, set_enabled


def test_turning_a_tsa_off_writes_the_users_own_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.CONFIG_ENV)  # the tests' empty list: use the shipped one
    shipped = config.SHIPPED_CONFIG.read_bytes()
    tsas = list_tsas()
    assert tsas and all(t.url.startswith("http") for t in tsas)
    keep = {tsas[0].url}
    written = set_enabled(keep)
    assert written == config.user_config_path()
    assert {t.url for t in list_tsas() if t.enabled} == keep
    assert [t.url for t in list_tsas()] == [t.url for t in tsas]
    assert config.SHIPPED_CONFIG.read_bytes() == shipped

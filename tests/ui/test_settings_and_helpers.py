"""Settings (saved as JSON, applied live), the attempt record, the strength meter."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from app.ui.attempts import AttemptLog, delay_after
from app.ui.dialogs import SettingsDialog
from app.ui.passphrase import strength
from app.ui.settings import Settings
from tests.ui.conftest import FakeClock, make_vault, unlock


def test_settings_dialog_applies_and_saves(gui, qtbot, tmp_path: Path, config_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    gui.main_window.act_settings.trigger()
    dialog = gui.main_window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.remember.isChecked() and not dialog.recent.isChecked()
    assert "shared computer" in dialog.remember_warning.text()
    dialog.language.setCurrentIndex(2)  # 한국어
    dialog.autolock.setValue(2)
    dialog.neutral.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: gui.main_window.windowTitle() == "메모", timeout=2_000)
    assert gui.idle.timer.interval() == 2 * 60_000
    saved = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["language"] == "ko" and saved["autolock_minutes"] == 2
    assert saved["neutral_title"] is True and saved["recent_vaults"] == []
    assert Settings.load(config_dir / "settings.json").language == "ko"


def test_recent_vaults_only_when_turned_on(tmp_path: Path) -> None:
    settings = Settings()
    settings.note_opened(tmp_path / "a.locker")
    assert settings.recent_vaults == []
    settings.remember_recent = True
    settings.note_opened(tmp_path / "a.locker")
    settings.save(tmp_path / "s.json")
    assert Settings.load(tmp_path / "s.json").recent_vaults == [
        str((tmp_path / "a.locker").resolve())
    ]


def test_settings_file_garbage_falls_back_to_defaults(tmp_path: Path) -> None:
    bad = tmp_path / "s.json"
    bad.write_text('{"language": "xx", "autolock_minutes": "soon", "text_only": 3}')
    loaded = Settings.load(bad)
    assert loaded.language == "system" and loaded.autolock_minutes == 5 and not loaded.text_only
    bad.write_text("not json")
    assert Settings.load(bad) == Settings()


def test_attempt_delays_grow_and_reset(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v.locker")
    clock = FakeClock()
    log = AttemptLog(tmp_path / "attempts.json", clock)
    assert [delay_after(n) for n in range(1, 7)] == [0, 0, 2, 4, 8, 16]
    for _ in range(4):
        log.record_failure(vault)
    assert log.wait_seconds(vault) == 4
    clock.advance(3)
    assert log.wait_seconds(vault) == 1
    summary = log.record_success(vault)
    assert summary.count == 4 and summary.last_at is not None
    assert log.wait_seconds(vault) == 0 and log.failure_count(vault) == 0


def test_strength_meter_prefers_long_passphrases() -> None:
    assert strength("") == 0
    assert strength("password") == 1
    assert strength("1234567890") == 1
    assert strength("correct horse battery staple") == 4
    assert strength("바다 고양이 연필 구름") >= 3


def test_safety_note_shows_once_and_can_be_skipped(gui, qtbot, config_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = gui.unlock_window
    assert window.safety.isVisible()
    assert "stalkerware" in window.safety_text.text()
    window.safety_skip.click()
    assert not window.safety.isVisible()
    assert Settings.load(config_dir / "settings.json").safety_note_seen


def test_time_stamp_authorities_can_be_turned_on_and_off(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    import json as _json
    import shutil

    from app.timestamp.config import SHIPPED_CONFIG, load_tsas

    # Two authorities on a closed local port: nothing here may reach the internet.
    pem = sorted(SHIPPED_CONFIG.parent.glob("*.pem"))[0]
    shutil.copy(pem, tmp_path / "root.pem")
    config = tmp_path / "tsa.json"
    config.write_text(
        _json.dumps(
            {
                "tsas": [
                    {"name": "Local A", "url": "http://127.0.0.1:9/a", "roots": ["root.pem"]},
                    {
                        "name": "Local B",
                        "url": "http://127.0.0.1:9/b",
                        "roots": ["root.pem"],
                        "enabled": False,
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))
    before = {t.url for t in load_tsas()}
    path = make_vault(tmp_path / "v.locker")
    unlock(gui, qtbot, path)
    gui.main_window.act_settings.trigger()
    dialog = gui.main_window.findChild(SettingsDialog)
    assert len(dialog.tsa_boxes) >= 2
    first = dialog.tsa_boxes[0]
    url = dialog.tsa_entries[0].url
    assert first.isChecked() == (url in before)
    first.setChecked(not first.isChecked())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    after = {t.url for t in load_tsas()}
    assert (url in after) != (url in before)
    assert after - {url} == before - {url}


def test_a_vault_at_the_suggested_place_opens_on_open_not_create(
    gui,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    """First run (no recent list, note not dismissed) offers 'Create a vault'; once a vault
    exists at the suggested place, the next start offers to open it instead of proposing
    evidence-2.locker as if nothing had been saved."""
    import platformdirs

    from app.ui.unlock_window import UnlockWindow

    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path))
    assert not gui.controller.settings.recent_vaults
    assert not gui.controller.settings.safety_note_seen
    first = UnlockWindow(gui.controller)
    qtbot.addWidget(first)
    assert first.create_tab.isChecked() and first.path_edit.text() == ""
    assert first.new_path_edit.text() == str(tmp_path / "evidence.locker")

    make_vault(tmp_path / "evidence.locker")
    again = UnlockWindow(gui.controller)
    qtbot.addWidget(again)
    assert again.open_tab.isChecked() and not again.create_tab.isChecked()
    assert again.path_edit.text() == str(tmp_path / "evidence.locker")
    assert again.new_path_edit.text() == str(tmp_path / "evidence-2.locker")


def test_grid_tiles_without_picture_name_the_file_type() -> None:
    from app.ui.grid_delegate import file_type_label

    assert file_type_label("statement.pdf") == "PDF"
    assert file_type_label("clip.MP4") == "MP4"
    assert file_type_label("README") == ""
    assert file_type_label(".hidden") == ""
    assert file_type_label("weird.name with space") == ""

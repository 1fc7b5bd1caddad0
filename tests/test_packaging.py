"""The installer recipes stay consistent with the app (fast; the real build and smoke
test are `packaging/build-linux` and `packaging/smoke-linux`, see README "Installers")."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import app
from app import platform as locker_platform
from app import resources

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPECS = [
    PACKAGING / "linux" / "evidence-locker.spec",
    PACKAGING / "windows" / "evidence-locker.spec",
    PACKAGING / "macos" / "evidence-locker.spec",
]
sys.path.insert(0, str(PACKAGING))
import spec_common  # noqa: E402


def test_every_resource_the_app_needs_is_shipped() -> None:
    shipped = {
        p.relative_to(spec_common.RESOURCES).as_posix() for p in spec_common.resource_files()
    }
    needed = set(spec_common.needed_resources())
    assert needed <= shipped, f"missing from the frozen build: {sorted(needed - shipped)}"
    # needed_resources() follows the app: every language it offers, every TSA root it trusts.
    from app.timestamp.config import SHIPPED_CONFIG, load_tsas
    from app.ui.i18n import SUPPORTED

    assert {f"i18n/app_{lang}.qm" for lang in SUPPORTED} <= shipped
    assert SHIPPED_CONFIG == resources.resource_path("tsa", "tsas.json")
    assert load_tsas(SHIPPED_CONFIG)  # the shipped list parses with its shipped roots
    datas = spec_common.resource_datas()
    assert all(dest.startswith("resources") for _src, dest in datas)
    assert ("i18n/app_ko.ts" not in shipped) and ("i18n/ko.json" not in shipped)


def test_every_spec_uses_the_shared_list_and_builds_both_executables() -> None:
    for spec in SPECS:
        text = spec.read_text(encoding="utf-8")
        for needle in (
            "common.resource_datas()",
            "common.font_datas()",
            "common.checker_datas()",
            'collect_submodules("app")',
            "common.keep_in_bundle",
            '"packaging" / "entry.py"',
            'name="locker"',
            "name=common.APP_ID",
        ):
            assert needle in text, f"{spec}: {needle}"
        compile(text, str(spec), "exec")
    # The checker copied into every bundle is shipped where a frozen build looks for it.
    [(source, dest)] = spec_common.checker_datas()
    assert Path(source).is_file() and dest == "resources/verifier"


def test_versions_match() -> None:
    assert spec_common.version() == app.__version__
    iss = (PACKAGING / "windows" / "evidence-locker.iss").read_text(encoding="utf-8")
    assert re.search(r'#define AppVersion "([^"]+)"', iss).group(1) == app.__version__  # type: ignore[union-attr]
    assert "version=common.version()" in SPECS[2].read_text(encoding="utf-8")


def test_scripts_are_executable() -> None:
    for name in ("build-linux", "smoke-linux", "linux/install.sh", "macos/make-dmg"):
        mode = (PACKAGING / name).stat().st_mode
        assert mode & stat.S_IXUSR, f"packaging/{name} is not executable"
    assert (PACKAGING / "entry.py").is_file()


def test_build_tools_are_pinned() -> None:
    reqs = (PACKAGING / "requirements-build.txt").read_text(encoding="utf-8").split("\n")
    pins = [r for r in reqs if r and not r.startswith("#")]
    assert pins and all("==" in r for r in pins)
    constraints = (PACKAGING / "constraints-linux.txt").read_text(encoding="utf-8")
    for pin in pins:
        assert pin.lower() in constraints.lower(), f"{pin} not in constraints-linux.txt"
    for package in ("pyside6", "sqlcipher3", "cryptography"):
        assert re.search(rf"^{package}==", constraints, re.M | re.I), package


def test_resource_path_in_a_checkout_and_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert resources.resource_path("tsa", "tsas.json") == ROOT / "resources" / "tsa" / "tsas.json"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert (
        resources.resource_path("i18n", "app_ko.qm")
        == tmp_path / "resources" / "i18n" / "app_ko.qm"
    )


def test_no_ad_hoc_resource_lookups_left() -> None:
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        if path.name == "resources.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"__file__\)?\.resolve\(\)\.parents?\[?\d*\]?\s*/\s*[\"']resources", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert not offenders, f"use app.resources.resource_path in {offenders}"


def test_pruning_keeps_what_qtwebengine_links() -> None:
    keep = spec_common.keep_in_bundle
    for lib in (
        "libQt6WebEngineCore.so.6",
        "libQt6Quick.so.6",
        "libQt6QuickWidgets.so.6",
        "libQt6Qml.so.6",
        "libQt6QmlModels.so.6",
        "libQt6Positioning.so.6",
        "libQt6WebChannel.so.6",
        "libQt6XcbQpa.so.6",
        "libQt6DBus.so.6",
    ):
        assert keep(f"PySide6/Qt/lib/{lib}"), lib
    assert not keep("PySide6/Qt/lib/libQt6Quick3D.so.6")
    assert not keep("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so")
    assert keep("PySide6/Qt/translations/qtwebengine_locales/ko.pak")
    assert not keep("PySide6/Qt/translations/qtwebengine_locales/de.pak")
    assert keep("PySide6/Qt/translations/qtbase_ko.qm")
    assert keep("PySide6/Qt/resources/qtwebengine_resources.pak")
    assert keep("PySide6/Qt/libexec/QtWebEngineProcess")


def _fake_unpacked(tmp_path: Path) -> Path:
    pkg = tmp_path / "pkg"
    (pkg / "evidence-locker").mkdir(parents=True)
    for name in ("evidence-locker", "locker"):
        exe = pkg / "evidence-locker" / name
        exe.write_text("#!/bin/sh\necho locker 0\n")
        exe.chmod(0o755)
    (pkg / "share").mkdir()
    for name in ("evidence-locker.svg", "notes.svg"):
        (pkg / "share" / name).write_bytes((ROOT / "resources" / "icons" / name).read_bytes())
    (pkg / "install.sh").write_bytes((PACKAGING / "linux" / "install.sh").read_bytes())
    (pkg / "install.sh").chmod(0o755)
    return pkg


def _install(pkg: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    return subprocess.run(
        ["sh", str(pkg / "install.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


@pytest.mark.skipif(os.name != "posix", reason="install.sh is for Linux")
def test_install_sh_normal_neutral_and_uninstall(tmp_path: Path) -> None:
    pkg, home = _fake_unpacked(tmp_path), tmp_path / "home"
    home.mkdir()
    _install(pkg, home)
    opt = home / ".local" / "opt" / "evidence-locker"
    desktop = (home / ".local/share/applications/evidence-locker.desktop").read_text(
        encoding="utf-8"
    )
    assert f'Exec="{opt}/evidence-locker"' in desktop and "Name=Evidence Locker" in desktop
    assert "StartupWMClass=evidence-locker" in desktop
    assert os.readlink(home / ".local/bin/locker") == str(opt / "locker")
    assert not list(home.rglob("autostart"))  # never starts by itself

    _install(pkg, home, "--neutral")
    neutral = (home / ".local/share/applications/notes.desktop").read_text(encoding="utf-8")
    assert "Name=Notes" in neutral and "Evidence" not in neutral and "증거" not in neutral
    assert "StartupWMClass=notes" in neutral  # the app's neutral application name
    assert (home / ".local/share/icons/hicolor/scalable/apps/notes.svg").is_file()

    _install(pkg, home, "--uninstall")
    _install(pkg, home, "--uninstall", "--neutral")
    assert not (home / ".local/opt" / "evidence-locker").exists()
    assert not (home / ".local/opt" / "notes").exists()
    assert not (home / ".local/bin/locker").exists()
    assert not list((home / ".local/share/applications").iterdir())


def test_platform_module_names_each_difference(monkeypatch: pytest.MonkeyPatch) -> None:
    assert locker_platform.system() in ("linux", "windows", "macos", "other")
    monkeypatch.setattr(sys, "platform", "win32")
    assert locker_platform.system() == "windows"
    assert locker_platform.memory_temp_dirs() == []  # no /dev/shm: the system temp folder
    assert locker_platform.window_listing() is None
    monkeypatch.setattr(sys, "platform", "linux")
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        assert locker_platform.private_temp_base() == Path("/dev/shm")
    from app.vault import keyring_store

    assert keyring_store._TRUSTED_PREFIXES == locker_platform.TRUSTED_KEYRING_BACKENDS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Installers", 1)[1]
    for topic in (
        "Folders",
        "Temporary storage",
        "Screen lock",
        "Window listing",
        "Keyring",
        "Core dumps",
    ):
        assert topic in section, topic

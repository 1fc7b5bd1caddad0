"""Which time-stamp authorities to use, and what to trust them with.

The list comes from the first of: ``$LOCKER_TSA_CONFIG``, ``tsa.json`` in the user's
config folder, the shipped ``resources/tsa/tsas.json``. Format::

    {"tsas": [{"name": "...", "url": "http://...", "roots": ["root.pem"],
               "untrusted": ["intermediate.pem"], "policy": "1.2.3", "enabled": true}]}

PEM paths are relative to the JSON file. Every enabled TSA stamps each batch, so two
enabled TSAs give two independent tokens (redundancy).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import NotFound, RejectedInput, os_failure
from app.resources import resource_path

CONFIG_ENV = "LOCKER_TSA_CONFIG"
SHIPPED_DIR = resource_path("tsa")
SHIPPED_CONFIG = SHIPPED_DIR / "tsas.json"
HASH_ALGORITHMS = ("sha256", "sha384", "sha512")


@dataclass(frozen=True)
class TSA:
    name: str
    url: str
    roots_pem: tuple[bytes, ...]
    untrusted_pem: tuple[bytes, ...] = ()
    policy: str | None = None
    hash_algorithm: str = "sha256"
    enabled: bool = True
    root_files: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "policy": self.policy,
            "hash_algorithm": self.hash_algorithm,
            "enabled": self.enabled,
            "roots": list(self.root_files),
        }


def user_config_path() -> Path:
    from app.platform import user_config_dir

    return user_config_dir() / "tsa.json"


def config_path() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    user = user_config_path()
    return user if user.exists() else SHIPPED_CONFIG


def _read_pem(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound(f"The certificate file {path} does not exist.") from exc
    except OSError as exc:
        raise os_failure(exc, f"Cannot read the certificate file {path}", RejectedInput) from exc
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise RejectedInput(f"{path} is not a PEM certificate file.")
    return data


def tsa_from_args(
    url: str,
    ca_files: list[Path],
    *,
    name: str | None = None,
    untrusted: list[Path] | None = None,
    policy: str | None = None,
    hash_algorithm: str = "sha256",
) -> TSA:
    """A TSA given on the command line (``--tsa URL --tsa-ca PEM``)."""
    if not url.startswith(("http://", "https://")):
        raise RejectedInput(f"The TSA address {url} is not an http:// or https:// URL.")
    if not ca_files:
        raise RejectedInput(f"No trust anchor for {url}: give its root with --tsa-ca PEM.")
    return TSA(
        name=name or url,
        url=url,
        roots_pem=tuple(_read_pem(p) for p in ca_files),
        untrusted_pem=tuple(_read_pem(p) for p in untrusted or []),
        policy=policy,
        hash_algorithm=hash_algorithm,
        root_files=tuple(str(p) for p in ca_files),
    )


def load_tsas(path: Path | None = None, *, include_disabled: bool = False) -> list[TSA]:
    """The configured TSAs (enabled ones unless ``include_disabled``)."""
    path = path or config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise NotFound(f"The TSA list {path} does not exist.") from exc
    except (OSError, ValueError) as exc:
        raise RejectedInput(f"The TSA list {path} is not readable JSON ({exc}).") from exc
    entries = data.get("tsas") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RejectedInput(f'The TSA list {path} has no "tsas" list.')
    tsas: list[TSA] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise RejectedInput(f"The TSA list {path} has an entry without a url.")
        enabled = bool(entry.get("enabled", True))
        if not enabled and not include_disabled:
            continue
        alg = str(entry.get("hash_algorithm", "sha256"))
        if alg not in HASH_ALGORITHMS:
            raise RejectedInput(f"{entry['url']}: hash algorithm {alg} is not supported.")
        roots = [str(r) for r in entry.get("roots", [])]
        tsa = tsa_from_args(
            entry["url"],
            [path.parent / r for r in roots],
            name=entry.get("name"),
            untrusted=[path.parent / str(u) for u in entry.get("untrusted", [])],
            policy=entry.get("policy"),
            hash_algorithm=alg,
        )
        tsas.append(
            TSA(
                tsa.name,
                tsa.url,
                tsa.roots_pem,
                tsa.untrusted_pem,
                tsa.policy,
                tsa.hash_algorithm,
                enabled,
                tuple(roots),
            )
        )
    return tsas


def all_configured() -> list[TSA]:
    """Every configured TSA including disabled ones; [] when the list is unreadable."""
    try:
        return load_tsas(include_disabled=True)
    except (NotFound, RejectedInput):
        return []


def trust_for(url: str, known: list[TSA] | None = None) -> TSA | None:
    """The trust settings for a TSA URL: from ``known`` (e.g. command line plus
    configured), else from the full configured list."""
    candidates = all_configured() if known is None else known
    return next((t for t in candidates if t.url == url), None)

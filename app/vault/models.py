"""Plain records returned by the vault. Times are RFC 3339 UTC strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any


def utc_now() -> str:
    return to_rfc3339(dt.datetime.now(dt.UTC))


def to_rfc3339(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times must be timezone-aware")
    utc = moment.astimezone(dt.UTC)
    return utc.isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_rfc3339(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class NewArtifact:
    """An artifact to store. ``source`` is a path, bytes, or a readable binary stream."""

    role: str
    name: str
    source: Path | bytes | IO[bytes]
    media_type: str = "application/octet-stream"


@dataclass
class NewItem:
    kind: str
    case: str
    title: str = ""
    source_url: str | None = None
    captured_at: str | None = None  # RFC 3339 UTC; defaults to now
    metadata: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    thumbnail_role: str | None = "original"  # which artifact the preview is made from


@dataclass
class Artifact:
    id: int
    role: str
    name: str
    media_type: str
    size: int
    sha256: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Annotation:
    kind: str
    text: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Item:
    id: int
    uid: str
    case: str
    kind: str
    title: str
    source_url: str | None
    captured_at: str
    created_at: str
    archived: bool
    archived_reason: str
    sha256: str | None  # of the main original (role 'original', else the first artifact)
    size: int
    metadata: dict[str, Any] = field(default_factory=dict)
    artifacts: list[Artifact] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    preview_note: str = ""
    read_only: bool = False

    @property
    def notes(self) -> list[str]:
        return [a.text for a in self.annotations if a.kind == "note"]

    @property
    def tags(self) -> list[str]:
        current: list[str] = []
        for a in self.annotations:
            if a.kind == "tag" and a.text not in current:
                current.append(a.text)
            elif a.kind == "untag" and a.text in current:
                current.remove(a.text)
        return current

    def summary_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "kind": self.kind,
            "case": self.case,
            "title": self.title,
            "sha256": self.sha256,
            "size": self.size,
            "captured_at": self.captured_at,
            "source_url": self.source_url,
            "archived": self.archived,
        }

    def to_json(self) -> dict[str, Any]:
        data = self.summary_json()
        data.update(
            created_at=self.created_at,
            archived_reason=self.archived_reason,
            metadata=self.metadata,
            artifacts=[a.to_json() for a in self.artifacts],
            notes=self.notes,
            tags=self.tags,
            annotations=[a.to_json() for a in self.annotations],
            preview=self.preview_note or "available",
            read_only=self.read_only,
        )
        return data


@dataclass
class CustodyEvent:
    seq: int
    at: str
    app_version: str
    event: str
    item_uid: str | None
    payload: dict[str, Any]
    payload_hash: str
    prev_hash: str
    entry_hash: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Case:
    id: int
    name: str
    origin: str
    read_only: bool
    item_count: int = 0

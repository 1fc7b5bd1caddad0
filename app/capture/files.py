"""File and folder import: every file stored bit-exact as its own item."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.errors import LockerError, NotFound
from app.vault import Vault
from app.vault.models import Item


def iter_import_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every regular file under named folders (sorted, not
    following symlinked folders). Missing paths raise NotFound before anything is stored."""
    paths = list(paths)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise NotFound(f"File not found: {path}")
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    candidate = Path(root) / name
                    if candidate.is_file():
                        yield candidate
        else:
            yield path


@dataclass
class ImportResult:
    path: Path
    item: Item | None
    error: LockerError | None


def import_files(
    vault: Vault,
    paths: Iterable[Path],
    case: str,
    note: str | None = None,
    source_url: str | None = None,
    on_result: Callable[[ImportResult], None] | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:
    """Import each file as one item (one transaction each). A file that cannot be read
    is reported and the rest continue."""
    results = []
    for path in iter_import_files(paths):
        if cancelled is not None and cancelled():
            break
        try:
            item = vault.add_file(
                path,
                case=case,
                note=note,
                source_url=source_url,
                progress=progress,
                cancelled=cancelled,
            )
            result = ImportResult(path, item, None)
        except LockerError as exc:
            result = ImportResult(path, None, exc)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results

"""``open-bundle``: unseal a bundle into a plain BagIt folder, after verifying it.

Files are written under a temporary sibling folder and renamed into place at the end, so
a failure leaves nothing half-written; folders are 0700 and files 0600 (app.atomic). Only
members the manifests list are written, each as a new file strictly inside the folder
(names were checked when the zip was opened).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from app import atomic, drives
from app.bundle.errors import BundleInvalid, BundleRejected
from app.bundle.safezip import DEFAULT_LIMITS, Limits
from app.bundle.verify import BundleReport, Progress, opened
from app.errors import UsageError


def open_bundle(
    path: Path,
    out: Path,
    *,
    passphrase: str | None = None,
    identities: list[Any] | None = None,
    force: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> tuple[BundleReport, list[Path]]:
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} exists and is not an empty folder; choose a new folder.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    tmp = out.parent / f".{out.name}.{uuid.uuid4().hex[:8]}.partial"
    written: list[Path] = []
    with opened(path, passphrase, identities, limits, progress) as (z, vb):
        if not vb.report.ok and not force:
            raise BundleInvalid(
                "The bundle does not verify; nothing was written (see `locker verify-bundle`)."
            )
        sizes = [z.size(name) for name in z.names]
        drives.check_room(
            out.parent, sum(sizes), largest=max(sizes, default=0), what="opened bundle"
        )
        try:
            atomic.mkdir_private(tmp)
            root = tmp.resolve()
            for name in z.names:
                target = (tmp / name).resolve()
                if root not in target.parents:
                    raise BundleRejected(
                        f"Bundle member '{name[:120]}' would land outside the folder."
                    )
                atomic.mkdir_private(target.parent, exist_ok=True)
                with os.fdopen(atomic.create_private(target), "wb") as fh:
                    for block in z.iter_blocks(name):
                        fh.write(block)
                    fh.flush()
                    os.fsync(fh.fileno())
                written.append(out / name)
            if out.exists():
                out.rmdir()
            atomic.place_new(tmp, out)
        except FileExistsError as exc:
            raise UsageError(f"{out} appeared meanwhile; nothing was written over it.") from exc
        except OSError as exc:
            raise drives.write_failure(exc, out.parent, f"folder {out.name}") from exc
        finally:
            with contextlib.suppress(OSError):
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
    return vb.report, written

"""Web capture benchmark: pages per minute for a batch, and single-capture times.

Run: .venv/bin/python -m tests.bench.bench_capture [COUNT]   (offscreen; prints, no asserts)

Serves synthetic pages from 127.0.0.1 and captures, with the product's default timings:
a batch of COUNT short pages (full PNG, MHTML, PDF, text, stored in a vault), one page
19,000 px tall, and one 20 MB image URL.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    from app.capture.qt_app import ensure_app

    ensure_app()
    from app.capture.batch import BatchCapture
    from app.capture.web import capture_url
    from app.capture.web_store import store_capture
    from app.vault import Vault
    from tests.capture.conftest import _handler, big_png

    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(big_png(), {}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp, Vault.create(Path(tmp) / "b.locker", "pw") as vault:
        batch = BatchCapture(vault, "Bench")
        start = time.perf_counter()
        batch.start([f"{base}/page/{n}" for n in range(count)])
        batch.wait()
        batch.shutdown()
        took = time.perf_counter() - start
        print(
            f"batch: {count} pages in {took:.1f} s ({count / took * 60:.0f} pages/min, "
            f"{took / count:.2f} s each)"
        )
        for label, path in (("tall page (19,000 px)", "/verytall"), ("20 MB image", "/big.png")):
            start = time.perf_counter()
            result = capture_url(base + path)
            item = store_capture(vault, result, "Bench")
            print(
                f"{label}: {time.perf_counter() - start:.2f} s, stored {item.size:,} bytes "
                f"as item {item.id}"
            )
    server.shutdown()


if __name__ == "__main__":
    main()

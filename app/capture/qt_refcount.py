"""A work-around for a reference-count bug in PySide6's ``SignalInstance``.

In PySide6 6.12.0, ``SignalInstance.emit(...)`` and ``SignalInstance.disconnect(...)``
return ``True``/``False`` without taking a reference to it. Every Python call of them
therefore releases one reference to the bool that Python never gave away; in a long
capture batch (about 7 emits a page) ``True``'s count reaches zero and CPython aborts with
``Fatal Python error: bool_dealloc`` (SIGABRT). Signals Qt emits from C++ are not
affected, only calls from Python.

:func:`install` checks once whether the running PySide6 has the bug (it counts the
references to ``True`` around a few calls on a private object) and, only then, wraps the
two methods so that each returned bool gets the reference it lacks. It is idempotent and
cheap; app start-up, headless capture and the capture modules call it.

The same PySide6 has a wider form of the bug: **every** call of a method that returns
nothing (``setText``, ``resize``, ``update``, ``processEvents``, ...) releases a reference to
``None`` that it never took. None starts with some ten thousand references, so a long
capture batch (about 1,000 pages) or a long session in the app ended with ``Fatal Python
error: none_dealloc`` (SIGABRT). Those methods are too many to wrap. ``None`` is never
freed in a running interpreter, so when the probe shows the bug, :func:`install` gives
``None`` a reserve of 2**48 references (what CPython 3.12 does for all its immortal
objects): at a million such calls a second, it would last nine years.
"""

from __future__ import annotations

import ctypes
import sys
import warnings
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16
_state: dict[str, bool] = {}


class _Probe(QObject):
    ping = Signal()


def _borrowed(call: Callable[[], object]) -> bool:
    """Whether ``call`` returns a bool without a reference of its own."""
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(_PROBES):
        call()  # the result is dropped at once: one release for each call
    after = sys.getrefcount(True) + sys.getrefcount(False)
    # Other threads may move the counts a little; a real bug moves them by _PROBES.
    return before - after >= _PROBES // 2


NONE_RESERVE = 1 << 48


def _none_borrowed() -> bool:
    """Whether a Python call of a method returning nothing releases a reference to None."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= _PROBES // 2


def _reserve_none() -> None:
    # The GIL is held here, so no other thread changes None's count meanwhile.
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += NONE_RESERVE


def _give_reference(result: object) -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


def _wrap(original: Callable[..., Any]) -> Callable[..., Any]:
    def fixed(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if type(result) is bool:
            _give_reference(result)
        return result

    fixed.__name__ = original.__name__
    fixed.__doc__ = original.__doc__
    return fixed


def install() -> dict[str, bool]:
    """Patch the affected ``SignalInstance`` methods and give None its reserve if this
    PySide6 needs it; returns what was found broken (for tests and diagnostics)."""
    if _state:
        return dict(_state)
    probe = _Probe()

    def disconnect_once() -> None:
        def slot() -> None:
            return None

        probe.ping.connect(slot)
        probe.ping.disconnect(slot)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _state["emit"] = _borrowed(probe.ping.emit)
        _state["disconnect"] = _borrowed(disconnect_once)
        _state["none"] = _none_borrowed()
    if _state["none"]:
        _reserve_none()
    for name, broken in _state.items():
        if broken and name != "none":
            setattr(SignalInstance, name, _wrap(getattr(SignalInstance, name)))
            for _ in range(_PROBES):  # give back what the probe itself released
                _give_reference(True)
    return dict(_state)

"""Untrusted JSON: a strict, bounded loader and a small declarative shape check.

``loads`` refuses what Python's ``json`` would accept but no document of ours contains:
NaN and Infinity, numbers of absurd size (a 5,000-digit integer, ``1e999``), duplicate
keys, and nesting deeper than ``max_depth`` (deep nesting is refused, never a
RecursionError). ``check(value, shape)`` then validates every member's type, range and
size against a declared shape (``Obj``, ``Seq``, ``Str``, ``Int``, ...), so code after it
can index documents without defending each access. Both raise :class:`JSONRejected`
(a ValueError) with a short message naming the member.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 32
MAX_INT_DIGITS = 40
MAX_FLOAT_CHARS = 40
MAX_CONTAINERS = 500_000


class JSONRejected(ValueError):
    """Untrusted JSON that is malformed, too big or deep, or of the wrong shape."""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JSONRejected(f"a number has more than {MAX_INT_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= MAX_FLOAT_CHARS else math.inf
    if not math.isfinite(value):
        raise JSONRejected("a number is out of range")
    return value


def _constant(name: str) -> Any:
    raise JSONRejected(f"{name} is not allowed")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JSONRejected(f"key '{key[:40]}' appears twice")
        out[key] = value
    return out


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse untrusted JSON strictly (see the module docstring)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONRejected("not UTF-8 text") from exc
    if text.count("[") + text.count("{") > MAX_CONTAINERS:
        raise JSONRejected("too many nested or listed values")
    try:
        value = json.loads(
            text,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
            object_pairs_hook=_pairs,
        )
    except JSONRejected:
        raise
    except RecursionError as exc:
        raise JSONRejected(f"nested deeper than {max_depth} levels") from exc
    except ValueError as exc:
        raise JSONRejected(f"not valid JSON ({str(exc)[:120]})") from exc
    _check_depth(value, max_depth)
    return value


def _check_depth(value: Any, max_depth: int) -> None:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > max_depth:
                raise JSONRejected(f"nested deeper than {max_depth} levels")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


# -- shapes ------------------------------------------------------------------------------


class Shape:
    """A JSON value's expected shape; ``check`` raises JSONRejected naming ``where``."""

    def check(self, value: Any, where: str) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class AnyJSON(Shape):
    """Any value (already bounded in depth and size by ``loads``)."""

    def check(self, value: Any, where: str) -> None:
        return None


@dataclass(frozen=True)
class Null(Shape):
    def check(self, value: Any, where: str) -> None:
        if value is not None:
            raise JSONRejected(f"{where} must be null")


@dataclass(frozen=True)
class Bool(Shape):
    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, bool):
            raise JSONRejected(f"{where} must be true or false")


@dataclass(frozen=True)
class Int(Shape):
    lo: int = 0
    hi: int = 2**53

    def check(self, value: Any, where: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise JSONRejected(f"{where} must be a whole number")
        if not self.lo <= value <= self.hi:
            raise JSONRejected(f"{where} is out of range")


@dataclass(frozen=True)
class Str(Shape):
    max_len: int = 1000
    pattern: str | None = None
    min_len: int = 0

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, str):
            raise JSONRejected(f"{where} must be text")
        if not self.min_len <= len(value) <= self.max_len:
            raise JSONRejected(f"{where} is too long or too short")
        if "\x00" in value:
            raise JSONRejected(f"{where} holds a NUL character")
        if self.pattern is not None and not re.fullmatch(self.pattern, value, re.ASCII):
            raise JSONRejected(f"{where} is not in the expected form")


@dataclass(frozen=True)
class OneOf(Shape):
    options: tuple[Shape, ...]

    def check(self, value: Any, where: str) -> None:
        errors = []
        for option in self.options:
            try:
                option.check(value, where)
                return
            except JSONRejected as exc:
                errors.append(str(exc))
        raise JSONRejected(errors[0] if errors else f"{where} is not allowed")


@dataclass(frozen=True)
class Seq(Shape):
    item: Shape
    max_items: int = 10_000
    min_items: int = 0

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, list):
            raise JSONRejected(f"{where} must be a list")
        if not self.min_items <= len(value) <= self.max_items:
            raise JSONRejected(f"{where} has too many or too few entries")
        for n, item in enumerate(value):
            self.item.check(item, f"{where}[{n}]")


@dataclass(frozen=True)
class Obj(Shape):
    """An object: ``fields`` are checked when present, ``required`` must be present,
    other keys must match ``extra`` (any value by default) and at most ``max_keys``."""

    fields: Mapping[str, Shape] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    extra: Shape = AnyJSON()
    max_keys: int = 1000
    key: Str = Str(200)

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise JSONRejected(f"{where} must be an object")
        if len(value) > self.max_keys:
            raise JSONRejected(f"{where} has too many members")
        for name in self.required:
            if name not in value:
                raise JSONRejected(f"{where} has no '{name}'")
        for name, item in value.items():
            self.key.check(name, f"{where} key")
            self.fields.get(name, self.extra).check(item, f"{where}.{name}")


def check(value: Any, shape: Shape, where: str = "the document") -> Any:
    """``value`` when it has ``shape``; raises JSONRejected otherwise."""
    shape.check(value, where)
    return value


def opt(shape: Shape) -> Shape:
    """``shape`` or null."""
    return OneOf((shape, Null()))

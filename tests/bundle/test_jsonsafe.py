"""The strict loader and shape checks every bundle document goes through."""

from __future__ import annotations

import pytest

from app.jsonsafe import Int, JSONRejected, Obj, Seq, Str, check, loads


@pytest.mark.parametrize(
    "text",
    [
        '{"a": NaN}',
        '{"a": Infinity}',
        '{"a": -Infinity}',
        '{"a": 1e999}',
        '{"a": ' + "9" * 41 + "}",
        '{"a": 1, "a": 2}',
        "[" * 33 + "]" * 33,
        "[" * 100_000 + "]" * 100_000,
        b'{"a": "\xff"}',
        '{"a": 1',
        "",
    ],
)
def test_loader_refuses(text: str | bytes) -> None:
    with pytest.raises(JSONRejected):
        loads(text)


def test_loader_accepts_ordinary_documents() -> None:
    assert loads('{"a": [1, 2.5, "x", null, true], "b": {"c": ""}}') == {
        "a": [1, 2.5, "x", None, True],
        "b": {"c": ""},
    }
    assert loads("[" * 32 + "]" * 32) is not None


def test_shapes() -> None:
    shape = Obj({"n": Int(1, 10), "s": Str(3, r"[a-z]+"), "l": Seq(Int(), 2)}, required=("n",))
    assert check({"n": 1, "s": "ab", "l": [0, 1], "other": {"x": 1}}, shape)
    for bad in (
        {},
        {"n": True},
        {"n": 11},
        {"n": "1"},
        {"n": 1, "s": "²"},
        {"n": 1, "s": "abcd"},
        {"n": 1, "s": "a\x00"},
        {"n": 1, "l": [0, 1, 2]},
        {"n": 1, "l": [[0]]},
        [1],
    ):
        with pytest.raises(JSONRejected):
            check(bad, shape)

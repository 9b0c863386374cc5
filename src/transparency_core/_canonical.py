r"""Canonical JSON: one byte string for one JSON value, and its SHA-256 digest.

Keys sorted, no white space, every character outside ASCII written as a ``\uXXXX``
escape (so a lone surrogate has one form too), no NaN: the same value gives the same
bytes in every process and on every machine, whatever the order its keys came in. Each
record's digest in the canonical ledger and the seal of a report's settings are
SHA-256 digests of this form (see the reference page "The report as JSON").
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CANONICAL_LEDGER", "canonical_json", "canonical_string", "canonical_text", "sha256"]

CANONICAL_LEDGER = "urn:transparency-core:canonical-ledger:2"
"""The name of the canonical form of a ledger that a report's digest is of: version 2,
the sorted SHA-256 digests of its records (``_edge._digest``). Version 1, the canonical
JSON of the list of every record, was never released: it could not be computed in one
pass in bounded memory."""


canonical_string: Callable[[str], str] = json.encoder.encode_basestring_ascii
r"""The canonical JSON of a text: the escape the encoder writes every text and key with.

In quotes, ``"`` and ``\`` escaped, and every character outside printable ASCII as its
short escape (``\n``) or ``\uXXXX``: the C accelerator's function, or else the standard
library's Python one, which write the same. A subclass of :class:`str` is written as
its text, as the encoder writes it; anything else raises :class:`TypeError`."""

_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
)
"""The definition: ``json.dumps(value, **those options)`` is ``_ENCODER.encode(value)``."""


def _one_shot() -> Callable[[object], str]:
    """``_ENCODER.encode``, or what it calls, made once rather than on every call.

    ``JSONEncoder.encode`` makes the C encoder of its options anew on each call (some
    2 microseconds, an eighth of a record's digest); this is that encoder, made once,
    without the circular check (a value made of records is a tree: a circular one
    exhausts the recursion instead). Without the C accelerator, the definition itself.
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return _ENCODER.encode
    # The arguments JSONEncoder.iterencode passes it, but the markers of the check.
    encode = make(
        None,
        _ENCODER.default,
        canonical_string,
        _ENCODER.indent,
        _ENCODER.key_separator,
        _ENCODER.item_separator,
        _ENCODER.sort_keys,
        _ENCODER.skipkeys,
        _ENCODER.allow_nan,
    )
    return lambda value: "".join(encode(value, 0))


_encode = _one_shot()


def canonical_text(value: object) -> str:
    """The canonical JSON of ``value``, as a :class:`str`: what :func:`canonical_json` encodes.

    Example:
        >>> canonical_text({"b": True, "a": [None]})
        '{"a":[null],"b":true}'
    """
    return _encode(value)


def canonical_json(value: object) -> bytes:
    r"""The canonical JSON of ``value``, as ASCII bytes.

    It is ``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
    allow_nan=False)`` encoded, byte for byte (tests/test_shortest.py).

    Example:
        >>> canonical_json({"b": [1, "é"], "a": None})
        b'{"a":null,"b":[1,"\\u00e9"]}'
    """
    return _encode(value).encode("ascii")


def sha256(value: object) -> str:
    """The SHA-256 of the canonical JSON of ``value``, in hexadecimal.

    Example:
        >>> sha256({"b": 1, "a": 2}) == sha256({"a": 2, "b": 1})
        True
    """
    return hashlib.sha256(canonical_json(value)).hexdigest()

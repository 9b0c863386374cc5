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

__all__ = ["CANONICAL_LEDGER", "canonical_json", "sha256"]

CANONICAL_LEDGER = "urn:transparency-core:canonical-ledger:2"
"""The name of the canonical form of a ledger that a report's digest is of: version 2,
the sorted SHA-256 digests of its records (``_edge._digest``). Version 1, the canonical
JSON of the list of every record, was never released: it could not be computed in one
pass in bounded memory."""


def canonical_json(value: object) -> bytes:
    r"""The canonical JSON of ``value``, as ASCII bytes.

    Example:
        >>> canonical_json({"b": [1, "é"], "a": None})
        b'{"a":null,"b":[1,"\\u00e9"]}'
    """
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )
    return text.encode("ascii")


def sha256(value: object) -> str:
    """The SHA-256 of the canonical JSON of ``value``, in hexadecimal.

    Example:
        >>> sha256({"b": 1, "a": 2}) == sha256({"a": 2, "b": 1})
        True
    """
    return hashlib.sha256(canonical_json(value)).hexdigest()

"""Counting a part quickly: no cyclic collection meanwhile, and json only when it differs.

Part of the command line's out-of-core counter (:mod:`transparency_core._cli._filecount`).
"""

from __future__ import annotations

import contextlib
import gc
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["may_hold_long_number", "no_cycle_collection"]


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection while a part is counted (as :mod:`timeit` times).

    A context, or a decorator of the function that counts a part.

    Reading a part makes many objects that live until it is counted, and no cycles: the
    collector would walk them again and again to free nothing. Reference counting frees
    them as ever; the collector runs again after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_LONG_NUMBER = re.compile(rb"\d{19}")
"""Digits enough for an integer past 64 bits: orjson reads it as a float, json does not."""


def may_hold_long_number(lines: Iterable[bytes]) -> bool:
    """Whether one of ``lines`` may hold a number that orjson and json read apart.

    Only an integer past 64 bits is read differently, and it has at least 19 digits
    (a string of as many digits says yes too: the answer errs on the safe side).

    Example:
        >>> may_hold_long_number([b'{"id": "A-1"}', b'{"n": 12345678901234567890}'])
        True
        >>> may_hold_long_number([b'{"id": "A-1"}'])
        False
    """
    search = _LONG_NUMBER.search
    return any(search(line) for line in lines)

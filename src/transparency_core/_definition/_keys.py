"""A table of the report definition read key by key, every bad value kept with its path.

A :class:`Keys` reads one TOML table (the whole file, ``[rounding]``, ``output[2]``...):
each read checks one value and, when it is wrong, records a
:class:`~transparency_core.exceptions.FieldError` at the key's path
(``disclosure.suppress_below``) and goes on, so that a definition's problems are all
reported at once. :meth:`Keys.done` adds every key that was never read: an unknown key
(a typo) is an error, never silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import attrs

from transparency_core.exceptions import MISSING, FieldError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["Keys"]

_T = TypeVar("_T")


@attrs.define
class Keys:
    """One table of a definition, its keys read one at a time, its errors collected.

    Example:
        >>> errors = []
        >>> rounding = Keys({"places": "two", "mood": "floor"}, "rounding", errors)
        >>> rounding.integer("places", default=0), rounding.text("mode")
        (0, None)
        >>> rounding.done()
        >>> [str(error) for error in errors]  # doctest: +NORMALIZE_WHITESPACE
        ["rounding.places: expected a whole number of 0 or more, got 'two'",
         "rounding.mood: expected one of the keys places, mode, got 'floor'"]
    """

    data: Mapping[str, object]
    path: str
    errors: list[FieldError]
    _read: list[str] = attrs.field(factory=list, alias="read")

    def at(self, key: str | int) -> str:
        """The path of ``key`` in this table: ``disclosure.band_width``, ``output[1]``."""
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str | int, expected: str, got: object, item: int | None = None) -> None:
        """Record that ``key`` (its ``item``, of a list) holds ``got``, not ``expected``."""
        path = self.at(key) if item is None else f"{self.at(key)}[{item}]"
        self.errors.append(FieldError(path, expected, got))

    def required(self, key: str) -> str | None:
        """A text the table must hold (:meth:`text`)."""
        if key not in self.data:
            self.value(key)
            self.fail(key, "a value: the key is required", MISSING)
            return None
        return self.text(key)

    def names(self, key: str, known: Sequence[str]) -> tuple[str, ...] | None:
        """A list of names (:meth:`texts`), each one of ``known``; the unknown are left out."""
        named = self.texts(key)
        if named is None:
            return None
        for index, name in enumerate(named):
            if name not in known:
                self.fail(key, "one of " + ", ".join(known), name, index)
        return tuple(name for name in named if name in known)

    def has(self, key: str) -> bool:
        """Whether the table holds ``key`` (reading it)."""
        self._read.append(key)
        return key in self.data

    def value(self, key: str) -> object:
        """The value of ``key`` as it came (:data:`MISSING` when absent), marked read."""
        self._read.append(key)
        return self.data.get(key, MISSING)

    def checked(
        self, key: str, check: Callable[[object], _T | None], expected: str, default: _T
    ) -> _T:
        """The value of ``key`` as ``check`` makes it, ``default`` when absent or wrong.

        ``check`` returns ``None`` for a value it refuses.
        """
        got = self.value(key)
        if got is MISSING:
            return default
        made = check(got)
        if made is None:
            self.fail(key, expected, got)
            return default
        return made

    def text(self, key: str, default: str | None = None) -> str | None:
        """A string of at least one character, not only white space."""
        return self.checked(key, _text, "a text, not empty", default)

    def flag(self, key: str, *, default: bool = False) -> bool:
        """``true`` or ``false``."""
        return self.checked(key, _flag, "true or false", default)

    def integer(
        self, key: str, *, default: int | None = None, least: int = 0, most: int | None = None
    ) -> int | None:
        """A whole number of at least ``least`` (and at most ``most``, if given)."""

        def whole(got: object) -> int | None:
            if type(got) is not int or got < least or (most is not None and got > most):
                return None
            return got

        if most is not None:
            expected = f"a whole number from {least} to {most}"
        elif least == 1:
            expected = "a positive whole number"
        else:
            expected = f"a whole number of {least} or more"
        return self.checked(key, whole, expected, default)

    def texts(self, key: str) -> tuple[str, ...] | None:
        """A list of texts, each named once; ``None`` when absent or wrong."""
        got = self.value(key)
        if got is MISSING:
            return None
        if not isinstance(got, list) or not all(_text(item) for item in got):
            self.fail(key, 'a list of texts, such as ["device", "account"]', got)
            return None
        if len(set(got)) < len(got):
            self.fail(key, "a list naming each once", got)
            return None
        return tuple(got)

    def date(self, key: str, parse: Callable[[str], date]) -> date | None:
        """A TOML date, or a text that ``parse`` reads (its error is kept, at ``key``)."""
        got = self.value(key)
        if got is MISSING:
            return None
        if type(got) is date:
            return got
        if not isinstance(got, str):
            self.fail(key, "a date, YYYY-MM-DD or YYYY-MM", got)
            return None
        try:
            return parse(got)
        except FieldError as error:
            self.fail(key, error.expected, got)
            return None

    def table(self, key: str) -> Keys | None:
        """The table under ``key``; ``None`` when absent or not a table."""
        got = self.value(key)
        if got is MISSING:
            return None
        if not isinstance(got, Mapping):
            self.fail(key, f"a table, [{self.at(key)}]", got)
            return None
        return Keys(got, self.at(key), self.errors)

    def tables(self, key: str) -> list[Keys]:
        """The array of tables under ``key`` (``[[output]]``); empty when absent or wrong."""
        got = self.value(key)
        if got is MISSING:
            return []
        if not isinstance(got, list) or not all(isinstance(item, Mapping) for item in got):
            self.fail(key, f"an array of tables, [[{self.at(key)}]]", got)
            return []
        return [
            Keys(item, f"{self.at(key)}[{index}]", self.errors) for index, item in enumerate(got)
        ]

    def done(self) -> None:
        """Record every key of the table that was not read: an unknown key."""
        known = list(dict.fromkeys(self._read))
        for key, got in self.data.items():
            if key not in known:
                self.fail(key, f"one of the keys {', '.join(known)}", got)


def _text(got: object) -> str | None:
    return got if isinstance(got, str) and got.strip() else None


def _flag(got: object) -> bool | None:
    return got if isinstance(got, bool) else None

"""Identifiers packed flat (type, value, subject, type, ...) and what a request counts of them.

A reader that checked a record's identifiers by the checks of ``Identifier`` hands a
request these texts instead of :class:`~transparency_core.Identifier` objects; the
request keeps them as a plain tuple, counts its subjects and repeats from them, packed
or not, and builds the objects only when they are asked for. A plain tuple of texts is
one that CPython's cyclic garbage collector stops tracking the first time it looks at
it; a subclass of tuple, or a tuple of objects, it walks at every full collection.
"""

from __future__ import annotations

import itertools
from operator import attrgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["REPEATS", "SUBJECTS", "Counted", "PackedIdentifiers", "counted", "flat", "is_packed"]

_TRIPLE = attrgetter("type", "value", "subject")


class PackedIdentifiers(tuple[str | None, ...]):
    """A request's identifiers, already checked, flat: type, value, subject, type, ...

    What a caller hands ``Request(identifiers=...)`` instead of
    :class:`~transparency_core.Identifier` objects, for identifiers it checked by the
    same rules (``_edge._values.texts``: those of ``text`` and of ``identifier_problem``,
    over all its texts at once). The request keeps the texts as a plain tuple (which is
    how the readers, through ``_assemble.assembled``, hand them over), counts its
    subjects from them, and builds its ``identifiers`` only when they are asked for.
    """

    __slots__ = ()


def is_packed(identifiers: tuple[Any, ...]) -> bool:
    """Whether a request's identifiers are kept packed: texts, not ``Identifier`` objects.

    A packed tuple starts with a type's text; a tuple of identifiers with an identifier.
    (No identifiers at all are the same either way.)

    Example:
        >>> is_packed(("imei", "490154203237518", None)), is_packed(())
        (True, False)
    """
    return bool(identifiers) and type(identifiers[0]) is str


def flat(identifiers: tuple[Any, ...]) -> tuple[str | None, ...]:
    """The type, value and subject of each identifier, one after another, packed or not."""
    if not identifiers or is_packed(identifiers):
        return identifiers
    return tuple(itertools.chain.from_iterable(map(_TRIPLE, identifiers)))


def counted(texts: tuple[str | None, ...]) -> tuple[int, tuple[int, ...]]:
    """How many subjects identifiers packed flat name, and which of them are repeats.

    The subjects are the distinct ``subject_key`` of the identifiers; a repeat has the
    type and value of an earlier identifier, and its position is given.

    Example:
        >>> counted(("imei", "1", "phone", "serial_number", "2", "phone"))
        (1, ())
        >>> counted(("imei", "1", None, "imei", "2", None, "imei", "1", None))
        (2, (2,))
    """
    if len(texts) == 3:  # noqa: PLR2004 -- one identifier
        return 1, ()
    values = texts[1::3]
    # subject_key, in short and at C speed: a named subject is its name (a string), an
    # unnamed one its identifier (a tuple), and a string never equals a tuple.
    subjects = set(texts[2::3])
    count = len(subjects)
    if None in subjects:
        unnamed = zip(texts[0::3], values, texts[2::3], strict=True)
        count += len({(kind, value) for kind, value, subject in unnamed if subject is None}) - 1
    # Usually every value differs, and then no identifier can repeat another.
    if len(set(values)) == len(values):
        return count, ()
    seen: set[tuple[str | None, str | None]] = set()
    found: list[int] = []
    for index, key in enumerate(zip(texts[0::3], values, strict=True)):
        if key in seen:
            found.append(index)
        seen.add(key)
    return count, tuple(found)


class Counted:
    """What a request counts of its identifiers, worked out once and kept in two slots.

    The base of :class:`~transparency_core.Request`: its subjects and repeated
    identifiers, set when it is built (by ``__attrs_post_init__``) and when it is
    unpickled or copied, as a pickle holds only the fields: the ``__setstate__`` of
    each class below (attrs' own) is followed by :meth:`_work_out`. Plain slots, not
    cached properties, which attrs implements with a ``__getattr__`` on the class: with
    one, every attribute read of every request takes CPython's slow path, four times
    the cost of reading a slot.
    """

    # The weak reference's slot is here, not after the request's fields, so that a
    # request's own slots are its fields alone: _assemble's twin of the class has them.
    __slots__ = ("__weakref__", "_repeated_identifiers", "_subject_count")
    _subject_count: int
    _repeated_identifiers: tuple[int, ...]
    identifiers: tuple[Any, ...]

    def _work_out(self, identifiers: tuple[Any, ...]) -> None:
        """Count the subjects and repeats of ``identifiers`` (packed or not) into the slots."""
        subjects, repeats = counted(flat(identifiers))
        _SET_SUBJECTS(self, subjects)
        _SET_REPEATS(self, repeats)

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Follow the class's own ``__setstate__`` by the subjects and repeats worked out."""
        super().__init_subclass__(**kwargs)
        setstate = cls.__dict__.get("__setstate__")
        if setstate is None:
            return

        def restored(self: Counted, state: object) -> None:
            setstate(self, state)
            self._work_out(self.identifiers)

        restored.__doc__ = setstate.__doc__
        setattr(cls, "__setstate__", restored)  # noqa: B010 -- mypy: no method assigned


_SET_SUBJECTS = Counted.__dict__["_subject_count"].__set__
_SET_REPEATS = Counted.__dict__["_repeated_identifiers"].__set__
SUBJECTS: Callable[[Any], int] = attrgetter("_subject_count")
"""A request's ``subject_count``, read from its slot without a call (for counting loops)."""
REPEATS: Callable[[Any], tuple[int, ...]] = attrgetter("_repeated_identifiers")
"""A request's ``repeated_identifiers``, read from its slot without a call."""

"""The base of every error transparency_core raises (its public face: ``exceptions``)."""

from __future__ import annotations

from typing import Any, ClassVar

from transparency_core._ledgertext import printable

__all__ = ["TransparencyError"]


class TransparencyError(Exception):
    """The base class of every error raised by transparency_core.

    :meth:`to_dict` gives the error as JSON-ready data, for a service's response body:
    its ``type``, its ``message``, and the attributes of its kind.

    Example:
        >>> from transparency_core import ReportingPeriod
        >>> try:
        ...     ReportingPeriod.parse("2020-H3")
        ... except TransparencyError as error:
        ...     print(type(error).__name__, error.to_dict()["type"])
        FieldError field_error
    """

    code: ClassVar[str] = "transparency_error"
    """The error's kind in :meth:`to_dict`: its class name in snake case."""

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data: ``json.dumps`` takes it, whatever came.

        Example:
            >>> from transparency_core.exceptions import NoProvenanceError
            >>> NoProvenanceError("no ids").to_dict()
            {'type': 'no_provenance_error', 'message': 'no ids'}
        """
        return {"type": self.code, "message": printable(str(self))}

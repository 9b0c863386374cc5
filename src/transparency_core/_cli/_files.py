"""The command line's files: a definition and its theme read, outputs written atomically.

A report file is written whole or not at all: to a temporary file beside it, then
renamed over it (``os.replace``, atomic on one file system), so that a reader never
sees half a report, and an error or a signal (which raises, see ``_main``) leaves no
temporary file behind. A symbolic link is followed (its target is replaced, the link
stays), and a path that is not a regular file (a device such as ``/dev/null``, a FIFO)
is written in place, as a shell's ``>`` would: neither is ever replaced by a file.
Every failure is a :class:`~._options.BadInputError` naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from transparency_core._cli._options import BadInputError
from transparency_core._definition import load_definition
from transparency_core._render import visible
from transparency_core.exceptions import InvalidDefinitionError

if TYPE_CHECKING:
    from transparency_core._definition import ReportDefinition

__all__ = ["read_bytes", "read_definition", "read_theme", "write_atomically"]

_LARGEST_TEXT = 1024 * 1024
"""The largest definition or CSS file read: anything longer is not one."""


def read_bytes(path: Path, what: str, most: int = _LARGEST_TEXT) -> bytes:
    """The bytes of the file at ``path``, at most ``most`` of them."""
    try:
        with path.open("rb") as stream:
            data = stream.read(most + 1)
    except OSError as error:
        msg = f"{what}: cannot read {visible(str(path))}: {error.strerror or error}"
        raise BadInputError(msg) from None
    if len(data) > most:
        msg = f"{what}: {visible(str(path))} is larger than {most // 1024} KiB"
        raise BadInputError(msg)
    return data


def _text(path: Path, what: str) -> str:
    """The UTF-8 text of the file at ``path`` (a byte order mark skipped)."""
    try:
        return read_bytes(path, what).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = (
            f"{what}: {visible(str(path))} is not UTF-8 text: {error.reason} at byte {error.start}"
        )
        raise BadInputError(msg) from None


def read_definition(path: Path) -> ReportDefinition:
    """The report definition in the file at ``path``, every problem said at once."""
    text = _text(path, "--config")
    try:
        return load_definition(text)
    except InvalidDefinitionError as error:
        msg = f"{visible(str(path))}: {error.describe()}"
        raise BadInputError(msg) from None


def read_theme(definition: ReportDefinition, base: Path) -> dict[str, bytes | str]:
    """The theme's files, relative to ``base``: ``logo`` bytes and ``css`` text."""
    files: dict[str, bytes | str] = {}
    if definition.theme.logo is not None:
        files["logo"] = read_bytes(base / definition.theme.logo, "theme.logo")
    if definition.theme.css is not None:
        files["css"] = _text(base / definition.theme.css, "theme.css")
    return files


def _mode() -> int:
    """The mode a new file gets: readable as any file the user makes (the umask's)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _write_in_place(path: Path, data: bytes) -> None:
    """Write ``data`` to the device or FIFO at ``path``, as it is.

    It is opened without waiting: a FIFO nobody reads is an error, not a hang.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        reason = "no process reads it" if error.errno == errno.ENXIO else error.strerror
        msg = f"cannot write {visible(str(path))}: {reason or error}"
        raise BadInputError(msg) from None
    try:
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except OSError as error:
        msg = f"cannot write {visible(str(path))}: {error.strerror or error}"
        raise BadInputError(msg) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: to a temporary file beside it, then renamed over it.

    A link is followed to its target; a path that exists and is not a regular file is
    written in place.
    """
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file() and not target.is_dir():
        _write_in_place(path, data)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        msg = f"cannot write {visible(str(path))}: {error.strerror or error}"
        raise BadInputError(msg) from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        temporary.chmod(_mode())
        temporary.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        msg = f"cannot write {visible(str(path))}: {error.strerror or error}"
        raise BadInputError(msg) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise

"""Extract, update and compile the package's gettext catalogs with babel's tooling.

Run ``uv run python scripts/make_catalogs.py`` after changing a message: it extracts
every message marked in ``src/transparency_core`` (``N_``, ``gettext``, ``ngettext``),
adds the new ones to each language's ``.po`` file (untranslated, for a translator),
drops the ones no longer used, and compiles each ``.po`` to its ``.mo``. The English
catalog is filled with the messages themselves. ``--check`` changes nothing and lists
every problem: a message missing or untranslated in a catalog, a translation whose
``{placeholders}`` differ from the message's, a ``.mo`` that is not the compiled
``.po``. The same steps with babel's command line::

    pybabel extract -k N_ --no-location --sort-output --ignore-dirs ".* __pycache__" \
        -o messages.pot src/transparency_core
    pybabel update -i messages.pot -d src/transparency_core/_render/_locale -D transparency_core
    pybabel compile -d src/transparency_core/_render/_locale -D transparency_core
"""

from __future__ import annotations

import copy
import io
import string
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from transparency_core._render._catalog import DOMAIN, LANGUAGES

PACKAGE = Path(__file__).parent.parent / "src" / "transparency_core"
LOCALE = PACKAGE / "_render" / "_locale"
# A fixed date keeps the files the same from run to run.
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _source_folder(path: str) -> bool:
    """Whether to read the folder: every one of the source, ``_render`` and ``_specs`` too.

    babel's default skips the folders whose names start with an underscore, as the
    private subpackages' do; hidden folders and caches are still skipped.
    """
    name = Path(path).name
    return not name.startswith(".") and name != "__pycache__"


def template() -> Catalog:
    """Every message marked in the package, as babel's extractor finds it."""
    catalog = Catalog(project="transparency_core", creation_date=_EPOCH, fuzzy=False)
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=DEFAULT_KEYWORDS,
        directory_filter=_source_folder,
    )
    for _filename, _lineno, message, _comments, context in found:
        catalog.add(message, context=context)
    return catalog


def _po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(language: str) -> Catalog:
    path = _po_path(language)
    if not path.is_file():
        return Catalog(
            locale=language,
            domain=DOMAIN,
            project="transparency_core",
            copyright_holder="the transparency_core authors",
            msgid_bugs_address="the transparency_core issue tracker",
            last_translator="the transparency_core authors",
            language_team=f"{language} <transparency_core>",
            creation_date=_EPOCH,
            revision_date=_EPOCH,
            fuzzy=False,
        )
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=88, no_location=True, sort_output=True, omit_header=False)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _strings(message: Message) -> tuple[str, ...]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    return tuple(str(item) for item in ids)


def _translations(message: Message) -> tuple[str, ...]:
    value = message.string
    values = value if isinstance(value, tuple) else (value,)
    return tuple(str(item) for item in values)


def problems(language: str, catalog: Catalog, messages: Catalog) -> list[str]:
    """What is wrong with ``catalog`` for ``language``, given the extracted ``messages``."""
    found = []
    for message in messages:
        if not message.id:
            continue
        own = catalog.get(message.id, message.context)
        if own is None:
            found.append(f"{language}: missing {message.id!r}")
            continue
        if own.fuzzy or not all(_translations(own)):
            found.append(f"{language}: untranslated {message.id!r}")
            continue
        expected = set().union(*(_placeholders(text) for text in _strings(message)))
        found.extend(
            f"{language}: {text!r} has placeholders {sorted(_placeholders(text))}, "
            f"{message.id!r} has {sorted(expected)}"
            for text in _translations(own)
            if _placeholders(text) != expected
        )
    found.extend(
        f"{language}: obsolete {message.id!r}"
        for message in catalog
        if message.id and messages.get(message.id, message.context) is None
    )
    return found


def check() -> list[str]:
    """Every problem of every catalog, and every compiled file that is out of date."""
    messages = template()
    found = []
    for language in LANGUAGES:
        catalog = _read(language)
        found.extend(problems(language, catalog, messages))
        mo = _po_path(language).with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(f"{language}: {mo.name} is not the compiled {mo.stem}.po")
    return found


def update() -> None:
    """Bring every catalog up to the extracted messages, and compile it."""
    messages = template()
    for language in LANGUAGES:
        catalog = _read(language)
        # babel adds the template's own message objects to the catalog: each language
        # gets copies, or filling in the English catalog would fill in every later one.
        catalog.update(copy.deepcopy(messages), no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        if language == "en":
            for message in catalog:
                if message.id:
                    message.string = message.id
        path = _po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_po_bytes(catalog))
        with path.open("rb") as stream:  # compile what was written, as a translator would
            written = read_po(stream, locale=language, domain=DOMAIN)
        path.with_suffix(".mo").write_bytes(_mo_bytes(written))
        print(f"wrote {path} and its .mo")


def main() -> int:
    """Update and compile the catalogs, or with ``--check`` list their problems."""
    if sys.argv[1:] == ["--check"]:
        found = check()
        print("\n".join(found) if found else "every catalog has every message")
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

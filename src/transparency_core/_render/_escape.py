r"""What reaches an output: one rule per format for every piece of text a renderer writes.

Text in a report comes from data: request ids, a company's name, country names a caller
overrides, the titles, headings and definitions of a registered category. None of it
reaches an output raw if it could act there rather than be read.

Control characters are never written as they are. They are C0 (``U+0000`` to
``U+001F``, tab and newline included: no text of a report is more than one line), DEL,
C1 (``U+0080`` to ``U+009F``), the line and paragraph separators ``U+2028`` and
``U+2029``, the bidirectional embeddings, overrides and isolates (``U+202A`` to
``U+202E``, ``U+2066`` to ``U+2069``, which reorder all the text after them), lone
surrogates (no UTF-8 can hold them) and the noncharacters (``U+FFFE``, ``U+FDD0``...).
In text, Markdown, HTML, SVG and CSV each becomes its code point, visibly:
``<U+001B>``. JSON, which is data, keeps the text exact with JSON's own escape
(``\u001b``), except a lone surrogate, which no JSON reader takes and which becomes
U+FFFD. The bidirectional marks (``U+200E``, ``U+200F``, ``U+061C``) are left as they
are: they have no scope, and CLDR itself writes them in numbers of right-to-left
languages.

Then each format escapes its own markup: see :func:`markdown`, :func:`html`, :func:`xml`,
:func:`csv_cell` and :func:`json_document`.
"""

from __future__ import annotations

import html as _html
import re

__all__ = [
    "csv_cell",
    "html",
    "json_document",
    "markdown",
    "markdown_paragraph",
    "neutralise",
    "visible",
    "xml",
]

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff" + _NONCHARACTERS + "]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# json.dumps escapes C0 in strings itself; outside strings they are its own layout.
_JSON_RAW = re.compile(
    "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff" + _NONCHARACTERS + "]"
)
# Characters that Markdown would read as markup, or as raw HTML ("<"), anywhere in a line.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|#~&])")
# What makes a line a list item, a setext underline or an indented code block.
_MARKDOWN_LINE_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?= |$)|( +))")
_FORMULA = re.compile(r"[\s]*[=+\-@]|[\t\r\n]")
_NUMBER = re.compile(r"-?\d+(\.\d+)?", re.ASCII)


def visible(text: str) -> str:
    r"""``text`` with every control character written as its code point: ``<U+001B>``.

    The rule of plain text and the explain view, and the first step of every other
    format but JSON.

    Example:
        >>> visible("Evil\x1b[2J\nCorp\u202e")
        'Evil<U+001B>[2J<U+000A>Corp<U+202E>'
    """
    return _CONTROL.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def markdown(text: str) -> str:
    r"""``text`` made visible, with Markdown's markup escaped: it shows as written.

    Backslash, backquote, ``*``, ``_``, brackets, ``<``, ``>``, ``|``, ``#``, ``~``
    and ``&`` are escaped with a backslash, so text cannot make a link, an image,
    emphasis, a tag, a heading, a table cell of its own, or a character of an entity
    (``&amp;`` shows as written, not as ``&``).

    Example:
        >>> markdown("a|b <script> [x](javascript:alert(1))\r|")
        'a\\|b \\<script\\> \\[x\\](javascript:alert(1))\\<U+000D\\>\\|'
        >>> markdown("AT&T &amp;")
        'AT\\&T \\&amp;'
    """
    return _MARKDOWN.sub(r"\\\1", visible(text))


def markdown_paragraph(text: str) -> str:
    r"""Like :func:`markdown`, for text that starts a line: a paragraph.

    A leading ``-``, ``+``, ``=`` or ``1.`` is escaped too (a list item, a setext
    heading), and leading spaces are written as ``&#32;`` (not an indented code block).

    Example:
        >>> markdown_paragraph("- 1. item"), markdown_paragraph("2020. A year")
        ('\\- 1. item', '2020\\. A year')
        >>> markdown_paragraph("    code")
        '&#32;&#32;&#32;&#32;code'
    """
    escaped = markdown(text)
    match = _MARKDOWN_LINE_START.match(escaped)
    if match is None:
        return escaped
    marker, digits, after, spaces = match.groups()
    if marker:
        start = f"\\{marker}"
    elif digits:
        start = f"{digits}\\{after}"
    else:
        start = "&#32;" * len(spaces)
    return start + escaped[match.end() :]


def html(text: str) -> str:
    r"""``text`` made visible, with ``&``, ``<``, ``>`` and both quotes escaped.

    Safe as an element's text and as a quoted attribute value.

    Example:
        >>> html('<b title="x">Tom & Jerry\x00</b>')
        '&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&lt;U+0000&gt;&lt;/b&gt;'
    """
    return _html.escape(visible(text), quote=True)


def xml(text: str) -> str:
    r"""``text`` for XML (SVG): as :func:`html`; what remains is a character XML 1.0 allows.

    Example:
        >>> xml("A\x1b<")
        'A&lt;U+001B&gt;&lt;'
    """
    return html(text)


def neutralise(text: str) -> str:
    r"""Keep a spreadsheet from reading ``text`` as a formula: a leading apostrophe.

    A cell is a formula when it starts with ``=``, ``+``, ``-`` or ``@``, after any
    white space, or with a tab, carriage return or newline. A number (``-5``,
    ``51.84``) is left alone: a spreadsheet reads it as the number it is.

    Example:
        >>> neutralise("=SUM(A1:A9)"), neutralise("-1+2"), neutralise("China")
        ("'=SUM(A1:A9)", "'-1+2", 'China')
        >>> neutralise(" \t=1"), neutralise("-5")
        ("' \t=1", '-5')
    """
    if _NUMBER.fullmatch(text) or not _FORMULA.match(text):
        return text
    return f"'{text}"


def csv_cell(text: str) -> str:
    r"""``text`` made visible, then neutralised: a CSV cell (the csv module quotes it).

    Example:
        >>> csv_cell("\r=HYPERLINK(1)"), csv_cell("\u3000=HYPERLINK(1)")
        ('<U+000D>=HYPERLINK(1)', "'\u3000=HYPERLINK(1)")
        >>> csv_cell(" @SUM(1)"), csv_cell(" \t@SUM(1)")
        ("' @SUM(1)", ' <U+0009>@SUM(1)')
    """
    return neutralise(visible(text))


_LAST_OF_THE_BMP = 0xFFFF


def _json_escape(character: str) -> str:
    if _SURROGATE.fullmatch(character):
        return "\ufffd"
    code = ord(character)
    if code > _LAST_OF_THE_BMP:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_document(text: str) -> str:
    r"""JSON text (``json.dumps`` output) with no raw control character, and valid UTF-8.

    ``json.dumps`` escapes C0 already; the others are escaped too (``\u202e``), so the
    text is exact and invisible characters cannot act. A lone surrogate, which no UTF-8
    can hold, becomes U+FFFD.

    Example:
        >>> import json
        >>> text = json_document(json.dumps("A\u202e\x85\ud800", ensure_ascii=False))
        >>> text == '"A\\u202e\\u0085\ufffd"', json.loads(text) == "A\u202e\x85\ufffd"
        (True, True)
    """
    return _JSON_RAW.sub(lambda match: _json_escape(match.group()), text)

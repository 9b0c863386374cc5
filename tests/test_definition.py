"""The report definition: every key read into what the API takes, every bad value addressed."""

from __future__ import annotations

import pickle
import re
import tomllib
from datetime import date
from importlib.resources import files
from pathlib import Path

import attrs
import pytest

from transparency_core import (
    BASIS,
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    NOTIFICATION,
    OUTCOMES,
    SHIPPED_CATEGORIES,
    Banding,
    Category,
    Column,
    Every,
    HtmlRenderer,
    JsonRenderer,
    LegalProcess,
    Output,
    ReportDefinition,
    ReportingPeriod,
    Requests,
    RoundingMode,
    RoundingPolicy,
    SubjectCounting,
    Subjects,
    Suppression,
    Theme,
    ZeroDenominator,
    build_report,
    load_definition,
    reference_ledger,
)
from transparency_core._definition._tables import COLUMNS
from transparency_core._edge._rows import REQUEST_COLUMNS
from transparency_core.exceptions import FieldError, InvalidDefinitionError
from transparency_core.predicates import data_provided

SHIPPED = {category.name: category for category in SHIPPED_CATEGORIES}

ISSUE_EXAMPLE = """
company = "Acme Phones"
period = "2020"            # also "2020-H1", "2020-Q3", "2020-01-01/2020-12-31"
released = "2021-06"
locale = "en"
categories = ["device", "financial_identifier", "account", "emergency"]
breakdowns = ["outcomes", "notification"]
[rounding]
places = 0
mode = "half_up"
[disclosure]
suppress_below = 10       # or band_width = 250, optional minimum
[countries]
HK = "Hong Kong"
"""


def problems(text: str) -> list[str]:
    """Every problem of a definition, one line each."""
    with pytest.raises(InvalidDefinitionError) as caught:
        load_definition(text)
    return [str(error) for error in caught.value.errors]


class TestTheIssuesExample:
    """The keys the issue names, read into the API's own objects."""

    def test_every_key(self) -> None:
        """Each key gives what the Python API would be given."""
        definition = load_definition(ISSUE_EXAMPLE)
        shipped = {category.name: category for category in SHIPPED_CATEGORIES}

        assert definition.company == "Acme Phones"
        assert definition.period == ReportingPeriod(
            date(2020, 1, 1), date(2020, 12, 31), released=date(2021, 6, 30)
        )
        assert definition.locale == "en"
        assert definition.categories == tuple(
            shipped[name] for name in ("device", "financial_identifier", "account", "emergency")
        )
        assert definition.breakdowns == (OUTCOMES, NOTIFICATION)
        assert definition.rounding == RoundingPolicy(places=0, mode=RoundingMode.HALF_UP)
        assert definition.disclosure == Suppression(10)
        assert definition.countries == (("HK", "Hong Kong"),)

    def test_its_report_is_the_apis(self) -> None:
        """``definition.report(ledger)`` is ``build_report`` with the same choices."""
        definition = load_definition(ISSUE_EXAMPLE.replace('"2020"', '"2020-H1"', 1))
        definition = attrs.evolve(definition, period=ReportingPeriod.parse("2020-H1"))
        ledger = reference_ledger()
        expected = build_report(
            ledger,
            ReportingPeriod.parse("2020-H1"),
            categories=(*DEFAULT_CATEGORIES, SHIPPED["emergency"]),
            breakdowns=(OUTCOMES, NOTIFICATION),
            disclosure=Suppression(10),
            company="Acme Phones",
        )

        assert definition.report(ledger) == expected

    def test_the_defaults(self) -> None:
        """An empty definition chooses what the API chooses by default."""
        definition = load_definition("")

        assert definition == ReportDefinition()
        assert definition.categories == DEFAULT_CATEGORIES
        assert definition.legal_processes == DEFAULT_LEGAL_PROCESSES
        assert (definition.period, definition.disclosure, definition.outputs) == (None, None, ())

    def test_a_parsed_mapping_as_well_as_text(self) -> None:
        """``load_definition`` takes what ``tomllib`` makes of the text, too."""
        assert load_definition(tomllib.loads(ISSUE_EXAMPLE)) == load_definition(ISSUE_EXAMPLE)

    def test_a_report_needs_a_period(self) -> None:
        """Without one in the definition or given, a FieldError."""
        with pytest.raises(FieldError) as caught:
            load_definition("").report([])

        assert caught.value.path == "period"


class TestPeriodAndRelease:
    """``period``: a shorthand or an interval; ``released``: a date or a month."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ('"2020"', "2020-01-01/2020-12-31"),
            ("2020", "2020-01-01/2020-12-31"),
            ('"2020-H2"', "2020-07-01/2020-12-31"),
            ('"2020-Q3"', "2020-07-01/2020-09-30"),
            ('"2020-02-01/2020-03-31"', "2020-02-01/2020-03-31"),
        ],
    )
    def test_period(self, value: str, expected: str) -> None:
        """The same forms as ``--period``."""
        assert str(load_definition(f"period = {value}").period) == str(
            ReportingPeriod.parse(expected)
        )

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ('"2021-06"', date(2021, 6, 30)),
            ('"2021-06-01"', date(2021, 6, 1)),
            ("2021-06-01", date(2021, 6, 1)),
        ],
    )
    def test_released(self, value: str, expected: date) -> None:
        """A text date, a month (its last day), or TOML's own date."""
        definition = load_definition(f"period = 2020\nreleased = {value}")

        assert definition.period is not None
        assert definition.period.released == expected
        assert load_definition(f"released = {value}").released == expected


class TestCountingKeys:
    """What is counted: categories (and one's own), legal processes, breakdowns, actions."""

    def test_a_category_of_ones_own(self) -> None:
        """Columns by key, with a heading and a definition where given."""
        definition = load_definition(
            """
            categories = ["device", "push_token"]
            [[category]]
            name = "push_token"
            title = "Push Token Requests"
            identifier_types = ["push_token"]
            description = "Tokens."
            columns = ["requests", {key = "subjects", heading = "Tokens", definition = "D."}]
            """
        )
        push = definition.categories[1]

        assert push == Category(
            name="push_token",
            title="Push Token Requests",
            identifier_types=("push_token",),
            columns=(
                Column(key="requests", heading="Number of Requests", measure=Requests()),
                Column(key="subjects", heading="Tokens", measure=Subjects(), definition="D."),
            ),
            description="Tokens.",
        )
        assert push in definition.registry
        assert pickle.loads(pickle.dumps(push)) == push  # noqa: S301 -- counted in other processes

    def test_ones_own_categories_are_tabulated_by_default(self) -> None:
        """Without ``categories``: the seed's three, then one's own."""
        definition = load_definition(
            '[[category]]\nname = "x"\ntitle = "X"\nidentifier_types = ["x"]\n'
            'columns = ["requests", "provided", "percent_provided"]\naction = true'
        )

        assert [category.name for category in definition.categories] == [
            "device",
            "financial_identifier",
            "account",
            "x",
        ]
        assert definition.categories[-1].action
        assert definition.categories[-1].columns[2].measure.part is data_provided  # type: ignore[union-attr]

    def test_legal_processes(self) -> None:
        """One's own types, after the seed's, or in the order ``legal_processes`` says."""
        own = '[[legal_process]]\nname = "warrant"\nheading = "Search Warrants"\n'
        warrant = LegalProcess(name="warrant", heading="Search Warrants")

        assert load_definition(own).legal_processes == (*DEFAULT_LEGAL_PROCESSES, warrant)
        assert load_definition(
            'legal_processes = ["warrant", "investigation_order"]\n' + own
        ).legal_processes == (warrant, DEFAULT_LEGAL_PROCESSES[0])

    def test_breakdowns_and_actions(self) -> None:
        """Breakdowns by key, in order; actions in totals."""
        definition = load_definition('breakdowns = ["basis", "outcomes"]\nactions_in_totals = true')

        assert definition.breakdowns == (BASIS, OUTCOMES)
        assert definition.actions_in_totals

    def test_counting_policies_of_issue_17(self) -> None:
        """``subjects`` and ``response_times`` count as ``build_report``'s keywords do."""
        definition = load_definition('subjects = "identifiers"\nresponse_times = true')
        period = ReportingPeriod.parse("2020")
        expected = build_report(
            reference_ledger(), period, subjects="identifiers", response_times=True
        )
        report = definition.report(reference_ledger(), period)

        assert definition.subjects is SubjectCounting.IDENTIFIERS
        assert report.tables == expected.tables
        assert report.response_times == expected.response_times is not None

    def test_totals_and_a_series_calendar(self) -> None:
        """``totals`` gives every table its total row; ``[series] every`` the calendar."""
        definition = load_definition('totals = true\n[series]\nevery = "quarter"')
        report = definition.report(reference_ledger(), ReportingPeriod.parse("2020"))
        plain = build_report(reference_ledger(), ReportingPeriod.parse("2020"))

        assert definition.every is Every.QUARTER
        assert report.response_times is None
        assert load_definition("").every is Every.HALF_YEAR
        assert all(table.totals for table in report.tables if table.rows)
        assert not any(table.totals for table in plain.tables)


class TestPublishingKeys:
    """How it is published: rounding, disclosure, one category's own disclosure."""

    def test_rounding(self) -> None:
        """Every field of the policy."""
        definition = load_definition(
            '[rounding]\nplaces = 2\nmode = "half_even"\nzero_denominator = "zero"\n'
            "apportion = true"
        )

        assert definition.rounding == RoundingPolicy(
            places=2,
            mode=RoundingMode.HALF_EVEN,
            zero_denominator=ZeroDenominator.ZERO,
            apportion=True,
        )

    @pytest.mark.parametrize(
        ("table", "policy"),
        [
            ("suppress_below = 30", Suppression(30)),
            ("band_width = 250", Banding(250)),
            ("band_width = 500\nminimum = 5", Banding(500, minimum=5)),
        ],
    )
    def test_disclosure(self, table: str, policy: object) -> None:
        """Suppression, or bands with a known minimum."""
        assert load_definition(f"[disclosure]\n{table}").disclosure == policy

    def test_one_categorys_own_disclosure(self) -> None:
        """``[disclosure.categories.NAME]`` sets that category's policy only."""
        definition = load_definition(
            'categories = ["device", "account_preservation"]\n'
            "[disclosure]\nsuppress_below = 10\n"
            "[disclosure.categories.account_preservation]\nband_width = 1000"
        )

        assert definition.disclosure == Suppression(10)
        assert definition.categories == (
            DEFAULT_CATEGORIES[0],
            attrs.evolve(SHIPPED["account_preservation"], disclosure=Banding(1000)),
        )


class TestShowingKeys:
    """Locale, countries, columns, theme, ledger and outputs."""

    def test_columns_map_to_every_column_the_spreadsheet_reads(self) -> None:
        """The times and DSA columns too: the definition's list is the reader's."""
        text = "[columns]\n" + "".join(f'"My {c}" = "{c}"\n' for c in REQUEST_COLUMNS)
        definition = load_definition(text)

        assert [baseline for _, baseline in definition.columns] == list(REQUEST_COLUMNS)

    def test_every_one(self) -> None:
        """Each as written; paths stay as written, for the command line to resolve."""
        definition = load_definition(
            'locale = "de_DE"\nledger = "data/requests.csv"\n'
            '[countries]\nHK = "Hongkong"\nCN = "China (Festland)"\n'
            '[columns]\n"Reference" = "id"\n" Date " = "received"\n'
            '[theme]\ncolour = "#8b0000"\nlogo = "logo.png"\ncss = "extra.css"\n'
            '[[output]]\nformat = "html"\npath = "report.html"\nfragment = true\n'
            '[[output]]\nformat = "json"\npath = "report.json"\nindent = 0\n'
            '[[output]]\nformat = "text"\nwidth = 72\n'
        )

        assert definition.locale == "de_DE"
        assert definition.ledger == "data/requests.csv"
        assert definition.countries == (("CN", "China (Festland)"), ("HK", "Hongkong"))
        assert definition.columns == (("Reference", "id"), (" Date ", "received"))
        assert definition.theme == Theme(colour="#8b0000", logo="logo.png", css="extra.css")
        assert definition.outputs == (
            Output(format="html", path="report.html", options=(("fragment", True),)),
            Output(format="json", path="report.json", options=(("indent", 0),)),
            Output(format="text", options=(("width", 72),)),
        )

    def test_renderer_options_where_the_renderer_takes_them(self) -> None:
        """Locale, names and colour to the HTML page; JSON takes none of them."""
        definition = load_definition(
            'locale = "de"\n[countries]\nHK = "Hongkong"\n[theme]\ncolour = "#8b0000"'
        )
        html, json = Output(format="html"), Output(format="json", options=(("indent", 0),))

        assert definition.renderer_options(html, HtmlRenderer, {"css": "h1 {}"}) == {
            "locale": "de",
            "countries": {"HK": "Hongkong"},
            "colour": "#8b0000",
            "css": "h1 {}",
        }
        assert definition.renderer_options(json, JsonRenderer) == {"locale": "de", "indent": 0}


BAD = [
    (
        'period = "2020-H3"',
        "period: expected a year (2020), a half (2020-H1), a quarter "
        "(2020-Q3) or START/END (2020-01-01/2020-12-31), got '2020-H3'",
    ),
    (
        "period = true",
        "period: expected a year (2020), a half (2020-H1), a quarter "
        "(2020-Q3) or START/END (2020-01-01/2020-12-31), got true",
    ),
    ('released = "June"', "released: expected a date, YYYY-MM-DD or YYYY-MM, got 'June'"),
    ("released = 2021", "released: expected a date, YYYY-MM-DD or YYYY-MM, got 2021"),
    (
        'period = "2020"\nreleased = "2020-06"',
        "released: expected a date on or after the end, 2020-12-31, got '2020-06-30'",
    ),
    ('company = ""', "company: expected a text, not empty, got ''"),
    (
        'locale = "xx_bogus"',
        "locale: expected a locale babel knows, such as en, de_DE or zh_Hans_CN, got 'xx_bogus'",
    ),
    (
        'categories = "device"',
        'categories: expected a list of texts, such as ["device", "account"], got \'device\'',
    ),
    (
        'categories = ["device", "device"]',
        'categories: expected a list naming each once, got ["device", "device"]',
    ),
    (
        'categories = ["phone"]',
        "categories[0]: expected one of device, financial_identifier, "
        "account, emergency, account_preservation, account_restriction_deletion, got 'phone'",
    ),
    (
        'breakdowns = ["outcome"]',
        "breakdowns[0]: expected one of outcomes, notification, basis, challenges, got 'outcome'",
    ),
    (
        'legal_processes = ["warrant"]',
        "legal_processes[0]: expected one of investigation_order, other_court_order, got 'warrant'",
    ),
    ('actions_in_totals = "yes"', "actions_in_totals: expected true or false, got 'yes'"),
    ("totals = 1", "totals: expected true or false, got 1"),
    ("response_times = 1", "response_times: expected true or false, got 1"),
    (
        'subjects = "devices"',
        "subjects: expected one of distinct, identifiers, got 'devices'",
    ),
    (
        '[series]\nevery = "month"',
        "series.every: expected one of year, half-year, quarter, got 'month'",
    ),
    ("ledger = 3", "ledger: expected a text, not empty, got 3"),
    ("[rounding]\nplaces = -1", "rounding.places: expected a whole number from 0 to 10, got -1"),
    ("[rounding]\nplaces = 1.5", "rounding.places: expected a whole number from 0 to 10, got 1.5"),
    (
        "[rounding]\nplaces = 5000",
        "rounding.places: expected a whole number from 0 to 10, got 5000",
    ),
    (
        '[rounding]\nmode = "up"',
        "rounding.mode: expected one of half_up, half_even, floor, ceiling, got 'up'",
    ),
    (
        "[rounding]\nzero_denominator = 0",
        "rounding.zero_denominator: expected one of blank, zero, got 0",
    ),
    ("[rounding]\napportion = 1", "rounding.apportion: expected true or false, got 1"),
    (
        "[rounding]\nplace = 1",
        "rounding.place: expected one of the keys places, mode, zero_denominator, apportion, got 1",
    ),
    ("rounding = 2", "rounding: expected a table, [rounding], got 2"),
    (
        '[disclosure]\nsuppress_below = "ten"',
        "disclosure.suppress_below: expected a positive whole number, got 'ten'",
    ),
    (
        "[disclosure]\nsuppress_below = 0",
        "disclosure.suppress_below: expected a positive whole number, got 0",
    ),
    (
        "[disclosure]\nband_width = 300",
        "disclosure.band_width: expected one of 100, 250, 500, 1000 (50 U.S.C. 1874), got 300",
    ),
    (
        "[disclosure]\nminimum = 5",
        "disclosure.minimum: expected a band_width beside it (the least count of a band), got 5",
    ),
    (
        "[disclosure]\nsuppress_below = 10\nband_width = 250",
        "disclosure.suppress_below: expected either suppress_below or band_width, not both, got 10",
    ),
    (
        "[disclosure.categories.emergency]\nband_width = 100",
        "disclosure.categories.emergency: "
        "expected a category the report tabulates: device, financial_identifier, account, "
        "got 'emergency'",
    ),
    (
        "[disclosure.categories.device]\nband = 100",
        "disclosure.categories.device.band: "
        "expected one of the keys suppress_below, band_width, minimum, got 100",
    ),
    (
        '[countries]\nXX = "Nowhere"',
        "countries.XX: expected an ISO 3166-1 alpha-2 country code such as 'HK', got 'XX'",
    ),
    ("[countries]\nHK = 1", "countries.HK: expected a text, not empty, got 1"),
    (
        '[columns]\nRef = "reference"',
        "columns.Ref: expected one of id, received, country, "
        "category, identifiers, legal_process, data_country, emergency, amends, acknowledged, "
        "responded, dsa_order, illegal_content, outcome, data, challenged, notified, action, "
        "got 'reference'",
    ),
    (
        '[theme]\ncolour = "#eeeeee"',
        "theme.colour: expected a colour that text on white "
        "reads in, at least 4.5:1 (WCAG AA), not 1.16:1, got '#eeeeee'",
    ),
    ('[theme]\ncolour = "red"', "theme.colour: expected a hex colour such as '#1f4e8c', got 'red'"),
    ('[theme]\nfont = "x"', "theme.font: expected one of the keys colour, logo, css, got 'x'"),
    (
        '[[output]]\npath = "x"',
        "output[0].format: expected a value: the key is required, got nothing",
    ),
    (
        '[[output]]\nformat = "text"\nwidth = 0',
        "output[0].width: expected a positive whole number, got 0",
    ),
    (
        '[[output]]\nformat = "json"\nindent = -1',
        "output[0].indent: expected a whole number of 0 or more, got -1",
    ),
    (
        '[[output]]\nformat = "html"\nfragment = "no"',
        "output[0].fragment: expected true or false, got 'no'",
    ),
    (
        '[[output]]\nformat = "html"\ncolor = 1',
        "output[0].color: expected one of the keys "
        "format, path, width, indent, version, provenance, fragment, service, previous, got 1",
    ),
    ('output = "html"', "output: expected an array of tables, [[output]], got 'html'"),
    (
        '[[category]]\nname = "device"\ntitle = "D"\nidentifier_types = ["x"]\n'
        'columns = ["requests"]',
        "category[0].name: expected a name no other category has, got 'device'",
    ),
    (
        '[[category]]\nname = "x"\ntitle = "X"\nidentifier_types = ["x"]\ncolumns = []',
        'category[0].columns: expected a list of columns, such as ["requests", "subjects"], got []',
    ),
    (
        '[[category]]\nname = "x"\ntitle = "X"\nidentifier_types = ["x"]\ncolumns = ["bogus"]',
        "category[0].columns[0].key: expected one of requests, subjects, "
        "provided, percent_provided, non_content_only, content, challenged_or_rejected, "
        "preserved, restricted, deleted, got 'bogus'",
    ),
    (
        '[[category]]\nname = "x"\ntitle = "X"\nidentifier_types = ["x"]\ncolumns = [3]',
        "category[0].columns[0]: expected a column key (requests, subjects, "
        "provided, percent_provided, non_content_only, content, challenged_or_rejected, "
        "preserved, restricted, deleted) or a table with a key, got 3",
    ),
    (
        '[[legal_process]]\nname = "other_court_order"\nheading = "O"',
        "legal_process[0].name: expected a name no other legal process type has, "
        "got 'other_court_order'",
    ),
    (
        '[[legal_process]]\nheading = "W"',
        "legal_process[0].name: expected a value: the key is required, got nothing",
    ),
]


class TestBadValues:
    """An unknown key or a bad value is an error at its path, whatever the key."""

    @pytest.mark.parametrize(("text", "message"), BAD, ids=[text for text, _ in BAD])
    def test_each(self, text: str, message: str) -> None:
        """One problem, said at the key's path: expected, got."""
        assert problems(text) == [message]

    def test_an_unknown_key(self) -> None:
        """A typo at the top is named, with the keys there are."""
        (message,) = problems('compnay = "Acme"')

        assert message.startswith("compnay: expected one of the keys released, period, ")
        assert message.endswith("ledger, columns, theme, output, got 'Acme'")

    def test_every_problem_at_once(self) -> None:
        """Problems of several keys come together, in one error, each in its words."""
        chosen = [BAD[0], BAD[2], BAD[5], BAD[14], BAD[21]]
        found = problems("\n".join(text for text, _ in chosen))

        assert sorted(found) == sorted(message for _, message in chosen)

    def test_a_category_without_its_required_keys(self) -> None:
        """Each missing key is named."""
        assert problems('[[category]]\nname = "x"') == [
            "category[0].title: expected a value: the key is required, got nothing",
            "category[0].identifier_types: expected a value: the key is required, got nothing",
            "category[0].columns: expected a list of columns, such as "
            '["requests", "subjects"], got nothing',
        ]

    def test_not_toml(self) -> None:
        """TOML's own message, with its line and column."""
        with pytest.raises(InvalidDefinitionError) as caught:
            load_definition("company = \n")

        assert str(caught.value) == (
            "the report definition is not TOML: Invalid value (at line 1, column 11)"
        )
        assert caught.value.errors == ()

    def test_the_error_as_data_and_pickled(self) -> None:
        """Paths as lists of keys; the error survives pickling."""
        with pytest.raises(InvalidDefinitionError) as caught:
            load_definition('[[output]]\nformat = "text"\nwidth = 0')
        error = caught.value

        assert error.to_dict()["errors"][0]["path"] == ["output", 0, "width"]
        assert str(pickle.loads(pickle.dumps(error))) == str(error)  # noqa: S301 -- ours
        assert isinstance(error, ValueError)


class TestTheTemplate:
    """``init``'s report.toml is a definition that loads as it is."""

    def test_it_loads(self) -> None:
        """With its ledger and two outputs."""
        text = (files("transparency_core._cli") / "templates" / "report.toml").read_text("utf-8")
        definition = load_definition(text)

        assert definition.ledger == "requests.csv"
        assert [output.format for output in definition.outputs] == ["html", "csv"]


REFERENCE = Path(__file__).parent.parent / "docs" / "reference" / "definition.md"
UNKNOWN_KEY = {
    "": "zzz = 1",
    "rounding": "[rounding]\nzzz = 1",
    "disclosure": "[disclosure]\nzzz = 1",
    "theme": "[theme]\nzzz = 1",
    "series": "[series]\nzzz = 1",
    "output": '[[output]]\nformat = "text"\nzzz = 1',
    "category": '[[category]]\nname = "x"\ntitle = "X"\nidentifier_types = ["x"]\n'
    'columns = [{key = "requests", zzz = 1}]\nzzz = 1',
    "legal_process": '[[legal_process]]\nname = "w"\nheading = "W"\nzzz = 1',
}


class TestTheReference:
    """docs/reference/definition.md documents every key the reader knows."""

    def test_every_key_is_documented(self) -> None:
        """Each key an unknown key's message lists is on the page, as code."""
        page = REFERENCE.read_text(encoding="utf-8")
        keys = set()
        for text in UNKNOWN_KEY.values():
            for message in problems(text):
                listed = message.split("expected one of the keys ", 1)[1].rsplit(", got", 1)[0]
                keys.update(listed.split(", "))

        forms = ("`{}`", "`[{}]`", "`[[{}]]`", "`[disclosure.{}.NAME]`")

        assert len(keys) > 30
        assert sorted(k for k in keys if not any(f.format(k) in page for f in forms)) == []

    def test_every_column_of_ones_own_category_is_documented(self) -> None:
        """The column keys a category of one's own may have."""
        page = REFERENCE.read_text(encoding="utf-8")

        assert [key for key in COLUMNS if f"`{key}`" not in page] == []

    def test_the_full_example_loads(self) -> None:
        """The page's TOML is a definition, with no problem."""
        (text,) = re.findall(r"```toml\n(.*?)```", REFERENCE.read_text(encoding="utf-8"), re.DOTALL)
        definition = load_definition(text)

        assert [category.name for category in definition.categories][-1] == "push_token"
        assert definition.legal_processes[-1].name == "warrant"
        assert definition.categories[3].disclosure == Banding(500, minimum=5)

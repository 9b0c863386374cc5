"""The formatter: babel lays out values the engine already rounded; it never rounds them."""

from __future__ import annotations

from decimal import Decimal

from transparency_core import ReportingPeriod
from transparency_core._render._format import Formatter

YEAR = ReportingPeriod.calendar_year(2020)


class TestFormatter:
    """babel formats values the engine already rounded; it never rounds them."""

    def test_the_period_in_english(self) -> None:
        """Full month names, CLDR's interval layout."""
        assert Formatter("en").period(YEAR) == "January 1\u2009\u2013\u2009December 31, 2020"

    def test_a_percentage_keeps_exactly_its_digits(self) -> None:
        """94.5 stays 94.5: babel's half-even has nothing to round."""
        assert Formatter("en").percent(Decimal("94.5")) == "94.5%"
        assert Formatter("en").percent(Decimal("94.50")) == "94.50%"
        assert Formatter("en").percent(Decimal(94)) == "94%"

    def test_a_blank_percentage(self) -> None:
        """None is an empty cell."""
        assert Formatter("en").percent(None) == ""

"""Exact medians and times: against statistics.median on Fractions, and timedelta."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from transparency_core._medians import DAY, elapsed, median

fractions = st.fractions(min_value=0, max_value=10**6, max_denominator=10**6)


class TestMedian:
    """The middle value, or the mean of the two middle values, exactly."""

    @given(st.lists(fractions, min_size=1, max_size=40))
    def test_the_median_is_statistics_median(self, values: list[Fraction]) -> None:
        """The same exact value as the standard library's, which is independent of ours."""
        assert median(Counter(values)) == statistics.median(values)

    @given(st.lists(fractions, min_size=1, max_size=40), st.lists(fractions, max_size=40))
    def test_the_median_of_merged_multisets_is_that_of_the_whole(
        self, first: list[Fraction], second: list[Fraction]
    ) -> None:
        """Parts counted apart and merged give the median of the whole ledger."""
        assert median(Counter(first) + Counter(second)) == statistics.median(first + second)

    def test_an_even_count_takes_the_mean_of_the_two_middle_values(self) -> None:
        """1, 2, 4, 9: (2 + 4) / 2."""
        assert median(Counter(map(Fraction, [9, 1, 4, 2]))) == Fraction(3)

    def test_no_value_has_no_median(self) -> None:
        """None, never zero."""
        assert median(Counter()) is None


class TestElapsed:
    """The time between two moments, in seconds, exact to the microsecond."""

    @given(
        st.datetimes(timezones=st.just(UTC)),
        st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
        st.integers(-12, 14),
    )
    def test_instants_in_any_offsets(self, start: datetime, step: timedelta, hours: int) -> None:
        """The offset the end is written in does not change the time between instants."""
        if start + step > datetime.max.replace(tzinfo=UTC) - timedelta(days=1):
            return
        end = (start + step).astimezone(timezone(timedelta(hours=hours)))

        assert elapsed(start, end) == Fraction(step // timedelta(microseconds=1), 10**6)

    def test_dates_are_whole_days(self) -> None:
        """From March 4 to March 6: two days."""
        assert elapsed(date(2025, 3, 4), date(2025, 3, 6)) == 2 * DAY

"""Percentages: exact ratios, rounded once, by a named mode."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transparency_core import RoundingMode, RoundingPolicy, ZeroDenominator
from transparency_core.exceptions import FieldError


class TestRoundingPolicy:
    """The published examples of reference/conventions.md, and the modes."""

    @pytest.mark.parametrize(
        ("part", "whole", "published"),
        [
            (202, 400, 51),  # Apple, Austria 2019 H2, device: 50.5
            (181, 200, 91),  # Apple, Sweden 2020 H2, device: 90.5
            (29, 40, 73),  # Apple, Switzerland 2020 H2, account: 72.5
            (152, 161, 94),  # the seed, China accounts: 94.4
            (19, 24, 79),  # the seed, India devices: 79.2
        ],
    )
    def test_half_up_gives_the_published_whole_percent(
        self, part: int, whole: int, published: int
    ) -> None:
        """Whole percent, half up: what every major report prints."""
        assert RoundingPolicy().percent(Fraction(part, whole)) == Decimal(published)

    def test_two_places_give_metas_figure(self) -> None:
        """Meta India, H2 2016, legal process: 3,738 of 7,210 = 51.84%."""
        assert RoundingPolicy(places=2).percent(Fraction(3738, 7210)) == Decimal("51.84")

    @pytest.mark.parametrize(
        ("mode", "expected"),
        [
            (RoundingMode.HALF_UP, ["51", "95", "94", "1"]),
            (RoundingMode.HALF_EVEN, ["50", "94", "94", "0"]),
            (RoundingMode.FLOOR, ["50", "94", "94", "0"]),
            (RoundingMode.CEILING, ["51", "95", "95", "1"]),
        ],
    )
    def test_each_mode(self, mode: RoundingMode, expected: list[str]) -> None:
        """50.5, 94.5, 94.1 and 0.5 under each mode."""
        ratios = [
            Fraction(505, 1000),
            Fraction(945, 1000),
            Fraction(941, 1000),
            Fraction(5, 1000),
        ]

        assert [RoundingPolicy(mode=mode).percent(r) for r in ratios] == [
            Decimal(e) for e in expected
        ]

    def test_a_zero_denominator_is_blank_by_default(self) -> None:
        """Apple leaves the cell empty."""
        assert RoundingPolicy().percent(None) is None

    def test_a_zero_denominator_can_show_zero_with_the_policys_places(self) -> None:
        """Google shows 0."""
        policy = RoundingPolicy(places=1, zero_denominator=ZeroDenominator.ZERO)

        assert str(policy.percent(None)) == "0.0"

    def test_trailing_zeros_are_kept_to_the_policys_places(self) -> None:
        """94.50, not 94.5: the number of places is part of the figure."""
        assert str(RoundingPolicy(places=2).percent(Fraction(945, 1000))) == "94.50"

    @pytest.mark.parametrize("places", [-1, 1.5, True])
    def test_places_must_be_a_whole_number(self, places: object) -> None:
        """A clear error, not a strange percentage."""
        with pytest.raises(FieldError) as caught:
            RoundingPolicy(places=places)  # type: ignore[arg-type]

        assert caught.value.path == "places"

    def test_the_ambient_decimal_context_plays_no_part(self) -> None:
        """A context with two digits of precision and half-even changes nothing."""
        with decimal.localcontext(prec=2, rounding=decimal.ROUND_HALF_EVEN):
            assert RoundingPolicy(places=3).percent(Fraction(12345, 100000)) == Decimal("12.345")

    @given(
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=1, max_value=10**6),
        st.integers(min_value=0, max_value=4),
    )
    def test_half_up_matches_decimal_quantize(self, part: int, whole: int, places: int) -> None:
        """The integer rounding agrees with Decimal's ROUND_HALF_UP at full precision."""
        with decimal.localcontext(prec=60):
            exact = Decimal(part * 100) / Decimal(whole)
            expected = exact.quantize(Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)

        assert RoundingPolicy(places=places).percent(Fraction(part, whole)) == expected

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

    def test_modes_are_taken_by_value(self) -> None:
        """A configuration file's "half_even" is the mode; a misspelt one is refused."""
        policy = RoundingPolicy(mode="half_even", zero_denominator="zero")

        assert policy == RoundingPolicy(
            mode=RoundingMode.HALF_EVEN, zero_denominator=ZeroDenominator.ZERO
        )
        with pytest.raises(FieldError) as raised:
            RoundingPolicy(mode="half-up")
        assert str(raised.value) == (
            "mode: expected one of half_up, half_even, floor, ceiling, got 'half-up'"
        )
        with pytest.raises(FieldError, match="zero_denominator: expected one of blank, zero"):
            RoundingPolicy(zero_denominator="none")

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


class TestApportionedShares:
    """Largest remainder: shares of one whole that sum to exactly 100, on request."""

    def test_off_by_default_shares_are_rounded_one_by_one(self) -> None:
        """Three thirds: 33 + 33 + 33 = 99, as most reports print them."""
        assert sum(RoundingPolicy().shares([1, 1, 1])) == 99  # type: ignore[arg-type]

    @given(
        st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8),
        st.integers(min_value=0, max_value=3),
    )
    def test_apportioned_shares_sum_to_exactly_100(self, parts: list[int], places: int) -> None:
        """Whatever the counts and the places, when the whole is not zero."""
        shares = RoundingPolicy(places=places, apportion=True).shares(parts)

        if sum(parts):
            assert sum(s for s in shares if s is not None) == 100
        else:
            assert shares == tuple(None for _ in parts)

    @given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8))
    def test_each_share_is_its_exact_value_rounded_down_or_up(self, parts: list[int]) -> None:
        """Apportioning moves a share by less than one unit of the last place."""
        whole = sum(parts)
        shares = RoundingPolicy(apportion=True).shares(parts)

        for part, share in zip(parts, shares, strict=True):
            if whole:
                assert share is not None
                assert abs(Fraction(share) - Fraction(part * 100, whole)) < 1

    def test_ties_go_to_the_larger_part_then_the_earlier(self) -> None:
        """2, 1, 1 of 4 is exact; 1, 1, 1 gives the extra unit to the first."""
        policy = RoundingPolicy(apportion=True)

        assert policy.shares([2, 1, 1]) == (Decimal(50), Decimal(25), Decimal(25))
        assert policy.shares([1, 1, 1]) == (Decimal(34), Decimal(33), Decimal(33))
        assert policy.shares([1, 2, 2, 2]) == (Decimal(14), Decimal(29), Decimal(29), Decimal(28))

    def test_the_seeds_legal_process_shares_are_unchanged(self) -> None:
        """16 and 1 of 17: 94 and 6, apportioned or not."""
        assert RoundingPolicy(apportion=True).shares([16, 1]) == (Decimal(94), Decimal(6))
        assert RoundingPolicy().shares([16, 1]) == (Decimal(94), Decimal(6))

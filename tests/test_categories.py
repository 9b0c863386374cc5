"""Categories: the registry, the shipped categories, and a user's own."""

from __future__ import annotations

from datetime import date

import pytest

from builders import make_record, make_request
from transparency_core import (
    OUTCOMES,
    SHIPPED_CATEGORIES,
    Action,
    Category,
    Column,
    Disposition,
    Figure,
    Identifier,
    LedgerSummary,
    Outcome,
    ReportingPeriod,
    Requests,
    Response,
    Subjects,
    TextRenderer,
    build_report,
    default_categories,
    predicates,
    structure_ledger,
)
from transparency_core._specs import _categories
from transparency_core.exceptions import FieldError

YEAR = ReportingPeriod.calendar_year(2020)
ACCOUNT = [Identifier("account_id", "1", "a"), Identifier("email", "a@example.com", "a")]


class TestRegistry:
    """A registry is explicit: register, contains, iterate, look up."""

    def test_the_registry_and_the_module_agree(self) -> None:
        """Every category the package defines is shipped, once, in the default registry."""
        defined = {
            value.name for value in vars(_categories).values() if isinstance(value, Category)
        }

        assert defined == {category.name for category in default_categories()}
        assert [c.name for c in default_categories()] == [c.name for c in SHIPPED_CATEGORIES]

    def test_each_registry_is_new(self) -> None:
        """Registering in one registry leaves the others alone: no global state."""
        one, other = default_categories(), default_categories()
        one.register(Category(name="x", title="X", identifier_types=("x",), columns=()))

        assert "x" in one
        assert "x" not in other

    def test_a_name_is_registered_once(self) -> None:
        """Replacing needs saying so."""
        registry = default_categories()

        with pytest.raises(ValueError, match="a category named 'device' is already registered"):
            registry.register(registry["device"])
        registry.register(registry["device"], replace=True)

        assert len(registry) == len(SHIPPED_CATEGORIES)


class TestAUsersOwnCategory:
    """A new category is a register() call in user code, nothing more."""

    def test_a_registered_category_is_read_and_tabulated(self) -> None:
        """Push tokens: records name it, the report has its table."""
        push_token = Category(
            name="push_token",
            title="Worldwide Government Push Token Requests",
            identifier_types=("push_token",),
            columns=(
                Column(key="requests", heading="Number of Push Token Requests"),
                Column(key="tokens", heading="Number of Push Tokens", measure=Subjects()),
                Column(
                    key="provided",
                    heading="Requests Where Data Was Provided",
                    measure=Requests(predicates.data_provided),
                ),
            ),
        )
        registry = default_categories()
        registry.register(push_token)
        record = make_record(
            "P1",
            category="push_token",
            identifiers=[
                {"type": "push_token", "value": "a"},
                {"type": "push_token", "value": "b"},
            ],
        )

        requests = structure_ledger([record], categories=registry)
        table = build_report(requests, YEAR, categories=[push_token]).table("push_token")

        assert table.cell("ES", "tokens") == Figure(2, ("P1",))
        assert table.cell("ES", "provided") == Figure(1, ("P1",))

    def test_an_unregistered_category_is_refused_at_the_edge(self) -> None:
        """Without the register() call, the record is an error."""
        with pytest.raises(ExceptionGroup):
            structure_ledger([make_record("P1", category="push_token")])


class TestShippedCategories:
    """Emergency, preservation and restriction/deletion, with Apple's columns."""

    def test_account_preservation_counts_accounts_preserved(self) -> None:
        """Accounts specified, and those of requests whose data was preserved."""
        preserved = Response(Outcome.NO_DATA, action=Action.PRESERVED)
        requests = [
            make_request(
                "P1", category="account_preservation", identifiers=ACCOUNT, response=preserved
            ),
            make_request(
                "P2",
                category="account_preservation",
                identifiers=[Identifier("account_id", "2")],
                response=Response(Outcome.REJECTED),
            ),
        ]
        registry = default_categories()

        table = build_report(requests, YEAR, categories=[registry["account_preservation"]]).table(
            "account_preservation"
        )

        assert table.cell("ES", "subjects") == Figure(2, ("P1", "P2"))
        assert table.cell("ES", "preserved") == Figure(1, ("P1",))

    def test_restriction_and_deletion_are_counted_apart(self) -> None:
        """Restricted, deleted, and challenged in part or rejected."""
        category = default_categories()["account_restriction_deletion"]
        requests = [
            make_request(
                "R1",
                category=category.name,
                identifiers=ACCOUNT,
                response=Response(Outcome.NO_DATA, action=Action.RESTRICTED),
            ),
            make_request(
                "R2",
                category=category.name,
                identifiers=ACCOUNT,
                response=Response(Outcome.NO_DATA, challenged=True, action=Action.DELETED),
            ),
            make_request(
                "R3",
                category=category.name,
                identifiers=ACCOUNT,
                response=Response(Outcome.REJECTED),
            ),
        ]

        table = build_report(requests, YEAR, categories=[category]).table(category.name)

        assert table.cell("ES", "restricted") == Figure(1, ("R1",))
        assert table.cell("ES", "deleted") == Figure(1, ("R2",))
        assert table.cell("ES", "challenged_or_rejected") == Figure(2, ("R2", "R3"))

    def test_a_rejected_request_records_no_action(self) -> None:
        """Nothing is done to an account when the request is rejected."""
        with pytest.raises(FieldError) as caught:
            Response(Outcome.REJECTED, action=Action.DELETED)

        assert (
            str(caught.value)
            == "action: expected no action when the outcome is 'rejected', got 'deleted'"
        )

    def test_the_seed_report_leaves_other_categories_out_and_says_so(self) -> None:
        """An emergency-category request in a report of the seed's three tables."""
        report = build_report(
            [make_request("E1", category="emergency", received=date(2020, 3, 1))], YEAR
        )

        [entry] = report.left_out()
        assert entry.reason == "category 'emergency' has no table in this report"


class TestActionsStayInTheirOwnTable:
    """A preservation is not a disclosure: kept out of the totals unless a policy says."""

    LEDGER = (
        make_request("D1", legal_process="other_court_order", data_country="FR"),
        make_request(
            "P1",
            category="account_preservation",
            identifiers=ACCOUNT,
            response=Response(Outcome.NO_DATA, action=Action.PRESERVED),
            legal_process="investigation_order",
            data_country="FR",
        ),
    )

    def categories(self) -> list[Category]:
        registry = default_categories()
        return [registry["device"], registry["account_preservation"]]

    def test_by_default_only_in_their_table(self) -> None:
        """Not in Table 4, a breakdown, the cross-border figures or the counted line."""
        report = build_report(
            self.LEDGER, YEAR, categories=self.categories(), breakdowns=[OUTCOMES]
        )

        assert report.table("account_preservation").cell("ES", "preserved") == Figure(1, ("P1",))
        assert report.table("legal_process").cell("ES", "investigation_order").value == 0
        assert report.table("outcomes").cell("ES", "no_data").value == 0
        assert report.cross_border.total == Figure(1, ("D1",))
        assert report.summary == LedgerSummary(records=2, requests=2, counted=1, actions=1)
        assert [(e.id, e.disposition, e.reason) for e in report.entries] == [
            ("D1", Disposition.COUNTED, "counted in device, ES"),
            (
                "P1",
                Disposition.OWN_TABLE_ONLY,
                "counted in account_preservation, ES, in its own table only",
            ),
        ]
        assert report.left_out() == ()
        text = " ".join(TextRenderer()(report).split())
        assert "1 request counted; " in text
        assert "1 request for an action on accounts counted in its own table only" in text

    def test_a_policy_counts_them_in_the_totals(self) -> None:
        """As TikTok does: everywhere a disclosure request is."""
        report = build_report(
            self.LEDGER,
            YEAR,
            categories=self.categories(),
            breakdowns=[OUTCOMES],
            actions_in_totals=True,
        )

        assert report.table("legal_process").cell("ES", "investigation_order").value == 1
        assert report.table("outcomes").cell("ES", "no_data") == Figure(1, ("P1",))
        assert report.cross_border.total.value == 2
        assert report.summary == LedgerSummary(records=2, requests=2, counted=2, actions=0)

    def test_which_shipped_categories_record_actions(self) -> None:
        """Preservation and restriction/deletion; a registered category may say so too."""
        assert [c.name for c in SHIPPED_CATEGORIES if c.action] == [
            "account_preservation",
            "account_restriction_deletion",
        ]

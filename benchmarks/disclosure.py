"""Time complementary suppression: a report of many small countries under a threshold.

``uv run python benchmarks/disclosure.py`` builds, for 200 countries, 20 made-up
requests each (every category, outcome and legal process, some cross-border), and times
``build_report`` with ``Suppression(10)``, without and with every shipped breakdown:
the case where most figures are withheld and the bounds of each must be checked. It
prints the seconds and how many figures were withheld. Seeded: the same run each time.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from babel import Locale

import transparency_core as tc

_OUTCOMES = [tc.Outcome.PROVIDED, tc.Outcome.NO_DATA, tc.Outcome.REJECTED, tc.Outcome.PENDING]
_PROCESSES = ["investigation_order", "other_court_order", None]


def _country(code: str) -> bool:
    """Whether a request may come from ``code`` (an ISO 3166-1 country, not a region)."""
    try:
        tc.Request(
            id="x",
            received=date(2020, 1, 1),
            country=code,
            category="device",
            identifiers=[tc.Identifier("imei", "490154203237518")],
            response=tc.Response(tc.Outcome.NO_DATA),
        )
    except tc.exceptions.FieldError:
        return False
    return True


def ledger(countries: int, per_country: int, seed: int = 0) -> list[tc.Request]:
    """``per_country`` made-up requests for each of ``countries`` countries."""
    rng = random.Random(seed)
    codes = [code for code in sorted(Locale("en").territories) if _country(code)][:countries]
    requests = []
    for country in codes:
        for number in range(per_country):
            outcome = rng.choice(_OUTCOMES)
            data = tc.DataKind.NON_CONTENT if outcome is tc.Outcome.PROVIDED else None
            requests.append(
                tc.Request(
                    id=f"{country}-{number}",
                    received=date(2020, 1 + number % 12, 1),
                    country=country,
                    category=rng.choice(["device", "financial_identifier", "account"]),
                    identifiers=[tc.Identifier("imei", f"{rng.getrandbits(40):013d}")],
                    response=tc.Response(outcome, data, challenged=rng.random() < 0.2),
                    legal_process=rng.choice(_PROCESSES),
                    data_country="US" if rng.random() < 0.1 else None,
                )
            )
    return requests


def main() -> int:
    """Print the time of each report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--per-country", type=int, default=20)
    arguments = parser.parse_args()
    requests = ledger(arguments.countries, arguments.per_country)
    period = tc.ReportingPeriod.calendar_year(2020)
    for name, breakdowns in (("tables", ()), ("tables and breakdowns", tc.SHIPPED_BREAKDOWNS)):
        start = time.perf_counter()
        report = tc.build_report(
            requests, period, disclosure=tc.Suppression(10), breakdowns=breakdowns
        )
        seconds = time.perf_counter() - start
        cells = [cell for table in report.tables for row in table.rows for cell in row.cells]
        withheld = sum(1 for cell in cells if cell.withheld)
        print(f"{name}: {seconds:.2f} s, {withheld} of {len(cells)} cells withheld")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

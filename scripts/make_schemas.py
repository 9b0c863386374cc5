"""Write the JSON Schemas the package ships, from the value objects.

Run ``uv run python scripts/make_schemas.py`` after changing a value object, a category
or a legal process type, and review the diff; a test fails while the file is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from transparency_core import REPORT_SCHEMA, ledger_record_schema
from transparency_core._render import REPORT_SCHEMA_V1

SCHEMAS = Path(__file__).parent.parent / "src" / "transparency_core" / "schemas"


def files() -> dict[str, str]:
    """Every shipped schema file, by name, as it should read."""
    schemas = {
        "ledger-record.schema.json": ledger_record_schema(),
        "report.schema.json": REPORT_SCHEMA,
        "report-1.schema.json": REPORT_SCHEMA_V1,
    }
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in schemas.items()
    }


def main() -> int:
    """Write the schemas, or with ``--check`` say whether the files are up to date."""
    check = sys.argv[1:] == ["--check"]
    stale = []
    for name, text in files().items():
        path = SCHEMAS / name
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        SCHEMAS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    if check:
        print(f"out of date: {', '.join(stale)}" if stale else "up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write the JSON Schemas the package ships, from the value objects.

Run ``uv run python scripts/make_schemas.py`` after changing a value object, a category
or a legal process type, and review the diff; a test fails while the file is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from transparency_core import ledger_record_schema

SCHEMAS = Path(__file__).parent.parent / "src" / "transparency_core" / "schemas"


def render() -> str:
    """The ledger record schema as the shipped file holds it."""
    return json.dumps(ledger_record_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write the schema, or with ``--check`` say whether the file is up to date."""
    path = SCHEMAS / "ledger-record.schema.json"
    if sys.argv[1:] == ["--check"]:
        fresh = path.is_file() and path.read_text(encoding="utf-8") == render()
        print("up to date" if fresh else f"{path} is out of date")
        return 0 if fresh else 1
    SCHEMAS.mkdir(exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

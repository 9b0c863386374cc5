"""Peer 2: pandas, as an analyst would write it: read, explode, group, count distinct."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from common import figures

if TYPE_CHECKING:
    from pathlib import Path


def run(path: Path) -> dict[str, object]:
    """Every figure of the four tables of the ledger at ``path``."""
    frame = pd.read_json(path, lines=True, dtype=False)
    frame = frame.drop_duplicates("id")
    frame = frame[(frame["received"] >= "2020-01-01") & (frame["received"] <= "2020-12-31")]
    frame["outcome"] = frame["response"].str.get("outcome")
    frame["data"] = frame["response"].str.get("data")
    identifiers = frame[["id", "identifiers"]].explode("identifiers")
    parts = pd.json_normalize(identifiers["identifiers"].tolist())
    parts["id"] = identifiers["id"].to_numpy()
    if "subject" not in parts:
        parts["subject"] = None
    parts["key"] = ("i:" + parts["type"] + ":" + parts["value"]).where(
        parts["subject"].isna(), "s:" + parts["subject"]
    )
    subjects = parts.groupby("id")["key"].nunique().rename("subjects")
    frame = frame.join(subjects, on="id")
    frame["provided"] = frame["outcome"] == "provided"
    frame["non_content"] = frame["provided"] & (frame["data"] == "non_content")
    frame["content"] = frame["provided"] & (frame["data"] == "content")
    table = frame.groupby(["category", "country"]).agg(
        requests=("id", "size"),
        subjects=("subjects", "sum"),
        provided=("provided", "sum"),
        non_content=("non_content", "sum"),
        content=("content", "sum"),
    )
    legal = frame.dropna(subset=["legal_process"]).groupby(["country", "legal_process"]).size()
    return figures(
        [(category, country, *map(int, row)) for (category, country), row in table.iterrows()],
        [(country, process, int(n)) for (country, process), n in legal.items()],
    )

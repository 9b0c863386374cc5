"""Verification: a published report recounted from a ledger by its own settings.

The family's face: ``_read`` reads a report's settings back, strictly, into the objects
that recount it; ``_check`` recounts, compares every published value, and tells a
changed ledger, changed settings and changed figures apart (:func:`verify`).
"""

from __future__ import annotations

from transparency_core._verify._check import Mismatch, Verification, verify

__all__ = ["Mismatch", "Verification", "verify"]

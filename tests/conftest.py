"""Hypothesis profiles: the default, and ``thorough`` with many more examples.

Neither has a deadline: how long an example takes is for the benchmarks, not for a unit
test, and a loaded machine would fail one at random.

    uv run pytest tests -p no:cacheprovider --hypothesis-profile=thorough

runs every property test with 5,000 examples (tests that set their own count keep it;
the fuzzer's seeds take a fifth), with no deadline. ``HYPOTHESIS_PROFILE=thorough`` in
the environment does the same.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None)
settings.register_profile(
    "thorough",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "default")

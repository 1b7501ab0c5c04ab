"""Shared fixtures and the Hypothesis profiles.

Profiles: ``ci`` (the default: quick, deterministic enough for every run) and
``thorough`` (many more examples; select with ``HYPOTHESIS_PROFILE=thorough``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govdisclosure
from govdisclosure import AnnualReport

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=2_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The command line speaks the language of the locale (govdisclosure.cli._lang); the
# documentation shows, and the tests expect, its Chinese output whatever the locale of
# the machine running them. Tests of the choice itself set the environment they need.
os.environ["GOVDISCLOSURE_LANG"] = "zh"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"

#: The corpus's Shanghai 2019 report (001) leaves the 总计 column blank in these 11 rows
#: of table 三 although their applicant cells are filled (MANIFEST.md, tests/data/corpus).
SHANGHAI_BLANK_TOTALS = [
    f"/applications/{row}/total"
    for row in (
        "granted",
        "partially_granted",
        "withheld/state_secret",
        "withheld/internal_affairs",
        "withheld/process_information",
        "withheld/administrative_inquiry",
        "unavailable/not_held",
        "unavailable/needs_creation",
        "unavailable/unclear_after_correction",
        "not_processed/petition_or_complaint",
        "not_processed/repeated_application",
    )
]


def load_example(name: str) -> AnnualReport:
    return govdisclosure.loads((EXAMPLES / f"{name}.json").read_bytes())


@pytest.fixture(scope="session")
def qidu() -> AnnualReport:
    """The seed report: a town government, 2019 edition, all zeros in 三 and 四."""
    return load_example("qidu-2019")


@pytest.fixture(scope="session")
def pingtan_2021() -> AnnualReport:
    """A zone government's 2021-edition report with real figures."""
    return load_example("pingtan-2021")

"""Is the report consistent? Rules, findings, presets and the :func:`check` entry point."""

from ._aggregate import aggregate, check_aggregate
from ._engine import check, get_rule, presets, rules
from ._finding import Finding, Location, Severity
from ._presets import Preset
from ._registry import RETIRED, Context, Rule, rule

__all__ = [
    "RETIRED",
    "Context",
    "Finding",
    "Location",
    "Preset",
    "Rule",
    "Severity",
    "aggregate",
    "check",
    "check_aggregate",
    "get_rule",
    "presets",
    "rule",
    "rules",
]

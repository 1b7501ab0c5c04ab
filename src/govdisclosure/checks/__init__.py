"""Is the report consistent? Rules, findings and the :func:`check` entry point."""

from ._engine import check, get_rule, rules
from ._finding import Finding, Location, Severity
from ._registry import Context, Rule, rule

__all__ = [
    "Context",
    "Finding",
    "Location",
    "Rule",
    "Severity",
    "check",
    "get_rule",
    "rule",
    "rules",
]

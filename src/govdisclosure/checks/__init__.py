"""Is the report consistent? Rules, findings, presets and the :func:`check` entry point.

The findings, the rule registry and the presets load with the package; the rule families
and the engine (:func:`check`, :func:`rules`, :func:`get_rule`, :func:`presets`,
:func:`aggregate`, :func:`check_aggregate`) load on first use, so that code that only
reads, writes or renders reports — or names :class:`Finding` in its types — does not
pay for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._finding import Finding, Location, Origin, Severity
from ._presets import Preset
from ._registry import RETIRED, Context, Rule, rule

if TYPE_CHECKING:
    from ._aggregate import aggregate, check_aggregate
    from ._engine import check, get_rule, presets, rules

__all__ = [
    "RETIRED",
    "Context",
    "Finding",
    "Location",
    "Origin",
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

_LAZY = {
    "aggregate": "._aggregate",
    "check_aggregate": "._aggregate",
    "check": "._engine",
    "get_rule": "._engine",
    "presets": "._engine",
    "rules": "._engine",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govdisclosure.checks' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

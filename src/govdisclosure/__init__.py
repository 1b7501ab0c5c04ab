"""govdisclosure: China's government information disclosure annual reports as data.

政府信息公开工作年度报告: build a report as data, check it against the format's
identities and rules, read a published report, write it out.

The front door — everything else lives in the subpackages (:mod:`govdisclosure.model`,
:mod:`govdisclosure.checks`, :mod:`govdisclosure.codecs`, :mod:`govdisclosure.parsers`,
:mod:`govdisclosure.render`,
:mod:`govdisclosure.testing`)::

    >>> import govdisclosure
    >>> report = govdisclosure.loads(open("examples/qidu-2019.json", "rb").read())  # doctest: +SKIP
    >>> for finding in govdisclosure.check(report):  # doctest: +SKIP
    ...     print(finding)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._limits import Limits
from .exceptions import (
    AggregateError,
    GovDisclosureError,
    LimitExceededError,
    ParseError,
    RuleSelectionError,
    StructureError,
)
from .model import Agency, AgencyLevel, AnnualReport, Edition, ReportBuilder

__all__ = [
    "Agency",
    "AgencyLevel",
    "AggregateError",
    "AnnualReport",
    "Edition",
    "Finding",
    "GovDisclosureError",
    "LimitExceededError",
    "Limits",
    "ParseError",
    "ParseResult",
    "ReportBuilder",
    "RuleSelectionError",
    "Severity",
    "StructureError",
    "__version__",
    "aggregate",
    "check",
    "check_aggregate",
    "check_jsonl",
    "dumps",
    "json_schema",
    "loads",
    "parse",
    "render_html",
    "render_markdown",
    "rules",
]


if TYPE_CHECKING:
    from .checks import Finding, Severity, aggregate, check, check_aggregate, rules
    from .codecs import dumps, json_schema, loads
    from .parsers import ParseResult, parse
    from .render import render_html, render_markdown
    from .stream import check_jsonl

# Loaded on first use, so that `import govdisclosure` stays light: the checks (every
# rule family) when a program first checks or asks for a rule; the JSON codec (and
# cattrs with it) when it first reads or writes JSON; the parsers when it first reads a
# published document; the renderers when it first renders; the streaming checker (and
# concurrent.futures) when it first checks JSON Lines.
_LAZY = {
    "Finding": "govdisclosure.checks",
    "Severity": "govdisclosure.checks",
    "aggregate": "govdisclosure.checks",
    "check": "govdisclosure.checks",
    "check_aggregate": "govdisclosure.checks",
    "rules": "govdisclosure.checks",
    "dumps": "govdisclosure.codecs",
    "loads": "govdisclosure.codecs",
    "json_schema": "govdisclosure.codecs",
    "render_html": "govdisclosure.render",
    "render_markdown": "govdisclosure.render",
    "parse": "govdisclosure.parsers",
    "ParseResult": "govdisclosure.parsers",
    "check_jsonl": "govdisclosure.stream",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("govdisclosure")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govdisclosure' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

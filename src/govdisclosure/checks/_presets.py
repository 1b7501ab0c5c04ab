"""Presets: named ways to run the rules, from lenient to strict.

A preset sets, for each rule, the severity its findings get and a *floor*: findings whose
final severity is below the floor are not reported (their rules are not even run).

How a preset composes with the other arguments of :func:`~govdisclosure.check`, in order:

1. ``select`` / ``ignore`` choose the rules (by code prefix), whatever the preset;
2. the preset gives each chosen rule its severity;
3. ``severity=`` overrides win over the preset's severity;
4. the preset's floor drops every rule whose final severity is below it — so an explicit
   ``severity={"GD101": "warning"}`` brings a note rule back under ``lenient``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ._finding import Severity
from ._registry import Rule

__all__ = ["HARD_IDENTITIES", "PRESETS", "Preset"]

#: The template's own arithmetic (spec §6.1): T3-A (GD301), T3-B (GD302), T3-C (GD303)
#: and T4-A (GD401). No reading of the format lets a report break them.
HARD_IDENTITIES = frozenset({"GD301", "GD302", "GD303", "GD401"})


@attrs.frozen(kw_only=True)
class Preset:
    """A named policy for running the rules.

    Attributes:
        name: ``"default"``, ``"strict"`` or ``"lenient"``.
        summary: what the preset is for, in English.
        summary_zh: the same in Chinese.
        remap: default severity → severity under the preset (pairs; others unchanged).
        exempt: codes that keep their default severity.
        floor: findings below this severity are not reported.
    """

    name: str
    summary: str
    summary_zh: str
    remap: tuple[tuple[Severity, Severity], ...] = ()
    exempt: frozenset[str] = frozenset()
    floor: Severity = Severity.NOTE

    def severity_of(self, rule: Rule) -> Severity:
        """The severity ``rule``'s findings get under this preset (before overrides)."""
        if rule.code in self.exempt:
            return rule.severity
        for old, new in self.remap:
            if rule.severity is old:
                return new
        return rule.severity


PRESETS: Mapping[str, Preset] = MappingProxyType(
    {
        "default": Preset(
            name="default",
            summary="Every rule at its documented default severity.",
            summary_zh="全部规则，按各自的默认严重程度",
        ),
        "strict": Preset(
            name="strict",
            summary=(
                "Every rule; warnings become errors (notes stay notes). For offices that "
                "review reports before accepting them."
            ),
            summary_zh="全部规则；警告升为错误（提示不变）。适用于审核把关",
            remap=((Severity.WARNING, Severity.ERROR),),
        ),
        "lenient": Preset(
            name="lenient",
            summary=(
                "Errors only for the template's hard identities (GD301, GD302, GD303, "
                "GD401); every other error becomes a warning; notes are dropped. For "
                "surveys of many reports that count only undeniable breaks as errors."
            ),
            summary_zh=(
                "仅模板的硬性勾稽关系（GD301、GD302、GD303、GD401）为错误，其余错误降为警告，"
                "不报告提示。适用于大批量报告的调查研究"
            ),
            remap=((Severity.ERROR, Severity.WARNING),),
            exempt=HARD_IDENTITIES,
            floor=Severity.WARNING,
        ),
    }
)

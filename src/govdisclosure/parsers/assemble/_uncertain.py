"""Values a character recogniser (OCR) was unsure of: unread, unless an identity confirms.

A front-end that reads images gives each table cell the recogniser's confidence in its
least certain character (:attr:`~govdisclosure.parsers.TableCell.confidence`). A value read
from a cell below :data:`UNSURE` is held back while the tables are read
(:attr:`State.unsure <._state.State.unsure>`); once they are, each held value is

* **read**, with a GD919 note, when an identity of the template confirms it: an identity
  in which it is the only value still unsure, whose other terms are all read (a figure,
  or a blank cell, which adds nothing), and which holds with the recogniser's reading —
  a row's 总计 and its parts (table 三), T3-A and T3-B in its column (table 三), its
  block's 总计 and parts (table 四). Once read, a value may confirm another;
* otherwise **unread** (reason ``uncertain``), with a GD918 warning that gives what the
  recogniser read and, where an identity determines the cell, the value it asks for — a
  hint for the reviewer, never written into the report.

The reading is confirmed, never replaced: a figure the identities ask for but the page does
not show would be a guess, and a report that does not add up must keep its error.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from ...checks._plan import plan
from ...checks._rules import parsing as rules
from ...model import Edition, SourceSpan, UnreadReason
from ...model._cellmap import CellValue

if TYPE_CHECKING:
    from ._state import State

__all__ = ["UNSURE", "Unsure", "settle_unsure"]

UNSURE = 0.9
"""A cell read with less confidence than this (in its least certain character) is unsure."""


class Unsure(NamedTuple):
    """A value read from a cell the recogniser was unsure of."""

    value: CellValue
    text: str
    confidence: float
    span: SourceSpan | None


class _Identity(NamedTuple):
    """``total == sum(parts)``, or for T3-A ``parts[0] + parts[1] == total + other``."""

    name_zh: str
    name_en: str
    terms: tuple[str, ...]
    #: +1 or -1 per term: the identity holds when the signed terms add up to 0.
    signs: tuple[int, ...]


def settle_unsure(state: State, edition: Edition) -> None:
    """Read or leave unread each value held back in ``state.unsure`` (see the module)."""
    pending = dict(state.unsure)
    if not pending:
        return
    values = state.values
    unread = state.unread
    identities = list(_identities(edition))
    confirmed: dict[str, _Identity] = {}
    progress = True
    while progress:
        progress = False
        for pointer in list(pending):
            held = pending[pointer]
            if not isinstance(held.value, int):
                continue
            for identity in identities:
                if pointer in identity.terms and _confirms(
                    identity, pointer, values, pending, unread
                ):
                    confirmed[pointer] = identity
                    del pending[pointer]
                    progress = True
                    break
    for pointer, identity in confirmed.items():
        held = state.unsure[pointer]
        state._diagnose(
            rules.ocr_confirmed,
            pointer,
            f"文字识别对此单元格“{held.text}”把握不足（置信度 {held.confidence:.2f}），"
            f"读数 {held.value} 与{identity.name_zh}相符，予以读取",
            f"the recogniser was unsure of this cell {held.text!r} (confidence "
            f"{held.confidence:.2f}); its reading {held.value} fits {identity.name_en}, so "
            "it is read",
            span=held.span,
            actual=held.text or None,
            related=(t for t in identity.terms if t != pointer),
        )
    for pointer, held in pending.items():
        values[pointer] = None
        asked = _asked(pointer, values, identities, pending, unread)
        hint_zh = f"；{asked[0]}要求为 {asked[1]}" if asked else ""
        hint_en = f"; {asked[2]} asks for {asked[1]}" if asked else ""
        shown = held.text or "（无法识别的字迹）"
        state._diagnose(
            rules.ocr_uncertain,
            pointer,
            f"文字识别对此单元格“{shown}”把握不足（置信度 {held.confidence:.2f}），"
            f"没有勾稽关系可以确认{hint_zh}；此单元格未读取，不作猜测",
            f"the recogniser was unsure of this cell {held.text!r} (confidence "
            f"{held.confidence:.2f}) and no identity confirms it{hint_en}; the cell is not "
            "read, not guessed",
            span=held.span,
            actual=held.text or None,
        )
        state._unread((pointer,), UnreadReason.UNCERTAIN, rules.ocr_uncertain, held.text)


def _term(
    term: str,
    values: Mapping[str, CellValue],
    pending: Mapping[str, Unsure],
    unread: Container[str],
) -> int | None:
    """A term's value for an identity: its figure, 0 for a blank cell, ``None`` when it
    is not known (unsure, unread, or not a count)."""
    if term in pending or term in unread:
        return None
    value = values.get(term)
    if value is None:
        return 0
    return value if isinstance(value, int) else None


def _confirms(
    identity: _Identity,
    pointer: str,
    values: Mapping[str, CellValue],
    pending: Mapping[str, Unsure],
    unread: Container[str],
) -> bool:
    total = 0
    for term, sign in zip(identity.terms, identity.signs, strict=True):
        value = values.get(pointer) if term == pointer else _term(term, values, pending, unread)
        if not isinstance(value, int):
            return False
        total += sign * value
    return total == 0


def _asked(
    pointer: str,
    values: Mapping[str, CellValue],
    identities: list[_Identity],
    pending: Mapping[str, Unsure],
    unread: Container[str],
) -> tuple[str, int, str] | None:
    """The value the first identity that determines the cell asks for, if any."""
    for identity in identities:
        if pointer not in identity.terms:
            continue
        rest = 0
        own = 0
        for term, sign in zip(identity.terms, identity.signs, strict=True):
            if term == pointer:
                own = sign
                continue
            value = _term(term, values, pending, unread)
            if value is None:
                break
            rest += sign * value
        else:
            wanted = -rest * own
            if wanted >= 0:
                return identity.name_zh, wanted, identity.name_en
    return None


def _identities(edition: Edition) -> Iterator[_Identity]:
    """The identities of tables 三 and 四 over JSON pointers."""
    p = plan(edition)
    at = [ref.pointer for ref in p.refs]
    for _, identity in p.row_totals:
        yield _sum(
            "本行总计", "the row's total", at[identity.total], [at[i] for i in identity.parts]
        )
    for _, identity in p.appeal_totals:
        yield _sum(
            "本栏总计", "the block's total", at[identity.total], [at[i] for i in identity.parts]
        )
    for _, identity in p.outcome_totals:
        yield _sum(
            "本列办理结果之和（T3-B）",
            "the column's outcomes adding up (T3-B)",
            at[identity.total],
            [at[i] for i in identity.parts],
        )
    for _, balance in p.balances:
        yield _Identity(
            "本列收支平衡（T3-A）",
            "the column's balance (T3-A)",
            (at[balance.new], at[balance.over], at[balance.handled], at[balance.forward]),
            (1, 1, -1, -1),
        )


def _sum(zh: str, en: str, total: str, parts: list[str]) -> _Identity:
    return _Identity(zh, en, (total, *parts), (-1, *([1] * len(parts))))

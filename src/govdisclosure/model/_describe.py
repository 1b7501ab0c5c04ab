"""Places in a report named in the template's own words.

A reviewer finds a cell by its table, row and column as printed — 表三“（二）部分公开”行
“总计”列 — not by a JSON pointer or by the position of a table in a web page. Messages,
text output and the HTML list of findings name places through :func:`describe`.
"""

from __future__ import annotations

import re
from functools import cache

from ._cellmap import TEXT_POINTERS, CellRef, Shape, cell_refs
from ._enums import AppealKind, ApplicationRow, Edition, ProactiveRow, Section
from ._labels import APPEAL_GROUP_LABELS, APPLICATION_GROUP_LABELS, SECTION_LABELS

__all__ = ["appeal_label", "describe", "describe_cell", "row_label"]

_ANNOTATION = re.compile(r"（[^（）]*）$")

#: The table of each section, as reviewers call it.
TABLE_NAMES = {
    Section.PROACTIVE: ("表二", "table 二"),
    Section.APPLICATIONS: ("表三", "table 三"),
    Section.APPEALS: ("表四", "table 四"),
}

_TEXT_NAMES: dict[str, tuple[str, str]] = {
    "": ("整个报告", "the whole report"),
    "/edition": ("格式版本", "the edition"),
    "/year": ("报告年度", "the report year"),
    "/agency": ("报告机关", "the organ"),
    "/agency/name": ("报告机关名称", "the organ's name"),
    "/agency/level": ("报告机关层级", "the organ's level"),
    "/title": ("标题", "the title"),
    "/preface": ("标题后、“一、总体情况”前的文字", "the text before section 一"),
    "/overview": (SECTION_LABELS[Section.OVERVIEW], "section 一 (overview)"),
    "/problems": (SECTION_LABELS[Section.PROBLEMS], "section 五 (problems)"),
    "/other_matters": (SECTION_LABELS[Section.OTHER_MATTERS], "section 六 (other matters)"),
    "/unread": ("未读取的单元格", "the unread cells"),
    "/source": ("来源", "the source"),
}
for _section in (Section.PROACTIVE, Section.APPLICATIONS, Section.APPEALS):
    _zh, _en = TABLE_NAMES[_section]
    _TEXT_NAMES[f"/{_section.value}"] = (_zh, _en)
    _TEXT_NAMES[f"/{_section.value}/text_before"] = (
        f"{SECTION_LABELS[_section]}（{_zh}前的文字）",
        f"the text before {_en}",
    )
    _TEXT_NAMES[f"/{_section.value}/text_after"] = (
        f"{SECTION_LABELS[_section]}（{_zh}后的文字）",
        f"the text after {_en}",
    )
assert set(TEXT_POINTERS) <= set(_TEXT_NAMES)


def row_label(row: ApplicationRow, edition: Edition | None = None) -> str:
    """A row of table 三 as a reader finds it: group and item, without annotations, inner
    quotes made single (``（三）不予公开·3.危及‘三安全一稳定’``, ``（二）部分公开``)."""
    own = _ANNOTATION.sub("", row.label(edition)).replace("“", "‘").replace("”", "’")
    group = row.group
    if group is None:
        return own
    return f"{APPLICATION_GROUP_LABELS[group]}·{own}"


def appeal_label(kind: AppealKind) -> str:
    """A block of table 四 as printed, with 行政诉讼 before the litigation blocks."""
    if kind is AppealKind.ADMINISTRATIVE_REVIEW:
        return kind.label()
    return f"{APPEAL_GROUP_LABELS['litigation']}·{kind.label()}"


def _row_words(row: object, edition: Edition) -> str:
    if isinstance(row, ApplicationRow):
        return row_label(row, edition)
    if isinstance(row, AppealKind):
        return appeal_label(row)
    assert isinstance(row, ProactiveRow)
    return row.label(edition)


def describe_cell(ref: CellRef, edition: Edition) -> tuple[str, str]:
    """A cell in the template's words, Chinese and English:
    ``表三“（二）部分公开”行“总计”列``, ``table 三, row partially_granted, column total``."""
    zh_table, en_table = TABLE_NAMES[ref.section]
    row = _row_words(ref.row, edition)
    column = ref.column.label(edition)
    if ref.section is Section.APPEALS:
        zh = f"{zh_table}“{row}”“{column}”"
    else:
        zh = f"{zh_table}“{row}”行“{column}”列"
    en = f"{en_table}, row {ref.row.value}, column {ref.column.value}"
    return zh, en


@cache
def _places(shape: Shape) -> dict[str, tuple[str, str]]:
    places = dict(_TEXT_NAMES)
    edition = shape if isinstance(shape, Edition) else shape.edition
    for ref in cell_refs(shape):
        places[ref.pointer] = describe_cell(ref, edition)
        row_pointer = ref.pointer.rsplit("/", 1)[0]
        if row_pointer not in places:
            zh_table, en_table = TABLE_NAMES[ref.section]
            words = _row_words(ref.row, edition)
            zh = (
                f"{zh_table}“{words}”"
                if ref.section is Section.APPEALS
                else f"{zh_table}“{words}”行"
            )
            places[row_pointer] = (zh, f"{en_table}, row {ref.row.value}")
    for group, label in APPLICATION_GROUP_LABELS.items():
        places.setdefault(f"/applications/{group}", (f"表三“{label}”", f"table 三, {group}"))
    return places


def describe(pointer: str, shape: Shape = Edition.E2021) -> tuple[str, str]:
    """The place ``pointer`` names, in the template's words (Chinese, English).

    Cells and rows of the tables by table, row and column label; free texts by their
    section heading; anything else by the pointer itself.

    Example:
        >>> from govdisclosure.model import describe
        >>> describe("/applications/partially_granted/total")[0]
        '表三“（二）部分公开”行“总计”列'
        >>> describe("/appeals/direct_litigation/upheld")[0]
        '表四“行政诉讼·未经复议直接起诉”“结果维持”'
    """
    found = _places(shape).get(pointer)
    if found is not None:
        return found
    return pointer or "/", pointer or "/"

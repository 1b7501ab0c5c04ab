"""The renderers' own words (not the template's: those live in ``model/_labels.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..model import Section, UnreadCell

__all__ = [
    "CORPUS_WORDS",
    "FINDINGS_COLUMNS",
    "FINDINGS_HEADING",
    "GENERATED_TITLE",
    "SEVERITY_MARKS",
    "SHEET_FINDINGS",
    "SHEET_REPORT",
    "SHEET_SUMMARY",
    "SHEET_TEXT",
    "SUMMARY_SHEET_COLUMNS",
    "TEMPLATE_TITLE",
    "TEMPLATE_TITLE_NOTE",
    "TEXT_SHEET_FACTS",
    "TEXT_SHEET_HEADINGS",
    "TEXT_SHEET_PARTS",
    "UNREAD_MARK",
    "unread_note",
]

#: The heading printed when a report has no title of its own: agency and year filled in.
GENERATED_TITLE = "{agency}{year}年政府信息公开工作年度报告"

#: The title of a blank fill-in template (the organ and the year go before it).
TEMPLATE_TITLE = "政府信息公开工作年度报告"

#: The comment on a template's title: what to type before it.
TEMPLATE_TITLE_NOTE = (
    "请在标题前填写机关名称和报告年度，如“某某县人民政府2024年政府信息公开工作年度报告”。\n"
    "Type the organ and the year before the title."
)

#: The heading of the findings list of an HTML page (Chinese, English).
FINDINGS_HEADING = ("检查结果", "Findings")

#: The mark drawn after a cell with a finding, by severity value.
SEVERITY_MARKS: Mapping[str, str] = MappingProxyType(
    {"error": "\u2716", "warning": "\u25b2", "note": "\u25cf"}
)

#: What a cell reading left unread shows in a workbook or a Word file. It is not a
#: figure, so the file reads back with the cell unread again, never blank.
UNREAD_MARK = "未读"


def unread_note(cell: UnreadCell) -> str:
    """Why a cell is unread, in words (a comment on the cell)."""
    text = f"：{cell.text}" if cell.text else ""
    return (
        f"未读取：{cell.reason.label()}（{cell.code}）{text}\n"
        f"Not read: {cell.reason.value} ({cell.code})"
    )


# -- workbooks ---------------------------------------------------------------------------

SHEET_REPORT = "报告"
SHEET_TEXT = "正文"
SHEET_FINDINGS = "检查结果"
SHEET_SUMMARY = "汇总"

#: The text sheet's two parts: the facts about the report, and its prose.
TEXT_SHEET_HEADINGS = ("基本信息", "正文（每部分一格；表二、三、四见“报告”工作表）")

#: The facts on the text sheet, by metadata key.
TEXT_SHEET_FACTS: Mapping[str, str] = MappingProxyType(
    {"agency": "机关名称", "agency_level": "机关层级", "year": "报告年度", "edition": "格式版本"}
)


def _parts() -> dict[str, str]:
    parts = {"preface": "标题后、“一、总体情况”前的文字"}
    for section in Section:
        label = section.label()
        if section in (Section.PROACTIVE, Section.APPLICATIONS, Section.APPEALS):
            parts[f"{section.value}.text_before"] = f"{label}（表前文字）"
            parts[f"{section.value}.text_after"] = f"{label}（表后文字）"
        else:
            parts[section.value] = label
    return parts


#: The label of each part of the prose on the text sheet, by its key.
TEXT_SHEET_PARTS: Mapping[str, str] = MappingProxyType(_parts())

#: The findings sheet's columns (the first only when the workbook holds several reports).
FINDINGS_COLUMNS = (
    "报告",
    "代码",
    "规则",
    "严重程度",
    "来源",
    "位置",
    "信息",
    "Message",
    "应为",
    "实为",
    "指针",
)

#: The summary sheet's columns and their widths.
SUMMARY_SHEET_COLUMNS = (
    ("序号", 6),
    ("机关名称", 30),
    ("机关层级", 14),
    ("报告年度", 9),
    ("格式版本", 9),
    ("文件", 30),
    ("本年新收", 10),
    ("办理结果总计", 12),
    ("予以公开率", 11),
    ("不予公开率", 11),
    ("错误", 7),
    ("警告", 7),
    ("提示", 7),
    ("未读单元格", 10),
    ("工作表", 10),
)

# -- the corpus page ---------------------------------------------------------------------

#: The corpus page's words (Chinese, English), by key.
CORPUS_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "title": ("政府信息公开工作年度报告汇总分析", "A corpus of annual reports"),
        "reports": ("报告", "reports"),
        "duplicates": ("重复（同一机关同一年度）", "duplicates (same organ and year)"),
        "agencies": ("机关", "organs"),
        "years": ("年度", "years"),
        "errors": ("错误（报告）", "errors (report)"),
        "warnings": ("警告（报告）", "warnings (report)"),
        "reading": ("读取问题", "on reading"),
        "unread": ("未读单元格", "unread cells"),
        "by_rule": ("检查结果：按规则", "Findings by rule"),
        "by_report": ("检查结果：按报告（最多 30 份）", "Findings by report (30 at most)"),
        "more_reports": ("另有报告有检查结果：", "more reports with findings:"),
        "no_findings": ("没有检查结果。", "No findings."),
        "origin_report": ("关于报告", "on the report"),
        "origin_reading": ("关于读取", "on reading it"),
        "mix_by_year": ("办理结果构成：按年度", "Outcomes of applications by year"),
        "mix_by_level": ("办理结果构成：按机关层级", "Outcomes of applications by level"),
        "level_unknown": ("层级不明", "level not known"),
        "granted": ("予以公开", "granted"),
        "partially_granted": ("部分公开", "partially granted"),
        "withheld": ("不予公开", "withheld"),
        "unavailable": ("无法提供", "unavailable"),
        "not_processed": ("不予处理", "not processed"),
        "other_handling": ("其他处理", "other"),
        "rates": ("不予公开率和予以公开率：按年度", "Refusal and grant rates by year"),
        "rates_note": (
            "各年度合计：不予公开（八项之和）或予以公开数除以办理结果总计；有空白或未读的报告未计入。",
            "Pooled per year: withheld (its eight rows) or granted over all handled; reports "
            "with a blank or unread term are left out.",
        ),
        "pooled_note": ("{used} 份，{handled} 件", "{used} reports, {handled} applications"),
        "pooled_left_out": (
            "（{count} 份有空白或未读，未计入）",
            "({count} left out: blank or unread)",
        ),
        "year_count": ("{year}：{count} 份", "{year}: {count}"),
        "table": ("报告一览", "The reports"),
        "table_note": (
            "点击表头排序；点击机关名称查看该报告（按统一格式排版，标出检查结果）。",
            "Click a heading to sort; click an organ to see its report in the official layout.",
        ),
        "agency": ("机关名称", "organ"),
        "level": ("层级", "level"),
        "year": ("年度", "year"),
        "edition": ("格式", "edition"),
        "format": ("文件格式", "file format"),
        "received": ("本年新收", "received"),
        "handled": ("办理总计", "handled"),
        "granted_rate": ("予以公开率", "grant rate"),
        "withheld_rate": ("不予公开率", "refusal rate"),
        "document": ("文件", "file"),
    }
)

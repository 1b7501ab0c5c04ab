"""The official Chinese labels of both editions, keyed by enum member.

This module is the single home of the template's wording (spec: 国办公开办函〔2019〕60号
and 〔2021〕30号). Parsers, renderers and exports read labels from here; no other module
spells them out. Labels are given exactly as printed in the official template, with its
full-width punctuation.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ._enums import (
    AgencyLevel,
    AppealKind,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    MoneyUnit,
    NotProcessedReason,
    OtherHandlingReason,
    ProactiveColumn,
    ProactiveRow,
    Section,
    UnavailableReason,
    UnreadReason,
    WithheldReason,
    _Labelled,
)

__all__ = [
    "APPEAL_GROUP_LABELS",
    "APPLICATION_GROUP_LABELS",
    "APPLICATION_HEADER",
    "APPLICATION_NOTE",
    "APPLICATION_RESULTS_LABEL",
    "PROACTIVE_BLOCKS",
    "PROACTIVE_ITEM_HEADER",
    "SECTION_TEXT_NOTES",
    "label_of",
    "proactive_block_of",
    "proactive_columns",
]

EDITION_LABELS: Mapping[Edition, str] = MappingProxyType(
    {
        Edition.E2019: "国办公开办函〔2019〕60号",
        Edition.E2021: "国办公开办函〔2021〕30号",
    }
)

AGENCY_LEVEL_LABELS: Mapping[AgencyLevel, str] = MappingProxyType(
    {
        AgencyLevel.STATE_COUNCIL_DEPARTMENT: "国务院部门",
        AgencyLevel.PROVINCE: "省级人民政府",
        AgencyLevel.PREFECTURE: "设区的市级人民政府",
        AgencyLevel.COUNTY: "县级人民政府",
        AgencyLevel.TOWNSHIP: "乡镇人民政府、街道办事处",
        AgencyLevel.DEPARTMENT: "政府部门",
        AgencyLevel.OTHER: "其他",
    }
)

SECTION_LABELS: Mapping[Section, str] = MappingProxyType(
    {
        Section.OVERVIEW: "一、总体情况",
        Section.PROACTIVE: "二、主动公开政府信息情况",
        Section.APPLICATIONS: "三、收到和处理政府信息公开申请情况",
        Section.APPEALS: "四、政府信息公开行政复议、行政诉讼情况",
        Section.PROBLEMS: "五、存在的主要问题及改进情况",
        Section.OTHER_MATTERS: "六、其他需要报告的事项",
    }
)

#: The template's own instruction under each free-text section, per edition.
SECTION_TEXT_NOTES: Mapping[Edition, Mapping[Section, str]] = MappingProxyType(
    {
        Edition.E2019: MappingProxyType(
            {
                Section.OVERVIEW: "（文字描述）",
                Section.PROBLEMS: "（文字描述）",
                Section.OTHER_MATTERS: "（文字描述）",
            }
        ),
        Edition.E2021: MappingProxyType(
            {
                Section.OVERVIEW: "（文字描述）",
                Section.PROBLEMS: "（文字描述）",
                Section.OTHER_MATTERS: "（文字描述，收取信息处理费情况在此处报告。）",
            }
        ),
    }
)

APPLICANT_LABELS: Mapping[Applicant, str] = MappingProxyType(
    {
        Applicant.NATURAL_PERSON: "自然人",
        Applicant.COMMERCIAL_ENTERPRISE: "商业企业",
        Applicant.RESEARCH_INSTITUTION: "科研机构",
        Applicant.PUBLIC_INTEREST_ORGANIZATION: "社会公益组织",
        Applicant.LEGAL_SERVICE_INSTITUTION: "法律服务机构",
        Applicant.OTHER: "其他",
        Applicant.TOTAL: "总计",
    }
)

#: Header cells of table 三 above the applicant columns.
APPLICATION_HEADER: Mapping[str, str] = MappingProxyType(
    {"applicants": "申请人情况", "legal_persons": "法人或其他组织"}
)
#: The reconciliation note printed in the stub of table 三.
APPLICATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#: The group stub spanning the outcome rows of table 三.
APPLICATION_RESULTS_LABEL = "三、本年度办理结果"

#: Group stubs of table 三 (the rows below them carry their own item labels).
APPLICATION_GROUP_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "withheld": "（三）不予公开",
        "unavailable": "（四）无法提供",
        "not_processed": "（五）不予处理",
        "other_handling": "（六）其他处理",
    }
)

WITHHELD_LABELS: Mapping[WithheldReason, str] = MappingProxyType(
    {
        WithheldReason.STATE_SECRET: "1.属于国家秘密",
        WithheldReason.PROHIBITED_BY_LAW: "2.其他法律行政法规禁止公开",
        WithheldReason.ENDANGERS_SECURITY: "3.危及“三安全一稳定”",
        WithheldReason.THIRD_PARTY_RIGHTS: "4.保护第三方合法权益",
        WithheldReason.INTERNAL_AFFAIRS: "5.属于三类内部事务信息",
        WithheldReason.PROCESS_INFORMATION: "6.属于四类过程性信息",
        WithheldReason.ENFORCEMENT_CASE_FILE: "7.属于行政执法案卷",
        WithheldReason.ADMINISTRATIVE_INQUIRY: "8.属于行政查询事项",
    }
)
UNAVAILABLE_LABELS: Mapping[UnavailableReason, str] = MappingProxyType(
    {
        UnavailableReason.NOT_HELD: "1.本机关不掌握相关政府信息",
        UnavailableReason.NEEDS_CREATION: "2.没有现成信息需要另行制作",
        UnavailableReason.UNCLEAR_AFTER_CORRECTION: "3.补正后申请内容仍不明确",
    }
)
NOT_PROCESSED_LABELS: Mapping[NotProcessedReason, str] = MappingProxyType(
    {
        NotProcessedReason.PETITION_OR_COMPLAINT: "1.信访举报投诉类申请",
        NotProcessedReason.REPEATED_APPLICATION: "2.重复申请",
        NotProcessedReason.PUBLICATION_REQUESTED: "3.要求提供公开出版物",
        NotProcessedReason.EXCESSIVE_REPETITION: "4.无正当理由大量反复申请",
        NotProcessedReason.CONFIRMATION_REQUESTED: "5.要求行政机关确认或重新出具已获取信息",
    }
)
OTHER_HANDLING_LABELS: Mapping[OtherHandlingReason, str] = MappingProxyType(
    {
        OtherHandlingReason.CORRECTION_OVERDUE: (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        ),
        OtherHandlingReason.FEE_UNPAID: (
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        ),
        OtherHandlingReason.OTHER: "3.其他",
    }
)

_ROW_OWN_LABELS: dict[ApplicationRow, str] = {
    ApplicationRow.NEW_RECEIVED: "一、本年新收政府信息公开申请数量",
    ApplicationRow.CARRIED_OVER: "二、上年结转政府信息公开申请数量",
    ApplicationRow.GRANTED: "（一）予以公开",
    ApplicationRow.PARTIALLY_GRANTED: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ApplicationRow.OTHER_HANDLING: "（六）其他处理",
    ApplicationRow.TOTAL_HANDLED: "（七）总计",
    ApplicationRow.CARRIED_FORWARD: "四、结转下年度继续办理",
}
for _group, _table in (
    ("withheld", WITHHELD_LABELS),
    ("unavailable", UNAVAILABLE_LABELS),
    ("not_processed", NOT_PROCESSED_LABELS),
    ("other_handling", OTHER_HANDLING_LABELS),
):
    for _member, _text in _table.items():
        _ROW_OWN_LABELS[ApplicationRow(f"{_group}/{_member.value}")] = _text

#: Each row's own label as printed in its stub cell (group stubs not included).
APPLICATION_ROW_LABELS: Mapping[ApplicationRow, str] = MappingProxyType(_ROW_OWN_LABELS)

APPEAL_KIND_LABELS: Mapping[AppealKind, str] = MappingProxyType(
    {
        AppealKind.ADMINISTRATIVE_REVIEW: "行政复议",
        AppealKind.DIRECT_LITIGATION: "未经复议直接起诉",
        AppealKind.LITIGATION_AFTER_REVIEW: "复议后起诉",
    }
)
#: Group headers of table 四 (行政诉讼 spans both litigation blocks).
APPEAL_GROUP_LABELS: Mapping[str, str] = MappingProxyType(
    {"review": "行政复议", "litigation": "行政诉讼"}
)
APPEAL_OUTCOME_LABELS: Mapping[AppealOutcome, str] = MappingProxyType(
    {
        AppealOutcome.UPHELD: "结果维持",
        AppealOutcome.CORRECTED: "结果纠正",
        AppealOutcome.OTHER: "其他结果",
        AppealOutcome.PENDING: "尚未审结",
        AppealOutcome.TOTAL: "总计",
    }
)

UNREAD_REASON_LABELS: Mapping[UnreadReason, str] = MappingProxyType(
    {
        UnreadReason.ABSENT: "不在文件中",
        UnreadReason.CROPPED: "被页面边缘截去",
        UnreadReason.AMBIGUOUS: "数字连在一起，无法唯一拆分",
        UnreadReason.ROW_NOT_RECOGNISED: "未识别出所在行",
        UnreadReason.COLUMN_UNCERTAIN: "无法确定所在列",
        UnreadReason.LAYOUT: "版式无法对应",
        UnreadReason.ILLEGIBLE: "内容不是数值",
        UnreadReason.UNCERTAIN: "文字识别（OCR）不确定",
        UnreadReason.INCOMPLETE_PARTS: "组成报告中有空白或未读取的单元格",
    }
)

MONEY_UNIT_LABELS: Mapping[MoneyUnit, str] = MappingProxyType(
    {MoneyUnit.YUAN: "元", MoneyUnit.TEN_THOUSAND_YUAN: "万元"}
)

#: The header over the row labels of every block of table 二.
PROACTIVE_ITEM_HEADER = "信息内容"

#: Blocks of table 二 per edition: (caption, rows) in template order.
PROACTIVE_BLOCKS: Mapping[Edition, tuple[tuple[str, tuple[ProactiveRow, ...]], ...]] = (
    MappingProxyType(
        {
            Edition.E2019: (
                ("第二十条第（一）项", (ProactiveRow.RULES, ProactiveRow.NORMATIVE_DOCUMENTS)),
                ("第二十条第（五）项", (ProactiveRow.LICENSING, ProactiveRow.OTHER_SERVICES)),
                ("第二十条第（六）项", (ProactiveRow.PENALTIES, ProactiveRow.COERCIVE_MEASURES)),
                ("第二十条第（八）项", (ProactiveRow.FEES,)),
                ("第二十条第（九）项", (ProactiveRow.PROCUREMENT,)),
            ),
            Edition.E2021: (
                ("第二十条第（一）项", (ProactiveRow.RULES, ProactiveRow.NORMATIVE_DOCUMENTS)),
                ("第二十条第（五）项", (ProactiveRow.LICENSING,)),
                ("第二十条第（六）项", (ProactiveRow.PENALTIES, ProactiveRow.COERCIVE_MEASURES)),
                ("第二十条第（八）项", (ProactiveRow.FEES,)),
            ),
        }
    )
)

_PROACTIVE_ROW_LABELS: Mapping[Edition, Mapping[ProactiveRow, str]] = MappingProxyType(
    {
        Edition.E2019: MappingProxyType(
            {
                ProactiveRow.RULES: "规章",
                ProactiveRow.NORMATIVE_DOCUMENTS: "规范性文件",
                ProactiveRow.LICENSING: "行政许可",
                ProactiveRow.OTHER_SERVICES: "其他对外管理服务事项",
                ProactiveRow.PENALTIES: "行政处罚",
                ProactiveRow.COERCIVE_MEASURES: "行政强制",
                ProactiveRow.FEES: "行政事业性收费",
                ProactiveRow.PROCUREMENT: "政府集中采购",
            }
        ),
        Edition.E2021: MappingProxyType(
            {
                ProactiveRow.RULES: "规章",
                ProactiveRow.NORMATIVE_DOCUMENTS: "行政规范性文件",
                ProactiveRow.LICENSING: "行政许可",
                ProactiveRow.PENALTIES: "行政处罚",
                ProactiveRow.COERCIVE_MEASURES: "行政强制",
                ProactiveRow.FEES: "行政事业性收费",
            }
        ),
    }
)

_C = ProactiveColumn
_PROACTIVE_COLUMNS: Mapping[Edition, Mapping[ProactiveRow, tuple[ProactiveColumn, ...]]] = (
    MappingProxyType(
        {
            Edition.E2019: MappingProxyType(
                {
                    ProactiveRow.RULES: (_C.NEWLY_MADE, _C.NEWLY_PUBLISHED, _C.TOTAL_PUBLISHED),
                    ProactiveRow.NORMATIVE_DOCUMENTS: (
                        _C.NEWLY_MADE,
                        _C.NEWLY_PUBLISHED,
                        _C.TOTAL_PUBLISHED,
                    ),
                    ProactiveRow.LICENSING: (_C.PREVIOUS_COUNT, _C.CHANGE, _C.DECISIONS),
                    ProactiveRow.OTHER_SERVICES: (_C.PREVIOUS_COUNT, _C.CHANGE, _C.DECISIONS),
                    ProactiveRow.PENALTIES: (_C.PREVIOUS_COUNT, _C.CHANGE, _C.DECISIONS),
                    ProactiveRow.COERCIVE_MEASURES: (_C.PREVIOUS_COUNT, _C.CHANGE, _C.DECISIONS),
                    ProactiveRow.FEES: (_C.PREVIOUS_COUNT, _C.CHANGE),
                    ProactiveRow.PROCUREMENT: (_C.PROJECTS, _C.AMOUNT),
                }
            ),
            Edition.E2021: MappingProxyType(
                {
                    ProactiveRow.RULES: (_C.ISSUED, _C.REPEALED, _C.IN_FORCE),
                    ProactiveRow.NORMATIVE_DOCUMENTS: (_C.ISSUED, _C.REPEALED, _C.IN_FORCE),
                    ProactiveRow.LICENSING: (_C.DECISIONS,),
                    ProactiveRow.PENALTIES: (_C.DECISIONS,),
                    ProactiveRow.COERCIVE_MEASURES: (_C.DECISIONS,),
                    ProactiveRow.FEES: (_C.AMOUNT,),
                }
            ),
        }
    )
)

_PROACTIVE_COLUMN_LABELS: Mapping[Edition, Mapping[ProactiveColumn, str]] = MappingProxyType(
    {
        Edition.E2019: MappingProxyType(
            {
                _C.NEWLY_MADE: "本年新制作数量",
                _C.NEWLY_PUBLISHED: "本年新公开数量",
                _C.TOTAL_PUBLISHED: "对外公开总数量",
                _C.PREVIOUS_COUNT: "上一年项目数量",
                _C.CHANGE: "本年增/减",
                _C.DECISIONS: "处理决定数量",
                _C.PROJECTS: "采购项目数量",
                _C.AMOUNT: "采购总金额",
            }
        ),
        Edition.E2021: MappingProxyType(
            {
                _C.ISSUED: "本年制发件数",
                _C.REPEALED: "本年废止件数",
                _C.IN_FORCE: "现行有效件数",
                _C.DECISIONS: "本年处理决定数量",
                _C.AMOUNT: "本年收费金额（单位：万元）",
            }
        ),
    }
)


def proactive_columns(row: ProactiveRow, edition: Edition) -> tuple[ProactiveColumn, ...]:
    """The columns of ``row`` of table 二 in ``edition`` (empty if the row does not exist)."""
    return _PROACTIVE_COLUMNS[edition].get(row, ())


def proactive_block_of(row: ProactiveRow, edition: Edition) -> str:
    """The caption of the block of table 二 that holds ``row`` (e.g. 第二十条第（一）项)."""
    for caption, rows in PROACTIVE_BLOCKS[edition]:
        if row in rows:
            return caption
    raise KeyError(f"{row.value!r} is not a row of the {edition.value} edition")


_SIMPLE: dict[type[_Labelled], Mapping[Any, str]] = {
    AgencyLevel: AGENCY_LEVEL_LABELS,
    Section: SECTION_LABELS,
    Applicant: APPLICANT_LABELS,
    WithheldReason: WITHHELD_LABELS,
    UnavailableReason: UNAVAILABLE_LABELS,
    NotProcessedReason: NOT_PROCESSED_LABELS,
    OtherHandlingReason: OTHER_HANDLING_LABELS,
    ApplicationRow: APPLICATION_ROW_LABELS,
    AppealKind: APPEAL_KIND_LABELS,
    AppealOutcome: APPEAL_OUTCOME_LABELS,
    MoneyUnit: MONEY_UNIT_LABELS,
    UnreadReason: UNREAD_REASON_LABELS,
    Edition: EDITION_LABELS,
}


def label_of(member: _Labelled, edition: Edition | None = None) -> str:
    """The official label of ``member``; ``edition`` picks the wording where they differ.

    Without an edition, labels of table 二 are given in the 2021 wording when the
    member exists there, else in the 2019 wording.
    """
    if isinstance(member, ProactiveRow):
        return _pick(_PROACTIVE_ROW_LABELS, member, edition)
    if isinstance(member, ProactiveColumn):
        return _pick(_PROACTIVE_COLUMN_LABELS, member, edition)
    return _SIMPLE[type(member)][member]


def _pick(
    tables: Mapping[Edition, Mapping[ProactiveRow, str]] | Mapping[Edition, Mapping[_C, str]],
    member: ProactiveRow | ProactiveColumn,
    edition: Edition | None,
) -> str:
    order = (edition,) if edition is not None else (Edition.E2021, Edition.E2019)
    for ed in order:
        table: Mapping[object, str] = tables[ed]  # type: ignore[assignment]
        if member in table:
            return table[member]
    raise KeyError(f"{member.value!r} has no label in the {edition} edition")

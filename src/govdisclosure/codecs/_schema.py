"""The JSON Schema (draft 2020-12) of the canonical form, generated from the model.

Rows and columns come from the same enums and label tables as the model, so the schema
cannot drift from it. Every table property carries its official Chinese label as
``title``.

Where the form has alternatives, the schema picks one by what the document says rather
than trying each (``oneOf``), so that a validator in any language reports the real
error — ``/applications/granted/total: '30' is not of type 'integer'`` — and not that
the document matches neither alternative: the edition by ``edition`` (``if``/``then``),
（六）其他处理 by its shape (one row has ``natural_person``), and a nullable value by
``null`` first.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from ..model import (
    MAX_COUNT,
    MAX_MONEY_DIGITS,
    MAX_MONEY_PLACES,
    AgencyLevel,
    AppealKind,
    AppealOutcome,
    Applicant,
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
)
from ..model._labels import (
    APPLICATION_GROUP_LABELS,
    APPLICATION_ROW_LABELS,
    proactive_block_of,
)

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://govdisclosure.readthedocs.io/schema/report-1.json"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_MONEY_PATTERN = rf"^-?[0-9]{{1,{MAX_MONEY_DIGITS}}}(\.[0-9]{{1,{MAX_MONEY_PLACES}}})?$"

_TEXT = {"type": "string", "description": "Free text, word for word as published."}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _object(properties: dict[str, Any], *, required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _rows_object(labels: dict[str, str], row_def: str) -> dict[str, Any]:
    return _object({key: {**_ref(row_def), "title": title} for key, title in labels.items()})


def _proactive(edition: Edition) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for row in ProactiveRow.for_edition(edition):
        cells: dict[str, Any] = {}
        for column in row.columns(edition):
            if column is ProactiveColumn.AMOUNT:
                cell = _ref("money")
            elif column is ProactiveColumn.CHANGE:
                cell = {**_ref("count"), "description": "Signed: decreases are negative."}
            else:
                cell = _ref("count")
            cells[column.value] = {**cell, "title": column.label(edition)}
        properties[row.value] = {
            **_object(cells),
            "title": row.label(edition),
            "description": proactive_block_of(row, edition),
        }
    properties["text_before"] = _TEXT
    properties["text_after"] = _TEXT
    required = [r.value for r in ProactiveRow.for_edition(edition)]
    return {**_object(properties, required=required), "title": Section.PROACTIVE.label()}


def _applications(edition: Edition) -> dict[str, Any]:
    def group(members: Any, prefix: str) -> dict[str, Any]:
        labels = {m.value: APPLICATION_ROW_LABELS[_row(prefix, m.value)] for m in members}
        return {**_rows_object(labels, "applicantRow"), "title": APPLICATION_GROUP_LABELS[prefix]}

    def row(key: str) -> dict[str, Any]:
        return {**_ref("applicantRow"), "title": APPLICATION_ROW_LABELS[_row(key)]}

    # Held as printed: a report of one edition may keep the other edition's （六）其他处理
    # (a mixed template, rule GD002). The shape is told by its keys: a single row has the
    # applicant columns.
    single = row("other_handling")
    split = group(OtherHandlingReason, "other_handling")
    other: dict[str, Any] = {
        "if": {"type": "object", "required": [Applicant.NATURAL_PERSON.value]},
        "then": single,
        "else": split,
        "title": APPLICATION_GROUP_LABELS["other_handling"],
        "description": "One row in the 2019 edition, three in 2021; a report that mixes "
        "the templates has the shape it printed (a single row has the applicant columns).",
    }
    properties = {
        "new_received": row("new_received"),
        "carried_over": row("carried_over"),
        "granted": row("granted"),
        "partially_granted": row("partially_granted"),
        "withheld": group(WithheldReason, "withheld"),
        "unavailable": group(UnavailableReason, "unavailable"),
        "not_processed": group(NotProcessedReason, "not_processed"),
        "other_handling": other,
        "total_handled": row("total_handled"),
        "carried_forward": row("carried_forward"),
        "text_before": _TEXT,
        "text_after": _TEXT,
    }
    required = [k for k in properties if not k.startswith("text_")]
    return {**_object(properties, required=required), "title": Section.APPLICATIONS.label()}


def _row(head: str, tail: str | None = None) -> Any:
    from ..model import ApplicationRow

    return ApplicationRow(head if tail is None else f"{head}/{tail}")


def _report(edition: Edition) -> dict[str, Any]:
    suffix = edition.value
    properties: dict[str, Any] = {
        "edition": {"const": edition.value, "title": edition.label()},
        "year": {
            "type": "integer",
            "minimum": 0,
            "maximum": 9999,
            "title": "报告年度",
            "description": "The year the report covers (published early the next year); "
            "0 where a reader found none.",
        },
        "agency": _ref("agency"),
        "title": {**_TEXT, "title": "标题"},
        "preface": {**_TEXT, "title": "正文前的说明"},
        "overview": {**_TEXT, "title": Section.OVERVIEW.label()},
        "proactive": _ref(f"proactive{suffix}"),
        "applications": _ref(f"applications{suffix}"),
        "appeals": _ref("appeals"),
        "problems": {**_TEXT, "title": Section.PROBLEMS.label()},
        "other_matters": {**_TEXT, "title": Section.OTHER_MATTERS.label()},
        "unread": {"type": "array", "items": _ref("unreadCell"), "title": "未读取的单元格"},
        "source": _nullable(_ref("source")),
    }
    required = ["edition", "year", "agency", "proactive", "applications", "appeals"]
    return _object(properties, required=required)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    # null, or else the schema: an error inside a value is reported as itself.
    return {"if": {"type": "null"}, "else": schema}


def _int_or_null() -> dict[str, Any]:
    return {"type": ["integer", "null"]}


def _source() -> dict[str, Any]:
    span = _object(
        {
            "line": _int_or_null(),
            "end_line": _int_or_null(),
            "table": _int_or_null(),
            "row": _int_or_null(),
            "column": _int_or_null(),
            "page": _int_or_null(),
            "bbox": _nullable(
                {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4}
            ),
        },
        required=[],
    )
    heading = _object(
        {
            "section": {"enum": [s.value for s in Section]},
            "text": {"type": "string"},
            "span": _nullable(span),
        },
        required=["section", "text"],
    )
    pointer_span = _object({"pointer": {"type": "string"}, "span": span})
    return {
        **_object(
            {
                "document": {"type": ["string", "null"]},
                "format": {"type": ["string", "null"]},
                "headings": {"type": "array", "items": heading},
                "spans": {"type": "array", "items": pointer_span},
            },
            required=[],
        ),
        "description": "Where the report was read from, when a parser produced it.",
    }


def _unread_cell() -> dict[str, Any]:
    return {
        **_object(
            {
                "pointer": {"type": "string", "description": "The cell's JSON pointer."},
                "reason": {"enum": [r.value for r in UnreadReason]},
                "code": {
                    "type": "string",
                    "pattern": "^GD[0-9]{3}$",
                    "description": "The diagnostic that explains it.",
                },
                "text": {
                    "type": "string",
                    "description": "What the document printed there, where the reader saw "
                    "something it could not read.",
                },
                "parts": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 0},
                    "description": "For a region's cell: the parts whose cell was blank or unread.",
                },
            },
            required=["pointer", "reason", "code"],
        ),
        "description": "A table cell that reading a document left unread (its value is "
        "null): not a blank the report printed. Written only when there are such cells.",
    }


@cache
def _schema() -> dict[str, Any]:
    applicant_row = _object(
        {a.value: {**_ref("count"), "title": a.label()} for a in Applicant},
    )
    applicant_row["description"] = "One row of table 三, columns in template order."
    appeal_block = _object({o.value: {**_ref("count"), "title": o.label()} for o in AppealOutcome})
    appeals = _object(
        {
            **{k.value: {**_ref("appealBlock"), "title": k.label()} for k in AppealKind},
            "text_before": _TEXT,
            "text_after": _TEXT,
        },
        required=[k.value for k in AppealKind],
    )
    appeals["title"] = Section.APPEALS.label()
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告 (govdisclosure canonical JSON form)",
        "description": (
            "An annual government information disclosure report in the 2019 "
            "(国办公开办函〔2019〕60号) or 2021 (国办公开办函〔2021〕30号) edition. Blank cells "
            "are null; reported totals are stored as published."
        ),
        # The edition decides which report shape applies (if/then), so that validators
        # report the error in the document, not "'2019' was expected".
        "type": "object",
        "required": ["edition"],
        "properties": {
            "edition": {
                "enum": [e.value for e in Edition],
                "title": "格式版本",
                "description": "2019: 国办公开办函〔2019〕60号; 2021: 国办公开办函〔2021〕30号.",
            }
        },
        "allOf": [
            {
                "if": {"properties": {"edition": {"const": e.value}}, "required": ["edition"]},
                "then": _ref(f"report{e.value}"),
            }
            for e in Edition
        ],
        "$defs": {
            "count": {
                "type": ["integer", "null"],
                "minimum": -MAX_COUNT,
                "maximum": MAX_COUNT,
                "description": "A count as printed; null for a blank cell (not zero). At "
                f"most {len(str(MAX_COUNT))} digits.",
            },
            "money": _nullable(
                {
                    **_object(
                        {
                            "value": {
                                "type": "string",
                                "pattern": _MONEY_PATTERN,
                                "description": "A decimal number, as a string to stay exact: "
                                f"at most {MAX_MONEY_DIGITS} digits before the point and "
                                f"{MAX_MONEY_PLACES} after it.",
                            },
                            "unit": {
                                "enum": [*(u.value for u in MoneyUnit), None],
                                "description": "yuan = 元, ten_thousand_yuan = 万元; null where "
                                "neither cell nor template states one (2019 采购总金额).",
                            },
                        }
                    ),
                    "required": ["value"],
                }
            ),
            "agency": _object(
                {
                    "name": {"type": "string", "title": "机关名称"},
                    "level": {
                        "enum": [*(lv.value for lv in AgencyLevel), None],
                        "title": "机关层级",
                    },
                },
                required=["name"],
            ),
            "applicantRow": applicant_row,
            "appealBlock": appeal_block,
            "appeals": appeals,
            "proactive2019": _proactive(Edition.E2019),
            "proactive2021": _proactive(Edition.E2021),
            "applications2019": _applications(Edition.E2019),
            "applications2021": _applications(Edition.E2021),
            "unreadCell": _unread_cell(),
            "source": _source(),
            "report2019": _report(Edition.E2019),
            "report2021": _report(Edition.E2021),
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the canonical JSON form, as a fresh ``dict``."""
    return copy.deepcopy(_schema())

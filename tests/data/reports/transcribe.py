"""Transcribe the development corpus into canonical JSON reports (see README.md here).

Run from the repository root: ``python tests/data/reports/transcribe.py``. It rewrites the
``*.json`` files beside it from ``tests/data/corpus/``:

* tables 三 and 四 from each ``*.expected.json`` (the hand-verified figures);
* table 二 from ``*.expected.json`` where it is given (010, 011), else from :data:`TABLE2`
  below (each entry says where its cells were read);
* the section texts cut out of the corpus text (or HTML) at the section headings.

The output is a transcription, not a parse: the parser's own tests read the corpus.
"""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import govdisclosure
from govdisclosure import Agency, AgencyLevel, AnnualReport, Edition, ReportBuilder
from govdisclosure.model import (
    AppealCounts,
    Appeals,
    ApplicantCounts,
    Applications,
    Money,
    MoneyUnit,
    NotProcessed,
    OtherHandling,
    ProactiveColumn,
    ProactiveRow,
    Unavailable,
    Withheld,
    cell_refs,
    replace_at,
)

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"

#: Per report: agency, level, title, edition, source file, and the text that starts
#: the preface (what precedes it in the source is portal navigation or a repeated title).
REPORTS: dict[str, dict[str, Any]] = {
    "001_shanghai_szfbgt_2019": {
        "agency": "上海市人民政府办公厅",
        # The general office reports for the municipal government ("代表市政府").
        "level": AgencyLevel.PROVINCE,
        "title": "2019年上海市人民政府办公厅政府信息公开工作年度报告",
        "source": "001_shanghai_szfbgt_2019.html",
    },
    "002_pingtan_2019": {
        "agency": "平潭综合实验区",
        "level": AgencyLevel.OTHER,
        "title": "平潭综合实验区2019年政府信息公开工作年度报告",
        "source": "002_pingtan_2019.txt",
        "preface": "根据《中华人民共和国政府信息公开条例》",
    },
    "004_pingtan_2021": {
        "agency": "平潭综合实验区",
        "level": AgencyLevel.OTHER,
        "title": "平潭综合实验区2021年度政府信息公开工作年度报告",
        "source": "004_pingtan_2021.txt",
        "preface": "根据《中华人民共和国政府信息公开条例》",
    },
    "005_pingtan_2022": {
        "agency": "平潭综合实验区",
        "level": AgencyLevel.OTHER,
        "title": "平潭综合实验区2022年度政府信息公开工作年度报告",
        "source": "005_pingtan_2022.txt",
        "preface": "本报告根据",
    },
    "009_huaian_szf_2024": {
        "agency": "淮安市人民政府",
        "level": AgencyLevel.PREFECTURE,
        "title": "淮安市人民政府2024年政府信息公开工作年度报告",
        "source": "009_huaian_szf_2024.txt",
        "preface": "本报告由淮安市人民政府办公室",
    },
    "010_pingtan_scjgj_2019": {
        "agency": "平潭综合实验区市场监督管理局",
        "level": AgencyLevel.DEPARTMENT,
        "title": "平潭综合实验区市场监督管理局2019年度政府信息公开工作年度报告",
        "source": "010_pingtan_scjgj_2019.txt",
        "preface": "根据《中华人民共和国政府信息公开条例》",
    },
    "011_pingtan_gzj_2019": {
        "agency": "平潭综合实验区国有资产管理局",
        "level": AgencyLevel.DEPARTMENT,
        "title": "平潭综合实验区国有资产管理局2019年政府信息公开工作年度报告",
        "source": "011_pingtan_gzj_2019.txt",
        "preface": "根据《中华人民共和国政府信息公开条例》",
    },
}

_B1, _B5, _B6, _B8, _B9 = (f"第二十条第（{n}）项" for n in "一五六八九")

#: Table 二 where ``*.expected.json`` does not give it, cell texts as printed. ``None`` is a
#: cell this transcription leaves blank because the source does not settle it.
TABLE2: dict[str, dict[str, list[str | None]]] = {
    # Read from the HTML <td> cells (one value per cell; no ambiguity).
    "001_shanghai_szfbgt_2019": {
        f"{_B1}/规章": ["13", "13", "524"],
        f"{_B1}/规范性文件": ["60", "60", "368"],
        f"{_B5}/行政许可": ["0", "0", "0"],
        f"{_B5}/其他对外管理服务事项": ["0", "0", "0"],
        f"{_B6}/行政处罚": ["0", "0", "0"],
        f"{_B6}/行政强制": ["0", "0", "0"],
        f"{_B8}/行政事业性收费": ["0", "0"],
        f"{_B9}/政府集中采购": ["6", "251000元"],
    },
    # Flattened text; only rows that split one way are kept: "规章000". The others
    # ("规范性文件898989", "行政许可3960181", "政府集中采购13575394432.52元"…) have several
    # readings and are left blank.
    "002_pingtan_2019": {
        f"{_B1}/规章": ["0", "0", "0"],
        f"{_B1}/规范性文件": [None, None, None],
        f"{_B5}/行政许可": [None, None, None],
        f"{_B5}/其他对外管理服务事项": [None, None, None],
        f"{_B6}/行政处罚": [None, None, None],
        f"{_B6}/行政强制": [None, None, None],
        f"{_B8}/行政事业性收费": [None, None],
        f"{_B9}/政府集中采购": [None, None],
    },
    # As in examples/pingtan-2021.json (verified against the page's <td> cells).
    "004_pingtan_2021": {
        f"{_B1}/规章": ["0", "0", "0"],
        f"{_B1}/行政规范性文件": ["69", "3", "665"],
        f"{_B5}/行政许可": ["2293"],
        f"{_B6}/行政处罚": ["1282"],
        f"{_B6}/行政强制": ["42"],
        f"{_B8}/行政事业性收费": ["24252.311082"],
    },
    # Flattened text. Single-cell rows are unambiguous; "行政规范性文件8855698" is split
    # 88 | 55 | 698 as the report's own text states ("现行有效行政规范性文件698件",
    # "本年度制发的规范性文件88件").
    "005_pingtan_2022": {
        f"{_B1}/规章": ["0", "0", "0"],
        f"{_B1}/行政规范性文件": ["88", "55", "698"],
        f"{_B5}/行政许可": ["10690"],
        f"{_B6}/行政处罚": ["2113"],
        f"{_B6}/行政强制": ["0"],
        f"{_B8}/行政事业性收费": ["9116.36"],
    },
    # PDF text; the cells are separated by spaces.
    "009_huaian_szf_2024": {
        f"{_B1}/规章": ["1", "0", "11"],
        f"{_B1}/行政规范性文件": ["8", "26", "66"],
        f"{_B5}/行政许可": ["447228"],
        f"{_B6}/行政处罚": ["3985758"],
        f"{_B6}/行政强制": ["88283"],
        f"{_B8}/行政事业性收费": ["96171.6"],
    },
}

#: Row labels of table 二 (both editions) to rows of the model.
_PROACTIVE_ROWS = {
    "规章": ProactiveRow.RULES,
    "规范性文件": ProactiveRow.NORMATIVE_DOCUMENTS,
    "行政规范性文件": ProactiveRow.NORMATIVE_DOCUMENTS,
    "行政许可": ProactiveRow.LICENSING,
    "其他对外管理服务事项": ProactiveRow.OTHER_SERVICES,
    "行政处罚": ProactiveRow.PENALTIES,
    "行政强制": ProactiveRow.COERCIVE_MEASURES,
    "行政事业性收费": ProactiveRow.FEES,
    "政府集中采购": ProactiveRow.PROCUREMENT,
}

#: Section headings as printed in these reports.
_HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("overview", ("一、总体情况",)),
    ("proactive", ("二、主动公开政府信息情况",)),
    ("applications", ("三、收到和处理政府信息公开申请情况",)),
    # 005 prints the typo "行政法复议" (spec §8).
    (
        "appeals",
        ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况"),
    ),
    ("problems", ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")),
    ("other_matters", ("六、其他需要报告的事项",)),
)
#: Portal furniture after the report's last words.
_FOOTERS = (" 来源：", " 附件下载", "附件下载")


def _cell(text: str | None, column: ProactiveColumn, edition: Edition) -> Any:
    if text is None:
        return None
    if column is ProactiveColumn.AMOUNT:
        unit = MoneyUnit.TEN_THOUSAND_YUAN if edition is Edition.E2021 else None
        if text.endswith("元"):
            text, unit = text[:-1], MoneyUnit.YUAN
        return Money(value=Decimal(text), unit=unit)
    return int(text)


def _applications(table3: dict[str, list[int | None]], edition: Edition) -> Applications:
    rows = [ApplicantCounts.from_values(values) for values in table3.values()]
    expected = 23 if edition is Edition.E2019 else 25
    assert len(rows) == expected, len(rows)
    new, over, granted, partial = rows[:4]
    withheld = Withheld(**dict(zip((r.value for r in Withheld.reasons), rows[4:12], strict=True)))
    unavailable = Unavailable(
        **dict(zip((r.value for r in Unavailable.reasons), rows[12:15], strict=True))
    )
    not_processed = NotProcessed(
        **dict(zip((r.value for r in NotProcessed.reasons), rows[15:20], strict=True))
    )
    if edition is Edition.E2019:
        other: ApplicantCounts | OtherHandling = rows[20]
        rest = rows[21:]
    else:
        other = OtherHandling(
            **dict(zip((r.value for r in OtherHandling.reasons), rows[20:23], strict=True))
        )
        rest = rows[23:]
    total, forward = rest
    return Applications(
        new_received=new,
        carried_over=over,
        granted=granted,
        partially_granted=partial,
        withheld=withheld,
        unavailable=unavailable,
        not_processed=not_processed,
        other_handling=other,
        total_handled=total,
        carried_forward=forward,
    )


def _appeals(table4: dict[str, list[int | None]]) -> Appeals:
    blocks = [AppealCounts.from_values(values) for values in table4.values()]
    review, direct, after = blocks
    return Appeals(
        administrative_review=review, direct_litigation=direct, litigation_after_review=after
    )


def _shanghai_paragraphs(source: str) -> list[str]:
    body = re.sub(r"<table.*?</table>", "\n", source, flags=re.S)
    body = re.sub(r"</p>|<br\s*/?>", "\n", body)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    return [line.strip() for line in text.split("\n") if line.strip()]


def _split(body: str) -> dict[str, str]:
    """The body cut at the section headings: preface, overview, … other_matters."""
    cuts: list[tuple[int, int, str]] = []
    position = 0
    for name, options in _HEADINGS:
        found = [(body.find(h, position), h) for h in options]
        at, text = min((a, h) for a, h in found if a != -1)
        cuts.append((at, at + len(text), name))
        position = at + len(text)
    parts = {"preface": body[: cuts[0][0]]}
    for (_, end, name), following in zip(cuts, [*cuts[1:], (len(body), 0, "")], strict=True):
        parts[name] = body[end : following[0]]
    return {k: v.strip() for k, v in parts.items()}


def _texts(stem: str, spec: dict[str, Any]) -> dict[str, str]:
    raw = (CORPUS / spec["source"]).read_text(encoding="utf-8")
    if stem.startswith("001"):
        paragraphs = _shanghai_paragraphs(raw)
        body = "\n".join(paragraphs[2:])  # title and 发布日期 are not report text
        return _split(body)
    # Crawler dumps carry a metadata header; the PDF text (009) does not.
    body = raw.split("==================== 正文 ====================\n", 1)[-1]
    if stem.startswith("009"):
        lines = [line for line in body.splitlines() if not re.fullmatch(r"- \d+ -", line)]
        body = "".join(lines)
    body = body[body.index(spec["preface"]) :]
    for footer in _FOOTERS:
        at = body.rfind(footer)
        if at != -1 and at > len(body) - 200:
            body = body[:at]
    return _split(body)


def transcribe(stem: str) -> AnnualReport:
    """The report ``stem`` of the corpus as a model object."""
    spec = REPORTS[stem]
    expected = json.loads((CORPUS / f"{stem}.expected.json").read_text(encoding="utf-8"))
    edition = Edition(expected["edition"])
    texts = _texts(stem, spec)
    agency = Agency(name=spec["agency"], level=spec["level"])
    # A report of the edition whose table 二 is then filled in cell by cell.
    skeleton = ReportBuilder(edition=edition, year=expected["year"], agency=agency).build()
    result = attrs.evolve(
        skeleton,
        title=spec["title"],
        preface=texts["preface"],
        overview=texts["overview"],
        applications=_applications(expected["table3"], edition),
        appeals=_appeals(expected["table4"]),
        problems=texts["problems"],
        other_matters=texts["other_matters"],
    )
    refs = {ref.pointer: ref for ref in cell_refs(edition)}
    for key, cells in (expected.get("table2") or TABLE2[stem]).items():
        row = _PROACTIVE_ROWS[key.split("/", 1)[1]]
        for column, text in zip(row.columns(edition), cells, strict=True):
            ref = refs[f"/proactive/{row.value}/{column.value}"]
            result = replace_at(result, ref.path, _cell(text, column, edition))
    return result


def main() -> None:
    for stem in REPORTS:
        report = transcribe(stem)
        (HERE / f"{stem}.json").write_text(govdisclosure.dumps(report) + "\n", encoding="utf-8")
        print(f"{stem}.json")


if __name__ == "__main__":
    main()

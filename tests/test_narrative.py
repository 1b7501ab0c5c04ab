"""The text against the tables: what is read, where findings point, what is not read."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import AnnualReport, Edition, check
from govdisclosure.checks._rules._phrases import (
    Stated,
    fee_patterns,
    read_claims,
    sentence_range,
)
from govdisclosure.checks._rules.continuity import repeated_share

from .rule_cases import CASES, at, builder, clean, pairs


def _said(text: str, report: AnnualReport | None = None) -> list[tuple[str, str]]:
    base = clean() if report is None else report
    return pairs(check(attrs.evolve(base, overview=text), select=("GD5",)))


def _stated(text: str) -> list[tuple[str, int]]:
    claims = read_claims(attrs.evolve(clean(), overview=text))
    return sorted((c.stated.value, c.number) for cs in claims.values() for c in cs)


# The clean report: 新收 3 (自然人 2, 商业企业 1), 上年结转 0, 予以公开 2, 不掌握 1,
# （七）总计 3, 结转 0; 行政复议 1; 直接起诉 1, 复议后起诉 0.


def test_a_narrative_finding_points_at_the_sentence_and_the_cells() -> None:
    text = "全年工作平稳。本年度共收到政府信息公开申请5件，均已办结。其他略。"
    (finding,) = check(attrs.evolve(clean(), overview=text), select="GD501")
    assert finding.location.pointer == "/overview"
    assert finding.location.text_range is not None
    start, end = finding.location.text_range
    assert text[start:end] == "本年度共收到政府信息公开申请5件，均已办结。"
    assert [r.pointer for r in finding.related] == [
        "/applications/new_received/total",
        "/applications/carried_over/total",
    ]
    assert (finding.expected, finding.actual) == (3, 5)
    assert "5" in finding.message
    assert "3" in finding.message
    assert "5" in finding.message_en


@pytest.mark.parametrize(
    "text",
    [
        "共收到政府信息公开申请3件。",
        "本年度共收到3件申请。",
        "全年受理政府信息公开申请 3 件。",
        "本年新收政府信息公开申请3件。",
        "共收到政府信息公开申请３件。",  # full-width digits
        "2019年度收到依申请公开3件。",  # the seed's wording
        "办结3件，0件结转下年度继续办理。",
        "答复政府信息公开申请3件（含上年度结转申请0件，另有0件申请按照规定顺延到下年度答复）。",
        "予以公开及部分公开2件，因本机关不掌握等原因无法提供1件，不予公开0件，不予处理0件，"
        "其他处理0件。",
        "予以公开2件，部分公开0件。",
        "行政复议1件，行政诉讼1件。",
        "共有行政诉讼案件1件、行政复议案件1件。",
        "行政复议1起，诉讼1起。",
        "共办结3件，结转至2022年0件。",
    ],
)
def test_statements_that_agree_with_the_tables(text: str) -> None:
    assert _stated(text), text  # something was read …
    assert _said(text) == []  # … and it agrees


def test_received_may_include_last_years_applications() -> None:
    b = builder()
    b.applications("carried_over", natural_person=1)
    report = b.build()  # 新收 3 + 上年结转 1; （七）总计 3, 结转 1
    assert _said("全区收到政府信息公开申请4件。", report) == []  # R1 + R2 (spec S-6)
    assert _said("全区收到政府信息公开申请3件。", report) == []  # R1
    assert _said("全区收到政府信息公开申请5件。", report) == [("GD501", "/overview")]
    # "本年新收" is R1 only
    assert _said("本年新收政府信息公开申请4件。", report) == [("GD501", "/overview")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("上年结转申请1件。", "GD502"),
        ("及时依法依规办结4件。", "GD503"),
        ("答复政府信息公开申请2件。", "GD503"),
        ("另有1件申请按照《条例》顺延到下年度答复。", "GD504"),
        ("结转下年度继续办理2件。", "GD504"),
        ("予以公开及部分公开3件。", "GD505"),
        ("部分公开1件。", "GD505"),
        ("无法提供2件。", "GD505"),
        ("不予公开1件。", "GD505"),
        ("行政复议案件2件。", "GD506"),
        ("诉讼2件。", "GD507"),
    ],
)
def test_statements_that_contradict_the_tables(text: str, code: str) -> None:
    assert _said(text) == [(code, "/overview")]


@pytest.mark.parametrize(
    "text",
    [
        "收到政府信息公开申请三件。",  # Chinese numerals are not read
        "受理各类群众诉求259起。",  # not applications
        "统一受理平台接入53个部门2261项事项。",  # 个, 项: not a count unit read here
        "共受理政府信息公开申请，其中5件为重复申请。",  # another clause
        "收到申请2.5件。",  # not a count
        "办结率100%。",
        "主动公开规章13件。",
        "收到申请12345678件。",  # too long to be a count
    ],
)
def test_what_is_not_read(text: str) -> None:
    assert _stated(text) == []
    assert _said(text) == []


def test_a_reconsideration_application_is_not_a_disclosure_application() -> None:
    assert _stated("收到行政复议申请1件。") == [("review", 1)]
    assert _said("收到行政复议申请1件。") == []
    assert _said("收到行政复议申请5件。") == [("GD506", "/overview")]


def test_blank_totals_give_lower_bounds() -> None:
    report = at(clean(), "/applications/granted/total", None)
    report = at(report, "/applications/granted/commercial_enterprise", None)
    # the filled cells of 予以公开 add up to 1 (自然人); blanks may hide more
    assert _said("予以公开1件。", report) == []
    assert _said("予以公开7件。", report) == []
    assert _said("予以公开0件。", report) == [("GD505", "/overview")]
    (finding,) = check(attrs.evolve(report, overview="予以公开0件。"), select="GD505")
    assert finding.actual == 0  # what the text states
    assert finding.expected is None  # the table gives only a bound
    assert "至少" in finding.message


def test_a_negative_count_gives_nothing_to_compare_with() -> None:
    report = at(clean(), "/applications/withheld/state_secret/total", None)
    report = at(report, "/applications/withheld/state_secret/natural_person", -5)
    report = at(report, "/applications/withheld/prohibited_by_law/natural_person", 2)
    report = at(report, "/applications/withheld/prohibited_by_law/total", 2)
    # 2 + (a blank row holding -5) is no lower bound: GD011 reports the cell, GD505 nothing
    assert _said("不予公开1件。", report) == []
    assert _said(
        "不予公开1件。", at(report, "/applications/withheld/state_secret/natural_person", 0)
    ) == [("GD505", "/overview")]


def test_other_handling_follows_the_edition() -> None:
    b = builder(Edition.E2019)
    b.applications("new_received", natural_person=2, commercial_enterprise=2)
    b.applications("other_handling", commercial_enterprise=1)
    report = b.build()
    assert _said("其他处理1件。", report) == []
    b = builder()
    b.applications("new_received", natural_person=4, commercial_enterprise=1)
    b.applications("other_handling/correction_overdue", natural_person=1)
    b.applications("other_handling/other", natural_person=1)
    report = b.build()
    assert _said("其他处理2件。", report) == []
    assert _said("其他处理1件。", report) == [("GD505", "/overview")]


def test_every_text_field_is_read() -> None:
    report = attrs.evolve(
        clean(), appeals=attrs.evolve(clean().appeals, text_after="行政复议2件。")
    )
    assert pairs(check(report, select="GD5")) == [("GD506", "/appeals/text_after")]


def test_sentence_ranges() -> None:
    text = "第一句。第二句有5件；第三句\n第四句"
    assert sentence_range(text, 7, 9) == (4, 11)
    assert sentence_range(text, 12, 13) == (11, 14)
    assert sentence_range(text, 15, 16) == (15, 18)


FEE_MENTION, FEE_DENIAL = fee_patterns()


def test_fee_phrases() -> None:
    for text in (
        "2021年，无收取信息处理费情况。",
        "全年收取信息处理费 3940 元。",
        "未收取任何费用。",
    ):
        assert FEE_MENTION.search(text), text
    assert not FEE_MENTION.search("无。")
    for text in ("2021年，无收取信息处理费情况。", "未收取任何费用。", "信息处理费0元。"):
        assert FEE_DENIAL.search(text), text
    assert not FEE_DENIAL.search("全年收取信息处理费 3940 元。")


def test_repeated_share() -> None:
    text = "2021年，政策解读形式单一，公开平台建设有待加强；2022年将丰富解读形式。"
    assert repeated_share(text.replace("2021", "2022"), text) == 1
    assert repeated_share("无。", text) is None
    other = "部分单位对依申请公开的法定时限把握不准，答复文书格式不够规范，需进一步培训。"
    share = repeated_share(other, text)
    assert share is not None
    assert share < 0.2


# -- linear time ---------------------------------------------------------------------
# These inputs make a backtracking pattern with nested or overlapping quantifiers run for
# hours. The readers here finish them at once; a regression shows as a test that does
# not end, not as a timing assertion.

_PATHOLOGICAL = [
    "1" * 200_000 + "件",
    "１" * 200_000 + "x",
    "收到" * 100_000 + "1件",
    "收到申请" + " " * 200_000 + "3件",
    ("申请" + "3" * 9 + "件") * 20_000,
    "1件" * 100_000,
    "结转下年度" * 50_000,
    "9 件" * 100_000 + "顺延到下年度",
    "予以公开及部分公开" * 30_000 + "258件",
]


@pytest.mark.parametrize("text", _PATHOLOGICAL, ids=lambda t: f"{t[:8]}…{len(t)}")
def test_the_reader_is_linear_on_pathological_text(text: str) -> None:
    claims = read_claims(attrs.evolve(clean(), overview=text))
    assert all(c.number >= 0 for cs in claims.values() for c in cs)


@pytest.mark.parametrize(
    "text",
    [
        "收取" + "费" * 0 + "x" * 200_000,
        "无" * 200_000 + "收取",
        "处理费" + "0" * 100_000 + ".",
        ("处理费0." + "0" * 50) * 4_000,
        "收取" * 100_000,
    ],
    ids=lambda t: f"{t[:4]}…{len(t)}",
)
def test_the_fee_patterns_are_linear_on_pathological_text(text: str) -> None:
    FEE_MENTION.search(text)
    FEE_DENIAL.search(text)


def test_the_claims_of_a_report_are_read_once() -> None:
    text = "本年度共收到政府信息公开申请3件，办结3件。"
    claims = read_claims(attrs.evolve(clean(), overview=text))
    assert {s: [c.number for c in cs] for s, cs in claims.items()} == {
        Stated.RECEIVED: [3],
        Stated.HANDLED: [3],
    }


def test_no_fee_collected_is_fine_when_the_notices_are_reported() -> None:
    # Fee notices that were never paid: "no fee collected" is true; 六 only has to say so.
    case = CASES["GD602"]()
    assert pairs(check(case.report, select="GD602")) == [("GD602", "/other_matters")]
    said = attrs.evolve(
        case.report,
        other_matters=case.report.other_matters + "本年发出收费通知2份，申请人均未缴费。",
    )
    assert check(said, select="GD602") == []


def _sentence_range_plainly(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start:end``: from after the last mark before it to the first
    mark after it (included, a line break excluded)."""
    marks = "。！？；;!?\n"
    begin = max(text.rfind(mark, 0, start) for mark in marks) + 1
    after = [(at, mark) for mark in marks if (at := text.find(mark, end)) != -1]
    if not after:
        return begin, len(text)
    at, mark = min(after)
    return begin, at + (mark != "\n")


@given(
    st.text(alphabet=st.sampled_from(list("ab字文 ") + list("。！？；;!?\n")), max_size=400),
    st.data(),
)
def test_a_sentence_s_range_runs_from_mark_to_mark(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_range(text, start, end) == _sentence_range_plainly(text, start, end)

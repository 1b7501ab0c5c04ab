"""The two inferences behind reading deviations: which template row a printed label may be
(``_rowmatch``), and where a row short of cells may have its gap (``_short``)."""

from __future__ import annotations

from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.model import ApplicationRow, Edition
from govdisclosure.parsers.assemble._rowmatch import candidates, fitting, lcs, ordinal_of
from govdisclosure.parsers.assemble._short import GAP, feasible, placements, too_many

ROWS = ApplicationRow.for_edition(Edition.E2021)


def _fits(printed: str, rows: tuple[ApplicationRow, ...] = ROWS) -> list[ApplicationRow]:
    (candidate,) = candidates(printed, 0)
    return fitting(candidate, rows, Edition.E2021)


def test_label_like_stretches_between_figures_with_their_ordinals() -> None:
    text = "2 0 0 0 0 0 2\n2.其他法律行政止公开 30 1 0 0 0 0 31\n仍不明确\n（五）不予处理\n"
    found = [(c.ordinal, c.core, text[c.start : c.end]) for c in candidates(text, 0)]
    assert found == [
        (("item", 2), "其他法律行政止公开", "2.其他法律行政止公开"),
        (None, "仍不明确", "仍不明确"),
        (("group", 5), "不予处理", "（五）不予处理"),
    ]
    # Positions are the stream's: the text may start anywhere.
    assert candidates("x 3.补正后申请内容", 100)[0].start == 102


def test_ordinals_in_every_spelling() -> None:
    assert ordinal_of("（三）不予公开") == ("group", 3)
    assert ordinal_of("(三)不予公开") == ("group", 3)
    assert ordinal_of("四、结转下年度继续办理") == ("top", 4)
    assert ordinal_of("2．重复申请") == ("item", 2)
    assert ordinal_of("2、重复申请") == ("item", 2)
    assert ordinal_of("（2）重复申请") == ("item", 2)
    assert ordinal_of("重复申请") is None


@pytest.mark.parametrize(
    ("printed", "row"),
    [
        ("2.其他法律行政止公开", ApplicationRow.WITHHELD_PROHIBITED_BY_LAW),
        ("3.补正后申请内容", ApplicationRow.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION),
        ("3.补正后申请内容仍", ApplicationRow.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION),
        ("（七）总", ApplicationRow.TOTAL_HANDLED),
        ("一、本年新收申请", ApplicationRow.NEW_RECEIVED),
        ("1.本机关不掌提相关政府信息", ApplicationRow.UNAVAILABLE_NOT_HELD),
    ],
)
def test_a_deviant_label_fits_one_row(printed: str, row: ApplicationRow) -> None:
    assert _fits(printed) == [row]


@pytest.mark.parametrize(
    "printed",
    [
        "9.其他法律行政止公开",  # an ordinal no row of that text has
        "仍不明确",  # the end of a label, without an ordinal: too little of any row
        "全年共收到申请同比增长",  # prose
        "其他主动公开文件",  # an extra row a province adds
    ],
)
def test_what_is_not_a_row_fits_none(printed: str) -> None:
    assert _fits(printed) == []


def test_a_label_may_fit_several_rows_and_is_then_no_row() -> None:
    # Without its ordinal, half 5.'s words and half 6.'s: both fit (the reader takes
    # neither).
    assert set(_fits("属于类内部过程信息")) == {
        ApplicationRow.WITHHELD_INTERNAL_AFFAIRS,
        ApplicationRow.WITHHELD_PROCESS_INFORMATION,
    }
    # Among the rows missing at its place only.
    assert _fits("属于类内部过程信息", (ApplicationRow.WITHHELD_PROCESS_INFORMATION,)) == [
        ApplicationRow.WITHHELD_PROCESS_INFORMATION
    ]


@given(st.text("甲乙丙丁", max_size=12), st.text("甲乙丙丁", max_size=12))
def test_lcs_is_symmetric_and_bounded(a: str, b: str) -> None:
    common = lcs(a, b)
    assert common == lcs(b, a)
    assert common <= min(len(a), len(b))
    assert lcs(a, a) == len(a)


# -- placements of a short row ------------------------------------------------------------


@given(st.integers(1, 9).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_placements_keep_the_cells_in_order(shape: tuple[int, int]) -> None:
    n, m = shape
    every = list(placements(list(range(n)), m))
    assert len(every) == comb(n, n - m) == len(set(every))
    for placement in every:
        placed = [i for i in placement if i != GAP]
        assert placed == list(range(m))
        assert placement.count(GAP) == n - m


def test_placements_follow_the_header_order() -> None:
    # The header prints slot 1 before slot 0: the first cell goes to slot 1.
    assert list(placements([1, 0], 2)) == [(1, 0)]
    assert set(placements([1, 0], 1)) == {(GAP, 0), (0, GAP)}
    assert too_many(list(range(15)), 8)  # comb(15, 7) = 6435 placements
    assert not too_many(list(range(15)), 13)


@st.composite
def blocks_with_a_cell_left_out(draw: st.DrawFn) -> tuple[list[int | None], int, int]:
    """Three blocks of four parts and their total, consistent by construction, and the
    index of a cell left out."""
    groups = 3
    values: list[int | None] = []
    for _ in range(groups):
        parts: list[int | None] = [draw(st.one_of(st.none(), st.integers(0, 50))) for _ in range(4)]
        values += [*parts, sum(p or 0 for p in parts)]
    return values, draw(st.integers(0, len(values) - 1)), groups


@given(blocks_with_a_cell_left_out())
def test_the_true_placement_of_a_gap_is_always_feasible(
    case: tuple[list[int | None], int, int],
) -> None:
    values, gap, groups = case
    printed = values[:gap] + values[gap + 1 :]
    truth = tuple(GAP if i == gap else (i if i < gap else i - 1) for i in range(len(values)))
    assert truth in set(placements(list(range(len(values))), len(printed)))
    assert feasible(truth, printed, groups, 4)


def test_a_blank_total_refutes_nothing() -> None:
    # 8 and 1 under a blank total: the sum cannot be checked (reports leave totals blank).
    assert feasible((0, 1, GAP, 2, 3), [8, 1, None, None], 1, 4)
    # A printed total smaller than its parts refutes the placement.
    assert not feasible((0, 1, GAP, 2, 3), [8, 1, None, 2], 1, 4)
    # A part that could not be read is like a gap.
    assert feasible((0, 1, 2, 3, 4), [8, 1, 0, 0, 5], 1, 4, unknown={0})

"""The fast paths read exactly what the detailed ones read.

:func:`govdisclosure.loads` first reads JSON straight into the model with msgspec (the
typed reader, one variant per layout); when no variant reads the document, it decodes it
into plain data and the compiled canonical-form converter or the detailed converter
decides. Whatever the document, the outcome must be the one the plain-data path gives:
the same report, or the same error with the same problems.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, GovDisclosureError
from govdisclosure.checks._rules._phrases import PHRASES
from govdisclosure.codecs import _decode, _json, to_dict
from govdisclosure.model import MAX_COUNT
from govdisclosure.testing import cell_changes, consistent_reports, reports

from .conftest import DATA, EXAMPLES
from .test_fuzz_json import mutated_documents, variant_documents


def _outcome(data: str | bytes) -> tuple[str, Any]:
    """What ``loads(data)`` gives: ("report", repr) or ("error", type, problems)."""
    try:
        return "report", repr(govdisclosure.loads(data))
    except GovDisclosureError as error:
        problems = getattr(error, "problems", ())
        return "error", (type(error).__name__, str(error), tuple(problems))


def _without_typed_reader(data: str | bytes) -> tuple[str, Any]:
    """What ``loads(data)`` gives when the typed reader declines every document."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_json, "_read_typed", lambda data, limits: None)
        return _outcome(data)


def _text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, default=str)


@given(reports() | reports(mixed=True, unread=True))
def test_the_typed_reader_reads_every_canonical_report(report: AnnualReport) -> None:
    text = govdisclosure.dumps(report)
    typed = _json._read_typed(text.encode("utf-8"), govdisclosure.Limits())
    assert typed is not None
    assert repr(typed) == repr(report)
    assert repr(_json._read_typed(text, govdisclosure.Limits())) == repr(report)


@given(mutated_documents() | variant_documents().map(lambda case: case[1]))
def test_loads_gives_what_the_plain_data_path_gives(document: Any) -> None:
    text = _text(document)
    assert _outcome(text) == _without_typed_reader(text)
    data = text.encode("utf-8")
    assert _outcome(data) == _without_typed_reader(data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("proactive", "fees", "amount", "value"), '"NaN"'),
        (("proactive", "fees", "amount", "value"), '"Infinity"'),
        (("proactive", "fees", "amount", "value"), '" 12.5 "'),
        (("proactive", "fees", "amount", "value"), '"1_000"'),
        (("proactive", "fees", "amount", "value"), '"\\uff11\\uff12"'),
        (("proactive", "fees", "amount", "value"), "12.50"),
        (("proactive", "fees", "amount", "value"), "1e3"),
        (("applications", "granted", "total"), "27.0"),
        (("applications", "granted", "total"), "true"),
        (("applications", "granted", "total"), "1" + "0" * 30),
        # The bounds of a count, checked while decoding: on them, and one past them.
        (("applications", "granted", "total"), str(MAX_COUNT)),
        (("applications", "granted", "total"), str(MAX_COUNT + 1)),
        (("appeals", "direct_litigation", "pending"), str(-MAX_COUNT)),
        (("appeals", "direct_litigation", "pending"), str(-MAX_COUNT - 1)),
        (("proactive", "rules", "issued"), "-1"),
        (("source",), '{"spans": [{"pointer": "/year", "span": {"line": 1000000000000000}}]}'),
        (("applications", "granted"), '{"natural_person": 1}'),
        (("overview",), '"\\ud800"'),
        (("overview",), '"\\udc00 and more"'),
        (("edition",), '"2020"'),
        (("year",), '"2021"'),
        (("agency", "level"), '"city"'),
    ],
)
def test_a_document_the_typed_reader_declines_reads_as_before(
    path: tuple[str, ...], value: str
) -> None:
    data: Any = json.loads((EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8"))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "\0marker\0"
    text = _text(data).replace('"\\u0000marker\\u0000"', value)
    assert _outcome(text) == _without_typed_reader(text)


def test_unknown_keys_anywhere_are_refused() -> None:
    report = govdisclosure.loads((EXAMPLES / "pingtan-2021.json").read_bytes())
    document = to_dict(report)
    document["applications"]["withheld"]["state_secret"]["extra"] = 1
    text = _text(document)
    assert _json._read_typed(text, govdisclosure.Limits()) is None
    kind, (name, _, problems) = _outcome(text)
    assert (kind, name) == ("error", "StructureError")
    assert [p.pointer for p in problems] == ["/applications/withheld/state_secret/extra"]


@given(st.sampled_from(["qidu-2019.json", "pingtan-2021.json"]), st.booleans())
def test_every_layout_is_read_by_its_variant(name: str, mixed: bool) -> None:
    report = govdisclosure.loads((EXAMPLES / name).read_bytes())
    if mixed:  # the other edition's （六）其他处理, as a mixed report prints it
        other = govdisclosure.loads(
            (EXAMPLES / ("pingtan-2021.json" if "2019" in name else "qidu-2019.json")).read_bytes()
        )
        document = to_dict(report)
        document["applications"]["other_handling"] = to_dict(other)["applications"][
            "other_handling"
        ]
        report = _json.from_dict(json.loads(_text(document), parse_float=Decimal))
        assert report.layout.is_mixed
    text = govdisclosure.dumps(report)
    assert repr(_json._read_typed(text, govdisclosure.Limits())) == repr(report)


def test_without_msgspec_loads_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (EXAMPLES / "pingtan-2021.json").read_bytes()
    expected = repr(govdisclosure.loads(data))
    monkeypatch.setattr(_decode, "_FAST", None)
    assert _json._read_typed(data, govdisclosure.Limits()) is None
    assert repr(govdisclosure.loads(data)) == expected


# -- the checks: the compiled cell vector, the clean-tables kernel --------------------------


def _clean_the_slow_way(report: AnnualReport) -> bool:
    from govdisclosure.checks._plan import plan
    from govdisclosure.model import Money, cell_values

    values = cell_values(report)
    p = plan(report.layout)
    if report.unread or None in values:
        return False
    for i, value in enumerate(values):
        number = value.value if isinstance(value, Money) else value
        if i not in p.signed and number is not None and number < 0:
            return False
    identities = [s for _, s in (*p.row_totals, *p.outcome_totals, *p.appeal_totals)]
    if any(values[s.total] != sum(values[i] for i in s.parts) for s in identities):  # type: ignore[misc]
        return False
    return all(
        values[b.new] + values[b.over] == values[b.handled] + values[b.forward]  # type: ignore[operator]
        for _, b in p.balances
    )


#: Clean reports (consistent by construction), and the same with one cell changed.
_CLEAN_OR_NEARLY = consistent_reports() | consistent_reports().flatmap(cell_changes).map(
    lambda change: change.report
)


@given(reports() | reports(mixed=True, unread=True))
def test_the_compiled_cell_vector_is_cell_values(report: AnnualReport) -> None:
    from govdisclosure.checks._plan import plan
    from govdisclosure.model import cell_values

    assert plan(report.layout).get_values(report) == cell_values(report)


@given(reports() | reports(mixed=True, unread=True) | _CLEAN_OR_NEARLY)
def test_the_kernel_says_clean_exactly_when_the_tables_are(report: AnnualReport) -> None:
    from govdisclosure.checks._registry import Context

    assert Context(report).clean == _clean_the_slow_way(report)


@given(
    st.sampled_from(["qidu-2019.json", "pingtan-2021.json"]).map(
        lambda name: govdisclosure.loads((EXAMPLES / name).read_bytes())
    )
    | _CLEAN_OR_NEARLY
)
def test_rules_quiet_when_clean_find_nothing_in_clean_tables(report: AnnualReport) -> None:
    from govdisclosure.checks import Severity, rules
    from govdisclosure.checks._registry import Context

    context = Context(report)
    quiet = [r for r in rules() if r.quiet_when_clean]
    assert {r.code for r in quiet} >= {"GD010", "GD011", "GD301", "GD302", "GD303", "GD401"}
    if not context.clean:
        return
    assert context.values  # the tables were looked at
    for rule in quiet:
        if rule.applies_to(report.edition):
            context.bind(rule, Severity.ERROR)
            assert list(rule.function(context)) == [], rule.code


@given(
    st.sampled_from(["qidu-2019.json", "pingtan-2021.json"]).map(
        lambda name: govdisclosure.loads((EXAMPLES / name).read_bytes())
    )
    | reports()
    | reports(mixed=True, unread=True)
    | _CLEAN_OR_NEARLY
)
def test_rules_find_nothing_when_their_precondition_fails(report: AnnualReport) -> None:
    from govdisclosure.checks import Severity, get_rule
    from govdisclosure.checks._registry import PRECONDITIONS, Context

    assert {"GD501", "GD507"} <= set(PRECONDITIONS)
    for code, precondition in PRECONDITIONS.items():
        rule = get_rule(code)
        context = Context(report)
        if rule.applies_to(report.edition) and not precondition(context):
            context.bind(rule, Severity.WARNING)
            assert list(rule.function(context)) == [], code


# -- the text reader: the words' patterns with a look-ahead match as without -------------


def _plain_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of ``word_patterns()`` without their look-ahead."""
    from govdisclosure.checks._rules import _phrases

    gap = f"(?P<gap>{_phrases._GAP}{{0,{_phrases._MAX_GAP}}}?)"
    return (
        re.compile(f"{gap}(?P<words>{_phrases._alternation(list(_phrases._BEFORE))})"),
        re.compile(f"{gap}(?P<words>{_phrases._alternation(list(_phrases._AFTER))})"),
    )


def _span(match: re.Match[str] | None) -> tuple[int, int, str] | None:
    return None if match is None else (match.end("gap"), match.end(), match.group("words"))


_WORDS = sorted({w for phrase in PHRASES.values() for w in phrase.words})
_PIECES = st.sampled_from(
    [w.replace("#", "2026") for w in _WORDS]
    + [w.replace("#", "\uff12\uff10\uff12\uff16") for w in _WORDS if "#" in w]
    + ["申请", "件", "起", "宗", " ", "\u3000", "，", "。", "\n", "复议", "诉讼", "年"]
    + list("0123456789０１２３４５６７８９٣.．的共本")
)


@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(0, 60))
def test_the_words_patterns_match_as_the_plain_alternation(text: str, pos: int) -> None:
    from govdisclosure.checks._rules import _phrases

    pos = min(pos, len(text))
    for fast, plain in zip(_phrases.word_patterns(), _plain_patterns(), strict=True):
        for subject in (text, text[::-1]):
            assert _span(fast.match(subject, pos)) == _span(plain.match(subject, pos))


# -- lines of JSON pointers: by indentation, as the walk finds them -----------------------


def _walked(text: str, pointers: list[str]) -> dict[str, int]:
    from govdisclosure.codecs import _jsonpos

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            _jsonpos, "_by_indentation", lambda text, pointers, laid_out=None: ({}, pointers)
        )
        return _jsonpos.pointer_lines(text, pointers)


_KEYS = st.text(alphabet='ab/~ 公开"\\\n', max_size=4)
_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='x\n"公', max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)


def _pointers_of(value: Any, pointer: str = "") -> list[str]:
    out = [pointer]
    if isinstance(value, dict):
        for key, item in value.items():
            token = key.replace("~", "~0").replace("/", "~1")
            out += _pointers_of(item, f"{pointer}/{token}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _pointers_of(item, f"{pointer}/{index}")
    return out


@given(
    _VALUES,
    st.sampled_from([{"indent": 2}, {"indent": 2, "ensure_ascii": False}, {"indent": 4}]),
    st.lists(st.text(alphabet="/ab0~1", max_size=6)),
    st.sampled_from(["", "\n", "  \n"]),
)
def test_lines_by_indentation_are_the_walk_s(
    value: Any, layout: dict[str, Any], extra: list[str], around: str
) -> None:
    from govdisclosure.codecs import pointer_lines
    from govdisclosure.codecs._jsonpos import pointer_lines_of_file

    text = around + json.dumps(value, **layout) + around
    wanted = _pointers_of(value) + extra
    assert pointer_lines(text, wanted) == _walked(text, wanted)
    for newline in ("\n", "\r\n", "\r"):
        data = text.replace("\n", newline).encode("utf-8")
        as_read = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        assert pointer_lines_of_file(data, wanted) == _walked(as_read, wanted)


def _other_scalars(value: Any) -> Any:
    """``value`` with every scalar replaced by another (the same skeleton)."""
    if isinstance(value, dict):
        return {key: _other_scalars(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_other_scalars(item) for item in value]
    if isinstance(value, str):
        return value + '公\n": x'
    return None if value is not None else [1]


@given(_VALUES, st.lists(st.text(alphabet="/ab0~1", max_size=6)))
# A lone "~" is no escape: "/~/" names no member, though a member is named "~" ("~0").
@example({"~": {"": None}}, ["/~/"])
def test_lines_of_files_of_one_skeleton_are_the_walk_s(value: Any, extra: list[str]) -> None:
    from govdisclosure.codecs import _jsonpos

    # Files laid out alike are looked up by skeleton once it is seen twice.
    first = json.dumps(value, indent=2, ensure_ascii=False)
    other = _other_scalars(value)
    second = json.dumps(other, indent=2, ensure_ascii=False)
    for text, wanted in [
        (first, _pointers_of(value) + extra),
        (first, _pointers_of(value)),
        (second, _pointers_of(other) + extra),
        (first, _pointers_of(value) + extra),
    ]:
        data = text.encode("utf-8")
        assert _jsonpos.pointer_lines_of_file(data, wanted) == _walked(text, wanted)


@given(reports() | reports(mixed=True, unread=True))
def test_lines_of_a_report_s_pointers_are_the_walk_s(report: AnnualReport) -> None:
    from govdisclosure.codecs import pointer_lines
    from govdisclosure.model import cell_refs

    text = govdisclosure.dumps(report)
    wanted = [r.pointer for r in cell_refs(report.layout)]
    wanted += ["", "/title", "/agency/level", "/unread/0/pointer", "/source/spans/1/span"]
    wanted += [p.rsplit("/", 1)[0] for p in wanted if p.count("/") > 2]
    assert pointer_lines(text, wanted) == _walked(text, wanted)


# -- indented JSON written in C, as json.dumps writes it ---------------------------------

_WRITTEN: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from('\x00\x7f\u2028\n"\\'))
    | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=20,
)


@given(_WRITTEN, st.sampled_from([None, 0, 1, 2, 4]))
def test_indented_json_is_what_json_dumps_writes(data: Any, indent: int | None) -> None:
    from govdisclosure.codecs._fast import indented_json

    assert indented_json(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize(
    "text",
    [
        '{\n  "a": 1,\n  "\\u0061": 2\n}',
        '{\n  "\\u0061": 1,\n  "a": 2\n}',
        '{\n  "x": {\n    "a": 1,\n    "\\u0061": 2\n  },\n  "y": "' + "p" * 1100 + '"\n}',
        '{\n  "x": {\n    "\\u0061": {\n      "b": 1\n    }\n  }\n}',
    ],
)
def test_a_key_written_with_escapes_is_read_as_the_walk_reads_it(text: str) -> None:
    from govdisclosure.codecs import pointer_lines

    wanted = ["/a", "/x", "/x/a", "/x/a/b", "/y"]
    assert pointer_lines(text, wanted) == _walked(text, wanted)


# -- what a web page sets aside: by attributes, as the walk finds it ----------------------

_TAGS = ["div", "span", "p", "td", "th", "sup", "del", "s", "strike", "noscript", "b", "SUP"]
_STYLES = [
    None,
    "",
    "font-size:12pt",
    "display:none",
    "DISPLAY: None !important",
    "visibility:hidden",
    "text-decoration:line-through",
    "color:red; display:block",
    "mso-display:none",
]


@st.composite
def _pages(draw: st.DrawFn, depth: int = 0) -> str:
    children = draw(st.lists(st.just(None), max_size=0 if depth >= 4 else 3))
    tag = draw(st.sampled_from(_TAGS))
    style = draw(st.sampled_from(_STYLES))
    hidden = draw(st.booleans()) and draw(st.booleans())
    attributes = "" if style is None else f' style="{style}"'
    attributes += " hidden" if hidden else ""
    inner = "".join(draw(_pages(depth + 1)) for _ in children)
    return f"<{tag}{attributes}>x{inner}</{tag}>y"


@given(_pages())
def test_elements_set_aside_by_attributes_are_the_walk_s(page: str) -> None:
    pytest.importorskip("lxml")
    from lxml import etree

    from govdisclosure.parsers.frontends import _html

    root = etree.fromstring(f"<html><body>{page}</body></html>", etree.HTMLParser())
    found = _html._set_aside_marks(root)
    # A style sheet with a rule for no element of the page: the reader walks the tree.
    etree.SubElement(root, "style").text = "never { display: none }"
    walked = _html._set_aside_marks(root)
    assert found == walked


def test_a_page_that_hides_nothing_is_told_without_the_walk() -> None:
    pytest.importorskip("lxml")
    from lxml import etree

    from govdisclosure.parsers.frontends import _html

    page = '<html style="display:none"><body><p style="font-size:12pt">1</p></body></html>'
    root = etree.fromstring(page, etree.HTMLParser())
    assert _html._shows_everything(root)  # the root's own style is not asked
    for shown in ('<b hidden="">1</b>', "<sup>1</sup>", '<i style="display: none">1</i>'):
        root = etree.fromstring(f"<html><body>{shown}</body></html>", etree.HTMLParser())
        assert not _html._shows_everything(root)


# -- keys of text: what the patterns would drop, found without them ----------------------

# White space of many kinds, the other characters keys drop, and kept ones.
_KEY_TEXT = st.text(
    alphabet=" \t\n\r\x0b\x1c\x85\xa0\u2000\u2028\u3000\u200b\ufeff\u201c\u201d\"'\u300c"
    "ab1一、（）．",
    max_size=30,
)


@given(_KEY_TEXT)
def test_keys_drop_what_the_pattern_drops(text: str) -> None:
    from govdisclosure.parsers.assemble import _fold

    assert _fold._drop(text) == _fold._DROP.sub("", text)


@given(_KEY_TEXT, st.integers(0, 100))
def test_the_window_s_runs_are_the_pattern_s(text: str, offset: int) -> None:
    from govdisclosure.parsers.assemble import _fold

    runs = [(m.start() + offset, m.end() + offset) for m in _fold._DROP.finditer(text)]
    window = _fold._window_table(text, offset)
    assert list(window.run_starts) == [start for start, _ in runs]
    dropped = 0
    for i, (start, end) in enumerate(runs):
        dropped += end - start
        assert window.cumulative[i] == dropped
        assert window.gap_at[i] == end - offset - dropped
    assert len(window.cumulative) == len(window.gap_at) == len(runs)


def test_every_character_is_dropped_as_the_pattern_drops_it() -> None:
    import sys

    from govdisclosure.parsers.assemble import _fold

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert _fold._drop(every) == _fold._DROP.sub("", every)


# -- row labels: one alternative per ordinal spelling, the same matches -----------------


def _row_patterns() -> tuple[list[tuple[re.Pattern[str], re.Pattern[str]]], list[str]]:
    """Each row label's pattern, with the same pattern written as an optional ordinal
    before the cores (``(?:ordinal)?(?:cores)``, the plain form); and the cores' keys."""
    from govdisclosure.model import ApplicationRow, Edition, ProactiveRow
    from govdisclosure.model._variants import APPLICATION_ROW_VARIANTS, PROACTIVE_ROW_VARIANTS
    from govdisclosure.parsers.assemble import _anchors
    from govdisclosure.parsers.assemble._fold import fold_key

    out = []
    keys: set[str] = set()
    labels = []
    for edition in Edition:
        for row in ApplicationRow.for_edition(edition):
            prefix, core = _anchors._split_label(row.label(edition))
            short = len(fold_key(core)) <= 2 and row is not ApplicationRow.TOTAL_HANDLED
            labels.append((prefix, (core, *APPLICATION_ROW_VARIANTS.get(row, ())), short))
        for proactive in ProactiveRow.for_edition(edition):
            cores = (proactive.label(edition), *PROACTIVE_ROW_VARIANTS[proactive])
            labels.append(("", cores, False))
    for prefix, cores, needs in labels:
        keys.update(fold_key(c) for c in cores)
        alternatives = _anchors._alternation(fold_key(c) for c in cores)
        spellings = _anchors._prefix_spellings(prefix)
        ordinal = "|".join(re.escape(s) for s in spellings)
        plain = f"(?:{ordinal}){'' if needs else '?'}(?:{alternatives})" if ordinal else ""
        out.append(
            (
                re.compile(plain or f"(?:{alternatives})"),
                _anchors._row_pattern(prefix, cores, needs_prefix=needs),
            )
        )
    return out, sorted(keys)


_ROW_PATTERNS, _ROW_KEYS = _row_patterns()
# Ordinals in every spelling, labels and their beginnings, and other text.
_ROW_PIECES = st.sampled_from(
    [
        *("(一)", "一.", "(二)", "1.", "(1)", "1)", "2.", "(", ")", ".", "一", "二", "0", "x"),
        *_ROW_KEYS,
        *sorted({k[: len(k) // 2] for k in _ROW_KEYS} - {""}),
    ]
)


@given(st.lists(_ROW_PIECES, max_size=12).map("".join), st.integers(0, 40), st.integers(0, 80))
def test_row_patterns_match_as_the_plain_form(text: str, lo: int, hi: int) -> None:
    for plain, written in _ROW_PATTERNS:
        assert [m.span() for m in written.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
        a, b = plain.search(text, lo, hi), written.search(text, lo, hi)
        assert (a and a.span()) == (b and b.span())


# -- the tokens of a stretch: those of its pieces ----------------------------------------


def _streams() -> list[Any]:
    from govdisclosure.parsers.assemble._stream import Stream
    from govdisclosure.parsers.frontends._text import read_text

    text = (DATA / "seeds" / "qidu-2019.txt").read_bytes()
    streams = [Stream(read_text(text))]
    page = DATA / "corpus" / "001_shanghai_szfbgt_2019.html"
    try:
        from govdisclosure.parsers.frontends._html import read_html
    except ImportError:  # pragma: no cover - the html extra is part of the test extra
        return streams
    return [*streams, Stream(read_html(page.read_bytes()))]


_STREAMS = _streams()


@given(st.sampled_from(range(len(_STREAMS))), st.floats(0, 1), st.floats(0, 1))
def test_the_tokens_of_a_stretch_are_its_pieces_tokens(which: int, a: float, b: float) -> None:
    stream = _STREAMS[which]
    size = len(stream.text) + 2
    lo, hi = int(a * size) - 1, int(b * size)
    assert stream.tokens_in(lo, hi) == [piece.token for piece in stream.pieces(lo, hi)]


# -- parse() of JSON bytes: read as they are when they are UTF-8 --------------------------


def _parse_outcome(data: bytes) -> tuple[str, Any]:
    from govdisclosure.parsers import parse

    try:
        return "report", parse(data, format="json")
    except GovDisclosureError as error:
        return "error", (type(error).__name__, str(error), getattr(error, "problems", None))


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("gb18030"),
        lambda text: text.encode("utf-8")[:-9],
        lambda text: text.replace('"edition"', '"editions"').encode("utf-8"),
        lambda text: text.replace("2021", "二〇二一", 1).encode("gb18030"),
    ],
)
def test_json_bytes_parse_as_their_decoded_text(encode: Any) -> None:
    from govdisclosure.parsers import _api

    text = (EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8")
    data = encode(text)
    fast = _parse_outcome(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_api, "_BYTE_ORDER_MARKS", (b"",))  # every input read as text
        assert fast == _parse_outcome(data)


# -- JSON without floats written by msgspec, as json.dumps writes it ----------------------

#: Data as findings and SARIF logs hold it: no float (a PDF's boxes are written by
#: json.dumps itself), strings of every kind, a lone surrogate now and then.
_NO_FLOATS: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from('\x00\x1f\x7f\u2028\n"\\/'))
    | st.sampled_from(["\ud800", "a\udcb1b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=20,
)


@given(_NO_FLOATS, st.sampled_from([1, 2, 4]))
def test_json_without_floats_is_written_as_json_dumps_writes_it(data: Any, indent: int) -> None:
    from govdisclosure.cli._check import _compact_json
    from govdisclosure.codecs._findings import _laid_out

    laid_out = _laid_out({"data": data}, indent)
    assert laid_out in (None, json.dumps({"data": data}, ensure_ascii=False, indent=indent))
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert _compact_json(data, boxes=False) == compact


def test_findings_as_json_text_are_their_data_written_by_json_dumps() -> None:
    import attrs

    from govdisclosure.codecs import FileFindings, findings_to_dict, findings_to_json
    from govdisclosure.codecs._fast import indented_json
    from govdisclosure.model import SourceSpan

    data = json.loads((EXAMPLES / "pingtan-2021.json").read_text(encoding="utf-8"))
    data["applications"]["granted"]["total"] += 1  # a row and a column that do not add up
    findings = tuple(govdisclosure.check(govdisclosure.loads(json.dumps(data))))
    assert any(f.related for f in findings)
    for span in (SourceSpan(line=3), SourceSpan(page=2, bbox=(1.5, 2.25, 3.0, 4.125))):
        placed = tuple(
            attrs.evolve(f, location=attrs.evolve(f.location, span=span)) for f in findings
        )
        results = [FileFindings(path="a.json", findings=placed + findings, format="json")]
        assert findings_to_json(results) == indented_json(findings_to_dict(results), 2)

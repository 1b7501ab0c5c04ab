"""GD9xx: what :func:`govdisclosure.parse` noticed while reading a published document.

These rules have ``scope="parse"``: they are part of the catalogue (``govdisclosure rule
GD906``, the documentation, SARIF) but :func:`govdisclosure.check` never runs them. The
parser emits their findings, with the same code, name and default severity, in
:attr:`ParseResult.diagnostics <govdisclosure.parsers.ParseResult.diagnostics>`, each
located in the report (a JSON pointer) and, where known, in the source document.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._finding import Finding, Severity
from .._registry import Context, rule

__all__ = [
    "agency_or_year_not_found",
    "blank_marker_cell",
    "cells_placed_by_identities",
    "digit_run_ambiguous",
    "digit_run_split",
    "edition_signatures_conflict",
    "edition_signatures_missing",
    "encoding_guessed",
    "heading_misnumbered",
    "ocr_confirmed",
    "ocr_uncertain",
    "ocr_uncertain_figure",
    "reader_note",
    "row_label_variant",
    "row_not_found",
    "section_not_found",
    "table_split_joined",
    "unplaced_table_text",
    "unplaced_text",
    "unreadable_cell",
]


def _nothing(ctx: Context) -> Iterator[Finding]:
    # Parse diagnostics are produced by the parser, never by check().
    yield from ()


@rule(
    code="GD901",
    name="unplaced-text",
    severity=Severity.NOTE,
    summary="Text outside the report's parts was kept aside as a leftover.",
    summary_zh="报告正文以外的文字已作为未归类内容保留",
    scope="parse",
)
def unplaced_text(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Text the parser read but that belongs to no part of the report: a web portal's
    navigation and share buttons around the report, a crawler's header, a table printed
    inside a free-text section. It is kept in ``ParseResult.leftovers`` with its position,
    not dropped and not mixed into the report's text.

    ## Why it matters
    Nothing a document contains is silently lost: a reviewer can see what was set aside
    and decide whether it belonged to the report after all.

    ## Example
    ``当前位置： 首页政务公开政府信息公开政府信息公开年报`` before the title of a report
    saved from a government portal.

    ## How to fix
    Nothing to fix when the text is page furniture. If it is part of the report (a table
    in section 一, say), read it from the leftovers.
    """
    return _nothing(ctx)


@rule(
    code="GD902",
    name="unplaced-table-text",
    severity=Severity.WARNING,
    summary="A row or values inside a table match no row of the template; kept as leftover.",
    summary_zh="表格中有与格式模板不符的行或多余数值，已作为未归类内容保留",
    scope="parse",
)
def unplaced_table_text(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Text inside tables 二, 三 or 四 that is neither a label of the template (or a piece of
    one, cut by a page break) nor a value of a row it recognised: an extra row a province
    added, values left over after a row's cells were filled, a row whose label could not
    be matched to one template row (see GD915), a running header between the parts of a
    table. Each cell or line is kept in ``ParseResult.leftovers``; the diagnostic is one
    per printed row, not one per figure. Where table 三 misses rows around it, the
    diagnostic names them as related places: the printed row may be one of them, but it
    was not guessed to be.

    ## Why it matters
    The national format fixes every row (国办公开办函〔2019〕60号, 〔2021〕30号); provinces
    sometimes add rows (Hubei 2020: 其他主动公开文件). Such figures have no place in the
    model, but they were published and must not vanish.

    ## Example
    ``其他主动公开文件 12 12 86`` between 规范性文件 and 第二十条第（五）项.

    ## How to fix
    If the row is a provincial addition, nothing: it stays a leftover. If it is a
    template row printed with a label that fits more than one missing row (or none), its
    cells are unread (GD908): read them from the leftover by hand.
    """
    return _nothing(ctx)


@rule(
    code="GD903",
    name="unreadable-cell",
    severity=Severity.WARNING,
    summary="A table cell cannot be read — not a number, or not in the document; blank.",
    summary_zh="单元格无法读取（内容不是该列的数值，或文件中没有该单元格），按空白处理",
    scope="parse",
)
def unreadable_cell(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Each cell of tables 二, 三 and 四 holds a number of the column's kind: a count (``3``,
    ``3件``), a signed change in 2019's 本年增/减 (``+17``, ``-18``), an amount of money
    (``251000元``, ``18651.06``). A cell is left unread, with this finding, when it holds
    anything else (``illegible``); when the document does not have it — its column is
    missing from the table, or the cell is cut off at the edge of a PDF page (``absent``,
    ``cropped``); when a row has more or fewer values than the template's columns and the
    table's header does not say which column each value is in (``layout``); or when a row
    has fewer cells than its header has columns and the table's identities leave several
    places for the gap (``column_uncertain``: the cells every placement puts in the same
    column are read, the others not; where one placement fits, see GD916). One finding per
    row names its cells.

    ## Why it matters
    A guessed number is worse than a blank one: the identities would be checked against
    a figure nobody published. A column absent from a file is not a column of zeros.

    ## Example
    ``约30`` in a count column; a PDF printed from Word or LibreOffice whose table 三 is
    wider than the page, so that its 其他 and 总计 columns are not in the file.

    ## How to fix
    Read the cell in the published document (the finding gives its position) and fill it
    in by hand if it can be read; for a clipped PDF, read the report from its web page or
    Word file instead.
    """
    return _nothing(ctx)


@rule(
    code="GD904",
    name="blank-marker-cell",
    severity=Severity.NOTE,
    summary="A cell printed as '/', '-', '—', 不适用 or 无 was read as blank, not 0.",
    summary_zh="单元格印为“/”“-”“—”“不适用”或“无”，按空白读取，未当作 0",
    scope="parse",
)
def blank_marker_cell(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    A cell printed as one of the markers ``/``, ``-``, ``—``, ``不适用``, ``无`` is read as
    blank (``None``), never as 0. The finding records what was printed: one note per row,
    at the cell where the row has one such cell, at the row (naming its cells as related
    places) where it has several. A cell printed empty (``&nbsp;``, nothing) is simply
    blank and gets no note: :func:`govdisclosure.check` reports every blank cell (GD010).

    ## Why it matters
    Blank is not zero (spec §6.3 S-11): the marker may mean zero, not applicable or not
    collected. :func:`govdisclosure.check` reports the blank cell itself (GD010); this note
    says that the report printed a marker there, and which.

    ## Example
    Wuhan's 2020 reports print ``-`` in cells of table 二 where nothing was counted.

    ## How to fix
    Nothing to fix in the reading. In the report, write 0 where the count is zero.
    """
    return _nothing(ctx)


@rule(
    code="GD905",
    name="digit-run-split",
    severity=Severity.NOTE,
    summary="Cells run together into one string of digits were split by the table's sums.",
    summary_zh="连在一起的数字串已依据表格的勾稽关系拆分为各单元格",
    scope="parse",
)
def digit_run_split(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Text flattened from a web page runs neighbouring cells together: ``270020130`` is a
    row of seven cells. The parser splits such a run only when exactly one reading
    satisfies the table's identities — the row's 总计 equal to the sum of the six applicant
    cells; where several readings do, the column identities of table 三 (T3-A: 新收 + 上年结转
    = （七）总计 + 结转下年度; T3-B: the outcome rows add up to （七）总计); in table 四, each
    block's four results adding up to its 总计. The finding says which identity decided.

    ## Why it matters
    The split is an inference, not a reading: it is right when the published table is
    consistent, and a reviewer should know the cells were not separated in the source.

    ## Example
    2021 Pingtan, （一）予以公开 ``270020130``: the row total allows 27,0,0,2,0,1,30 and
    2,7,0,0,20,1,30; only the first makes every column of table 三 add up.

    ## How to fix
    Nothing, if the document has no better form. Read the web page's table, a Word file
    or a PDF instead of flattened text where one exists.
    """
    return _nothing(ctx)


@rule(
    code="GD906",
    name="digit-run-ambiguous",
    severity=Severity.WARNING,
    summary="Cells run together admit several readings (or none); left blank, not guessed.",
    summary_zh="连在一起的数字串有多种（或没有）符合勾稽关系的拆分方式，单元格留空，不作猜测",
    scope="parse",
)
def digit_run_ambiguous(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    A run of digits that stands for several cells, where the table's identities leave
    more than one reading — or none, when the published figures do not add up. Table 二
    has no identities, so a run there is read only when one reading is possible at all
    (``000`` is three zeros; ``693665`` is not readable). The cells are left blank.

    ## Why it matters
    Guessing would put figures in the report that nobody published; a blank cell is
    reported as blank (GD010) and the identities around it are not checked.

    ## Example
    2019 Pingtan, 规范性文件 ``898989``: 89|89|89, 8|98|989 and many more are possible.

    ## How to fix
    Read the cells in a better form of the document (the web page's table, Word, PDF)
    and fill them in.
    """
    return _nothing(ctx)


@rule(
    code="GD907",
    name="section-not-found",
    severity=Severity.WARNING,
    summary="A section heading or a table of the template was not found in the document.",
    summary_zh="文档中未找到格式模板规定的某一部分标题或表格",
    scope="parse",
)
def section_not_found(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Every section heading (一 to 六) and the tables of 二, 三 and 四. A heading is
    recognised in the spellings reports use (spec §8), numbered or not, or with another
    section's ordinal (GD917); a table by its labels, whether or not its heading was
    found. Cells of a table that was not found are unread (``absent``); the text of a
    section whose heading was not found stays with the section before it, so nothing is
    lost.

    ## Why it matters
    The format requires all six sections in order (S-12). A missing part may be a gap in
    the report or a spelling the parser does not know.

    ## Example
    A report whose 四 heading reads ``四、行政复议和诉讼`` — no recognised spelling.

    ## How to fix
    Check the report: add the missing part, or, if it is there under an unusual heading,
    add the spelling to the parser's variants table.
    """
    return _nothing(ctx)


@rule(
    code="GD908",
    name="row-not-found",
    severity=Severity.WARNING,
    summary="A row of table 二 or 三 was not found; its cells are blank.",
    summary_zh="表二或表三中未找到某一行，该行单元格为空",
    scope="parse",
)
def row_not_found(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Every row of the template's tables 二 and 三, found by its label (official or a known
    variant: full/half-width, ``1.``/``1．``/``1、``, quotes, 合计 for 总计, provincial
    annotations in parentheses) or, in table 三, by its place and its likeness where the
    label is misprinted, cut short or lost (GD915). A row found in neither way has its
    cells unread (``row_not_recognised``); what was printed in its place, if anything, is
    kept as a leftover (GD902).

    ## Why it matters
    A row left out of a published table is a gap in the report ("要素齐备"); a row the
    parser could not recognise leaves its cells unread, and no finding about the report
    rests on them.

    ## Example
    Two rows whose labels were both lost between ``4.保护第三方合法权益`` and
    ``7.属于行政执法案卷``: which figures are 5.'s and which 6.'s is not guessed.

    ## How to fix
    Check the report's table against the template; read the leftover rows by hand.
    """
    return _nothing(ctx)


@rule(
    code="GD909",
    name="edition-signatures-conflict",
    severity=Severity.WARNING,
    summary="Labels of both editions (2019 and 2021) appear; the majority decided.",
    summary_zh="文档同时出现 2019 版和 2021 版格式的特征标签，按多数判定版本",
    scope="parse",
)
def edition_signatures_conflict(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    The edition is read from signature labels (spec §8): table 二's column headers —
    本年新制作数量, 上一年项目数量, 采购总金额… for 2019; 本年制发件数, 现行有效件数,
    本年收费金额… for 2021 — and table 三's three-row （六）其他处理 for 2021. 规范性文件 vs
    行政规范性文件 does not count: both occur in both editions. When signatures of both
    editions appear, table 二's headers decide by majority.

    ## Why it matters
    The editions count different things in table 二 and shape table 三 differently; a
    mixed report cannot be compared or aggregated as it stands.

    ## Example
    A 2021 report whose table 二 keeps 2019's 上一年项目数量 column for 行政许可.

    ## How to fix
    Re-issue the report in one edition: the 2021 format from the 2021 reports on.
    """
    return _nothing(ctx)


@rule(
    code="GD910",
    name="edition-signatures-missing",
    severity=Severity.WARNING,
    summary="No table-二 signature label; the edition was taken from table 三 or the year.",
    summary_zh="未找到表二的版本特征标签，版本依据表三或报告年度判定",
    scope="parse",
)
def edition_signatures_missing(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Whether table 二's column headers show the edition. Without them the parser reads
    the edition from table 三 (three （六）其他处理 rows in 2021, one in 2019) or, failing
    that, from the report year.

    ## Why it matters
    The edition decides how table 二 is read; a wrong edition reads its cells into the
    wrong columns.

    ## Example
    A report without table 二, or whose table 二 was printed as an image.

    ## How to fix
    Check the edition the report was read in (``report.edition``).
    """
    return _nothing(ctx)


@rule(
    code="GD911",
    name="agency-or-year-not-found",
    severity=Severity.WARNING,
    summary="The organ's name or the report year was not found in the title.",
    summary_zh="标题中未找到报告机关名称或报告年度",
    scope="parse",
)
def agency_or_year_not_found(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    That the report's title names the organ and the year (``XX市人民政府2024年政府信息
    公开工作年度报告``). When it does not, the year is taken from the text (the statistics
    period, the first year mentioned) or left 0, and the organ from the page's metadata or
    left empty.

    ## Why it matters
    The year decides which edition applies (GD001) and which report is last year's; the
    organ, whose figures these are.

    ## Example
    A Word file whose first line is only ``政府信息公开工作年度报告``.

    ## How to fix
    Set ``report.year`` and ``report.agency`` from what you know of the document.
    """
    return _nothing(ctx)


@rule(
    code="GD912",
    name="encoding-guessed",
    severity=Severity.NOTE,
    summary="The document's character encoding was not declared and had to be guessed.",
    summary_zh="文档未声明字符编码，已推断编码读取",
    scope="parse",
)
def encoding_guessed(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Text and web pages that do not declare their encoding are read as UTF-8, or else as
    GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese government
    sites). The note says which was used.

    ## Why it matters
    A wrong guess garbles every character; if the report's text looks wrong, this is the
    first thing to check.

    ## Example
    A page saved from a portal in GBK without a ``<meta charset>``.

    ## How to fix
    Convert the file to UTF-8, or declare its encoding.
    """
    return _nothing(ctx)


@rule(
    code="GD913",
    name="table-split-joined",
    severity=Severity.NOTE,
    summary="A table split across pages or parts was joined back into one.",
    summary_zh="跨页或被拆分的表格已合并为一张表",
    scope="parse",
)
def table_split_joined(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Reports printed to PDF or Word split long tables at page breaks, often repeating the
    header or the stub (三、本年度办理结果). The reader joins the parts and says so, once
    per table printed over pages: where the PDF reader joined the parts by their ruled
    lines (the note names the document's table), and where a table of the report was
    read on from parts on several pages that stayed apart in the document (a scanned
    report's pages; the note is located at the report's table).

    ## Why it matters
    A joined table is read as one; if a row went missing at the break, this note points
    to where to look.

    ## Example
    Table 三 of a PDF report continuing on the next page after （四）无法提供.

    ## How to fix
    Nothing, usually; check the rows around the page break if GD908 reports a missing row.
    """
    return _nothing(ctx)


@rule(
    code="GD914",
    name="reader-note",
    severity=Severity.NOTE,
    summary="Something the document's reader noticed that has no more specific code.",
    summary_zh="文档读取过程中发现的其他情况",
    scope="parse",
)
def reader_note(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Observations of the format readers (HTML, Word, PDF, text) that no other GD9xx code
    covers, passed on as they were made.

    ## Why it matters
    They explain surprises in the result (a part of the file that could not be read, a
    structure the reader had to repair).

    ## Example
    A Word file with a table nested inside a table cell.

    ## How to fix
    See the message.
    """
    return _nothing(ctx)


@rule(
    code="GD915",
    name="row-label-variant",
    severity=Severity.NOTE,
    summary="A row label printed unlike the template was read as the one row that fits.",
    summary_zh="与格式模板不同的行名（错印、缺字、截断或缺失）已按唯一相符的模板行读取",
    scope="parse",
)
def row_label_variant(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Rows of table 三 whose label is not printed as the template prints it: characters
    missing or added (``2.其他法律行政止公开`` for ``2.其他法律行政法规禁止公开``), misread by
    a character recogniser, shortened, cut off at a page break (``3.补正后申请内容`` with
    ``仍不明确`` at the top of the next page), or lost altogether (a row of figures with an
    empty label cell). Such a row is read as a template row only when exactly one fits:
    it stands between two rows that were recognised, so it can only be one of the rows
    missing between them, in the template's order; its printed ordinal (``2.``, ``（三）``)
    must be that row's; and its label must share most of that row's characters, in order.
    A row whose label was lost is placed only when exactly one template row is missing
    between its recognised neighbours. The finding quotes the label as printed.

    ## Why it matters
    The figures were published; losing a row to a misprint loses them to every reader of
    the data. But the row was matched by inference, not by its label: a reviewer should
    see which label was read as which row.

    ## Example
    ``2.其他法律行政止公开 30 1 0 0 0 0 31`` between ``1.属于国家秘密`` and
    ``3.危及“三安全一稳定”``: read as 表三“2.其他法律行政法规禁止公开”行.

    ## How to fix
    Nothing to fix in the reading when the row named is right. In the report, print the
    template's label. When several rows could fit, none is chosen: the printed row is
    kept as a leftover (GD902) and the template rows stay unread (GD908).
    """
    return _nothing(ctx)


@rule(
    code="GD918",
    name="ocr-uncertain",
    severity=Severity.WARNING,
    summary="The character recogniser (OCR) was unsure of a cell and no identity confirms it.",
    summary_zh="文字识别（OCR）对单元格把握不足，且没有勾稽关系可以确认，单元格未读取",
    scope="parse",
)
def ocr_uncertain(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    A scanned page or a photo is read by a character recogniser (the ``ocr`` extra),
    which says how sure it is of every character. A cell of tables 二, 三 or 四 whose least
    certain character falls below 0.9 is not read from the recogniser alone: it is read
    only when an identity of the template confirms it (see GD919). Otherwise it is left
    unread (reason ``uncertain``) and this finding gives what the recogniser read, how
    sure it was, and — where an identity determines the cell — the value the identity
    asks for. That value is a hint for the reviewer; it is never written into the report.

    ## Why it matters
    A digit misread is worse than a blank cell: the identities would be checked against a
    figure nobody published, and the publisher blamed for the recogniser's error.

    ## Example
    A faint ``3`` in a scan, read as ``8`` with confidence 0.62: the row's 总计 asks for
    3, so the cell is left unread and the finding says so.

    ## How to fix
    Read the cell on the page (the finding gives its page and box) and fill it in; a scan
    at 200 dpi or more, in grey rather than black and white, reads better.
    """
    return _nothing(ctx)


@rule(
    code="GD916",
    name="cells-placed-by-identities",
    severity=Severity.NOTE,
    summary="A row short of cells was placed by the table's identities (one placement fits).",
    summary_zh="一行单元格少于表头列数，依据表格勾稽关系确定了唯一的列位置",
    scope="parse",
)
def cells_placed_by_identities(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    A row of table 三 or 四 in a web page or Word file that has fewer cells than its
    header has columns (a ``<td>`` left out, a cell deleted). The file lays the cells out
    from the left, so every figure after the missing cell stands under the wrong header,
    and nothing in the file says where the cell went missing. Each placement of the gap
    is tried against the table's identities (the row's 总计 equal to the sum of its
    parts; in table 三 also the column identities across rows; in table 四 each block's
    总计): when exactly one placement fits, the row is read that way, the missing cell
    left unread (``absent``), and this note says so. When several fit, the cells whose
    column differs between them are not read (reason ``column_uncertain``, GD903).

    ## Why it matters
    Read by position, the figures after the gap would be put silently under the wrong
    headers, and the identities would then blame the publisher for sums the reader broke.

    ## Example
    Table 四's row ``0 0 2 7 8 0 0 1 9 1 0 0 0 1`` (its first cell, 行政复议 › 结果维持,
    left out): only a gap at the start lets every block's 总计 add up.

    ## How to fix
    Nothing to fix in the reading. In the published file, restore the missing cell.
    """
    return _nothing(ctx)


@rule(
    code="GD917",
    name="heading-misnumbered",
    severity=Severity.NOTE,
    summary="A section heading with a wrong ordinal was read as the section its text names.",
    summary_zh="序号有误的部分标题已按其标题文字所指的部分读取",
    scope="parse",
)
def heading_misnumbered(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    Section headings whose text is a known spelling of one section's heading but whose
    ordinal is another's: ``六、存在的问题及改进情况`` for section 五. The heading is read
    as the section its text names, in the document's order, and the section's text goes
    with it; the finding quotes the heading as printed.

    ## Why it matters
    Reading by the ordinal would put section 五's text under 六 (or lose the heading to
    the text before it); a reviewer should see that the number was not the template's.

    ## Example
    ``六、存在的问题及改进情况`` followed by ``六、其他需要报告的事项``.

    ## How to fix
    Nothing to fix in the reading. In the report, number the sections 一 to 六.
    """
    return _nothing(ctx)


@rule(
    code="GD919",
    name="ocr-confirmed",
    severity=Severity.NOTE,
    summary="A cell the recogniser (OCR) was unsure of was read: a table identity confirms it.",
    summary_zh="文字识别（OCR）把握不足的单元格，其读数与表格勾稽关系相符，予以读取",
    scope="parse",
)
def ocr_confirmed(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    A cell the character recogniser was unsure of (see GD918) is read when an identity
    of the template confirms the reading: an identity in which the cell is the only value
    still unsure, whose other cells are all read, and which holds with the recogniser's
    reading — the row's 总计 and its six applicant cells (table 三), the column's balance
    (T3-A: 新收 + 上年结转 = （七）总计 + 结转下年度) or its outcomes (T3-B), a block's 总计
    and its four results (table 四). A cell read so may confirm another in turn. The
    finding names the identity and its other cells.

    ## Why it matters
    The reading is an inference from the printed figures, not a sure reading of the page;
    a reviewer should know which cells rest on it. The recogniser's reading is confirmed,
    never replaced: a figure the identities ask for but the page does not show is not
    read (GD918).

    ## Example
    ``1362`` read with confidence 0.81 in the 总计 column of （一）予以公开, whose six
    applicant cells add up to 1362.

    ## How to fix
    Nothing, usually; look at the cell on the page if the report matters.
    """
    return _nothing(ctx)


@rule(
    code="GD920",
    name="ocr-uncertain-figure",
    severity=Severity.WARNING,
    summary="A figure of the text the recogniser (OCR) was unsure of is marked □, not read.",
    summary_zh="文字识别（OCR）对正文中的数字把握不足，记作“□”，不作为数字读取",
    scope="parse",
)
def ocr_uncertain_figure(ctx: Context) -> Iterator[Finding]:
    """
    ## What it checks
    A scanned page or a photo is read by a character recogniser, which says how sure it
    is of every character. A figure of the report's text (the title, a section's prose,
    a line read as a table row) with a digit read with less than 0.9 is not taken for a
    figure: each of its digits is written ``□`` — the mark a transcriber puts for a
    character that cannot be read — and this finding gives, at the field it stands in,
    what the recogniser read and how sure it was. Every other character is kept as read.

    ## Why it matters
    The narrative rules compare the figures the text states with the tables (GD501–GD507)
    and the year in the title with the edition; a digit misread would make a finding
    about the report out of the recogniser's error. Marked ``□``, the figure is compared
    with nothing, and the reader of the JSON sees that it was not read.

    ## Example
    ``共收到申请81件`` read with the ``8`` at confidence 0.62: the text holds
    ``共收到申请□□件`` and the finding says ``81`` was read there.

    ## How to fix
    Read the figure on the page (the finding gives its page and box); a scan at 200 dpi
    or more, in grey rather than black and white, reads better.
    """
    return _nothing(ctx)

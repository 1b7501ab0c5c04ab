"""The HTML page in a real browser: headless Chromium draws the template's merged headers.

Run deliberately (``pytest -m e2e``; ``.ci/run`` installs Chromium from Debian's
packages and does). Two runs of the same page at the same window size: ``--dump-dom``
with a small script that measures where cells are drawn, and ``--screenshot``. The
assertions are about layout facts (a merged header spans exactly the columns below it)
and about the picture (the header's frame is drawn across that width, with no column
rule inside it).
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import attrs
import pytest

from govdisclosure.model import replace_at
from govdisclosure.render import render_html

from .conftest import load_example

WIDTH, HEIGHT = 1280, 2200

pytestmark = pytest.mark.e2e

_MEASURE = """
<script>
(function () {
  function box(el) {
    var r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  }
  function th(section, text) {
    var cells = document.querySelectorAll('table[data-section="' + section + '"] th');
    for (var i = 0; i < cells.length; i++) {
      if (cells[i].textContent === text) return box(cells[i]);
    }
    return null;
  }
  function td(pointer) {
    return box(document.querySelector('td[data-pointer="' + pointer + '"]'));
  }
  var out = {headers: {}, cells: {}};
  [["applications", "申请人情况"], ["applications", "法人或其他组织"],
   ["applications", "三、本年度办理结果"], ["appeals", "行政诉讼"], ["appeals", "行政复议"]]
    .forEach(function (p) { out.headers[p[1]] = th(p[0], p[1]); });
  document.querySelectorAll("td[data-pointer]").forEach(function (el) {
    out.cells[el.getAttribute("data-pointer")] = box(el);
  });
  var pre = document.createElement("pre");
  pre.id = "gd-measure";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError("Chromium is needed for e2e tests: apt-get install -y chromium")


def _run(args: list[str], profile: Path) -> str:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks, header = 8, [], b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    channels = {2: 3, 6: 4}[color]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i] for i in range(len(r)) if i % channels < 3) for r in rows]


def _dark(rows: list[bytes], x: int, y: int) -> bool:
    r, g, b = rows[y][3 * x : 3 * x + 3]
    return r + g + b < 3 * 110


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    report = load_example("pingtan-2021")
    report = attrs.evolve(report, preface="", overview=report.overview[:60])
    report = replace_at(report, ("applications", "granted", "total"), 31)
    from govdisclosure import check

    html = render_html(report, check(report))
    root = tmp_path_factory.mktemp("browser")
    page = root / "report.html"
    page.write_text(html, encoding="utf-8")
    measured = root / "measure.html"
    measured.write_text(html.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _run(["--dump-dom", "--virtual-time-budget=2000", measured.as_uri()], root / "p1")
    start = dom.index('<pre id="gd-measure">') + len('<pre id="gd-measure">')
    layout: dict[str, Any] = json.loads(dom[start : dom.index("</pre>", start)])
    picture = root / "report.png"
    _run([f"--screenshot={picture}", page.as_uri()], root / "p2")
    return layout, picture


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 1.5


def test_merged_headers_span_exactly_their_columns(
    rendered: tuple[dict[str, Any], Path],
) -> None:
    layout, _ = rendered
    headers, cells = layout["headers"], layout["cells"]
    row = "/applications/new_received/"
    applicants = headers["申请人情况"]
    assert _near(applicants["left"], cells[row + "natural_person"]["left"])
    assert _near(applicants["right"], cells[row + "total"]["right"])
    legal = headers["法人或其他组织"]
    assert _near(legal["left"], cells[row + "commercial_enterprise"]["left"])
    assert _near(legal["right"], cells[row + "other"]["right"])
    results = headers["三、本年度办理结果"]
    assert _near(results["top"], cells["/applications/granted/total"]["top"])
    assert _near(results["bottom"], cells["/applications/total_handled/total"]["bottom"])
    litigation = headers["行政诉讼"]
    assert _near(litigation["left"], cells["/appeals/direct_litigation/upheld"]["left"])
    assert _near(litigation["right"], cells["/appeals/litigation_after_review/total"]["right"])
    review = headers["行政复议"]
    assert _near(review["right"], cells["/appeals/administrative_review/total"]["right"])


def test_screenshot_draws_the_merged_header(rendered: tuple[dict[str, Any], Path]) -> None:
    layout, picture = rendered
    width, height, rows = _png(picture)
    assert (width, height) == (WIDTH, HEIGHT)
    ink = sum(_dark(rows, x, y) for y in range(0, height, 7) for x in range(0, width, 7))
    assert ink > 500  # text and table rules, not a blank page
    header = layout["headers"]["申请人情况"]
    assert header["bottom"] < HEIGHT
    left, right = round(header["left"]) + 2, round(header["right"]) - 2
    top, bottom = round(header["top"]), round(header["bottom"])
    # The frame's top rule runs across all seven columns …
    rule = next(y for y in range(top - 2, top + 3) if _dark(rows, (left + right) // 2, y))
    across = [_dark(rows, x, rule) for x in range(left, right)]
    assert sum(across) / len(across) > 0.97
    # … and no column rule cuts the merged cell, though the columns below have them.
    cells = layout["cells"]
    boundaries = [
        round(cells[f"/applications/new_received/{name}"]["right"])
        for name in ("natural_person", "commercial_enterprise", "research_institution")
    ]
    for x in boundaries:
        below = cells["/applications/new_received/total"]
        column_rule = [
            any(_dark(rows, x + d, y) for d in (-1, 0, 1))
            for y in range(round(below["top"]) + 2, round(below["bottom"]) - 2)
        ]
        assert all(column_rule), "the data rows are ruled"
        inside = [
            any(_dark(rows, x + d, y) for d in (-1, 0, 1)) for y in range(top + 3, bottom - 3)
        ]
        assert sum(inside) / len(inside) < 0.6, "a merged header has no column rule"

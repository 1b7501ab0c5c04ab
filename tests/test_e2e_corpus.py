"""The corpus page in a real browser: headless Chromium draws its charts, sorts its table.

Run deliberately (``pytest -m e2e``), as ``tests/test_e2e_browser.py``: the page written
by ``govdisclosure report`` for the examples and the development corpus is loaded from
disk with the network off. ``--dump-dom`` with a script that measures the charts and
clicks a column heading twice; ``--screenshot`` to see that the bars are drawn in their
colours.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govdisclosure.cli import main

from .conftest import DATA, EXAMPLES
from .test_e2e_browser import HEIGHT, WIDTH, _png, _run

pytestmark = pytest.mark.e2e

_MEASURE = """
<script>
(function () {
  function box(el) {
    var r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height};
  }
  var out = {figures: {}, bars: {}, order: {}};
  document.querySelectorAll("figure[id]").forEach(function (f) {
    out.figures[f.id] = box(f.querySelector("svg"));
    out.bars[f.id] = f.querySelectorAll("svg rect, svg circle").length;
  });
  function column(index) {
    return Array.prototype.map.call(
      document.querySelectorAll("table.gd-reports tbody tr"),
      function (tr) { return tr.cells[index].getAttribute("data-value"); });
  }
  var heads = document.querySelectorAll("table.gd-reports thead th");
  var received = -1;
  heads.forEach(function (th, i) { if (th.textContent === "本年新收") received = i; });
  out.order.before = column(received);
  heads[received].click();
  out.order.ascending = column(received);
  heads[received].click();
  out.order.descending = column(received);
  out.sort = heads[received].getAttribute("aria-sort");
  var pre = document.createElement("pre");
  pre.id = "gd-measure";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    root = tmp_path_factory.mktemp("corpus")
    out = root / "corpus.html"
    assert main(["report", str(EXAMPLES), str(DATA / "corpus"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    measured = root / "measure.html"
    measured.write_text(html.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _run(["--dump-dom", "--virtual-time-budget=2000", measured.as_uri()], root / "p1")
    start = dom.index('<pre id="gd-measure">') + len('<pre id="gd-measure">')
    layout: dict[str, Any] = json.loads(dom[start : dom.index("</pre>", start)])
    picture = root / "corpus.png"
    _run([f"--screenshot={picture}", out.as_uri()], root / "p2")
    return layout, picture


def test_every_chart_is_drawn(page: tuple[dict[str, Any], Path]) -> None:
    layout, _ = page
    assert set(layout["figures"]) == {
        "gd-by-rule",
        "gd-by-report",
        "gd-mix-year",
        "gd-mix-level",
        "gd-rates",
    }
    for name, box in layout["figures"].items():
        assert box["width"] > 400, name
        assert box["height"] > 40, name
        assert layout["bars"][name] > 2, name


def _numbers(values: list[str]) -> list[float]:
    return [float(v) for v in values if v != ""]


def test_the_table_sorts_by_a_column(page: tuple[dict[str, Any], Path]) -> None:
    layout, _ = page
    order = layout["order"]
    assert sorted(order["before"]) == sorted(order["ascending"])
    ascending = _numbers(order["ascending"])
    assert ascending == sorted(ascending)
    assert _numbers(order["descending"]) == sorted(ascending, reverse=True)
    # Unknown figures go last, whatever the direction.
    for direction in ("ascending", "descending"):
        values = order[direction]
        assert values[len(_numbers(values)) :] == [""] * (len(values) - len(_numbers(values)))
    assert layout["sort"] == "descending"


def test_the_screenshot_shows_the_outcome_colours(page: tuple[dict[str, Any], Path]) -> None:
    layout, picture = page
    width, height, rows = _png(picture)
    assert (width, height) == (WIDTH, HEIGHT)
    box = layout["figures"]["gd-mix-year"]
    assert box["bottom"] < HEIGHT
    seen = set()
    for y in range(int(box["top"]), int(box["bottom"]), 3):
        line = rows[y]
        for x in range(int(box["left"]), int(box["right"]), 3):
            seen.add(tuple(line[3 * x : 3 * x + 3]))
    # 予以公开 green and 不予公开 red, as the legend says.
    assert (0x2E, 0x7D, 0x32) in seen
    assert (0xC6, 0x28, 0x28) in seen

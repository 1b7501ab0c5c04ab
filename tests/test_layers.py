"""The architecture: imports point one way only, and the front door stays small."""

from __future__ import annotations

import ast
import subprocess
import sys
import typing
from pathlib import Path

import govdisclosure

PACKAGE = Path(govdisclosure.__file__).resolve().parent

# layer -> packages it must not import (design: model <- checks <- codecs/parsers/render <- cli)
FORBIDDEN = {
    "model": {"cattrs", "hypothesis", "checks", "codecs", "parsers", "render", "cli", "testing"},
    "checks": {"cattrs", "hypothesis", "codecs", "parsers", "render", "cli", "testing"},
    "codecs": {"hypothesis", "parsers", "render", "cli", "testing"},
    "render": {"cattrs", "hypothesis", "codecs", "parsers", "cli", "testing"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0:
                names.add(module.split(".")[0])
                if module.startswith("govdisclosure."):
                    names.add(module.split(".")[1])
            else:
                # Resolve the relative import against the file's package.
                parts = path.relative_to(PACKAGE).parts[:-1]
                base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                target = (*base, *module.split(".")) if module else base
                if target:
                    names.add(target[0])
    return names


def test_layers_import_one_way() -> None:
    for layer, forbidden in FORBIDDEN.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            bad = _imports(path) & forbidden
            assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_front_door_is_curated() -> None:
    assert 15 <= len(govdisclosure.__all__) <= 30
    for name in govdisclosure.__all__:
        assert getattr(govdisclosure, name) is not None


def test_import_stays_light() -> None:
    code = (
        "import sys, govdisclosure; heavy = {'hypothesis', 'jsonschema', 'lxml', 'docx', "
        "'pypdfium2', 'pdfplumber', 'pydantic', 'pandas', 'openpyxl', 'pyarrow', 'rapidocr', "
        "'onnxruntime', 'cv2', 'numpy', 'PIL'} & set(sys.modules); print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_parsers_load_their_front_ends_on_first_use() -> None:
    code = (
        "import sys, govdisclosure.parsers as p; front = {'govdisclosure.parsers.frontends._html', "
        "'govdisclosure.parsers.frontends._docx', 'govdisclosure.parsers.frontends._pdf', "
        "'govdisclosure.parsers.frontends._ocr'}; "
        "print(sorted(front & set(sys.modules))); p.read_html; "
        "print('govdisclosure.parsers.frontends._html' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "True"]


def test_reading_writing_and_rendering_leave_the_rule_families_unloaded() -> None:
    # Only checking (or asking for the rules) needs the engine and the rule families;
    # the findings' types load with the checks package.
    example = Path(__file__).resolve().parent.parent / "examples" / "qidu-2019.json"
    code = (
        "import sys, govdisclosure\n"
        f"report = govdisclosure.loads(open({str(example)!r}, 'rb').read())\n"
        "govdisclosure.dumps(report); govdisclosure.json_schema()\n"
        "govdisclosure.render_markdown(report); govdisclosure.render_html(report)\n"
        "import govdisclosure.codecs\n"
        "engine = ('govdisclosure.checks._engine', 'govdisclosure.checks._rules')\n"
        "print(sorted(m for m in sys.modules if m.startswith(engine)))\n"
        "govdisclosure.check(report)\n"
        "print('govdisclosure.checks._engine' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True"]


def test_package_is_typed() -> None:
    assert (PACKAGE / "py.typed").exists()


def test_the_public_classes_types_resolve_at_run_time() -> None:
    # cattrs, Hypothesis and documentation tools read the annotations.
    from govdisclosure.codecs import FileFindings
    from govdisclosure.stream import LineResult

    assert "findings" in typing.get_type_hints(FileFindings)
    assert "findings" in typing.get_type_hints(LineResult)

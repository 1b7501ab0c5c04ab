"""What the front-ends share: light imports, and notes a reader can rely on."""

from __future__ import annotations

import subprocess
import sys

from govdisclosure.parsers import _notes


def test_importing_the_parsers_imports_no_extra() -> None:
    code = (
        "import sys, govdisclosure, govdisclosure.parsers; "
        "heavy = {'lxml', 'pypdfium2', 'pdfplumber', 'pdfminer', 'docx'} & "
        "{name.split('.')[0] for name in sys.modules}; print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_note_codes_are_distinct_and_listed() -> None:
    codes = [getattr(_notes, name) for name in _notes.__all__ if name != "Note"]
    assert len(codes) == len(set(codes))
    assert all(code == code.lower() and " " not in code for code in codes)

"""Patterns that both a front-end and the assembler recognise in a document's text."""

from __future__ import annotations

import re

from ..model._variants import CRAWLER_BODY_MARKERS

__all__ = ["BODY_MARKER"]

_MARKER = "|".join(re.escape(m) for m in CRAWLER_BODY_MARKERS)
#: The line of a crawler's text dump that opens the page's body ("===== 正文 =====").
BODY_MARKER = re.compile(rf"^\s*=+\s*(?:{_MARKER})\s*=+\s*$")

"""A Griffe extension for the API reference: Sphinx-style markup in docstrings as Markdown.

The docstrings use a little reStructuredText — roles such as ``:class:`Severity``` and a
``::`` before a literal block. mkdocstrings renders Markdown, so this extension rewrites
them as it loads the package: a role becomes a code span (``~pkg.mod.Name`` becomes
``Name``), and a line ending in ``::`` ends in ``:`` (the indented block after it is a
code block in Markdown too). Registered in ``mkdocs.yml`` under the Python handler's
``extensions``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|exc|obj):`(~?)([^`]+)`")
_LITERAL = re.compile(r"(?<=\S)::$", re.MULTILINE)


def markdown(text: str) -> str:
    """``text`` with Sphinx roles as code spans and ``::`` literal markers as ``:``."""

    def role(match: re.Match[str]) -> str:
        target = match.group(2)
        if match.group(1):
            target = target.rsplit(".", 1)[-1]
        return f"`{target}`"

    return _LITERAL.sub(":", _ROLE.sub(role, text))


class SphinxRoles(griffe.Extension):
    """Rewrite every docstring of the loaded package with :func:`markdown`."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)

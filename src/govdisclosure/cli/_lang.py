"""The command line's language: Chinese first, English where the user's locale is not Chinese.

The language of a run is decided once, before the arguments are parsed, so that help,
usage errors, messages and summaries all speak it:

1. ``--lang zh`` or ``--lang en`` anywhere on the command line (before the command, for
   every command, or after it, as ``check --lang en`` always could);
2. else the environment variable ``GOVDISCLOSURE_LANG`` (``zh`` or ``en``);
3. else the locale: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set —
   ``zh_CN.UTF-8`` and every other ``zh…`` is Chinese, ``C``/``POSIX`` states no
   language, anything else (``en_US.UTF-8``, ``de_DE``…) is English; on Windows, where
   these are not set, the user's locale (``Chinese (Simplified)_China`` is Chinese);
4. else Chinese.
"""

from __future__ import annotations

import argparse
import locale
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from .._fsnames import readable
from ..exceptions import GovDisclosureError

__all__ = ["LANGUAGES", "current", "detect", "error_text", "say", "using"]

LANGUAGES = ("zh", "en")
_ENV = "GOVDISCLOSURE_LANG"
_state = {"lang": "zh"}

#: argparse's own words (what its gettext calls ask for), in Chinese.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项有歧义：%(option)s 可以是 %(matches)s"
    ),
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要参数 %s 之一",
}


def _from_locale(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    base = value.split(".")[0].split("@")[0]
    if base in ("C", "POSIX"):
        return None
    lowered = base.lower()
    if lowered.startswith(("zh", "chinese")):
        return "zh"
    return "en"


def _argument(argv: Sequence[str]) -> str | None:
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        else:
            continue
        if value in LANGUAGES:
            return value
    return None


def detect(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of a run with ``argv`` in ``environ`` (see the module's documentation)."""
    chosen = _argument(argv)
    if chosen is not None:
        return chosen
    stated = environ.get(_ENV, "").strip().lower()
    if stated in LANGUAGES:
        return stated
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            found = _from_locale(value)
            if found is not None:
                return found
            break  # the first one set decides; C/POSIX states no language
    if sys.platform == "win32" and not any(
        environ.get(n) for n in ("LC_ALL", "LC_MESSAGES", "LANG")
    ):
        # Windows states the user's language in its locale, not in these variables.
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:  # pragma: no cover - a malformed locale setting
            name = ""
        found = _from_locale(name)
        if found is not None:
            return found
    return "zh"


def current() -> str:
    """The language of the run in progress."""
    return _state["lang"]


def say(zh: str, en: str) -> str:
    """``zh`` or ``en``, in the language of the run."""
    return en if _state["lang"] == "en" else zh


def error_text(error: GovDisclosureError) -> str:
    """An error in the language of the run: ``where: message``, as valid UTF-8 text (a
    file name that is not UTF-8 shown with backslash escapes)."""
    message = error.message_en if _state["lang"] == "en" else error.message
    return readable(f"{error.where}: {message}" if error.where else message)


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Run with ``lang``: :func:`say` speaks it, and so does argparse (help, usage errors).

    argparse asks gettext for its words when it formats them; while this is active,
    Chinese is given for the ones listed here. Both are restored afterwards, so that a
    program calling :func:`govdisclosure.cli.main` keeps its own argparse.
    """
    saved_lang = _state["lang"]
    saved_gettext = argparse._  # type: ignore[attr-defined]
    _state["lang"] = lang
    if lang == "zh":
        argparse._ = lambda text: _ARGPARSE_ZH.get(text, saved_gettext(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        _state["lang"] = saved_lang
        argparse._ = saved_gettext  # type: ignore[attr-defined]

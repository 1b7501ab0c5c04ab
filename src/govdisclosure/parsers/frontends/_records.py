"""Positional constructors for the records a reader makes by the hundred.

A web page's table 三 alone is some 300 cells, each a :class:`~._document.TableCell` with
its :class:`~govdisclosure.model.SourceSpan`. attrs builds a frozen instance by setting
each field through ``object.__setattr__``; for these small records that is most of the
cost of reading a cell. :func:`positional` makes a constructor that writes the slots
directly. The result is the same object (equal, hashable, immutable afterwards): only the
way in is shorter, and only for classes where attrs would do nothing else on the way in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def positional(cls: type[T]) -> Callable[..., T]:
    """A constructor of the frozen, slotted attrs class ``cls`` taking every field, in order.

    Raises:
        TypeError: ``cls`` is not slotted, or would run code on construction (a
            validator, converter, ``__attrs_pre_init__``/``__attrs_post_init__`` or a
            cached hash), which this constructor would skip.
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not slotted")
    if any(f.validator is not None or f.converter is not None for f in fields):
        raise TypeError(f"{cls.__name__} validates or converts its fields")
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__} runs code when it is built")
    if "_attrs_cached_hash" in cls.__dict__["__slots__"]:
        raise TypeError(f"{cls.__name__} caches its hash")
    names = [f.name for f in fields]
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def make({', '.join(names)}):", "    self = _new(_cls)"]
    for i, name in enumerate(names):
        namespace[f"_set{i}"] = getattr(cls, name).__set__  # the slot's descriptor
        lines.append(f"    _set{i}(self, {name})")
    lines.append("    return self")
    exec("\n".join(lines), namespace)  # the names are attrs field names, identifiers
    make: Callable[..., T] = namespace["make"]
    make.__qualname__ = make.__name__ = f"{cls.__name__}_positional"
    make.__doc__ = f"Build a {cls.__name__} from {', '.join(names)} (no defaults)."
    return make

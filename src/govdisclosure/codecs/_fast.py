"""Structure functions that accept the canonical form only, compiled once per class.

The fast converter in :mod:`._json` reads a report in one pass when the input is exactly
what :func:`~govdisclosure.dumps` writes: every object a ``dict`` with all its keys in
template order, every count an ``int`` or ``None``, every text a ``str``. The functions
here check exactly that, inline, and build the attrs objects directly. Anything else — a
missing or unknown key, keys in another order, a count written ``3.0`` or ``"3"`` —
raises (:class:`NotCanonicalError`, or whatever the check met), and the detailed
converter reads the document again, decides, and explains every problem.

A generated function accepts a strict subset of what the detailed converter accepts and
builds an equal object from it: leaves go through the same hooks (enums, ``Decimal``) or
are passed through unchanged where they are already of the field's exact type.

Generated source is registered with :mod:`linecache`, so tracebacks and profilers show it.
"""

from __future__ import annotations

import enum
import linecache
from collections.abc import Callable, Mapping
from types import MemberDescriptorType, NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

__all__ = ["NotCanonicalError", "compile_structure"]

Hook = Callable[[Any], Any]


class NotCanonicalError(ValueError):
    """The value is not in the canonical form; the detailed converter takes over."""


def _is_count(type_: Any) -> bool:
    return _union_args(type_) == {int, NoneType}


def _union_args(type_: Any) -> set[Any] | None:
    if get_origin(type_) in (Union, UnionType):
        return set(get_args(type_))
    return None


def _optional_of(type_: Any) -> Any | None:
    args = _union_args(type_)
    if args is not None and NoneType in args and len(args) == 2:
        (inner,) = args - {NoneType}
        return inner
    return None


class _Compiler:
    def __init__(
        self,
        leaf_hooks: Mapping[Any, Hook],
        fallback: Callable[[Any], Hook],
        unions: Mapping[Any, Callable[[_Compiler], Hook]],
    ) -> None:
        self.leaf_hooks = leaf_hooks
        self.fallback = fallback
        self.unions = unions
        self.compiled: dict[Any, Hook] = {}

    def hook(self, type_: Any) -> Hook:
        """A function ``value -> structured`` for ``type_`` (canonical form only)."""
        if type_ in self.compiled:
            return self.compiled[type_]
        if type_ in self.unions:
            function = self.unions[type_](self)
        elif attrs.has(type_):
            function = self._compile_class(type_)
        elif type_ in self.leaf_hooks:
            function = self.leaf_hooks[type_]
        elif isinstance(type_, type) and issubclass(type_, enum.Enum):
            function = _enum_hook(type_)
        else:
            inner = _optional_of(type_)
            function = self.fallback(type_) if inner is None else _optional(self.hook(inner))
        self.compiled[type_] = function
        return function

    def _compile_class(self, cls: type) -> Hook:
        """Compile: every field present, in order, each of its exact type."""
        fields = attrs.fields(attrs.resolve_types(cls))
        namespace: dict[str, Any] = {
            "_cls": cls,
            "_names": tuple(f.name for f in fields),
            "_NotCanonicalError": NotCanonicalError,
            "_dict": dict,
            "_tuple": tuple,
            "_str": str,
            "_int": int,
            "_new": object.__new__,
        }
        values = [f"v{i}" for i in range(len(fields))]
        lines = [
            "def structure(o, _=None):",
            "    if o.__class__ is not _dict or _tuple(o) != _names:",
            "        raise _NotCanonicalError",
            f"    {', '.join(values)}, = o.values()",
        ]
        checks: list[str] = []
        conversions: list[str] = []
        for i, field in enumerate(fields):
            if field.type is str:
                checks.append(f"v{i}.__class__ is not _str")
            elif field.type is int:
                checks.append(f"v{i}.__class__ is not _int")
            elif _is_count(field.type):
                checks.append(f"(v{i} is not None and v{i}.__class__ is not _int)")
            else:
                namespace[f"_h{i}"] = self.hook(field.type)
                conversions.append(f"    v{i} = _h{i}(v{i})")
        if checks:
            lines += ["    if " + " or ".join(checks) + ":", "        raise _NotCanonicalError"]
        lines += conversions
        setters = _slot_setters(cls)
        if setters is None:
            arguments = ", ".join(f"{f.name}={v}" for f, v in zip(fields, values, strict=True))
            lines.append(f"    return _cls({arguments})")
        else:
            # A frozen, slotted class whose __init__ only stores its arguments: store
            # them directly (what __init__ would do, without a call per field).
            lines.append("    x = _new(_cls)")
            for i, setter in enumerate(setters):
                namespace[f"_s{i}"] = setter
                lines.append(f"    _s{i}(x, v{i})")
            lines.append("    return x")
        return _exec(f"structure_{cls.__name__}", lines, namespace)


def _slot_setters(cls: type) -> list[Callable[[Any, Any], None]] | None:
    """The slot setters of ``cls`` in field order, if its ``__init__`` only stores."""
    init = getattr(cls.__dict__.get("__init__"), "__code__", None)
    if (
        init is None
        or "attrs generated" not in init.co_filename
        or "__slots__" not in cls.__dict__
        or hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
    ):
        return None
    setters = []
    for field in attrs.fields(cls):
        descriptor = cls.__dict__.get(field.name)
        if (
            field.validator is not None
            or field.converter is not None
            or not field.init
            or field.alias != field.name
            or not isinstance(descriptor, MemberDescriptorType)
        ):
            return None
        setters.append(descriptor.__set__)
    return setters


def _enum_hook(enum_type: type[enum.Enum]) -> Hook:
    members = {m.value: m for m in enum_type}

    def structure(value: Any, _: Any = None) -> Any:
        if value.__class__ is not str:
            raise NotCanonicalError
        return members[value]

    return structure


def _optional(hook: Hook) -> Hook:
    def structure(value: Any, _: Any = None) -> Any:
        return None if value is None else hook(value)

    return structure


def _exec(name: str, lines: list[str], namespace: dict[str, Any]) -> Hook:
    source = "\n".join(lines) + "\n"
    filename = f"<govdisclosure canonical {name}>"
    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    function: Hook = namespace["structure"]
    function.__name__ = function.__qualname__ = name
    return function


def compile_structure(
    *,
    leaf_hooks: Mapping[Any, Hook],
    fallback: Callable[[Any], Hook],
    unions: Mapping[Any, Callable[[_Compiler], Hook]],
) -> Callable[[Any], Hook]:
    """A function giving the canonical-only structure hook of a type (compiled once).

    Args:
        leaf_hooks: hooks for leaf types (``Decimal``…), used as they are.
        fallback: gives a hook for a type this module does not compile (tuples, unions).
        unions: for a union type, a function of the compiler giving its hook.
    """
    return _Compiler(leaf_hooks, fallback, unions).hook

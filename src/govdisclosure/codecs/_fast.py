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
import json
import linecache
from collections.abc import Callable, Iterable, Mapping
from types import MemberDescriptorType, NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

__all__ = [
    "DECIMAL_TEXT",
    "NotCanonicalError",
    "TypedReader",
    "compile_structure",
    "indented_json",
]

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


# -- typed decoding: JSON bytes straight into the model, with msgspec ----------------------

#: What :func:`str` of a finite :class:`~decimal.Decimal` looks like (ASCII digits, an
#: optional sign, fraction and exponent): the only money text the typed reader takes.
#: Anything else (white space, ``NaN``, full-width digits, a JSON number) is left to the
#: detailed reading, which decides as it always has.
DECIMAL_TEXT = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"

#: Per field, a type to read instead of the declared one: ``{(class, field): (type in
#: the document, type built)}``. The first is checked while decoding (a ``Literal`` to
#: pick a variant, one member of a union); the second is what the field gets.
FieldTypes = Mapping[tuple[type, str], tuple[Any, Any]]


class TypedReader:
    """Reads JSON into attrs classes with :mod:`msgspec`, in two C-level passes.

    msgspec decodes the text into *mirrors* of the model's classes (``msgspec.Struct``
    types with the same fields, unknown keys refused, every leaf type-checked), then
    converts the mirrors into the model's own attrs classes. A class whose fields are all
    known types is converted as it is; a class with a field read as another type (a
    union resolved to one member by the variant) is built from its converted fields here.

    ``constructors`` gives, for a class, a function called with its fields as keywords
    instead of the class itself: one that may leave out checks the mirrors already made.

    A document can be read by several *variants* (each a :data:`FieldTypes`); they are
    tried in order, and the first one that fits gives the result. :meth:`read` returns
    ``None`` when none fits: the caller's detailed reading decides then.

    What a variant accepts is a subset of what the detailed reading accepts, read into
    the same values: strict JSON integers and strings (msgspec refuses lone surrogates),
    enums by value, money as the text :func:`str` writes for a finite ``Decimal`` (see
    :data:`DECIMAL_TEXT`), absent fields with a default taking it.
    """

    def __init__(
        self,
        root: type,
        variants: Iterable[FieldTypes],
        *,
        leaves: Mapping[Any, Any],
        constructors: Mapping[type, Callable[..., Any]] | None = None,
    ) -> None:
        import msgspec

        self._msgspec = msgspec
        self._constructors = dict(constructors or {})
        self._readers = [self._compile(root, fields, leaves) for fields in variants]

    def read(self, data: bytes | str) -> Any | None:
        """The object ``data`` holds, or ``None`` when no variant reads it."""
        msgspec = self._msgspec
        for decode, target, build in self._readers:
            try:
                mirror = decode(data)
            except msgspec.ValidationError:
                continue  # valid JSON, not this variant
            except (msgspec.DecodeError, UnicodeError, RecursionError, ValueError):
                return None  # not JSON that any variant reads
            try:
                return build(msgspec.convert(mirror, target, from_attributes=True))
            except Exception:
                return None
        return None

    def _compile(
        self, root: type, fields: FieldTypes, leaves: Mapping[Any, Any]
    ) -> tuple[Callable[[Any], Any], type, Callable[[Any], Any]]:
        msgspec = self._msgspec
        mirrors: dict[Any, Any] = {}
        targets: dict[Any, Any] = {}
        builders: dict[type, Callable[[Any], Any]] = {}
        special = {cls for cls, _ in fields}

        def needs_building(cls: type) -> bool:
            # A class with a field read as another type, or holding such a class.
            if cls in special:
                return True
            return any(
                attrs.has(t) and needs_building(t)
                for f in attrs.fields(cls)
                for t in _types_in(f.type)
            )

        def mirror(type_: Any) -> Any:
            if type_ in leaves:
                return leaves[type_]
            if attrs.has(type_):
                if type_ not in mirrors:
                    mirrors[type_] = _struct(msgspec, type_, fields, mirror, "Document")
                return mirrors[type_]
            return _map_args(type_, mirror)

        def target(type_: Any) -> Any:
            if attrs.has(type_):
                if not needs_building(type_):
                    return type_  # msgspec builds the attrs class itself
                if type_ not in targets:
                    targets[type_] = _struct(msgspec, type_, fields, target, "Built", built=True)
                    builders[type_] = _builder(
                        type_, fields, builders, self._constructors.get(type_)
                    )
                return targets[type_]
            return _map_args(type_, target)

        decoder = msgspec.json.Decoder(mirror(attrs.resolve_types(root)))
        target_root = target(root)
        return decoder.decode, target_root, builders[root]


def _types_in(type_: Any) -> Iterable[Any]:
    """``type_`` and the types it is made of (union members, tuple items)."""
    yield type_
    for arg in get_args(type_):
        if arg is not Ellipsis:
            yield from _types_in(arg)


def _map_args(type_: Any, function: Callable[[Any], Any]) -> Any:
    """``type_`` with each union member or tuple item mapped by ``function``."""
    origin = get_origin(type_)
    if origin in (Union, UnionType):
        return Union[tuple(function(a) for a in get_args(type_))]  # noqa: UP007
    if origin is tuple:
        args = tuple(a if a is Ellipsis else function(a) for a in get_args(type_))
        return tuple[args]  # type: ignore[valid-type]
    return type_


def _struct(
    msgspec: Any,
    cls: type,
    fields: FieldTypes,
    mapped: Callable[[Any], Any],
    prefix: str,
    *,
    built: bool = False,
) -> Any:
    """A ``msgspec.Struct`` with the fields of the attrs class ``cls`` (unknown keys
    refused), each of type ``mapped(field type)`` (or the variant's type for it)."""
    specs: list[tuple[Any, ...]] = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        given = fields.get((cls, field.name))
        if given is not None:
            type_ = given[1] if built else given[0]
            type_ = mapped(type_) if attrs.has(type_) else type_
        else:
            type_ = mapped(field.type)
        if field.default is attrs.NOTHING:
            specs.append((field.name, type_))
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            factory = field.default.factory
            specs.append((field.name, type_, msgspec.field(default_factory=factory)))
        else:
            specs.append((field.name, type_, field.default))
    # gc=False: the mirrors hold no cycles, and live only while a document is read.
    return msgspec.defstruct(
        f"{prefix}{cls.__name__}", specs, kw_only=True, forbid_unknown_fields=True, gc=False
    )


def _builder(
    cls: type,
    fields: FieldTypes,
    builders: Mapping[type, Callable[[Any], Any]],
    constructor: Callable[..., Any] | None = None,
) -> Callable[[Any], Any]:
    """A function building ``cls`` from its converted mirror (compiled; through
    ``constructor`` if given, else ``__init__`` unless that only stores its arguments)."""
    namespace: dict[str, Any] = {"_cls": constructor or cls, "_new": object.__new__}
    values: list[str] = []
    for i, field in enumerate(attrs.fields(cls)):
        built = fields.get((cls, field.name), (None, field.type))[1]
        if attrs.has(built) and built in builders:  # compiled before (it is inside)
            namespace[f"_b{i}"] = builders[built]
            values.append(f"_b{i}(v.{field.name})")
        else:
            values.append(f"v.{field.name}")
    setters = None if constructor is not None else _slot_setters(cls)
    if setters is None:
        names = [f.name for f in attrs.fields(cls)]
        arguments = ", ".join(f"{n}={v}" for n, v in zip(names, values, strict=True))
        lines = ["def structure(v):", f"    return _cls({arguments})"]
    else:
        lines = ["def structure(v):", "    x = _new(_cls)"]
        for i, (setter, value) in enumerate(zip(setters, values, strict=True)):
            namespace[f"_s{i}"] = setter
            lines.append(f"    _s{i}(x, {value})")
        lines.append("    return x")
    return _exec(f"build_{cls.__name__}", lines, namespace)


# -- indented JSON text, written in C ----------------------------------------------------


def indented_json(data: Any, indent: int | None) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent)``, the same text, faster.

    The standard library writes indented JSON in Python; its C writer only writes it
    compact. This writes it compact in C, then lays it out with
    ``msgspec.json.format``, which copies every string and number as written and puts
    members and items on their own lines exactly as ``json.dumps`` does (a test compares
    the two). Whatever that cannot lay out (``NaN``, a lone surrogate, no msgspec) is
    written by ``json.dumps`` itself.
    """
    compact = json.dumps(data, ensure_ascii=False)
    if indent is None:
        return compact
    if type(indent) is not int or indent < 1:  # json.dumps's own layouts
        return json.dumps(data, ensure_ascii=False, indent=indent)
    try:
        import msgspec

        text: str = msgspec.json.format(compact, indent=indent)
    except Exception:
        return json.dumps(data, ensure_ascii=False, indent=indent)
    return text

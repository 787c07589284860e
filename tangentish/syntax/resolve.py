"""Resolve the names a function calls to the live objects they denote, without writing anything.

``resolve_reference`` turns ``np.sin``, ``numpy.sin`` or a ``from numpy import sin`` name into the
ufunc object (the rule key) and a canonical spelling for generated code (``np.sin``): one NumPy alias,
``math.<name>`` for the math module, builtins by name, and anything else as the user wrote it (it is
then read from the user's live module globals).

The aliases generated code uses for NumPy, ``math`` and tangentish's runtime (:class:`Machinery`)
are ``np``, ``math`` and ``_rt`` unless the function's own scope gives one of those names another
meaning (a parameter ``np``, a module whose global ``np`` is not NumPy): then another alias
(``numpy``, ``_np``...) is chosen for that function, so the user's name keeps its meaning.
"""

from __future__ import annotations

import ast
import builtins
import functools
import math
import types
from typing import Any

import gast
import numpy as np

from .. import runtime
from .build import clone
from .convert import ast_to_gast
from .naming import dotted  # noqa: F401  (read from here by the passes)
from .parse import SourceInfo
from .scope import Key

# The machinery modules generated code uses, each with its aliases in order of preference.
_MODULES: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("np", np, ("np", "numpy", "_np", "_numpy")),
    ("math", math, ("math", "_math", "_math_")),
    ("_rt", runtime, ("_rt", "_rt_", "_tangentish_rt")),
)


class Machinery:
    """The names generated code reaches NumPy, ``math`` and the runtime by: ``aliases`` maps the
    role (``"np"``, ``"math"``, ``"_rt"``, as templates spell them) to the alias chosen.  (This
    module's classes are plain: a dataclass costs a first ``grad()`` a millisecond to make.)"""

    __slots__ = ("aliases",)

    def __init__(self, aliases: dict[str, str]):
        self.aliases = aliases

    def __repr__(self) -> str:
        return f"Machinery({self.aliases!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Machinery) and self.aliases == other.aliases

    __hash__ = None  # type: ignore[assignment]  (its aliases are a dict)

    @property
    def values(self) -> dict[str, Any]:
        """Alias → module: the closure cells generated code needs."""
        return {self.aliases[role]: module for role, module, _ in _MODULES}

    @property
    def reserved(self) -> frozenset[str]:
        """Names a user's local variable must not keep (it is renamed)."""
        return frozenset(self.aliases.values())

    def module_alias(self, module: Any) -> str | None:
        for role, known, _ in _MODULES:
            if module is known:
                return self.aliases[role]
        return None

    @classmethod
    def choose(cls, info: SourceInfo, taken: set[str]) -> Machinery:
        """The first alias per module that the function's parameters and free names leave free
        (a free name that already denotes the same module is fine)."""
        params = {a.id for a in info.node.args.posonlyargs + info.node.args.args +
                  info.node.args.kwonlyargs}
        aliases = {}
        for role, module, candidates in _MODULES:
            for candidate in candidates:
                if candidate in params:
                    continue
                found, value = info.lookup(candidate) if candidate in taken else (False, None)
                if not found or value is module:
                    aliases[role] = candidate
                    break
            else:
                aliases[role] = f"_{role.strip('_')}_{len(taken)}"
        return cls(aliases)


DEFAULT = Machinery({"np": "np", "math": "math", "_rt": "_rt"})
# Aliases that generated code uses for the machinery modules (the default choice).
MACHINERY = {"np": np, "math": math}


class Reference:
    """A resolved non-local expression (``np.sin``, ``SCALE``, ``helper``)."""

    __slots__ = ("value", "text")

    def __init__(self, value: Any, text: gast.expr):
        self.value = value
        self.text = text  # how generated code spells it

    @property
    def is_module(self) -> bool:
        return isinstance(self.value, types.ModuleType)


def _public_names(module: types.ModuleType) -> dict[int, list[str]]:
    """The public names ``module`` holds, by the id of their value, in no particular order (the
    reader picks one by length, then alphabetically).  Only its own attributes: a name it makes
    on demand (``np.testing``, a submodule NumPy imports on first access) is not touched, so
    indexing imports nothing.  (Sorting the items and writing each name with its module's prefix
    made this 10x slower: half a millisecond of a first ``grad()``.)"""
    table: dict[int, list[str]] = {}
    for name, value in vars(module).items():
        if not name.startswith("_") and not isinstance(value, types.ModuleType):
            table.setdefault(id(value), []).append(name)
    return table


_SPELLED = ((np, "np"), (np.linalg, "np.linalg"), (math, "math"))


@functools.cache
def _index() -> tuple[dict[int, list[str]], ...]:
    return tuple(_public_names(module) for module, _ in _SPELLED)


def canonical_name(value: Any) -> str | None:
    """``np.<name>``/``math.<name>`` for NumPy and math functions, the name for builtins."""
    own = getattr(value, "__name__", None)
    if isinstance(own, str) and not own.startswith("_") and \
            not isinstance(value, types.ModuleType):  # (a look at each module's own name for
        for module, prefix in _SPELLED:  # it first: most functions are found so, unindexed)
            if vars(module).get(own) is value:  # np.concatenate, not its alias np.concat
                return f"{prefix}.{own}"
    for (_, prefix), table in zip(_SPELLED, _index(), strict=True):
        names = table.get(id(value))
        if names:
            # Prefer the shortest spelling, then alphabetical: np.abs over np.absolute.
            return f"{prefix}.{min(names, key=lambda n: (len(n), n))}"
    name = getattr(value, "__name__", None)
    if name and getattr(builtins, name, None) is value:
        return name
    return None


def constant_path(node: gast.AST) -> list | None:
    """``LAYERS[0].act`` → ``['LAYERS', 0, 'act']``: :func:`dotted` with constant indexes (ints)
    and constant string keys (``ACTS["tanh"]`` → ``['ACTS', Key('tanh')]``); ``None`` for
    anything else."""
    parts: list = []
    while isinstance(node, (gast.Attribute, gast.Subscript)):
        if isinstance(node, gast.Attribute):
            parts.append(node.attr)
        elif _constant_index(node.slice) is not None:
            parts.append(_constant_index(node.slice))
        elif isinstance(node.slice, gast.Constant) and type(node.slice.value) is str:
            parts.append(Key(node.slice.value))
        else:
            return None
        node = node.value
    if not isinstance(node, gast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def constant_slice(node: gast.AST) -> slice | None:
    """``1:``, ``:-1``, ``::2``: a slice whose bounds and step are constant ints (or left out),
    as a ``slice``; None for anything else."""
    if not isinstance(node, gast.Slice):
        return None
    bounds = [None if part is None else _constant_index(part)
              for part in (node.lower, node.upper, node.step)]
    given = [part for part in (node.lower, node.upper, node.step) if part is not None]
    if sum(b is not None for b in bounds) != len(given) or bounds[2] == 0:
        return None
    return slice(*bounds)


def _constant_index(node: gast.AST) -> int | None:
    """``0``, ``-1``: a constant int index, or None."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _constant_index(node.operand)
        return None if inner is None else -inner
    return node.value if isinstance(node, gast.Constant) and type(node.value) is int else None


def item_reference(info: SourceInfo, node: gast.AST,
                   machinery: Machinery = DEFAULT) -> Reference | None:
    """What ``LAYERS[0]`` or ``ACTS[1]`` (a path with an index, rooted at a name the function
    does not bind) holds, spelled by its canonical name when it has one (``np.tanh``); ``None``
    when ``node`` is not such a path or the path does not resolve."""
    parts = constant_path(node)
    if parts is None or all(type(p) is str for p in parts):
        return None
    found, value = info.lookup_path(parts)
    return _spelled_reference(info, value, node, machinery) if found else None


def expression_for(text: str) -> gast.expr:
    """A fresh node for the dotted path ``text`` (``np.linalg.norm``), parsed once per text."""
    return clone(_parsed(text))


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> gast.expr:
    return ast_to_gast(ast.parse(text)).body[0].value


def resolve_reference(info: SourceInfo, node: gast.AST,
                      machinery: Machinery = DEFAULT) -> Reference | None:
    """Resolve a Name/Attribute chain rooted at a non-local name, or ``None`` when it isn't one."""
    parts = dotted(node)
    if parts is None:
        return None
    found, value = info.lookup_path(parts)
    if not found:
        return None
    if isinstance(value, types.ModuleType):
        alias = machinery.module_alias(value)
        return Reference(value, expression_for(alias) if alias else node)
    if len(parts) > 1:  # np.abs, numpy.abs, math.exp: the user's own spelling, one alias
        found_root, root_value = info.lookup(parts[0])
        alias = machinery.module_alias(root_value) if found_root else None
        if alias is not None:
            return Reference(value, expression_for(".".join([alias, *parts[1:]])))
    return _spelled_reference(info, value, node, machinery)


def _spelled_reference(info: SourceInfo, value: Any, node: gast.AST,
                       machinery: Machinery) -> Reference:
    """``value`` (read at ``node``) spelled by its canonical name when it has one."""
    canonical = canonical_name(value) if callable(value) else None
    if canonical is not None:
        root, _, rest = canonical.partition(".")
        module = {"np": np, "math": math}.get(root) if rest else None
        alias = machinery.module_alias(module) if module is not None else None
        text = f"{alias}.{rest}" if alias else canonical
        if not rest and info.lookup(canonical)[1] is not value:
            return Reference(value, node)  # a builtin the function's scope shadows
        return Reference(value, expression_for(text))
    return Reference(value, node)


def callable_label(value: Any) -> str:
    """A human name for a callable, used in error messages (``np.sin``, ``mylib.f``)."""
    canonical = canonical_name(value)
    if canonical:
        return canonical
    module = getattr(value, "__module__", None)
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", repr(value))
    return f"{module}.{name}" if module and module != "builtins" else name

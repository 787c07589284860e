"""``tangentish rules``: what has a derivative rule, and what still lacks one.

Rules are grouped by where the function lives (NumPy, math, builtins, operators, array methods and
attributes, tangentish's own runtime helpers) and marked adjoint+tangent, adjoint only, tangent
only, or non-differentiable; ``--missing`` lists the public NumPy and math callables with none.
"""

from __future__ import annotations

import argparse
import math
import operator
import sys
import types
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from . import runtime
from .registry import ADJOINT, REGISTRY, TANGENT
from .syntax.resolve import canonical_name

# -- rules ------------------------------------------------------------------------------------------

GROUPS = ("numpy", "math", "builtins", "operators", "methods", "array attributes",
          "tangentish runtime helpers (for derivatives of derivatives)", "other")
LABELS = {frozenset({ADJOINT, TANGENT}): "adjoint+tangent", frozenset({ADJOINT}): "adjoint only",
          frozenset({TANGENT}): "tangent only"}


def describe_key(key: Any) -> tuple[str, str]:
    """(group, display name) of a registry key."""
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "attribute":
        return "array attributes", f"x.{key[1]}"
    name = canonical_name(key) if callable(key) else None
    if name:
        return {"np": "numpy", "math": "math"}.get(name.split(".")[0], "builtins"), name
    own = getattr(key, "__name__", "")
    if own and getattr(operator, own, None) is key:
        return "operators", f"operator.{own}"
    qualname = getattr(key, "__qualname__", None) or repr(key)
    module = getattr(key, "__module__", None) or ""
    if isinstance(key, types.MethodDescriptorType):
        return "methods", qualname
    if module == runtime.__name__:
        return GROUPS[6], f"_rt.{qualname}"
    if module.startswith("tangentish.") and getattr(sys.modules["tangentish"], own, None) is key:
        module = "tangentish"
    return "other", f"{module}.{qualname}" if module else qualname


def _public(prefix: str, module: types.ModuleType) -> Iterator[tuple[str, Any]]:
    """``(prefix.name, value)`` for the public callables of ``module`` that are not classes."""
    for name in sorted(n for n in dir(module) if not n.startswith("_")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = getattr(module, name, None)
        if callable(value) and not isinstance(value, (type, types.ModuleType)):
            yield f"{prefix}.{name}", value


MODULES = (("np", np), ("np.linalg", np.linalg), ("math", math))


def _rule_rows() -> dict[str, dict[str, str]]:
    """group → display name → "adjoint+tangent" / "adjoint only" / ... / "non-differentiable"."""
    kinds: dict[int, tuple[Any, set[str]]] = {}
    for kind, key in REGISTRY.templates:
        kinds.setdefault(id(key), (key, set()))[1].add(kind)
    spellings: dict[int, list[str]] = {}
    for prefix, module in MODULES:
        for name, value in _public(prefix, module):
            spellings.setdefault(id(value), []).append(name)
    rows: dict[str, dict[str, str]] = {group: {} for group in GROUPS}
    rules = [(key, LABELS[frozenset(found)]) for key, found in kinds.values()]
    for key, label in rules + [(key, "non-differentiable") for key in REGISTRY.nondifferentiable]:
        group, name = describe_key(key)
        others = [n for n in spellings.get(id(key), ()) if n != name]
        rows[group].setdefault(name, label + (f"  (also {', '.join(others)})" if others else ""))
    return rows


def missing_rules() -> dict[str, list[str]]:
    """Public NumPy top-level callables and math functions with no rule and no declaration."""
    found: dict[str, list[str]] = {"numpy (top level)": [], "math": []}
    for (prefix, module), names in zip((MODULES[0], MODULES[2]), found.values(), strict=True):
        seen: set[int] = set()
        for name, value in _public(prefix, module):
            if id(value) not in seen and not (REGISTRY.lookup(ADJOINT, value) or REGISTRY.lookup(
                    TANGENT, value) or REGISTRY.is_nondifferentiable(value)):
                names.append(name)
            seen.add(id(value))
    return found


def cmd_rules(args: argparse.Namespace) -> int:
    if args.missing:
        for group, names in missing_rules().items():
            print(f"{group}: {len(names)} without a rule or a non-differentiable declaration")
            print("".join(f"  {name}\n" for name in names), end="")
        return 0
    rows = _rule_rows()
    for group in (g for g in GROUPS if rows[g]):
        flat = sum(label.startswith("non-") for label in rows[group].values())
        print(f"{group}: {len(rows[group]) - flat} with rules, {flat} non-differentiable")
        width = max(map(len, rows[group])) + 2
        for name, label in sorted(rows[group].items(), key=lambda r: (r[1].startswith("non-"), r[0])):
            print(f"  {name:<{width}}{label}")
    print("adjoint: reverse mode (grad, vjp); tangent: forward mode (jvp). "
          "What lacks a rule: tangentish rules --missing")
    return 0

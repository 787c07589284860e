"""``tangentish rules``: what has a derivative rule, and what still lacks one.

Rules are grouped by where the function lives (NumPy, math, builtins, operators, array methods and
attributes, tangentish's own runtime helpers) and marked adjoint+tangent, adjoint only, tangent
only, or non-differentiable; ``--missing`` lists the public NumPy and math callables with none.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
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
from .rule_gaps import LEFT_OUT, LOWERED, UTILITIES
from .syntax.resolve import canonical_name

# -- rules ------------------------------------------------------------------------------------------

GROUPS = ("numpy", "math", "scipy.special", "builtins", "operators", "methods", "array attributes",
          "tangentish runtime helpers (for derivatives of derivatives)", "other")
LABELS = {frozenset({ADJOINT, TANGENT}): "adjoint+tangent", frozenset({ADJOINT}): "adjoint only",
          frozenset({TANGENT}): "tangent only"}


def _modules() -> tuple[tuple[str, types.ModuleType], ...]:
    """The modules whose public functions are listed: NumPy (top level, linalg, fft), math, and
    ``scipy.special`` when SciPy is installed (it is never imported otherwise)."""
    found = [("np", np), ("np.linalg", np.linalg), ("np.fft", np.fft), ("math", math)]
    special = sys.modules.get("scipy.special")
    if special is None and importlib.util.find_spec("scipy") is not None:
        special = importlib.import_module("scipy.special")
    if special is not None:
        found.append(("scipy.special", special))
    return tuple(found)


GROUP_OF_PREFIX = {"np": "numpy", "np.linalg": "numpy", "np.fft": "numpy", "math": "math",
                   "scipy.special": "scipy.special"}


def describe_key(key: Any, spellings: dict[int, list[str]] | None = None) -> tuple[str, str]:
    """(group, display name) of a registry key."""
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "attribute":
        return "array attributes", f"x.{key[1]}"
    name = canonical_name(key) if callable(key) else None
    if name:
        return {"np": "numpy", "math": "math"}.get(name.split(".")[0], "builtins"), name
    spelled = (spellings or {}).get(id(key))
    if spelled:
        return GROUP_OF_PREFIX[spelled[0].rsplit(".", 1)[0]], spelled[0]
    own = getattr(key, "__name__", "")
    if own and getattr(operator, own, None) is key:
        return "operators", f"operator.{own}"
    qualname = getattr(key, "__qualname__", None) or repr(key)
    module = getattr(key, "__module__", None) or ""
    owner = getattr(key, "__self__", None)  # a method of one object (scipy.stats.norm.logpdf)
    if owner is not None and not isinstance(owner, (type, types.ModuleType, np.ufunc)) and own:
        qualname, module = f"{type(owner).__qualname__}.{own}", type(owner).__module__
    if isinstance(key, types.MethodDescriptorType):
        return "methods", qualname
    if module.startswith(runtime.__name__):
        return GROUPS[-2], f"_rt.{qualname}"
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


def _spellings() -> dict[int, list[str]]:
    spellings: dict[int, list[str]] = {}
    for prefix, module in _modules():
        for name, value in _public(prefix, module):
            spellings.setdefault(id(value), []).append(name)
    return spellings


def _rule_rows() -> dict[str, dict[str, str]]:
    """group → display name → "adjoint+tangent" / "adjoint only" / ... / "non-differentiable"."""
    spellings = _spellings()  # (imports scipy.special when installed: its rules load with it)
    kinds: dict[int, tuple[Any, set[str]]] = {}
    REGISTRY.provide_all()  # (every rule's kind and key: none parsed, which a listing needs not)
    for kind, key in list(REGISTRY.entries):
        kinds.setdefault(id(key), (key, set()))[1].add(kind)
    rows: dict[str, dict[str, str]] = {group: {} for group in GROUPS}
    rules = [(key, LABELS[frozenset(found)]) for key, found in kinds.values()]
    for key, label in rules + [(key, "non-differentiable") for key in REGISTRY.nondifferentiable]:
        group, name = describe_key(key, spellings)
        others = [n for n in spellings.get(id(key), ()) if n != name]
        rows[group].setdefault(name, label + (f"  (also {', '.join(others)})" if others else ""))
    return rows


def both_rules_count() -> dict[str, int]:
    """How many distinct functions of each listed module family have an adjoint and a tangent:
    counted in the rows the listing prints (``np.float64``, a class with rules, is a row of NumPy's
    though not a function the modules list), so the summary agrees with the groups' headers."""
    rows = _rule_rows()
    counts = {group: sum(label.startswith(LABELS[frozenset({ADJOINT, TANGENT})])
                         for label in rows[group].values())
              for group in sorted(set(GROUP_OF_PREFIX.values()))}
    return {group: count for group, count in counts.items() if count}


def missing_rules() -> dict[str, list[str]]:
    """Public callables of NumPy (top level, linalg, fft), math and scipy.special with no rule and
    no declaration, without the utilities that compute no numbers (:data:`UTILITIES`); the
    functions left out on purpose (:data:`LEFT_OUT`) are listed with their reason apart."""
    found: dict[str, list[str]] = {}
    seen: set[int] = set()
    for prefix, module in _modules():
        names = found.setdefault(prefix, [])
        for name, value in _public(prefix, module):
            known = (REGISTRY.lookup(ADJOINT, value) or REGISTRY.lookup(TANGENT, value)
                     or REGISTRY.is_nondifferentiable(value))
            if id(value) not in seen and not known and name not in UTILITIES \
                    and name not in LEFT_OUT and name not in LOWERED:
                names.append(name)
            seen.add(id(value))
    return found


def cmd_rules(args: argparse.Namespace) -> int:
    if args.missing:
        for group, names in missing_rules().items():
            print(f"{group}: {len(names)} without a rule or a non-differentiable declaration")
            print("".join(f"  {name}\n" for name in names), end="")
        print(f"differentiated as the calls they are made of: {len(LOWERED)}")
        print("".join(f"  {name}: {how}\n" for name, how in LOWERED.items()), end="")
        present = {name: reason for name, reason in LEFT_OUT.items() if _exists(name)}
        print(f"left without a rule on purpose: {len(present)}")
        print("".join(f"  {name}: {reason}\n" for name, reason in present.items()), end="")
        print(f"({sum(map(_exists, UTILITIES))} utilities that compute no numbers are not listed: "
              "printing, files, dtypes, dates, configuration)")
        return 0
    rows = _rule_rows()
    for group in (g for g in GROUPS if rows[g]):
        flat = sum(label.startswith("non-") for label in rows[group].values())
        print(f"{group}: {len(rows[group]) - flat} with rules, {flat} non-differentiable")
        width = max(map(len, rows[group])) + 2
        for name, label in sorted(rows[group].items(), key=lambda r: (r[1].startswith("non-"), r[0])):
            print(f"  {name:<{width}}{label}")
    counts = both_rules_count()
    print("functions with an adjoint and a tangent rule: "
          + ", ".join(f"{group} {count}" for group, count in sorted(counts.items())))
    print("adjoint: reverse mode (grad, vjp); tangent: forward mode (jvp). "
          "What lacks a rule: tangentish rules --missing")
    return 0


def _exists(dotted: str) -> bool:
    prefix, _, name = dotted.rpartition(".")
    module = dict(_modules()).get(prefix)
    return module is not None and hasattr(module, name)

"""Whether a function may hold a form a rewrite looks for (:mod:`.parse`'s,
:mod:`~tangentish.passes.source_forms`', the writes through views and into list items): a look
at its source lines or one walk of its tree, made before the module that rewrites the form is
imported (most functions hold none of them, and a first ``grad()`` would otherwise load every
rewrite to learn that it has nothing to do).

Each test may say yes where the form is absent (its rewrite then finds nothing); never no where
it is present.

    >>> may_unzip(["    a, b = zip(*pairs)\\n"]), may_unzip(["    return x * y\\n"])
    (True, False)
    >>> may_spread_displays(["    s = (2, *x.shape)\\n"]), may_spread_displays(["    y = a * b\\n"])
    (True, False)
"""

from __future__ import annotations

import inspect
from typing import Any

import gast

from .build import nodes
from .naming import called
from .star import may_spread

# A star after an opening bracket or a comma: ``(2, *x.shape)``, ``[*a, b]`` (syntax/star_displays.py)
# (said without compiling it, as syntax/star.py's: most functions' lines hold a ``*``)
_STARRED_DISPLAY = r"[(\[,]\s*\*[\w(\[]"


def may_key(lines: list[str]) -> bool:
    """``sorted``/``min``/``max`` with a ``key=`` (syntax/keyed.py)."""
    return any("key=" in line for line in lines)


def may_hoist(lines: list[str]) -> bool:
    """An assignment expression, ``any``/``all``/``reduce``/``accumulate``, a lambda or a
    ``partial`` (syntax/lambdas.py), a keyed call, or a call's starred argument that :mod:`.star`
    spreads (syntax/hoisted.py)."""
    return any(":=" in line or "any(" in line or "all(" in line or "reduce(" in line or
               "accumulate(" in line or "lambda" in line or "partial(" in line
               for line in lines) or \
        may_key(lines) or may_spread(lines)


def may_spread_displays(lines: list[str]) -> bool:
    """A display holding a starred value (syntax/star_displays.py)."""
    return any("*" in line and _starred_display(line) for line in lines)


def _starred_display(line: str) -> bool:
    at = line.find("*")
    while at >= 0:
        before, after = line[:at].rstrip(), line[at + 1:at + 2]
        if before[-1:] in ("(", "[", ",") and after and (after.isalnum() or after in "_(["):
            return True
        at = line.find("*", at + 1)
    return False


def may_match(lines: list[str]) -> bool:
    """A ``match`` statement (syntax/match_statements.py)."""
    return any(line.lstrip().startswith("match ") for line in lines)


def may_unzip(lines: list[str]) -> bool:
    """``zip(*`` of a sequence of tuples, either form, or ``= zip(`` (syntax/unzip.py)."""
    return any("zip(*" in line or "= zip(" in line for line in lines)


def may_hold_modules(fn: Any, lines: list[str]) -> bool:
    """A default that is a function or a module (``act=np.tanh``, ``xp=np``:
    passes/module_defaults.py), or a local bound to a call and read as the root of an attribute
    (``xp = _namespace(x)``, then ``xp.sum(v)``: passes/helper_modules.py)."""
    held = (*(fn.__defaults__ or ()), *(fn.__kwdefaults__ or {}).values())
    if any(callable(v) or inspect.ismodule(v) for v in held):
        return True
    text = "".join(lines)
    return any((name := _bound_to_call(line)) and f"{name}." in text for line in lines)


def _bound_to_call(line: str) -> str | None:
    """``name`` of a line ``name = f(...`` (a name called), else None."""
    name, equals, rest = line.partition("=")
    name, rest = name.strip(), rest.lstrip()
    called = rest.partition("(")[0]
    return name if equals and name.isidentifier() and called.isidentifier() and "(" in rest \
        else None


def may_iterate(lines: list[str]) -> bool:
    """An ``iter(`` call, or ``map``, ``filter``, ``zip``, ``enumerate`` or ``reversed`` called
    (maybe bound to a name: syntax/iterators.py)."""
    return any("iter(" in line or "map(" in line or "zip(" in line or "enumerate(" in line or
               "reversed(" in line or "filter(" in line for line in lines)


def may_build_dict_by_comprehension(lines: list[str]) -> bool:
    """A dict comprehension or ``dict(zip(...))`` (passes/dict_comprehensions.py)."""
    return any("{" in line or "dict(zip(" in line for line in lines)


def writes_into(node: gast.AST) -> bool:
    """A write into a part of a value: ``x[i] = v``, or any augmented assignment (``v += e`` may
    change ``v``'s array in place) (passes/view_writes.py)."""
    return any(isinstance(n, gast.AugAssign) or isinstance(n, gast.Subscript) and
               isinstance(n.ctx, gast.Store) for n in nodes(node))


def changes_items(node: gast.AST) -> bool:
    """An item changed in place: ``xs[i] += v`` (passes/list_views.py)."""
    return any(isinstance(n, gast.AugAssign) and isinstance(n.target, gast.Subscript)
               for n in nodes(node))


_ITERATED = frozenset({"range", "zip", "enumerate", "reversed", "sorted", "list", "tuple", "map",
                       "filter", "len", "iter", "dict", "set"})


def may_return_functions(lines: list[str]) -> bool:
    """A call whose value is called (``make(s)(y)``), iterated by a ``for`` (``for a in acts():``,
    not ``range(n)``), or bound to names a line calls (``g = make(s)``, ``f, g = pair()``):
    what a helper returning functions may give (passes/returned_functions.py)."""
    text = ""
    for line in lines:
        if "(" not in line:
            continue
        if ")(" in line:
            return True
        head, _, rest = line.partition(" in ")
        if rest and head.lstrip().startswith("for ") and "(" in rest and \
                rest.split("(", 1)[0].strip().split(".")[0] not in _ITERATED:
            return True
        left, equals, right = line.partition("=")
        if equals and right[:1] not in ("=", "(") and left.strip() and "(" not in left and \
                left.strip()[-1] not in "!<>+-*/%&|^@" and "(" in right:
            text = text or "".join(lines)
            targets = left.replace("[", " ").replace("]", " ").split(",")
            if any(t.strip().isidentifier() and called(t.strip(), text) for t in targets):
                return True
    return False


def calls_a_bound_path(node: gast.FunctionDef) -> bool:
    """Whether a statement of ``node``'s body binds a name to a name or attribute path that a
    call then calls (``p_f = np.tanh`` and ``p_f(x)``, as :mod:`passes.dict_locals` leaves a
    record or dict of functions: an alias for passes/partial_locals.py)."""
    bound = {stmt.targets[0].id for stmt in node.body if isinstance(stmt, gast.Assign) and
             len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name) and
             isinstance(stmt.value, (gast.Name, gast.Attribute))}
    return bool(bound) and any(isinstance(n, gast.Call) and isinstance(n.func, gast.Name) and
                               n.func.id in bound for n in nodes(node))

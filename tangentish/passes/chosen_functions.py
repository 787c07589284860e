"""A local bound, in the branches of an ``if`` of the function's body, to different functions read
from outside, and then only called: each binding a number (which branch ran), each call the call
of the function that number names.

``if mode == "mean": red = np.mean`` / ``else: red = np.sum`` then ``red(x ** 2)`` (a reduction,
an activation or a loss picked by a string flag, as outside code picks them) was refused as a call
to a local value.  :mod:`.partial_locals` takes a local bound once (``red = np.mean if c else
np.sum``); this pass takes one bound several times, where

- every binding is ``name = F``, ``F`` a function read from outside by name or attribute path
  (the same test as :mod:`.partial_locals`'), directly in a branch of one ``if`` statement of
  the function's own body (its ``elif``/``else`` blocks too, at any depth of them), or one
  statement of that body before the ``if`` (a default: ``act = np.tanh``, then ``if c: act =
  np.sin``);
- nothing else binds the name, no nested function or lambda reads it, and every read of it is
  the function of a call in a statement after that ``if``.

A binding may also be a lambda whose defaults are constants (``act = lambda z: np.tanh(z)``),
and ``name = L1 if c else L2`` with a lambda among the options is the ``if`` statement binding
``name`` in each branch: each lambda is then bound to a name of its own before the ``if``
(``name_option_1 = lambda z: ...``, the same function: it reads its variables when called) and
the calls call that name.

Each binding becomes ``name_k = i`` (``i`` its place among the bindings, one name ``name_k`` for
all), and each call ``name(a)`` the conditional expression ``F0(a) if name_k == 0 else (F1(a) if
name_k == 1 else F2(a))`` (one call runs, as one ran).  A path on which the ``if`` binds nothing
keeps the default's number, or leaves ``name_k`` unbound without one, and a call after it raises
Python's ``UnboundLocalError`` as the original call would have.  Anything else stays as written
(refused as a call to a local value).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, mode="mean"):
    ...     if mode == "mean":
    ...         red = np.mean
    ...     else:
    ...         red = np.sum
    ...     return red(x ** 2)
    >>> from tangentish.passes.partial_locals import function_value
    >>> info = parse_function(f)
    >>> replace_chosen_functions(info, function_value)
    >>> print(function_text(info.node), end="")
    def f(x, mode='mean'):
        if mode == 'mean':
            red_1 = 0
        else:
            red_1 = 1
        return np.mean(x ** 2) if red_1 == 0 else np.sum(x ** 2)
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from ..syntax import build
from ..syntax.naming import names_in
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk


def replace_chosen_functions(info: SourceInfo, function_value: Callable[..., bool]) -> None:
    """Rewrite ``info.node`` in place (see the module docstring); ``function_value(info, value,
    local)``: whether ``value`` is a function read from outside (:mod:`.partial_locals`')."""
    own = build.outside_nested(info.node.body)
    local = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    local |= build.parameter_names(info.node.args)
    nested = {n.id for node in own if isinstance(node, (gast.FunctionDef, gast.Lambda))
              for n in walk(node) if isinstance(n, gast.Name)}
    parents = {id(child): parent for parent in own for child in build.children(parent)}
    taken = set(names_in(info.node))
    hoisted: list[tuple[gast.stmt, list[gast.stmt]]] = []
    for index, stmt in enumerate(info.node.body):
        branching = stmt if isinstance(stmt, gast.If) else _branched(stmt)
        if branching is None:
            continue
        for name, bindings in _bindings(branching).items():
            bindings = _default(name, info.node.body[:index]) + bindings
            if len(bindings) < 2 or name in nested or name in build.parameter_names(info.node.args) or \
                    not all(_lambda(b.value) or dotted(b.value) is not None and
                            function_value(info, b.value, local - {name}) for b in bindings):
                continue
            calls = _calls(name, own, info.node.body[index + 1:], bindings, parents)
            if calls is not None:
                hoisted.append((stmt, [*_rewrite(name, bindings, calls, parents, taken),
                                       branching]))
    for stmt, statements in hoisted:  # (a choice of lambdas: each bound to a name of its own
        place = info.node.body.index(stmt)  # before the `if`, the `if` choosing among them)
        info.node.body[place:place + 1] = statements


def _lambda(value: gast.expr) -> bool:
    """A lambda whose making reads nothing (its defaults constants): made before the ``if`` that
    binds it, it is the same function (what it reads, it reads when called)."""
    return isinstance(value, gast.Lambda) and all(
        isinstance(d, gast.Constant) for d in value.args.defaults + value.args.kw_defaults
        if d is not None)


def _branched(stmt: gast.stmt) -> gast.If | None:
    """``name = L1 if c else L2`` (nested choices too), some option a lambda, as the ``if``
    statement binding ``name`` in each branch (the first binding keeps the statement's target);
    ``None`` for any other statement."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.IfExp)):
        return None
    target, options = stmt.targets[0], []

    def branch(value: gast.expr) -> list[gast.stmt]:
        if isinstance(value, gast.IfExp):
            return [gast.copy_location(gast.If(test=value.test, body=branch(value.body),
                                               orelse=branch(value.orelse)), stmt)]
        options.append(value)
        named = target if len(options) == 1 else build.name(target.id, store=True)
        return [gast.copy_location(build.assign(named, value), stmt)]

    made = branch(stmt.value)[0]
    return made if any(isinstance(o, gast.Lambda) for o in options) else None


def _bindings(branching: gast.If) -> dict[str, list[gast.Assign]]:
    """``name = value`` statements directly in the blocks of ``branching`` (and of the ``if``
    statements of its ``elif``/``else`` chain), by name, in source order."""
    found: dict[str, list[gast.Assign]] = {}
    blocks = [branching.body, branching.orelse]
    while blocks:
        block = blocks.pop(0)
        for stmt in block:
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                    isinstance(stmt.targets[0], gast.Name):
                found.setdefault(stmt.targets[0].id, []).append(stmt)
        if len(block) == 1 and isinstance(block[0], gast.If):  # (an `elif`)
            blocks += [block[0].body, block[0].orelse]
    return found


def _default(name: str, before: list[gast.stmt]) -> list[gast.Assign]:
    """The last ``name = value`` among the statements ``before`` the ``if`` (the function the
    paths that bind nothing keep), as a list of it or none."""
    for stmt in reversed(before):
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], gast.Name) and stmt.targets[0].id == name:
            return [stmt]
    return []


def _calls(name: str, own: list[gast.AST], after: list[gast.stmt], bindings: list[gast.Assign],
           parents: dict) -> list[gast.Call] | None:
    """The calls of ``name`` (each read of it a call's function, in ``after``), when nothing but
    ``bindings`` binds it; ``None`` otherwise."""
    targets = {id(b.targets[0]) for b in bindings}
    later = {id(n) for stmt in after for n in walk(stmt)}
    calls = []
    for node in own:
        if not isinstance(node, gast.Name) or node.id != name:
            continue
        if not isinstance(node.ctx, gast.Load):
            if id(node) not in targets:
                return None
            continue
        parent = parents.get(id(node))
        if id(node) not in later or not (isinstance(parent, gast.Call) and parent.func is node):
            return None
        calls.append(parent)
    return calls or None


def _fresh(name: str, taken: set[str]) -> str:
    index = 1
    while f"{name}_{index}" in taken:
        index += 1
    taken.add(f"{name}_{index}")
    return f"{name}_{index}"


def _rewrite(name: str, bindings: list[gast.Assign], calls: list[gast.Call], parents: dict,
             taken: set[str]) -> list[gast.stmt]:
    """Rewrite as the module docstring says; the statements binding each lambda among the
    options to a name of its own, which the calls call (to come before the ``if``)."""
    tag = _fresh(name, taken)
    options, made = [b.value for b in bindings], []
    for place, option in enumerate(options):
        if isinstance(option, gast.Lambda):
            own = _fresh(f"{name}_option", taken)
            made.append(gast.copy_location(build.assign(build.name(own, store=True), option),
                                           bindings[place]))
            options[place] = build.name(own)
    for place, binding in enumerate(bindings):
        binding.targets = [gast.copy_location(build.name(tag, store=True), binding.targets[0])]
        binding.value = gast.copy_location(build.constant(place), binding.value)
    for call in calls:
        chosen = _called(call, options[-1])
        for place in range(len(options) - 2, -1, -1):
            test = gast.Compare(left=build.name(tag), ops=[gast.Eq()],
                                comparators=[build.constant(place)])
            chosen = gast.IfExp(test=test, body=_called(call, options[place]), orelse=chosen)
        for part in walk(chosen):
            gast.copy_location(part, call)
        build.replace_child(parents[id(call)], call, chosen)
    return made


def _called(call: gast.Call, function: gast.expr) -> gast.Call:
    """A copy of ``call`` calling ``function``."""
    copy = build.clone(call)
    copy.func = build.clone(function)
    return copy

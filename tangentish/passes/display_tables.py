"""A dict display read at a key known only when it runs (``{"tanh": np.tanh, "relu": relu}
[act_name]``, ``{...}[CONFIG["act"]]``): the statement holding it becomes one copy per key of the
display, chosen by comparing the key, each with the display's entry at that key in place of the
read, and ``KeyError`` for any other key, as the dict raises; the same dispatch
:mod:`.function_tables` makes for a dict of functions read from the module.  Every entry is thus
differentiated where it is chosen; an entry that is a lambda called at once is first bound to a
name of its own (``_entry = lambda z: z * z``), as a lambda local is called.

Only a statement that evaluates the read whenever it runs is rewritten (an assignment, an
augmented assignment, a ``return`` or an expression statement, the read not inside a lambda, a
comprehension, a conditional expression or a short-circuit ``and``/``or``), with a key that is a
name or a constant path, or ``get`` of a module's dict at constants (``CONFIG.get("act",
"tanh")``: each evaluated once more, by each comparison, where nothing else runs), of a display of
at most :data:`MOST` distinct constant string or int keys whose entries evaluate nothing that can
run: constants, signed numbers, names, attribute paths and lambdas (a display of anything else stays, and is
refused as before, naming its key).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def relu(z):
    ...     return np.maximum(z, 0.0)
    >>> def f(x, name="tanh"):
    ...     act = {"tanh": np.tanh, "relu": relu}[name]
    ...     return np.sum(act(x))
    >>> info = parse_function(f)
    >>> dispatch_display_tables(info)
    True
    >>> print(function_text(info.node), end="")
    def f(x, name='tanh'):
        if name == 'tanh':
            act = np.tanh
        elif name == 'relu':
            act = relu
        else:
            raise KeyError(name)
        return np.sum(act(x))
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import gast

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.resolve import constant_path
from ..syntax.star import choice_chain
from ..syntax.tree_walk import walk
from .function_tables import _CONDITIONAL, _SIMPLE, MOST, config_get
from .record_calls import each_statement


def dispatch_display_tables(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether a read was."""
    taken = {n.id for n in walk(info.node) if isinstance(n, gast.Name)}
    local = {n.id for n in walk(info.node) if isinstance(n, gast.Name)
             and not isinstance(n.ctx, gast.Load)} | set(build.parameter_names(info.node.args))
    done: list[gast.stmt] = []

    def known(key: gast.expr) -> bool:  # (a name, a constant path, `CONFIG.get("act", "tanh")`)
        return not isinstance(key, gast.Constant) and constant_path(key) is not None or \
            config_get(info, key, local)

    def statement(stmt: gast.stmt) -> list[gast.stmt]:
        new = dispatched(stmt, taken, MOST * MOST, known) if isinstance(stmt, _SIMPLE) else stmt
        if new is not stmt:
            done.append(new)
        return [new]

    info.node.body = each_statement(info.node.body, statement)
    return bool(done)


def dispatched(stmt: gast.stmt, taken: set[str], budget: int, known: Callable[[gast.expr], bool],
               tables: dict[str, dict] | None = None) -> gast.stmt:
    """``stmt`` as a copy per key of its first read at a ``known`` key: of a display, or of a
    dict local of ``tables`` (its keys: passes/local_tables.py)."""
    found = _first(stmt, known, tables or {})
    if found is None:
        return stmt
    read, entries = found
    if len(entries) > budget:
        return stmt
    branches = []
    for key, entry in entries.items():
        copied = copy.deepcopy(stmt)
        block = _chosen(copied, read, copy.deepcopy(entry), taken)
        block[-1] = dispatched(block[-1], taken, budget // len(entries), known, tables)
        branches.append((key, block))
    error = gast.Raise(exc=build.call("KeyError", build.clone(read.slice)), cause=None)
    return choice_chain(read.slice, branches, error, stmt)


def _chosen(stmt: gast.stmt, read: gast.Subscript, entry: gast.expr, taken: set[str]
            ) -> list[gast.stmt]:
    """``stmt`` (a copy) with ``entry`` in place of its copy of ``read``, after the assignment
    naming ``entry`` if it is a lambda called at once."""
    parents = {id(child): parent for parent in walk(stmt) for child in gast.iter_child_nodes(parent)}
    target = next(n for n in walk(stmt) if isinstance(n, gast.Subscript) and _same(n, read))
    parent = parents[id(target)]
    before = []
    if isinstance(entry, gast.Lambda) and isinstance(parent, gast.Call) and parent.func is target:
        name = fresh_name("entry", taken)
        before.append(gast.copy_location(build.assign(name, entry), stmt))
        entry = build.name(name)
    build.replace_child(parent, target, gast.copy_location(entry, target))
    return [*before, stmt]


def _same(a: gast.AST, b: gast.AST) -> bool:
    return (a.lineno, a.col_offset, gast.dump(a)) == (b.lineno, b.col_offset, gast.dump(b))


def _first(stmt: gast.stmt, known: Callable[[gast.expr], bool], tables: dict[str, dict]
           ) -> tuple[gast.Subscript, dict] | None:
    """The first read in ``stmt`` of a dict display (or a local of ``tables``) at a key known
    when it runs, and the entries by key; None if there is none (see the module docstring)."""
    stack = [(stmt, False)]
    while stack:
        node, conditional = stack.pop()
        if isinstance(node, gast.Subscript) and not conditional and known(node.slice):
            entries = _entries(node) if isinstance(node.value, gast.Dict) else \
                _local_entries(node, tables[node.value.id]) if isinstance(
                    node.value, gast.Name) and node.value.id in tables else None
            if entries is not None:
                return node, entries
        inside = conditional or isinstance(node, _CONDITIONAL)
        stack.extend((child, inside) for child in reversed(list(gast.iter_child_nodes(node))))
    return None


def _entries(read: gast.Subscript) -> dict | None:
    display = read.value
    if not 0 < len(display.keys) <= MOST or not all(
            isinstance(k, gast.Constant) and type(k.value) in (str, int) for k in display.keys):
        return None
    entries = {k.value: v for k, v in zip(display.keys, display.values, strict=True)}
    if len({type(k) for k in entries}) > 1 or not all(_inert(v) for v in entries.values()):
        return None
    return entries


def _local_entries(read: gast.Subscript, keys: dict) -> dict:
    """A dict local's entries, each its read at the constant key."""
    return {k: build.subscript(build.clone(read.value), build.constant(k)) for k in keys}


def _inert(value: gast.expr) -> bool:
    """Whether evaluating ``value`` runs nothing (a constant, a signed number ``-2.0``, a name,
    an attribute path or a lambda), so that evaluating only the chosen entry is the display's
    read."""
    if isinstance(value, gast.UnaryOp) and isinstance(value.op, (gast.USub, gast.UAdd)):
        value = value.operand  # (``{"small": 0.1, "large": -2.0}[size]``: mutation fuzz 305/29)
        return isinstance(value, gast.Constant) and type(value.value) in (int, float)
    return isinstance(value, (gast.Constant, gast.Lambda)) or constant_path(value) is not None

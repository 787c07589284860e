"""A list of lambdas a comprehension makes, each holding its own default values
(``fs = [lambda x, k=k: k * x for k in range(3)]``), called item by item.

The lambdas differ only in their defaults, evaluated when each is made: the list becomes the
list of those values (a tuple per item), and the lambda one local function taking them as
parameters, defined where the list is made (its body reads the names it closes over when it
is called, as the lambda's does); a call of an item, ``f(x)`` in ``for f in fs:`` (a loop or a
comprehension, also over ``enumerate(fs)`` or ``reversed(fs)``) or ``fs[i](x)``, becomes the
call of that function with the item's values for the parameters the call leaves to their
defaults.  Rewritten only where every use of the list
is one of those calls, ``len(fs)`` or a loop whose variable is only called, where nothing
else binds the list or the loop variable, and where the lambda's body reads no variable of the
comprehension except through its defaults (those read the last value, as Python's lambdas
do, and stay refused); anything else is left as written, refused as a lambda used as a value.

    >>> import ast
    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x):
    ...     fs = [lambda v, k=k: k * np.sin(v) for k in range(3)]
    ...     return sum(f(x) for f in fs) + fs[0](x, 2.0)
    >>> info = parse_function(f)
    >>> rewrite_lambda_lists(info)
    >>> print(ast.unparse(gast.gast_to_ast(info.node)))
    def f(x):
    <BLANKLINE>
        def _fs_item(v, k):
            return k * np.sin(v)
        fs = [(k,) for k in range(3)]
        return sum((_fs_item(x, f[0]) for f in fs)) + _fs_item(x, 2.0)
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .inline import as_function

_COMPREHENSIONS = (gast.ListComp, gast.SetComp, gast.GeneratorExp, gast.DictComp)


def rewrite_lambda_lists(info: SourceInfo) -> None:
    """Rewrite ``info``'s function in place (see the module docstring)."""
    function = info.node
    taken = {n.id if isinstance(n, gast.Name) else n.name for n in walk(function)
             if isinstance(n, gast.Name | gast.FunctionDef | gast.ClassDef)}
    for made in [n for n in walk(function) if _lambda_list(n)]:
        name, lam = made.targets[0].id, made.value.elt
        uses = _Uses(name, made, len(lam.args.args) - len(lam.args.defaults), _loop_names(
            function, name))
        uses.visit(function, frozenset())
        if not uses.ok or not _reads_defaults_only(made.value):
            continue
        item = as_function(lam, fresh_name(f"{name}_item", taken))
        made.value.elt = gast.copy_location(build.tuple_(list(lam.args.defaults)), lam)
        lam.args.defaults = []
        for call, holder in uses.calls:
            given = len(call.args) - uses.required
            call.args = [*call.args, *(gast.copy_location(build.subscript(
                build.clone(holder), build.constant(j)), call)
                for j in range(given, len(made.value.elt.elts)))]
            call.func = gast.copy_location(build.name(item.name), call.func)
        _insert_before(function, made, item)


def _lambda_list(node: gast.AST) -> bool:
    """``name = [lambda ...: ... for ...]`` of a lambda with positional parameters only."""
    if not (isinstance(node, gast.Assign) and len(node.targets) == 1
            and isinstance(node.targets[0], gast.Name) and isinstance(node.value, gast.ListComp)
            and isinstance(node.value.elt, gast.Lambda)):
        return False
    args = node.value.elt.args
    return not (args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg)


def _reads_defaults_only(comprehension: gast.ListComp) -> bool:
    """Whether the lambda's body reads none of the comprehension's variables (but its own
    parameters of the same names) and nothing the comprehension binds otherwise."""
    lam = comprehension.elt
    bound = {n.id for g in comprehension.generators for n in walk(g.target)
             if isinstance(n, gast.Name)} | {n.target.id for n in walk(comprehension)
                                            if isinstance(n, gast.NamedExpr)}
    own = {a.id for a in lam.args.args}
    return not any(isinstance(n, gast.Name) and n.id in bound - own for n in walk(lam.body))


class _Uses:
    """Walks the function: ``ok`` stays true while every use of the list ``name`` is a call of
    an item, ``len(name)`` or a loop over it whose variable is only called; ``calls`` lists each
    call with the expression holding its item (the loop variable, or ``name[i]``)."""

    def __init__(self, name: str, made: gast.Assign, required: int, loop_names: set[str]):
        self.name, self.made, self.required = name, made, required
        self.shunned = loop_names | {name}  # (read or bound otherwise: not rewritten)
        self.ok, self.calls = True, []

    def visit(self, node: gast.AST, items: frozenset[str]) -> None:
        if not self.ok:
            return
        if node is self.made:
            self.visit_all(self.made.value.generators, items)
            return self._reject_in(self.made.value.elt.body)
        kind = type(node)
        if kind is gast.Name:
            self.ok = node.id not in self.shunned
        elif kind is gast.Call:
            self._call(node, items)
        elif kind in (gast.For, gast.AsyncFor) and _item_of(node, self.name) is not None:
            self._loop(node, items)
        elif kind in _COMPREHENSIONS:
            self._comprehension(node, items)
        else:
            self.visit_all(build.children(node), items)

    def visit_all(self, nodes: list, items: frozenset[str]) -> None:
        for node in nodes:
            self.visit(node, items)

    def _reject_in(self, body: gast.AST) -> None:
        self.ok = not any(_is(n, self.name) for n in walk(body))

    def _call(self, node: gast.Call, items: frozenset[str]) -> None:
        func, held = node.func, None
        if isinstance(func, gast.Name) and func.id in items:
            held = func
        elif isinstance(func, gast.Subscript) and _is(func.value, self.name) and isinstance(
                _signless(func.slice), gast.Name | gast.Constant):
            held = func
            self.visit(func.slice, items)
        elif _is(func, "len") and len(node.args) == 1 and _is(node.args[0], self.name):
            return
        if held is not None:
            if node.keywords or len(node.args) < self.required or any(
                    isinstance(a, gast.Starred) for a in node.args):
                self.ok = False
                return
            self.calls.append((node, held))
            return self.visit_all(node.args, items)
        self.visit_all(build.children(node), items)

    def _loop(self, node: gast.For, items: frozenset[str]) -> None:
        item = _item_of(node, self.name)
        if not isinstance(item, gast.Name):
            self.ok = False
            return
        self.visit_all(_beside(node.iter), items)
        self.visit_all(node.body, items | {item.id})
        self.visit_all(node.orelse, items - {item.id})

    def _comprehension(self, node: gast.AST, items: frozenset[str]) -> None:
        for generator in node.generators:
            item = _item_of(generator, self.name)
            if isinstance(item, gast.Name):
                items = items | {item.id}
                self.visit_all(_beside(generator.iter), items)
            else:
                self.visit_all([generator.iter, generator.target], items)
            self.visit_all(generator.ifs, items)
        ends = [node.key, node.value] if isinstance(node, gast.DictComp) else [node.elt]
        self.visit_all(ends, items)


def _loop_names(function: gast.FunctionDef, name: str) -> set[str]:
    """The variables of the loops and comprehensions over ``name``."""
    loops = [n for n in walk(function) if isinstance(n, gast.For | gast.AsyncFor | gast.comprehension)]
    items = [_item_of(n, name) for n in loops]
    return {item.id for item in items if isinstance(item, gast.Name)}


def _item_of(loop: gast.For | gast.comprehension, name: str) -> gast.expr | None:
    """The target ``loop`` binds to an item of the list ``name``: ``f`` in ``for f in fs``, ``for f
    in reversed(fs)`` and ``for i, f in enumerate(fs)`` (``start=`` too); ``None`` when ``loop``
    is no such loop over ``name``."""
    over, target = loop.iter, loop.target
    if _is(over, name):
        return target
    if not (isinstance(over, gast.Call) and over.args and _is(over.args[0], name)):
        return None
    if _is(over.func, "reversed") and len(over.args) == 1 and not over.keywords:
        return target
    if _is(over.func, "enumerate") and len(over.args) + len(over.keywords) <= 2 and all(
            k.arg == "start" for k in over.keywords) and isinstance(target, gast.Tuple) and \
            len(target.elts) == 2 and not isinstance(target.elts[1], gast.Starred):
        return target.elts[1]
    return None


def _beside(over: gast.expr) -> list[gast.expr]:
    """What a loop's ``reversed(fs)`` or ``enumerate(fs, start)`` reads besides the list."""
    return [*over.args[1:], *(k.value for k in over.keywords)] if isinstance(over, gast.Call) \
        else []


def _signless(node: gast.AST) -> gast.AST:
    """``i``, ``-1``: an index read again (by each of an item's values) for the same value."""
    return node.operand if isinstance(node, gast.UnaryOp) and isinstance(
        node.op, gast.USub | gast.UAdd) and isinstance(node.operand, gast.Constant) else node


def _is(node: gast.AST, name: str) -> bool:
    return isinstance(node, gast.Name) and node.id == name


def _insert_before(function: gast.FunctionDef, stmt: gast.stmt, new: gast.stmt) -> None:
    """``new`` put in the statement list holding ``stmt``, just before it."""
    for node in walk(function):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and any(s is stmt for s in block):
                block.insert(next(i for i, s in enumerate(block) if s is stmt), new)
                return

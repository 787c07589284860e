"""A parameter defaulting to ``None`` that the function replaces by a dict display when it is
``None`` (``config = config or {"lr": 0.1}``, ``if config is None: config = {...}``, ``cfg = {...}
if config is None else config`` and ``config if config is not None else {...}``): the rest of the
function written twice, once under the test with a fresh name bound to the display (a dict local of
its own, :mod:`dict_locals`), once after it reading the parameter (a dict argument). A name both a
parameter and a dict built in the function was refused.

Guarantee to the next stage: where a statement of the function's own body (not inside a branch or
loop) is one of those forms for a parameter whose default is ``None`` and no statement before it
binds that parameter, and the body ends in a ``return``, the statement is replaced by ``if
<the test>:`` holding the display's assignment to a fresh name and a copy of every statement after
it with the bound name renamed (each path through the copy returns), followed by ``name =
parameter`` where the bound name is another (nothing where it is the parameter) and the statements
after it as they were.  Not where a nested function or lambda reads the bound name, nor where it
is declared ``global`` or ``nonlocal``.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, config=None):
    ...     config = config or {"scale": 0.5}
    ...     return x * config["scale"]
    >>> info = parse_function(f)
    >>> split_none_defaults(info)
    >>> print(function_text(info.node), end="")
    def f(x, config=None):
        if not config:
            config_1 = {'scale': 0.5}
            return x * config_1['scale']
        return x * config['scale']
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.naming import Namer, names_in
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_NESTED = (gast.FunctionDef, gast.Lambda)


def split_none_defaults(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    node = info.node
    if not node.body or not isinstance(node.body[-1], gast.Return):
        return
    nones = _none_parameters(node.args)
    nested = {n.id for part in walk(node) if isinstance(part, _NESTED) and part is not node
              for n in walk(part) if isinstance(n, gast.Name)}
    nested |= {name for part in walk(node) if isinstance(part, (gast.Global, gast.Nonlocal))
               for name in part.names}
    bound: set[str] = set()
    for i, stmt in enumerate(node.body):
        found = _form(stmt, nones - bound)
        if found is not None and found[0] not in nested:
            target, parameter, test, display = found
            fresh = Namer(names_in(node)).fresh(target)
            rest = [_renamed(copy.deepcopy(s), target, fresh) for s in node.body[i + 1:]]
            first = gast.copy_location(build.assign(fresh, display), stmt)
            split = gast.copy_location(gast.If(test=test, body=[first, *rest], orelse=[]), stmt)
            kept = [] if target == parameter else \
                [gast.copy_location(build.assign(target, build.name(parameter)), stmt)]
            node.body[i:i + 1] = [split, *kept]
            info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)
            return
        bound |= {n.id for n in walk(stmt) if isinstance(n, gast.Name)
                  and not isinstance(n.ctx, gast.Load)}


def _none_parameters(args: gast.arguments) -> set[str]:
    positional = args.posonlyargs + args.args
    pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults,
                     strict=True)) + list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
    return {a.id for a, d in pairs if isinstance(d, gast.Constant) and d.value is None}


def _form(stmt: gast.stmt, nones: set[str]) -> tuple | None:
    """``(bound name, parameter, test, display)`` of a statement of the forms, or ``None``."""
    if isinstance(stmt, gast.If) and not stmt.orelse and len(stmt.body) == 1:
        parameter = _is_none(stmt.test)
        inner = _assigned(stmt.body[0])
        if parameter in nones and inner is not None and inner[0] == parameter and \
                isinstance(inner[1], gast.Dict):
            return parameter, parameter, stmt.test, inner[1]
        return None
    found = _assigned(stmt)
    if found is None:
        return None
    target, value = found
    if isinstance(value, gast.BoolOp) and isinstance(value.op, gast.Or) and \
            len(value.values) == 2 and isinstance(value.values[0], gast.Name) and \
            value.values[0].id in nones and isinstance(value.values[1], gast.Dict):
        test = gast.UnaryOp(op=gast.Not(), operand=build.name(value.values[0].id))
        return target, value.values[0].id, test, value.values[1]
    if not isinstance(value, gast.IfExp):
        return None
    display, name = (value.body, value.orelse) if _is_none(value.test) else \
        (value.orelse, value.body)  # (`{...} if p is None else p`, `p if p is not None else
    if isinstance(display, gast.Dict) and isinstance(name, gast.Name) and name.id in nones and \
            name.id in (_is_none(value.test), _is_none(value.test, gast.IsNot)):  # {...}`)
        return target, name.id, _none_test(name.id), display
    return None


def _assigned(stmt: gast.stmt) -> tuple[str, gast.expr] | None:
    if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
            isinstance(stmt.targets[0], gast.Name):
        return stmt.targets[0].id, stmt.value
    return None


def _none_test(name: str) -> gast.expr:
    return gast.Compare(left=build.name(name), ops=[gast.Is()],
                        comparators=[gast.Constant(value=None, kind=None)])


def _is_none(test: gast.expr, op: type = gast.Is) -> str | None:
    """``p`` of ``p is None`` (of ``p is not None``: ``op=gast.IsNot``)."""
    if isinstance(test, gast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], op) \
            and isinstance(test.left, gast.Name) and isinstance(test.comparators[0], gast.Constant) \
            and test.comparators[0].value is None:
        return test.left.id
    return None


def _renamed(stmt: gast.stmt, old: str, new: str) -> gast.stmt:
    for name in walk(stmt):
        if isinstance(name, gast.Name) and name.id == old:
            name.id = new
    return stmt

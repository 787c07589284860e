"""A small helper's body as its caller will run it, for :mod:`record_helpers`: which helpers
qualify (small, writing into nothing), the arguments a call binds to its parameters, and the body
with its parameters and variables renamed.

    >>> import gast
    >>> helper = gast.parse("def step(s, dt=0.1):\\n    v = np.tanh(s.v) - dt\\n    return v")
    >>> step = helper.body[0]
    >>> plain(step), sorted(assigned(step)), sorted(free(step))
    (True, ['v'], ['np'])
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build, scope
from ..syntax.resolve import dotted

MAX_STATEMENTS = 30
_CHANGING = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
                       "fill", "put", "itemset", "resize", "update", "setdefault", "popitem",
                       "add", "discard", "partition", "setflags"})
_CONSTANTS = (int, float, str, bool, type(None))


def bind(fdef: gast.FunctionDef, call: gast.Call, function: Any, info: Any = None,
         local: frozenset[str] = frozenset()) -> dict[str, gast.expr] | None:
    """Parameter → the argument the call gives it (or its plain constant default, or a function
    default the caller's scope spells as the helper does: :func:`_spelled_default`); ``None``
    when the call cannot be matched as written (starred arguments, unknown keywords...)."""
    args = fdef.args
    positional = [a.id for a in args.posonlyargs + args.args]
    keyword_only = [a.id for a in args.kwonlyargs]
    if any(isinstance(a, gast.Starred) for a in call.args) or len(call.args) > len(positional):
        return None
    bound = dict(zip(positional, call.args, strict=False))
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg in bound or \
                keyword.arg not in positional + keyword_only:
            return None
        bound[keyword.arg] = keyword.value
    defaults = dict(zip(positional[len(positional) - len(function.__defaults__ or ()):],
                        function.__defaults__ or (), strict=True))
    defaults.update(function.__kwdefaults__ or {})
    source = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults,
                      strict=True))
    source.update((a.id, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True))
    for parameter in positional + keyword_only:
        if parameter in bound:
            continue
        if parameter not in defaults:
            return None
        if type(defaults[parameter]) in _CONSTANTS:
            bound[parameter] = gast.copy_location(
                gast.Constant(value=defaults[parameter], kind=None), call)
            continue
        spelled = _spelled_default(info, source.get(parameter), defaults[parameter], local)
        if spelled is None:
            return None
        bound[parameter] = gast.copy_location(spelled, call)
    return bound


def _spelled_default(info: Any, written: gast.expr | None, value: Any, local: frozenset[str]
                     ) -> gast.expr | None:
    """A function default (``act=np.tanh``) as the helper writes it, where the caller's scope
    resolves that name or path to the very default (the look-up recorded: rebinding it derives
    again, as the helper's recorded defaults do); ``None`` for any other default."""
    parts = dotted(written) if isinstance(written, (gast.Name, gast.Attribute)) else None
    if info is None or parts is None or parts[0] in local or not callable(value) or \
            isinstance(value, type):
        return None
    found, held = info.lookup_path(parts)
    return build.clone(written) if found and held is value else None


def plain(fdef: gast.FunctionDef) -> bool:
    """Small, and writing into nothing, defining and importing nothing."""
    every = build.node_list(fdef)
    params = build.parameter_names(fdef.args)
    if sum(isinstance(n, gast.stmt) for n in every) - 1 > MAX_STATEMENTS:
        return False
    for node in every:
        if isinstance(node, gast.AugAssign) and not (  # (`total += v` on its own name)
                isinstance(node.target, gast.Name) and node.target.id not in params):
            return False
        if isinstance(node, (gast.Lambda, gast.Import, gast.ImportFrom,
                             gast.Global, gast.Nonlocal, gast.Delete, gast.NamedExpr)) or \
                isinstance(node, gast.FunctionDef) and node is not fdef:
            return False
        if isinstance(node, (gast.Subscript, gast.Attribute)) and \
                not isinstance(node.ctx, gast.Load):
            return False
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                node.func.attr in _CHANGING:
            return False
    return True


def identity_operands(fdef: gast.FunctionDef) -> set[str]:
    """The names the helper compares by ``is`` or ``is not`` (``axis is not None``): a number
    written there in a name's place makes Python warn ("is" with a literal), so a parameter
    given a number keeps its name where the body reads it that way."""
    return {operand.id for node in build.node_list(fdef) if isinstance(node, gast.Compare)
            and any(isinstance(op, (gast.Is, gast.IsNot)) for op in node.ops)
            for operand in (node.left, *node.comparators) if isinstance(operand, gast.Name)}


def assigned(fdef: gast.FunctionDef) -> set[str]:
    """The names the helper's body binds (its parameters too, where it rebinds them)."""
    return {n.id for n in build.node_list(fdef) if isinstance(n, gast.Name)
            and isinstance(n.ctx, (gast.Store, gast.Del))}


def free(fdef: gast.FunctionDef) -> set[str]:
    """The names the helper reads from its module (or the builtins)."""
    own = assigned(fdef) | build.parameter_names(fdef.args)
    return {n.id for n in build.node_list(fdef) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Load)} - own


def module_reads(fdef: gast.FunctionDef | gast.Lambda) -> set[str]:
    """The names the helper reads from its module (or the builtins); a function it defines reads
    its own parameters, not the module's names (``def g(x)`` inside a factory)."""
    body = fdef.body if isinstance(fdef.body, list) else [gast.Expr(value=fdef.body)]
    own = build.outside_nested(body)
    local = build.parameter_names(fdef.args) | {
        n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)} | {
        n.name for n in own if isinstance(n, gast.FunctionDef)}
    reads = {n.id for n in own if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load)}
    for inner in own:
        if isinstance(inner, (gast.FunctionDef, gast.Lambda)) and inner is not fdef:
            reads |= module_reads(inner) | {n.id for d in inner.args.defaults + [
                k for k in inner.args.kw_defaults if k is not None]
                for n in build.nodes(d) if isinstance(n, gast.Name)}
    return reads - local


def function_path(info: Any, value: gast.expr, local: set[str]) -> bool:
    """``value`` a path such as ``np.sin`` to a function the module holds (not a local's
    attribute), which the inlined body may read where it reads the parameter, as a name
    (``act = np.sin`` kept, in a loop, would be a call of a local value: :mod:`.partial_locals`
    takes only an alias bound once before its reads)."""
    parts = dotted(value) if isinstance(value, gast.Attribute) else None
    if parts is None or parts[0] in local:
        return False
    found, held = info.lookup_path(parts)
    return found and callable(held) and not isinstance(held, type)


def renamed(stmt: gast.stmt, names: dict[str, gast.expr]) -> gast.stmt:
    """``stmt`` with the helper's parameters and variables as the caller sees them."""
    def rename(node: Any) -> Any:
        if isinstance(node, gast.Name) and node.id in names:
            new = names[node.id]
            if isinstance(new, gast.Name):  # (no `del` in an inlined helper: _plain)
                return gast.copy_location(build.name(new.id, isinstance(node.ctx, gast.Store)),
                                          node)
            return gast.copy_location(build.clone(new), node)
        return node
    for node in build.node_list(stmt):
        for field, value in gast.iter_fields(node):
            if isinstance(value, list):
                value[:] = [rename(v) for v in value]
            else:
                setattr(node, field, rename(value))
    return stmt


def record_inlined(info: Any, function: Any) -> None:
    """The helper's code and defaults decide the generated code: changing either derives
    again (as for a helper :mod:`inline_helpers` inlines)."""
    info.inlined.append(function)
    recorder = info.recorder
    if recorder is not None:
        for dep in scope.binding_dependencies(function, recorder.owner_for(function)):
            recorder.add(dep.replaced(binding=False))

"""Nested functions and lambdas, inlined where they are called.

A ``def`` or ``lambda`` inside the differentiated function is not emitted; each call to it is
replaced by its body, with its parameters bound to the call's arguments and its free names read
from the enclosing function at the call (Python's late binding).  Its own variables get fresh names,
so they never clash with the enclosing function's.  Returns inside a nested ``def`` are desugared
like any other function's.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     scale = 3.0
    ...     g = lambda t: t * scale
    ...     return g(x)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        scale = 3.0
        x_times_scale = x * scale
        return x_times_scale
"""

from __future__ import annotations

import copy
import types

import gast

from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk
from .desugar import desugar
from .function_bindings import definition
from .helper_bodies import identity_operands
from .lowering import Lowering
from .vectorized import is_vectorized, vectorized_def

# gast >= 0.6 on Python >= 3.12 has a type_params field; older ones do not.
_TYPE_PARAMS = {"type_params": []} if "type_params" in gast.FunctionDef._fields else {}



def as_function(node: gast.AST, name: str) -> gast.FunctionDef:
    """A lambda as the equivalent ``def``."""
    if isinstance(node, gast.FunctionDef):
        return node
    body = [gast.copy_location(gast.Return(value=node.body), node)]
    fdef = gast.FunctionDef(name=name, args=node.args, body=body, decorator_list=[],
                            returns=None, type_comment=None, **_TYPE_PARAMS)
    return gast.copy_location(fdef, node)


def _bind(norm: Lowering, fdef: gast.FunctionDef, call: gast.Call) -> dict[str, gast.expr]:
    args = fdef.args
    positional = [a.id for a in args.posonlyargs + args.args]
    defaults = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults,
                        strict=True))
    defaults.update({a.id: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                     if d is not None})
    if args.kwarg:
        raise norm.error(
            f"cannot differentiate a call to the local function {fdef.name!r}, which takes "
            f"`**{args.kwarg.id}` (the dict of the keywords a call passes)", call,
            hint=f"name the keywords it takes, `def {fdef.name}(..., *, scale=1.0, shift=0.0)`, "
            "and read them by name; or define it at module level, where `**kwargs` is followed")
    if len(call.args) > len(positional) and not args.vararg:
        raise norm.error(f"the call to {fdef.name!r} passes {len(call.args)} positional "
                         f"arguments; it takes {len(positional)} (Python raises TypeError when "
                         "it runs)", call, hint="call it with as many arguments as it has "
                         "parameters")
    bound = dict(zip(positional, call.args, strict=False))
    if args.vararg:  # (`*parts`: the tuple of the other positional arguments, as Python makes it)
        bound[args.vararg.id] = build.tuple_(list(call.args[len(positional):]))
    for keyword in call.keywords:
        if keyword.arg is not None:
            _check_keyword(norm, fdef, call, keyword.arg, bound)
        bound[keyword.arg] = keyword.value
    for parameter in positional + [a.id for a in args.kwonlyargs]:
        if parameter not in bound:
            if parameter not in defaults:
                raise norm.error(f"missing argument {parameter!r} for {fdef.name!r}", call,
                                 hint="pass every parameter without a default")
            bound[parameter] = defaults[parameter]
    return bound


def _check_keyword(norm: Lowering, fdef: gast.FunctionDef, call: gast.Call, name: str,
                   bound: dict) -> None:
    """Refuse a keyword the function does not take, or one given a value already: Python's
    ``TypeError`` where the call runs (never a derivative of a function that fails)."""
    args = fdef.args
    taken = [a.id for a in args.posonlyargs + args.args + args.kwonlyargs]  # (posonly: by name,
    if name in bound or name not in taken or name in [a.id for a in args.posonlyargs]:  # an error)
        what = "got multiple values for" if name in bound and name in taken else \
            "got an unexpected keyword"
        raise norm.error(f"the call to {fdef.name!r} {what} argument {name!r} (Python raises "
                         "TypeError when it runs)", call, hint="pass each parameter of "
                         f"{fdef.name!r} once, by its name")


def inline_call(norm: Lowering, name: str, call: gast.Call) -> gast.expr:
    """Emit the body of local function ``name`` for this call; returns the result's atom."""
    if name in norm.inlining:
        raise UnsupportedConstructError(
            f"cannot differentiate the recursive local function {name!r}",
            norm.info.location(call), hint="rewrite the recursion as a loop")
    found = definition(norm, name, call)
    fdef = vectorized_def(norm, found, call) if is_vectorized(found) else \
        copy.deepcopy(as_function(found, name))
    if fdef.args.kwarg is not None:
        _collect_keywords(norm, fdef, call)
    desugar(norm.info, fdef)
    return inline_definition(norm, name, fdef, call)


def _collect_keywords(norm: Lowering, fdef: gast.FunctionDef, call: gast.Call) -> None:
    """``def h(a, **kw)`` called ``h(x, s=2.0)``: ``kw`` the dict of the call's other keywords,
    a variable per key, as for a module's helper (:mod:`.keyword_collect`, then
    :mod:`.dict_locals` on ``fdef`` alone); a call passing ``**d`` to it is refused."""
    from .dict_locals import replace_dict_locals
    from .keyword_collect import collect_keywords

    code = next((c for c in norm.info.fn.__code__.co_consts if isinstance(c, types.CodeType)
                 and c.co_name == fdef.name), None)  # (its own locals: a key may rename one)
    holder = copy.copy(norm.info)
    holder.node, holder.fn = fdef, types.SimpleNamespace(__code__=code or _NO_CODE)
    collected = collect_keywords(holder, call)  # (reads only the locals of holder.fn's code)
    holder.fn = norm.info.fn
    if not collected:
        raise norm.error(
            f"cannot differentiate this call to the local function {fdef.name!r}, which takes "
            f"`**{fdef.args.kwarg.id}`: it passes `**...` (keys known only when it runs), or "
            "a keyword named as one of the function's names that cannot be renamed (a "
            "positional-only parameter, a global it reads)", call,
            hint=f"pass the keywords one by one, `{fdef.name}(x, scale=2.0)`, or name them as "
            f"parameters, `def {fdef.name}(..., *, scale=1.0, shift=0.0)`")
    replace_dict_locals(holder, built=True)


_NO_CODE = compile("", "<none>", "exec")  # (no locals known: a clashing key is refused)


def inline_definition(norm: Lowering, name: str, fdef: gast.FunctionDef,
                      call: gast.Call) -> gast.expr:
    """Emit ``fdef``'s (desugared) body for this call; returns the result's atom."""
    bound = _literals_in_place(norm, fdef, _bind(norm, fdef, call))
    values = {p: norm.atom(v) for p, v in bound.items()}
    saved = (dict(norm.current), norm.locals, norm.returned, norm.origin, norm.root,
             dict(norm.local_functions))  # (its own defs and lambdas are its own)
    norm.inlining.append(name)
    norm.root = fdef
    try:
        norm.locals = norm.locals | set(values) | _assigned(fdef)
        for parameter, atom in values.items():
            if isinstance(atom, gast.Name):
                norm.current[parameter] = atom.id
            else:
                norm.emit_assign(norm.namer.fresh(parameter), atom, parameter)
        return _run_body(norm, fdef)
    finally:
        norm.inlining.pop()
        norm.current, norm.locals, norm.returned, norm.origin, norm.root, \
            norm.local_functions = saved


def _literals_in_place(norm: Lowering, fdef: gast.FunctionDef,
                       bound: dict[str, gast.expr]) -> dict[str, gast.expr]:
    """Write a parameter bound to a number (``rate=0.5``, ``-0.2``) or to a function
    (``rk4_step(rhs, y, h)``, ``apply(np.tanh, x)``: a module's function, or a local ``def`` of
    the caller) into the body where it is read, when the body never rebinds it and has no
    function of its own that could shadow it; returns the other bindings.  (A copy ``rate = 0.5``
    inside a loop would go on the tape; ``f(y)`` on a parameter ``f`` would be a call to a local
    value, which has no derivative.)"""
    if any(isinstance(n, (gast.FunctionDef, gast.Lambda)) and n is not fdef
           for n in walk(fdef)):
        return bound
    assigned = _assigned(fdef)
    own = assigned | {a.id for a in fdef.args.posonlyargs + fdef.args.args + fdef.args.kwonlyargs}
    identity = identity_operands(fdef)  # (`1 is not None`: Python warns of a literal there)
    literal = {p: v for p, v in bound.items() if p not in assigned and (
        _is_number(v) and p not in identity or _is_function(norm, v, own - {p}))}
    if not literal:
        return bound
    for node in walk(gast.Module(body=fdef.body, type_ignores=[])):
        for field, value in gast.iter_fields(node):
            if isinstance(value, list):
                value[:] = [_literal(v, literal) for v in value]
            else:
                setattr(node, field, _literal(value, literal))
    return {p: v for p, v in bound.items() if p not in literal}


def _literal(node: object, literal: dict[str, gast.expr]) -> object:
    if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load) and node.id in literal:
        return gast.copy_location(copy.deepcopy(literal[node.id]), node)
    return node


def _is_function(norm: Lowering, node: gast.expr, own: set[str]) -> bool:
    """``node`` names a function the caller sees (a module's, or a local ``def`` not rebound),
    by a name the inlined body does not use for anything of its own."""
    parts = dotted(node)
    if parts is None or parts[0] in own:
        return False
    if isinstance(node, gast.Name) and node.id in norm.local_functions:
        return node.id not in norm.current
    if norm.is_local_root(node):
        return False
    found, value = norm.info.lookup_path(parts)
    return found and callable(value) and not isinstance(value, type)


def _is_number(node: gast.expr) -> bool:
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, (gast.USub, gast.UAdd)):
        node = node.operand
    return isinstance(node, gast.Constant) and type(node.value) in (int, float)


def _run_body(norm: Lowering, fdef: gast.FunctionDef) -> gast.expr:
    for stmt in fdef.body:
        norm.origin = stmt.lineno
        if isinstance(stmt, gast.Return):
            return norm.atom(stmt.value) if stmt.value is not None else gast.Constant(
                value=None, kind=None)
        norm.statement(stmt)
    return gast.Constant(value=None, kind=None)


def _assigned(fdef: gast.FunctionDef) -> set[str]:
    return {n.id for n in build.node_list(fdef) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Store)}

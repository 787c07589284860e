"""Closure factories: a local function that returns a local function it defines, called inside the
differentiated function (``h = make(2.0)``, then ``h(x)``).

``h = make(args)`` becomes two things.  The factory's body runs once, inlined as any local call,
returning the values of its own variables the returned function reads (its closure cells, as they
are when the factory returns), which are unpacked into variables of the caller (one per name and
cell, whichever call binds it); and ``h`` is bound, as a local function, to the returned function
with those reads renamed to these variables, so each later call of ``h`` is inlined
(:mod:`inline`) reading the values this factory call made.  Recognised: a factory whose last
statement is ``return g`` (``g`` bound once in its body, by a ``def`` or to a lambda) or
``return lambda ...``, with no other ``return``, once its ``if`` statements on the call's literal
arguments are decided (:mod:`.chosen_factories`); a returned function reading another local
function of the factory is refused.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     def make(a):
    ...         scale = a * 2.0
    ...         return lambda t: scale * t
    ...     h = make(3.0)
    ...     return h(x)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        scale_1 = 3.0 * 2.0
        _t1 = (scale_1,)
        h_scale = scale_1
        _t3 = h_scale * x
        return _t3
"""

from __future__ import annotations

import copy

import gast

from ..syntax import build
from ..syntax.resolve import dotted
from .lowering import Lowering


def factory_call(norm: Lowering, stmt: gast.stmt) -> bool:
    """Lower ``h = factory(...)`` as above and return True; False for any other statement."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call)):
        return False
    parts = dotted(stmt.value.func)  # (`make(a)`, or another module's `model.make(a)`)
    if parts is None or parts[0] in norm.current:
        return False
    factory = len(parts) == 1 and norm.local_functions.get(parts[0]) or \
        _module_factory(norm, stmt.value, parts)
    if isinstance(factory, gast.FunctionDef):  # (its `if kind == "tanh":` decided by the call)
        from .chosen_factories import as_called  # (a function with local functions: its own)

        factory = as_called(factory, stmt.value)
    returned = _returned(factory) if isinstance(factory, gast.FunctionDef) else None
    if returned is None:
        return False
    from .inline import as_function  # (loaded when a function has local functions)

    name = stmt.targets[0].id
    inner = copy.deepcopy(as_function(returned, name))
    cells = sorted(_reads(inner) & _own_names(factory))
    others = [c for c in cells if _defines_function(factory, c)]
    if others:
        raise norm.error(
            f"the function {stmt.value.func.id!r} returns reads its local function "
            f"{others[0]!r}", stmt.value,
            hint="define that function outside the factory, or pass it as an argument")
    fresh = [_cell_name(norm, name, cell) for cell in cells]
    runner = copy.deepcopy(factory)
    runner.name = norm.namer.fresh(f"{factory.name}_cells")
    cells_out = build.tuple_([build.name(c) for c in cells])
    runner.body[-1] = gast.copy_location(gast.Return(value=cells_out), runner.body[-1])
    norm.local_functions[runner.name] = runner
    call = gast.copy_location(gast.Call(func=build.name(runner.name), args=stmt.value.args,
                                        keywords=stmt.value.keywords), stmt.value)
    unpacked = build.tuple_([build.name(f, store=True) for f in fresh], store=True)
    norm.statement(gast.copy_location(build.assign(unpacked, call), stmt))
    del norm.local_functions[runner.name]
    _rename(inner, dict(zip(cells, fresh, strict=True)))
    norm.local_functions[name] = inner
    return True


def _module_factory(norm: Lowering, call: gast.Call, parts: list) -> gast.FunctionDef | None:
    """The definition of a factory of a module called by name or path (``act = make_act(2.0)``,
    ``act = layers.make_act(2.0)``), when it is one a helper would be inlined as
    (:func:`.inline_helpers.helper_definition`: closing over nothing, small, writing into
    nothing; another file's reading its module's names alike or through its module) and of the
    recognised shape; ``None`` otherwise (the call stays a call)."""
    found, function = norm.info.lookup_path(parts)
    code = getattr(function, "__code__", None)
    if not found or code is None or not any(
            isinstance(c, type(code)) for c in code.co_consts):  # (it defines no function)
        return None
    from ..syntax.parse import parse_function
    from .chosen_factories import as_called
    from .inline_helpers import helper_definition

    try:  # (first: helper_definition counts what it takes against the inlining budget)
        if _returned(as_called(parse_function(function).node, call)) is None:
            return None
    except Exception:  # (no source, say: its call is refused as any other's, in its words)
        return None
    fdef = helper_definition(norm, function, call, factory=True)
    return fdef if fdef is not None and _returned(as_called(fdef, call)) is not None else None


def _cell_name(norm: Lowering, name: str, cell: str) -> str:
    """The caller's variable for ``cell`` of the function bound to ``name``: one per pair, so
    both branches of an ``if`` binding ``h = make(...)`` bind the same variables and the same
    function (:func:`~.function_bindings.merge_branches` keeps it)."""
    key = (name, cell)
    if key not in norm.closure_cells:
        norm.closure_cells[key] = norm.namer.fresh(f"{name}_{cell}")
    return norm.closure_cells[key]


def _returned(factory: gast.FunctionDef) -> gast.AST | None:
    """The function ``factory`` returns (a lambda, or the definition of the name it returns), or
    None when it is not a closure factory of the recognised shape."""
    body = factory.body
    last = body[-1] if body else None
    if not isinstance(last, gast.Return) or last.value is None or sum(
            isinstance(n, gast.Return) for n in _own_nodes(body)) != 1:
        return None
    if isinstance(last.value, gast.Lambda):
        return last.value
    if not isinstance(last.value, gast.Name):
        return None
    name = last.value.id
    found = [s for s in body if isinstance(s, gast.FunctionDef) and s.name == name or
             isinstance(s, gast.Assign) and isinstance(s.value, gast.Lambda) and
             [getattr(t, "id", None) for t in s.targets] == [name]]
    stores = [n for n in _own_nodes(body) if isinstance(n, gast.Name) and n.id == name and
              not isinstance(n.ctx, gast.Load)]
    if len(found) != 1 or len(stores) > (0 if isinstance(found[0], gast.FunctionDef) else 1):
        return None
    return found[0].value if isinstance(found[0], gast.Assign) else found[0]


def _own_nodes(body: list[gast.stmt]) -> list[gast.AST]:
    """The nodes of ``body``, not inside the functions and lambdas it defines."""
    out, stack = [], list(body)
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, (gast.FunctionDef, gast.Lambda)):
            stack.extend(build.children(node))
    return out


def _own_names(factory: gast.FunctionDef) -> set[str]:
    """The factory's parameters and the names its body binds (its local variables)."""
    names = build.parameter_names(factory.args)
    for node in _own_nodes(factory.body):
        if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load):
            names.add(node.id)
        elif isinstance(node, gast.FunctionDef):
            names.add(node.name)
    return names


def _reads(inner: gast.FunctionDef) -> set[str]:
    """The names ``inner`` reads and does not bind itself (its free names, nested ones too)."""
    own = build.parameter_names(inner.args) | {
        n.id for n in build.nodes(inner) if isinstance(n, gast.Name) and
        not isinstance(n.ctx, gast.Load)}
    return {n.id for n in build.nodes(inner) if isinstance(n, gast.Name) and
            isinstance(n.ctx, gast.Load)} - own


def _defines_function(factory: gast.FunctionDef, name: str) -> bool:
    return any(isinstance(n, gast.FunctionDef) and n.name == name or
               isinstance(n, gast.Assign) and isinstance(n.value, gast.Lambda) and
               [getattr(t, "id", None) for t in n.targets] == [name]
               for n in _own_nodes(factory.body))


def _rename(inner: gast.FunctionDef, names: dict[str, str]) -> None:
    for node in build.nodes(inner):
        if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load) and node.id in names:
            node.id = names[node.id]


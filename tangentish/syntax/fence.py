"""Reject what cannot be differentiated, before any other work is done.

Guarantee to the next stage: the function body contains only constructs listed as supported here
(a generator expression that a builtin consumes at once has become a list comprehension first:
``syntax/generators.py``);
anything else has raised :class:`UnsupportedConstructError` naming the construct, the file, the line,
the source text with a caret, and a hint.

    >>> def f(x):                       # doctest: +SKIP
    ...     try: return x
    ...     except: return 0
    UnsupportedConstructError: cannot differentiate a `try` statement ...
"""

from __future__ import annotations

import builtins
import types

import gast

from ..errors import UnsupportedConstructError
from . import build
from .parse import SourceInfo
from .printer import expression_text

# Statement and expression types that get a dedicated error, with what to do instead.
_REJECTED: dict[type, tuple[str, str]] = {
    gast.Try: ("a `try` statement", "move error handling outside the differentiated function "
               "(around the call of the derivative), or choose the branch by a test that does "
               "not raise (for a Cholesky that may fail: `if np.all(np.linalg.eigvalsh(A) > 0):`)"),
    gast.With: ("a `with` statement", "move the context manager outside the function (`with "
                "np.errstate(...)` whose settings are ignore, warn, print or log, `with "
                "np.printoptions(...)` and `with warnings.catch_warnings()` are differentiated)"),
    gast.AsyncWith: ("an `async with` statement", "differentiate a synchronous function"),
    gast.AsyncFor: ("an `async for` loop", "differentiate a synchronous function"),
    gast.AsyncFunctionDef: ("an `async def`", "differentiate a synchronous function"),
    gast.ClassDef: ("a class definition", "define the class at module level"),
    gast.Global: ("a `global` statement", "return the value instead of writing a global"),
    gast.Nonlocal: ("a `nonlocal` statement", "return the value instead of rebinding it (a "
                    "nested `def` rebinding names the caller assigns before it is differentiated "
                    "where each call is a statement of its own: `add(v)` or `y = add(v)`)"),
    gast.Import: ("an `import` inside a branch, loop or nested function",
                  "import at the top of the function's body, or at module level"),
    gast.ImportFrom: ("an `import` inside a branch, loop or nested function",
                      "import at the top of the function's body, or at module level"),
    gast.Yield: ("a generator (`yield`)", "build and return a list or an array instead"),
    gast.YieldFrom: ("a generator (`yield from`)", "build and return a list or an array"),
    gast.Await: ("`await`", "differentiate a synchronous function"),
    gast.NamedExpr: ("an assignment expression (`:=`)", "assign in a statement of its own"),
    gast.Starred: ("star unpacking (`*args`)", "pass the arguments one by one (a shape as one "
                   "tuple: `rng.standard_normal(x.shape)`, `np.zeros(x.shape)`)"),
    gast.Dict: ("a dict display", "a dict may be bound to a local name with constant keys "
                "(`d = {'a': ...}`, then `d['a']`; passes/dict_locals.py) or returned "
                "(`return {'a': ..., 'b': ...}`), not passed on or stored: pass its values, or "
                "a tuple"),
    gast.DictComp: ("a dict comprehension", "use separate variables or a tuple"),
    gast.Set: ("a set display of values other than constants", "use a tuple or a list"),
    gast.SetComp: ("a set comprehension", "use a list comprehension"),
    gast.GeneratorExp: ("a generator expression", "use a list comprehension"),
    gast.Match: ("a `match` statement", "use `if`/`elif`"),
}

# Builtins that read or run code by name at run time: what they touch cannot be seen, so a derivative
# through them would silently be zero.
_DYNAMIC = {
    "eval": "runs code that tangentish cannot see",
    "exec": "runs code that tangentish cannot see",
    "locals": "reads variables by name at run time",
    "vars": "reads variables by name at run time",
    "globals": "reads variables by name at run time",
}


def _dynamic_call(info: SourceInfo, node: gast.AST, local: set[str]) -> str | None:
    """What is wrong with a call to ``eval``/``exec``/``locals``/``vars``/``globals``, or None."""
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Name)):
        return None
    name = node.func.id
    if name not in _DYNAMIC or name in local:
        return None
    found, value = info.lookup(name)
    return _DYNAMIC[name] if found and value is getattr(builtins, name) else None


def _check_signature(info: SourceInfo, inlined: bool) -> None:
    args = info.node.args
    for extra, what in ((args.vararg, "*args"), (args.kwarg, "**kwargs")):
        if extra is not None and not (inlined and what == "*args"):
            raise UnsupportedConstructError(
                f"cannot differentiate a function with `{what}` in its signature",
                info.location(extra),
                hint="list the parameters explicitly (a scipy.optimize objective `fun(x, "
                "*args)`: take the extra arguments as one tuple, `fun(x, args)`; a helper it "
                "calls may keep its `*args`)" if what == "*args" else
                "list the parameters explicitly, or differentiate a function calling it "
                "with its keywords (`def loss(x, s): return f(x, s=s)`: a helper's "
                "`**kwargs` is followed where the helper is inlined into its caller, at most "
                "30 statements, reading the dict only by constant keys, `opts['scale']`, "
                "`opts.get('scale', 1.0)`, `'scale' in opts`, called without `**d`)",
            )


def fence(info: SourceInfo, inlined: bool = False) -> None:
    """Raise on the first unsupported construct in ``info.node`` (in source order); ``inlined``:
    a helper inlined where it is called, whose ``*args`` is the tuple of what the call passes."""
    _check_signature(info, inlined)
    nodes = []
    for stmt in info.node.body:
        nodes.extend(build.node_list(stmt))
    if any(node.__class__ is gast.With for node in nodes):  # (rare: walked again when opened)
        from .quiet_blocks import open_quiet_blocks

        local = {n.id for n in nodes if n.__class__ is gast.Name and n.ctx.__class__ is gast.Store}
        open_quiet_blocks(info, info.node.body, local)
        nodes = [node for stmt in info.node.body for node in build.node_list(stmt)]
    local: set[str] = set()
    generators = False  # (the walk below only when there is a generator expression)
    suspects = []  # the nodes _check may refuse (the others are skipped: see _suspect)
    name_kind, store, generator_kind = gast.Name, gast.Store, gast.GeneratorExp
    handing: list[gast.Call] = []  # calls handed a dict display (passes/displays.py)
    for node in nodes:
        kind = node.__class__
        if kind is name_kind:
            if node.ctx.__class__ is store:
                local.add(node.id)
        elif kind is gast.Call and any(a.__class__ is gast.Dict for a in node.args):
            handing.append(node)
            if _suspect(node, kind):
                suspects.append(node)
        elif kind in _CHECKED and _suspect(node, kind):
            suspects.append(node)
            if kind is generator_kind:
                generators = True
    local.update(a.id for a in build.nodes(info.node.args) if isinstance(a, gast.Name))
    handed = {id(d) for call in handing if _user_function(info, call.func, local)
              for a in call.args if _handed(a) for d in _dicts(a)}
    suspects = [node for node in suspects if id(node) not in handed]
    if (generators or any("map(" in t or "filter(" in t or _lists_an_iterator(t)
                          for t in info.lines)) and \
            _consume_generators(info, local):  # (`sum(v * v for v in x)`: a list
        nodes = [node for stmt in info.node.body for node in build.nodes(stmt)]  # comprehension)
        suspects = [node for node in nodes if node.__class__ in _CHECKED and id(node) not in handed]
    try:  # (the order matters only when something is refused: sorted then)
        for node in suspects:
            _check(info, node, local)
    except UnsupportedConstructError:
        nodes.sort(key=lambda n: (getattr(n, "lineno", 0) or 0, getattr(n, "col_offset", 0) or 0))
        for node in nodes:
            if id(node) not in handed:
                _check(info, node, local)
        raise
    info.body_nodes = (info.node, info.node.body, nodes)  # (for desugar: see SourceInfo)


def _handed(node: gast.expr) -> bool:
    """Whether ``node``, a call's positional argument, is a dict display with constant keys (a
    dict handed to a helper: passes/displays.py)."""
    return node.__class__ is gast.Dict and bool(node.keys) and all(
        isinstance(k, gast.Constant) and type(k.value) in (str, int) for k in node.keys)


def _user_function(info: SourceInfo, func: gast.expr, local: set[str]) -> bool:
    """Whether ``func`` names a Python function of the user's (not NumPy's, not a builtin)."""
    from .quiet_blocks import callee  # (a call handed a dict display: imported then)

    found, value = callee(info, func, local)
    return found and isinstance(value, types.FunctionType) and \
        (value.__module__ or "").partition(".")[0] not in ("numpy", "scipy", "tangentish")


def _dicts(node: gast.expr) -> list[gast.Dict]:
    """The dict displays in a handed one, itself included (through list and tuple displays)."""
    if node.__class__ is gast.Dict:
        return [node, *(d for v in node.values for d in _dicts(v) if _handed(d))]
    if node.__class__ in (gast.List, gast.Tuple):
        return [d for e in node.elts for d in _dicts(e) if _handed(d)]
    return []


# The kinds _check can refuse; of those, the ones that only some nodes of make it refuse
_CHECKED = frozenset({gast.Call, gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Delete,
                      gast.Raise, *_REJECTED})


def _suspect(node: gast.AST, kind: type) -> bool:
    """Whether :func:`_check` may refuse ``node`` (false only when it surely does not: a call of
    no name in ``_DYNAMIC``, an assignment to plain names)."""
    if kind is gast.Call:
        func = node.func
        return func.__class__ is gast.Name and func.id in _DYNAMIC
    if kind is gast.Assign or kind is gast.AugAssign:
        targets = node.targets if kind is gast.Assign else [node.target]
        return any(target.__class__ is not gast.Name or target.annotation is not None
                   for target in targets)
    return True


def _plain_raise(node: gast.Raise) -> bool:
    """Whether ``raise`` raises ``Error`` or ``Error(<arguments>)`` (a name or attribute, called
    with arguments written out: constants, values, f-strings) and nothing else: the primal keeps
    it, computing its arguments first (passes/normalize.py)."""
    exc = node.exc
    if node.cause is not None or exc is None:
        return False
    if isinstance(exc, gast.Call):
        if any(isinstance(a, gast.Starred) for a in exc.args) or \
                any(k.arg is None for k in exc.keywords):
            return False
        exc = exc.func
    while isinstance(exc, gast.Attribute):
        exc = exc.value
    return isinstance(exc, gast.Name)


def _check(info: SourceInfo, node: gast.AST, local: set[str]) -> None:
    """Raise if ``node`` is a construct :func:`fence` refuses."""
    dynamic = _dynamic_call(info, node, local)
    if dynamic:
        raise UnsupportedConstructError(
            f"cannot differentiate a call to `{node.func.id}`: it {dynamic}",
            info.location(node), hint="write the computation out in the function",
        )
    kind = type(node)
    if kind is gast.Starred and isinstance(node.ctx, gast.Store) and \
            isinstance(node.value, gast.Name):
        return  # (`a, *_ = v`: passes/normalize.py binds the others by index)
    nested = _returned_by(info.node, node) if kind is gast.Dict else None
    if nested is not None:  # (as passes/calls.py says of a module helper returning one)
        raise UnsupportedConstructError(
            f"cannot differentiate a dict returned by the nested function {nested}(), which "
            "only the differentiated function itself may return", info.location(node),
            hint=f"make {nested} return a tuple (`return a, b`), or the arrays one by one")
    if kind is gast.Set and all(e.__class__ is gast.Constant for e in node.elts):
        return  # (`mode in {"mean", "avg"}`: a constant, passes/lower.py)
    if kind in _REJECTED:
        what, hint = _REJECTED[kind]
        raise UnsupportedConstructError(
            f"cannot differentiate {what}", info.location(node), hint=hint
        )
    if kind is gast.Raise and not _plain_raise(node):
        raise UnsupportedConstructError(
            "cannot differentiate a `raise` other than `raise Error` or `raise Error(<arguments>)`",
            info.location(node), hint="raise an exception class, called with its arguments "
            "written out (`raise ValueError(f'bad {n}')`), without `from` (a bare `raise` and "
            "`*args` or `**kwargs` in the call are refused too)")
    if kind is gast.Delete and not all(isinstance(t, gast.Name) for t in node.targets) and \
            not all(is_item_delete(t) and _container(info, t.value.id) for t in node.targets):
        raise UnsupportedConstructError(  # (`del name` is dropped, `del xs[i]` is `xs.pop(i)`:
            "cannot differentiate a `del` of an element, slice or attribute other than an item "
            "of a list or dict the function builds",  # passes/desugar.py)
            info.location(node), hint="build a new value instead of deleting part of one (`xs "
            "= xs[:i] + xs[j:]`, `a = np.delete(a, i)`); `del xs[i]` of a list the function "
            "builds (`xs = [...]`, `list(...)`) is differentiated")
    if isinstance(node, gast.Assign | gast.AugAssign | gast.AnnAssign):
        _check_targets(info, node)


def is_item_delete(target: gast.expr) -> bool:
    """Whether ``target`` of a ``del`` is one item of a named value, ``xs[i]`` or ``d[k]`` (no
    slice in the index): passes/desugar.py writes ``del xs[i]`` as ``xs.pop(i)``, which
    removes the same item from a list or a dict."""
    parts = target.slice.elts if isinstance(target, gast.Subscript) and \
        isinstance(target.slice, gast.Tuple) else [getattr(target, "slice", None)]
    return isinstance(target, gast.Subscript) and isinstance(target.value, gast.Name) and \
        not any(isinstance(p, gast.Slice) for p in parts)


def _container(info: SourceInfo, name: str) -> bool:
    """Whether the function binds ``name`` only to list or dict displays, comprehensions or calls
    of ``list``/``dict`` (each time it binds it, not a parameter: ``del name[i]`` is then
    ``name.pop(i)``)."""
    values = [n.value for n in build.nodes(info.node) if isinstance(n, gast.Assign) and
              any(isinstance(t, gast.Name) and t.id == name for t in n.targets)]
    return bool(values) and name not in build.parameter_names(info.node.args) and all(
        isinstance(v, (gast.List, gast.Dict, gast.ListComp, gast.DictComp)) or (
            isinstance(v, gast.Call) and isinstance(v.func, gast.Name) and
            v.func.id in ("list", "dict")) for v in values)


def _returned_by(top: gast.FunctionDef, display: gast.Dict) -> str | None:
    """The name of the function nested in ``top`` that returns ``display`` itself, or None."""
    for inner in build.nodes(top):
        if isinstance(inner, gast.FunctionDef) and inner is not top and any(
                isinstance(n, gast.Return) and n.value is display for n in build.nodes(inner)):
            return inner.name
    return None


_STATE_HINT = ("assign to a local variable instead of changing an object; state kept across "
               "calls (a call counter, a cache) belongs in a wrapper that calls the derivative, "
               "or return the new value (`has_aux=True`)")
_SHAPE_HINT = "bind a reshaped array instead: `{0} = {0}.reshape(...)` (`{1}` reshapes {0} in place)"


def _check_targets(info: SourceInfo, node: gast.AST) -> None:
    targets = node.targets if isinstance(node, gast.Assign) else [node.target]
    for target in targets:
        for part in build.nodes(target):
            flat = part.value if isinstance(part, gast.Subscript) else part
            if (isinstance(part, gast.Subscript | gast.Attribute) and isinstance(part.ctx, gast.Store)
                    and isinstance(flat, gast.Attribute) and flat.attr == "flat"):
                raise UnsupportedConstructError(
                    f"cannot differentiate a write through `.flat` (`{expression_text(part)}`)",
                    info.location(part), hint="write the elements by their index in the array: "
                    "`y[np.unravel_index(i, np.shape(y))] = v` (or build the new array with "
                    "np.where or np.concatenate); reading `x.flat[i]` is differentiated")
            if isinstance(part, gast.Attribute) and isinstance(part.ctx, gast.Store):
                raise UnsupportedConstructError(
                    f"cannot differentiate an assignment to an attribute (`{expression_text(part)}"
                    "`): it changes an object's state, which a derivative does not do",
                    info.location(part), hint=_STATE_HINT if part.attr != "shape" else
                    _SHAPE_HINT.format(expression_text(part.value), expression_text(part)))
            if (isinstance(part, gast.Subscript) and isinstance(part.ctx, gast.Store)
                    and not isinstance(part.value, gast.Name)):
                raise UnsupportedConstructError(
                    f"cannot differentiate an assignment into a nested element (`"
                    f"{expression_text(part)}`: an item of an item, changed where another name "
                    "or container may hold it)", info.location(part),
                    hint="assign through one subscript of a variable: an array, `grid = "
                    "np.zeros((m, n))`, then `grid[i, j] = v`; or a row of a list of lists taken, "
                    "changed and put back: `row = list(grid[i]); row[j] = v; grid[i] = row`")
    if isinstance(node, gast.AnnAssign) and node.value is None:
        raise UnsupportedConstructError(
            "cannot differentiate a bare annotation without a value",
            info.location(node),
            hint="remove the annotation or give it a value",
        )


def _lists_an_iterator(line: str) -> bool:
    """Whether ``line`` may hand ``zip``/``enumerate``/``reversed`` to ``list``/``tuple`` (or
    bind one to a name, which syntax/iterators.py lists)."""
    return ("list(" in line or "tuple(" in line or "=" in line) and \
        ("zip(" in line or "enumerate(" in line or "reversed(" in line)


def _consume_generators(info: SourceInfo, local: set[str]) -> bool:
    from .generators import consume_generators  # (a generator expression: imported then)

    return consume_generators(info, local)

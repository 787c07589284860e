"""Keys of container parameters computed from constants, for :mod:`.unroll`: ``'W' + str(1)``,
``f"b{2}"``, ``"layer%d" % 3``, ``"W{}".format(1)`` are the strings they make, so once a loop over
``range`` is unrolled (the index a constant in each copy) ``params['W' + str(l)]`` names one
entry.  And a name the function binds once, at its top level, to such a constant
(``L = len(params) // 2``, after ``len`` of a structured part became its length) is that constant
where it is read afterwards, so ``range(1, L)`` has constant bounds.

    >>> import gast
    >>> key = lambda text: computed_key(gast.parse(text).body[0].value, builtin_str=True)
    >>> key("'W' + str(1)"), key("f'b{2}'"), key("'layer%d' % 3"), key("'W{}'.format(4)")
    ('W1', 'b2', 'layer3', 'W4')
    >>> key("'W' + str(i)") is NONE, key("f'{1.5}'") is NONE
    (True, True)

And the keys a loop runs over where they are known when the derivative is built: ``range`` with
constant bounds, or a tuple or list display of int or string constants (``for name in ("enc",
"dec"): params[name]["W"]``), or a name of the module or a cell holding such a tuple or list
(:func:`free_keys`: ``for k in KEYS``, its items kept):

    >>> keys = lambda text: loop_keys(gast.parse(text).body[0].value)
    >>> keys("range(1, 4)"), keys("('enc', 'dec')"), keys("['a', b]"), keys("range(n)")
    ([1, 2, 3], ['enc', 'dec'], None, None)
"""

from __future__ import annotations

import builtins
from typing import Any

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from .container_parts import NONE, constant_key

_ATOMS = (str, int)
_DEFINITIONS = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)


def computed_key(node: gast.expr, builtin_str: bool) -> Any:
    """The str or int a key expression of constants computes, else ``NONE``.  ``str(...)`` counts
    only when ``builtin_str`` (the function's ``str`` is the builtin)."""
    value = constant_key(node)
    if value is not NONE or not isinstance(node, (gast.BinOp, gast.Call, gast.JoinedStr)):
        return value
    if isinstance(node, gast.JoinedStr):
        return _joined(node, builtin_str)
    if isinstance(node, gast.BinOp):
        left, right = (computed_key(n, builtin_str) for n in (node.left, node.right))
        if type(left) is str and type(right) is str and isinstance(node.op, gast.Add):
            return left + right
        if type(left) is str and type(right) in _ATOMS and isinstance(node.op, gast.Mod):
            return _formatted(lambda: left % right)
        return NONE
    return _called(node, builtin_str)


def _called(node: gast.Call, builtin_str: bool) -> Any:
    """``str(k)`` and ``'fmt'.format(k, ...)`` of constants (no keywords, no starred)."""
    if node.keywords or any(isinstance(a, gast.Starred) for a in node.args):
        return NONE
    args = [computed_key(a, builtin_str) for a in node.args]
    if any(type(a) not in _ATOMS for a in args):
        return NONE
    func = node.func
    if isinstance(func, gast.Name) and func.id == "str" and builtin_str and len(args) == 1:
        return str(args[0])
    if isinstance(func, gast.Attribute) and func.attr == "format" and \
            type(computed_key(func.value, builtin_str)) is str:
        text = computed_key(func.value, builtin_str)
        return _formatted(lambda: text.format(*args))
    return NONE


def _joined(node: gast.JoinedStr, builtin_str: bool) -> Any:
    """``f"W{1}"``: plain fields (no conversion, no format spec) of str or int constants."""
    out = []
    for part in node.values:
        if isinstance(part, gast.Constant) and type(part.value) is str:
            out.append(part.value)
            continue
        if not isinstance(part, gast.FormattedValue) or part.conversion not in (-1, None) or \
                part.format_spec is not None:
            return NONE
        value = computed_key(part.value, builtin_str)
        if type(value) not in _ATOMS:
            return NONE
        out.append(str(value))
    return "".join(out)


def _formatted(make: Any) -> Any:
    try:
        value = make()
    except (TypeError, ValueError, KeyError, IndexError):
        return NONE  # (Python raises it when the function runs: left to it)
    return value if type(value) is str else NONE


_COMPARED = {gast.Eq: lambda a, b: a == b, gast.NotEq: lambda a, b: a != b,
             gast.Lt: lambda a, b: a < b, gast.LtE: lambda a, b: a <= b,
             gast.Gt: lambda a, b: a > b, gast.GtE: lambda a, b: a >= b,
             gast.In: lambda a, b: a in b, gast.NotIn: lambda a, b: a not in b}
_TESTS = frozenset({"startswith", "endswith", "isdigit", "isalpha", "isalnum", "islower",
                    "isupper", "isidentifier"})  # (str methods: no side effect, a bool)


def static_truth(node: gast.expr, builtin_str: bool) -> Any:
    """Whether a comprehension's filter of constant keys holds (``k != 'b'``, ``k in ('W1',
    'W2')``, ``k.startswith('W')``, ``not``/``and``/``or`` of such): True or False, else
    ``NONE`` (anything else: a value, a call of the user's, a comparison Python refuses).

    >>> truth = lambda text: static_truth(gast.parse(text).body[0].value, builtin_str=True)
    >>> truth("'W1'.startswith('W')"), truth("'b' != 'b' or 2 in (1, 3)"), truth("v > 0") is NONE
    (True, False, True)"""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.Not):
        inner = static_truth(node.operand, builtin_str)
        return NONE if inner is NONE else not inner
    if isinstance(node, gast.BoolOp):
        values = [static_truth(v, builtin_str) for v in node.values]
        if NONE in values:
            return NONE
        return all(values) if isinstance(node.op, gast.And) else any(values)
    if isinstance(node, gast.Compare):
        return _compared(node, builtin_str)
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
            node.func.attr in _TESTS and not node.keywords:
        text = computed_key(node.func.value, builtin_str)
        args = [_operand(a, builtin_str) for a in node.args]
        if type(text) is not str or NONE in args:
            return NONE
        try:
            return bool(getattr(text, node.func.attr)(*args))
        except TypeError:
            return NONE  # (Python raises it when the function runs: left to it)
    return NONE


def _compared(node: gast.Compare, builtin_str: bool) -> Any:
    values = [_operand(n, builtin_str) for n in (node.left, *node.comparators)]
    if NONE in values or any(type(op) not in _COMPARED for op in node.ops):
        return NONE
    try:
        return all(_COMPARED[type(op)](a, b) for op, a, b in
                   zip(node.ops, values, values[1:], strict=False))
    except TypeError:
        return NONE  # (`'a' < 1`: Python raises it when the function runs)


def _operand(node: gast.expr, builtin_str: bool) -> Any:
    """A key computed from constants, or a tuple of them (``k in ('a', 'b')``)."""
    if isinstance(node, (gast.Tuple, gast.List)):
        items = tuple(computed_key(e, builtin_str) for e in node.elts)
        return NONE if NONE in items else items
    return computed_key(node, builtin_str)


def loop_keys(node: gast.expr, most: int = 1000) -> list | None:
    """The constants a ``for`` over ``node`` binds (see the module), at most ``most``; else None."""
    if isinstance(node, (gast.Tuple, gast.List)):
        keys = [constant_key(e) for e in node.elts]
        return keys if all(type(k) in (int, str) for k in keys) else None
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and
            node.func.id == "range" and not node.keywords and 1 <= len(node.args) <= 3):
        return None
    bounds = [constant_key(arg) for arg in node.args]
    if not all(type(b) is int for b in bounds) or len(range(*bounds)) > most:
        return None
    return list(range(*bounds))


def free_keys(info: SourceInfo, node: gast.expr, most: int = 1000) -> list | None:
    """The items of a tuple or list of str and int constants that ``node``, a name the function
    never binds, reads from its module or a closure cell (``KEYS = ["w", "b"]`` beside ``for k in
    KEYS``), at most ``most``, recorded as a value the derivative keeps (a copy: changing the list
    in place, or binding the name to another, builds again: stale.py); else None."""
    if not isinstance(node, gast.Name) or not isinstance(node.ctx, gast.Load) or \
            node.id in build.parameter_names(info.node.args) or any(
                isinstance(n, gast.Name) and n.id == node.id and not isinstance(n.ctx, gast.Load)
                or isinstance(n, _DEFINITIONS) and n.name == node.id
                for n in build.nodes(info.node)):
        return None
    found, value = info.lookup(node.id)
    if not found or type(value) not in (tuple, list) or len(value) > most or \
            not all(type(v) in _ATOMS for v in value):
        return None
    info.keep_value([node.id], type(value)(value))
    return list(value)


def str_is_builtin(info: SourceInfo) -> bool:
    """Whether ``str`` in the function is the builtin (no local, global or closure rebinds it)."""
    stored = any(isinstance(n, gast.Name) and n.id == "str" and not isinstance(n.ctx, gast.Load)
                 for n in build.nodes(info.node))
    return not stored and info.lookup("str")[1] is builtins.str


def bound_once(node: gast.FunctionDef) -> set[str]:
    """Names the function binds exactly once, by a top-level ``name = value`` statement (no other
    store, ``del``, parameter or nested binding of the name anywhere in it)."""
    stores: dict[str, int] = {}
    for each in build.nodes(node):
        named = [each.id] if isinstance(each, gast.Name) and not isinstance(each.ctx, gast.Load) \
            else [each.name] if isinstance(each, _DEFINITIONS) and each is not node \
            else [(a.asname or a.name).partition(".")[0] for a in each.names] \
            if isinstance(each, (gast.Import, gast.ImportFrom)) else []
        for name in named:
            stores[name] = stores.get(name, 0) + 1
    top = {s.targets[0].id for s in node.body if isinstance(s, gast.Assign) and
           len(s.targets) == 1 and isinstance(s.targets[0], gast.Name)}
    return {name for name in top if stores.get(name) == 1}


def item_keys(target: gast.expr, item: gast.expr, body: list[gast.stmt]) -> dict[str, gast.expr]:
    """The names of an unrolled loop's target that its item makes constant keys (``k`` of ``for
    k, v in params.items()``, whose copies bind ``k, v = ('w', params['w'])``), where the body
    binds none of them again: in that copy of the body, each read of one is its constant."""
    if not (isinstance(target, (gast.Tuple, gast.List)) and isinstance(item, gast.Tuple)
            and len(target.elts) == len(item.elts)):
        return {}
    stored = {n.id for s in body for n in build.nodes(s)
              if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    stored |= {name for s in body for n in build.nodes(s)
               if isinstance(n, (gast.Global, gast.Nonlocal)) for name in n.names}
    found: dict[str, gast.expr] = {}
    for name, value in zip(target.elts, item.elts, strict=True):
        if isinstance(name, gast.Name) and type(constant_key(value)) in (int, str) and \
                name.id not in stored:
            found[name.id] = value
        elif not isinstance(name, gast.Name):
            found.update(item_keys(name, value, body))
    return found

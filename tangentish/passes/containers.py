"""Container parameters become leaf parameters: the function is rewritten over the leaves of the
dicts, lists, tuples, namedtuples and dataclasses it was called with (their structure, from
:mod:`tangentish.arguments.trees`, is part of the options, so each structure gets its own code).

Guarantee to the next stage: no parameter holds a container.  Each container parameter is replaced,
in place in the signature, by one parameter per leaf (constants included), named after its path
(``params['W1']`` → ``params_W1``, ``layers[1][0]`` → ``layers_1_0``, ``p.w`` → ``p_w``).  A read
with a constant key, index or field (``params['W1']``, ``ws[0]``, ``p.w``, nested) becomes the
leaf's name.  A list or tuple (or a namedtuple read as a tuple: indexed, unpacked, ``len``) that is
used otherwise (indexed by a variable, iterated, passed to a helper) is rebuilt from its leaves by a
display at the top of the body, which the list and tuple machinery differentiates.  Any other use of
a dict or a dataclass (a dynamic key, writing into it) raises :class:`UnsupportedConstructError` at
its line, but a dict passed whole as a call's positional argument, which becomes the display of
its leaves (``loss({'W1': params_W1, ...}, x)``: :mod:`.displays`).

Before this pass, :mod:`.unroll` has named the dict, namedtuple and dataclass parts statically:
locals bound to them (``q = params[0]``, ``first, second = params``) are replaced by their paths and
loops over them (``for layer in params['layers']``, ``enumerate``, ``zip``, ``.items()``) unrolled,
so they reach this pass as constant reads:

    >>> import numpy as np
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def loss(params, x):
    ...     h = np.tanh(x @ params["W"])
    ...     for w in params["ws"]:
    ...         h = h * w
    ...     return np.sum(h)
    >>> info = parse_function(loss)
    >>> tree = structure({"W": np.ones((2, 2)), "ws": [1.0, 2.0]})
    >>> flatten_parameters(info, ["params"], (("params", tree),))
    ['params_W', 'params_ws_0', 'params_ws_1']
    >>> print(function_text(info.node), end="")
    def loss(params_W, params_ws_0, params_ws_1, x):
        params_ws = [params_ws_0, params_ws_1]
        h = np.tanh(x @ params_W)
        for w in params_ws:
            h = h * w
        return np.sum(h)
    >>> from tangentish.passes.unroll import resolve_container_parts
    >>> def mlp(params, x):
    ...     for layer in params["layers"]:
    ...         x = np.tanh(layer["w"] @ x + layer["b"])
    ...     return np.sum(x)
    >>> info = parse_function(mlp)
    >>> tree = structure({"layers": [{"w": np.ones((2, 2)), "b": np.ones(2)}] * 2})
    >>> resolve_container_parts(info, (("params", tree),))
    >>> flatten_parameters(info, ["params"], (("params", tree),))
    ['params_layers_0_w', 'params_layers_0_b', 'params_layers_1_w', 'params_layers_1_b']
    >>> print(function_text(info.node), end="")
    def mlp(params_layers_0_w, params_layers_0_b, params_layers_1_w, params_layers_1_b, x):
        x = np.tanh(params_layers_0_w @ x + params_layers_0_b)
        x = np.tanh(params_layers_1_w @ x + params_layers_1_b)
        return np.sum(x)
"""

from __future__ import annotations

from typing import Any

import gast

from ..arguments import trees
from ..arguments.trees import DATACLASS, DICT, LEAF, LIST, NAMEDTUPLE, TUPLE, Tree, leaf_names
from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .container_reads import NO_KEY, constant_key
from .displays import display_of

_HINT = {
    DICT: "read its entries with keys known when the derivative is built: constants "
          "(params['W1'], params['enc']['b']), or keys made from the index of a `for` over "
          "`range` with constant bounds (params['W' + str(i)], params[f'b{i}']), over a tuple "
          "of constant keys (for k in ('enc', 'dec'): params[k]) or over params.items(); other "
          "dynamic keys and writing into it are not supported: pass the entries you need instead",
    DATACLASS: "read its fields by name (p.w); passing the whole object to a function other than "
               "a small helper of this module (which is inlined), methods and writing its fields "
               "are not supported: pass the fields you need instead",
    NAMEDTUPLE: "read its fields by name (p.w) or by constant index, or unpack it (w, b = p); "
                "passing the whole namedtuple to a function other than a small helper of this "
                "module (which is inlined) and its methods are not supported",
}


class _Plan:
    """One container parameter: its structure, every node's name, which nodes need a display."""

    __slots__ = ("root", "tree", "names", "static", "displayed", "lists")

    def __init__(self, root: str, tree: Tree, names: dict[tuple, str]):
        self.root, self.tree, self.names = root, tree, names
        self.static = True  # constant reads become leaf names (False: the parameter is rebound)
        self.displayed: dict[tuple, gast.AST] = {}  # path → its first use
        self.lists: set[tuple] = set()  # displayed lists: indexed where they run


def flatten_parameters(info: SourceInfo, wrt: list[str], structure: tuple) -> list[str]:
    """Rewrite ``info.node`` over the leaves of the container parameters in ``structure`` (pairs
    of parameter name and :class:`Tree`) and return ``wrt`` with each container replaced by its
    differentiated leaves."""
    node = info.node
    taken = {n.id for n in walk(node) if isinstance(n, gast.Name)}
    plans = {root: _Plan(root, tree, leaf_names(root, tree, taken)) for root, tree in structure}
    for plan in plans.values():  # (the user's text of each node's name, for messages: guards)
        info.entries.update(trees.spelled_names(plan.root, plan.tree, plan.names))
    _check_bindings(info, plans)
    _find_lists(info, plans)
    rewriter = _Rewriter(info, plans)
    node.body = [rewriter.visit(stmt) for stmt in node.body]
    displays: dict[str, gast.stmt] = {}
    for plan in plans.values():
        for path, use in plan.displayed.items():
            _display(info, plan, path, use, displays)
    node.body = _after_docstring(node.body, list(displays.values()))
    _replace_parameters(node.args, plans)
    return [leaf for name in wrt for leaf in (_differentiated(plans[name]) if name in plans
                                              else [name])]


def _differentiated(plan: _Plan) -> list[str]:
    return [plan.names[path] for path, tree in plan.tree.leaf_paths() if tree.kind == LEAF]


def _after_docstring(body: list, displays: list) -> list:
    first = body[0] if body else None
    if isinstance(first, gast.Expr) and isinstance(first.value, gast.Constant) and \
            isinstance(first.value.value, str):
        return [first, *displays, *body[1:]]
    return [*displays, *body]


def _find_lists(info: SourceInfo, plans: dict[str, _Plan]) -> None:
    """The lists that will be rebuilt by a display.  A constant index into one is not resolved
    to a leaf: the list may change (``ws.pop()``, ``ws.insert(0, v)``, through an alias) before
    the read, and its display, a real list, follows every change (a dry run of the rewrite; an
    index past the list's end is out of range only if it is not displayed: ``ws.append(v)``,
    then ``ws[2]``)."""
    dry = _Rewriter(info, plans)
    dry.dry = True
    for stmt in build.clone(info.node.body):
        dry.visit(stmt)
    for plan in plans.values():  # a displayed container's lists, its own items' included
        plan.lists = {path for path, tree in plan.tree.paths() if tree.kind == LIST and any(
            path[:len(shown)] == shown for shown in plan.displayed)}
        plan.displayed = {}


def _check_bindings(info: SourceInfo, plans: dict[str, _Plan]) -> None:
    """A container parameter that is assigned again is read through its display only (a list or
    tuple) or refused; one shadowed by a nested function's parameter is refused."""
    for node in walk(info.node):
        if isinstance(node, (gast.FunctionDef, gast.Lambda)) and node is not info.node:
            for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                if arg.id in plans:
                    raise UnsupportedConstructError(
                        f"a nested function's parameter shadows the container parameter "
                        f"{arg.id!r}", info.location(node), hint="rename the inner parameter")
        if isinstance(node, gast.Name) and node.id in plans and \
                isinstance(node.ctx, (gast.Store, gast.Del)):
            plan = plans[node.id]
            if plan.tree.kind in (DICT, DATACLASS, NAMEDTUPLE):
                raise UnsupportedConstructError(
                    f"the container parameter {node.id!r} is assigned again in the function",
                    info.location(node), hint="assign to a new name; the parameter itself is "
                    "differentiated leaf by leaf")
            plan.static = False


class _PastTheEnd(Exception):
    """A constant index past the end a list parameter has when the function is called."""


class _Rewriter(build.Transformer):
    """Constant reads into containers → leaf names; other uses → the display's name or an error."""

    def __init__(self, info: SourceInfo, plans: dict[str, _Plan]):
        self.info, self.plans = info, plans
        self.allowed: set[int] = set()  # bare namedtuple uses read as a tuple
        self.handed: set[int] = set()  # a call's positional arguments
        self.dry = False  # (the dry run of _find_lists)

    def resolve(self, node: gast.expr) -> tuple[_Plan, tuple, Tree] | None:
        """The container node a chain of constant reads from a parameter reaches, or None."""
        if isinstance(node, gast.Name):
            plan = self.plans.get(node.id)
            if plan is None or not isinstance(node.ctx, gast.Load):
                return None
            return plan, (), plan.tree
        if isinstance(node, gast.Subscript):
            inner = self.resolve(node.value)
            key = constant_key(node.slice)
            if inner is None or key is NO_KEY or not inner[0].static or \
                    inner[1] in inner[0].lists or not inner[2].is_container:
                return None  # (a leaf indexed, params['b'][0]: an array's item, read as such)
            return self._step(node, inner, key, subscript=True)
        if isinstance(node, gast.Attribute):
            inner = self.resolve(node.value)
            if inner is None or inner[2].kind not in (NAMEDTUPLE, DATACLASS) or \
                    not inner[0].static or inner[2].child(node.attr) is None:
                return None
            return self._step(node, inner, node.attr, subscript=False)
        return None

    def _step(self, node: gast.expr, inner: tuple, key: Any, subscript: bool) -> tuple | None:
        plan, path, tree = inner
        if tree.kind in (LIST, TUPLE, NAMEDTUPLE) and subscript:
            if not isinstance(key, int) or isinstance(key, bool):
                return None
            n = len(tree.keys)
            if not -n <= key < n:
                if self.dry and tree.kind == LIST:  # (a list the function grows may have it:
                    raise _PastTheEnd  # xs.insert(0, v), then xs[2]; the real run decides)
                raise UnsupportedConstructError(
                    f"index {key} is out of range for {_spell(plan, path)}, which has {n} items",
                    self.info.location(node), hint="index within the container's length")
            key %= n
        elif tree.kind == DATACLASS and subscript:
            return None
        sub = tree.child(key)
        if sub is None:
            known = ", ".join(repr(k) for k in tree.keys)
            raise UnsupportedConstructError(
                f"{_spell(plan, path)} has no {'key' if subscript else 'field'} {key!r} (it has "
                f"{known})", self.info.location(node), hint="read an entry it has")
        return plan, (*path, key), sub

    def _replace(self, node: gast.expr) -> gast.expr | None:
        try:
            found = self.resolve(node)
        except _PastTheEnd:
            return node  # (not a use of the whole list: it gets a display only for those)
        if found is None:
            return None
        plan, path, tree = found
        if tree.is_container:
            return self._container(node, plan, path, tree)
        return build.name(plan.names[path])

    def _container(self, node: gast.expr, plan: _Plan, path: tuple, tree: Tree) -> gast.expr:
        """A use of a whole container: a list or tuple gets a display; a namedtuple only where it
        is read as a tuple; a dict or a dataclass is refused."""
        if tree.kind == DICT and id(node) in self.handed:
            shown = display_of(plan.names, plan.lists, path, tree)
            if shown is not None:
                return shown
        if tree.kind in (DICT, DATACLASS) or (tree.kind == NAMEDTUPLE
                                              and id(node) not in self.allowed):
            what = "the dict" if tree.kind == DICT else f"the {tree.type.__name__}" \
                if tree.kind == DATACLASS else f"the namedtuple {tree.type.__name__}"
            raise UnsupportedConstructError(
                f"cannot differentiate this use of {what} {_spell(plan, path)}",
                self.info.location(node), hint=_HINT[tree.kind])
        plan.displayed.setdefault(path, node)
        return build.name(plan.names[path])

    def visit_Subscript(self, node: gast.Subscript) -> gast.expr:
        if not isinstance(node.ctx, gast.Load):
            found = self.resolve(_as_load(node.value))
            if found is not None and found[0].static:
                key = constant_key(node.slice)
                into = _spell(found[0], found[1]) + ("[...]" if key is NO_KEY else f"[{key!r}]")
                raise UnsupportedConstructError(
                    f"cannot write into the container parameter {into}",
                    self.info.location(node), hint="build a new value under a new name; the "
                    "parameter itself is differentiated leaf by leaf")
            return self.generic_visit(node)
        self.allowed.add(id(node.value))
        return self._replace(node) or self.generic_visit(node)

    def visit_Attribute(self, node: gast.Attribute) -> gast.expr:
        return self._replace(node) or self.generic_visit(node)

    def visit_Name(self, node: gast.Name) -> gast.expr:
        return self._replace(node) or node

    def visit_Assign(self, node: gast.Assign) -> gast.stmt:
        if all(isinstance(t, (gast.Tuple, gast.List)) for t in node.targets):
            self.allowed.add(id(node.value))
        return self.generic_visit(node)

    def visit_Call(self, node: gast.Call) -> gast.expr:
        if isinstance(node.func, gast.Name) and node.func.id == "len" and len(node.args) == 1:
            self.allowed.add(id(node.args[0]))
        self.handed.update(id(a) for a in node.args)  # (a dict passed whole: its display)
        return self.generic_visit(node)


def _as_load(node: gast.expr) -> gast.expr:
    return build.with_context(build.clone(node), gast.Load)


def _spell(plan: _Plan, path: tuple) -> str:
    text = plan.root
    for key in path:
        text += f".{key}" if isinstance(key, str) and plan.tree.kind in (NAMEDTUPLE, DATACLASS) \
            and text == plan.root else f"[{key!r}]"
    return text


def _display(info: SourceInfo, plan: _Plan, path: tuple, use: gast.AST,
             out: dict[str, gast.stmt]) -> None:
    """``name = [...]`` (or a tuple) rebuilding the node at ``path`` from its leaves, after the
    displays of the lists and tuples in it (``layers_0 = (layers_0_0, layers_0_1)``)."""
    tree = dict(plan.tree.paths())[path]
    items = []
    for key, sub in zip(tree.keys, tree.children, strict=True):
        if sub.is_container and sub.kind not in (LIST, TUPLE):
            kind = "a dict" if sub.kind == DICT else f"a {sub.kind} {sub.type.__name__}"
            raise UnsupportedConstructError(
                f"{_spell(plan, path)} is used as a whole, but it holds {kind}, which cannot be "
                "rebuilt in differentiated code", info.location(use),
                hint=f"read its items with constant indexes ({_spell(plan, (*path, 0))}...) "
                "instead of a loop or a variable index")
        if sub.is_container:
            _display(info, plan, (*path, key), use, out)
        items.append(build.name(plan.names[(*path, key)]))
    value = build.list_(items) if tree.kind == LIST else build.tuple_(items)
    name = plan.names[path]
    if name not in out:
        out[name] = gast.copy_location(build.assign(name, value), info.node)


def _replace_parameters(args: gast.arguments, plans: dict[str, _Plan]) -> None:
    """Each container parameter → its leaves, in place; defaults kept where they still apply."""
    positional = [*args.posonlyargs, *args.args]
    for field_name in ("posonlyargs", "args"):
        params = getattr(args, field_name)
        setattr(args, field_name, [leaf for p in params for leaf in _leaves_of(p, plans)])
    keyword, defaults = [], []
    for param, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        new = _leaves_of(param, plans)
        keyword.extend(new)
        defaults.extend([default] if param.id not in plans else [None] * len(new))
    args.kwonlyargs, args.kw_defaults = keyword, defaults
    after = 0  # positional parameters after the last container: their defaults still apply
    for param in reversed(positional):
        if param.id in plans:
            break
        after += 1
    args.defaults = args.defaults[len(args.defaults) - min(after, len(args.defaults)):]


def _leaves_of(param: gast.Name, plans: dict[str, _Plan]) -> list[gast.Name]:
    plan = plans.get(param.id)
    if plan is None:
        return [param]
    return [build.param(plan.names[path]) for path, _ in plan.tree.leaf_paths()]

"""Which ``def`` or ``lambda`` a local function's name holds where it is called, when control flow
binds it.

A call to a local function is inlined with the definition bound last in the order the lowering
reads statements (:mod:`inline`).  That is the definition Python calls only where one path leads
to the call: after an ``if`` whose branches bind the name to different definitions, after a loop
that binds it (run how many times?), and in a loop body before the body binds it (the previous
iteration's definition), the name *varies*: :data:`VARIES` stands for its definition there, and a
call to it is refused naming the name (:func:`definition`), never inlined with one of the
candidates.  A branch or a body that binds the name and calls it after that is unaffected.

    >>> import gast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x, c):
    ...     if c:
    ...         g = lambda t: t * t
    ...     else:
    ...         g = lambda t: t
    ...     return g(x)
    >>> info = parse_function(f)
    >>> sorted(bound_in(info.node.body[0].body))
    ['g']
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.errors import UnsupportedConstructError
    >>> desugar(info)
    >>> try:
    ...     normalize(info)
    ... except UnsupportedConstructError as error:
    ...     print(str(error).splitlines()[0])
    the local function 'g' varies: the paths to this call bind it to different functions
"""

from __future__ import annotations

import gast

from .lowering import Lowering


class _Varies:
    """The definition of a local function bound differently on the paths to a point."""

    def __repr__(self) -> str:
        return "VARIES"


VARIES = _Varies()


def bound_in(stmts: list[gast.stmt]) -> set[str]:
    """The local function names ``stmts`` bind (``def g``, ``g = lambda ...``), in nested blocks
    too but not inside their own functions."""
    names: set[str] = set()
    stack = list(stmts)
    while stack:
        node = stack.pop()
        if isinstance(node, gast.FunctionDef):
            names.add(node.name)
            continue
        if isinstance(node, gast.Assign) and isinstance(node.value, gast.Lambda) and \
                len(node.targets) == 1 and isinstance(node.targets[0], gast.Name):
            names.add(node.targets[0].id)
        if isinstance(node, (gast.If, gast.For, gast.While, gast.With, gast.Try)):
            for field in ("body", "orelse", "finalbody"):
                stack.extend(getattr(node, field, []))
            stack.extend(s for handler in getattr(node, "handlers", []) for s in handler.body)
    return names


def _stored(stmts: list[gast.stmt]) -> set[str]:
    names, stack = set(), list(stmts)
    while stack:
        node = stack.pop()
        if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Store):
            names.add(node.id)
        if not isinstance(node, (gast.FunctionDef, gast.Lambda)):
            stack.extend(gast.iter_child_nodes(node))
    return names


def merge_branches(norm: Lowering, then: dict[str, gast.AST], orelse: dict[str, gast.AST]
                   ) -> None:
    """After an ``if``: each name bound to one definition on both paths (the same one, or the
    same text: ``h = make(a)`` in each branch) keeps it; the others vary (a name bound on one
    path only included)."""
    merged = {}
    for name in sorted(set(then) | set(orelse)):
        one, other = then.get(name, VARIES), orelse.get(name, VARIES)
        same = one is other or VARIES not in (one, other) and gast.dump(one) == gast.dump(other)
        merged[name] = one if same else VARIES
    norm.local_functions = merged


def enter_loop(norm: Lowering, body: list[gast.stmt]) -> tuple[set[str], set[str]]:
    """Before a loop body: the names it binds vary until it binds them (each iteration may see the
    last one's definition; ``h = make(a)`` of a closure factory included); returns them, for
    :func:`leave_loop` with the names bound before it."""
    names = bound_in(body) | {n for n in _stored(body) if n in norm.local_functions}
    before = set(norm.local_functions)
    for name in sorted(names):
        norm.local_functions[name] = VARIES
    return names, before


def leave_loop(norm: Lowering, entered: tuple[set[str], set[str]]) -> None:
    """After a loop: the names its body binds vary (the loop may have run any number of times),
    those it bound first too (``h = make(a)``, ``f = np.vectorize(g)``)."""
    names, before = entered
    for name in sorted(names | (set(norm.local_functions) - before)):
        norm.local_functions[name] = VARIES


def definition(norm: Lowering, name: str, node: gast.AST) -> gast.AST:
    """The definition a call of local function ``name`` (at ``node``) inlines, or a clear refusal
    where it varies."""
    found = norm.local_functions[name]
    if found is VARIES:
        raise norm.error(
            f"the local function {name!r} varies: the paths to this call bind it to different "
            "functions", node,
            hint=f"(the branches of an `if`, or a loop, bind {name!r}) give each function its own "
            f"name and call the one wanted in each branch, or bind {name!r} once before the `if` "
            "or the loop")
    return found

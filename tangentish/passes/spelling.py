"""Runtime helpers spelled in NumPy where one NumPy call says the same: the last step before text.

The passes reason over a small vocabulary of helpers: ``_rt.reduced_size(t)``, a mean's count, is
a read of ``t``'s shape that they recognise (the tape then keeps ``_rt.like(t)``, see
:mod:`.shape_reads`; :mod:`.views`, :mod:`.spread_facts` and :mod:`.shapes` know it is an int).
The reader gets NumPy, with the same value for every operand, a tape's ``_rt.like`` record
included (:class:`~tangentish.runtime.broadcast.Like` has the ``shape`` and ``size`` NumPy reads):

- ``_rt.reduced_size(t)`` (or ``axis=None``) is ``np.size(t)``;
- ``_rt.reduced_size(t, axis=k)``, ``k`` an int literal, is ``np.shape(t)[k]``.

An axis that is a tuple or a variable (an int or a tuple at run time) keeps the helper.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def g(t, g1):\\n"
    ...                   "    a = g1 / _rt.reduced_size(t)\\n"
    ...                   "    b = g1 / _rt.reduced_size(t, axis=-1)\\n"
    ...                   "    c = g1 / _rt.reduced_size(t, axis=(0, 1))\\n"
    ...                   "    d = _rt.reduced_size(t * _rt.reduced_size(t, axis=0))\\n"
    ...                   "    return a + b + c + d\\n").body[0]
    >>> spell_in_numpy(tree.body, {"_rt": "_rt", "np": "np"})
    >>> print(function_text(tree), end="")
    def g(t, g1):
        a = g1 / np.size(t)
        b = g1 / np.shape(t)[-1]
        c = g1 / _rt.reduced_size(t, axis=(0, 1))
        d = np.size(t * np.shape(t)[0])
        return a + b + c + d
"""

from __future__ import annotations

import gast

from ..syntax import build


def spell_in_numpy(body: list[gast.stmt], aliases: dict[str, str]) -> None:
    """Rewrite, in place, the helper calls of ``body`` that NumPy says in one call (see above);
    ``aliases`` names the runtime (``"_rt"``) and NumPy (``"np"``) in the generated code.  One
    walk finds them (most derivatives have none); only then are their parents looked up."""
    runtime, numpy = aliases["_rt"], aliases["np"]
    for stmt in body:
        every = build.node_list(stmt)
        found = {id(node): node for node in every
                 if node.__class__ is gast.Call and _is_reduced_size(node, runtime)}
        if found:
            _replace(every, found, numpy)


def _is_reduced_size(node: gast.Call, runtime: str) -> bool:
    func = node.func
    return isinstance(func, gast.Attribute) and func.attr == "reduced_size" and isinstance(
        func.value, gast.Name) and func.value.id == runtime and len(node.args) == 1


def _replace(every: list[gast.AST], found: dict[int, gast.Call], numpy: str) -> None:
    """Each call of ``found`` replaced where its parent (in ``every``) holds it, children first
    (a call inside another's argument is replaced before the outer one is rebuilt around it)."""
    for parent in reversed(every):
        for field in build.child_fields(parent.__class__):
            value = getattr(parent, field, None)
            if value.__class__ is list:
                for i, item in enumerate(value):
                    if id(item) in found:
                        value[i] = _spelled(item, numpy)
            elif id(value) in found:
                setattr(parent, field, _spelled(value, numpy))


def _spelled(node: gast.Call, numpy: str) -> gast.expr:
    axis = _axis(node)
    if axis is None:
        return build.call(f"{numpy}.size", node.args[0])
    if axis is not False:
        return build.subscript(build.call(f"{numpy}.shape", node.args[0]), build.constant(axis))
    return node


def _axis(node: gast.Call) -> int | None | bool:
    """The call's ``axis``: None (none, or ``axis=None``), an int literal, or False (anything
    else: a tuple, a name, another keyword)."""
    if not node.keywords:
        return None
    if len(node.keywords) != 1 or node.keywords[0].arg != "axis":
        return False
    value = node.keywords[0].value
    if isinstance(value, gast.UnaryOp) and isinstance(value.op, gast.USub) and \
            isinstance(value.operand, gast.Constant) and type(value.operand.value) is int:
        return -value.operand.value
    if isinstance(value, gast.Constant) and (value.value is None or type(value.value) is int):
        return value.value
    return False

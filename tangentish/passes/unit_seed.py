"""A specialized gradient for the default seed: ``out_bar`` read as the number ``1.0``.

``grad(f)(x)`` seeds the adjoint of ``f``'s output with ``out_bar=1.0``; a derivative specialized
to a float64 scalar output (``Derivative.plain_seed``: the seed is read as given, with no check
in the code) multiplies whole arrays by it (``w_bar = out_bar * u``).  Here the seed's reads
become the constant ``1.0`` and the keyword-only parameter goes, so the optimizer folds the
products away (``1.0 * u`` is ``u`` bit for bit, ``-1.0 * 0.3`` is ``-0.3``): the derivative
computes exactly what the seeded one computes for ``out_bar=1.0``, with fewer array passes.  A
call that gives a seed runs the generic derivative instead (``specialize.seeded_run``), which
checks and reads it.

A folded product may leave an adjoint that *is* another value (``x_bar = y`` for the adjoint of
``np.sum(x * y)``), where the seeded code made a new array.  That is harmless inside the function
(the in-place passes prove their arrays fresh, see :mod:`.accumulate` and :mod:`.owned`), but a
gradient must never be one of the caller's arrays: :func:`own_gradients` (after the optimizer)
asks :mod:`.points_to` which objects each returned gradient may hold, and returns ``1.0 * g``
(the product the seeded code made) for one that may be the caller's.

    >>> import gast
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.passes.derivative import Derivative
    >>> from tangentish.passes.generate import generate
    >>> tree = gast.parse("def g(x, *, out_bar=1.0):\\n    u_bar = out_bar * x\\n    return u_bar")
    >>> fn = Derivative("g", tree.body[0].args, tree.body[0].body, Namer(set()), plain_seed=True)
    >>> use_unit_seed(fn, "out_bar")
    True
    >>> lines = generate(fn, "").splitlines()
    >>> print("\\n".join(lines[:1] + lines[2:]))  # (its empty docstring left out)
    def g(x):
        u_bar = 1.0 * x
        return u_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from ..syntax.tree_walk import walk
from .call_results import makes_new as _fresh
from .call_results import returned_operands as _returns
from .copies import _Reads
from .dataflow import blocks, definition_counts, statements, target
from .derivative import Derivative
from .doubled_defs import double_definitions
from .merged_selections import merge_selections
from .negated_defs import negate_definitions
from .negated_starts import subtract_negated_starts
from .optimize import _changed_in_place, clean, fold_constants, fold_repeated_terms
from .points_to import PARAM, UNKNOWN, PointsTo, Unsupported
from .walks import Walks

_ROUNDS = 4


def use_unit_seed(fn: Derivative, seed: str) -> bool:
    """Read the seed ``seed`` of ``fn`` (a derivative whose seed is read as given) as ``1.0`` and
    drop its parameter; False (``fn`` unchanged) when the body binds the seed's name."""
    if definition_counts(fn.body).get(seed):
        return False
    _replace(fn.body, {seed: 1.0})
    args = fn.args
    kept = [i for i, a in enumerate(args.kwonlyargs) if a.id != seed]
    args.kwonlyargs = [args.kwonlyargs[i] for i in kept]
    args.kw_defaults = [args.kw_defaults[i] for i in kept]
    return True


def propagate_units(fn: Derivative, params: set[str], walks: Walks) -> None:
    """After the passes that start an output's adjoint from the seed (``s_bar = 1.0``, where
    ``s_bar = _rt.unreduce(out_bar, s)`` was): each adjoint name bound once, to a number, is
    that number where it is read, the products are folded (``w_bar = s_bar * u`` is
    ``w_bar = u``) and the copies they leave propagated (``params``: the function's
    parameters; ``walks``: those of the statements changed are forgotten)."""
    fold_constants(fn, walks)  # (what the passes since the optimizer wrote: ``-1.0``, ``1.0 / n``)
    for _ in range(_ROUNDS):  # (a number folded from one, ``t_bar = -s_bar``, is one too)
        counts = definition_counts(fn.body)
        numbers: dict[str, float] = {}
        for stmt in statements(fn.body):
            name = target(stmt)
            if name is not None and counts.get(name) == 1 and ir.note(stmt).adjoint and \
                    build.is_number(stmt.value) and name not in fn.protected:
                numbers[name] = stmt.value.value
        if not numbers:
            break
        changed = _replace(fn.body, numbers)
        for block in blocks(fn.body):
            if any(target(stmt) in numbers for stmt in block):
                block[:] = [s for s in block if target(s) not in numbers] or [gast.Pass()]
        for stmt in changed:
            walks.forget(stmt)
        fold_constants(fn, walks, [s for s in changed if target(s) not in numbers])
    negate_definitions(fn.body, params, fn.protected, walks)  # (-t, t = 0.25 * b: t = -0.25 * b)
    double_definitions(fn.body, params, fn.protected, lambda: _changed_in_place(fn), walks)
    clean(fn, params, walks)
    if merge_selections(fn.body, fn.float64, fn.machinery.aliases["np"], walks):  # (huber)
        clean(fn, params, walks)  # (the weights unread)
    subtract_negated_starts(fn.body, fn.float64, walks)  # (-y, then + e: e - y)
    fold_repeated_terms(fn, params, _Reads(walks))  # (``v_bar = t`` and ``v_bar + v * 0.1``)


def _replace(body: list[gast.stmt], numbers: dict[str, float]) -> list[gast.stmt]:
    """Read each name of ``numbers`` in ``body`` as its number (and ``name[...]``, the adjoint
    of an output written whole by ``out=`` or ``y[...] = v``, as the number too: a Python
    float is no subscript); returns the statements changed."""
    changed = []
    for stmt in statements(body):
        if numbers.keys().isdisjoint(build.loads(stmt)):
            continue
        changed.append(stmt)
        for parent in walk(stmt):
            for field, child in gast.iter_fields(parent):
                for index, node in enumerate(child if isinstance(child, list) else [child]):
                    name = _whole(node)
                    if name is not None and name.id in numbers and \
                            name.ctx.__class__ is gast.Load:
                        number = build.constant(numbers[name.id])
                        if isinstance(child, list):
                            child[index] = number
                        else:
                            setattr(parent, field, number)
    return changed


def _whole(node: gast.AST) -> gast.Name | None:
    """``name`` for the node ``name`` or ``name[...]``."""
    if node.__class__ is gast.Subscript and node.value.__class__ is gast.Name and \
            node.slice.__class__ is gast.Constant and node.slice.value is Ellipsis:
        return node.value
    return node if node.__class__ is gast.Name else None


def own_gradients(fn: Derivative, params: set[str], with_value: bool) -> None:
    """Make each gradient ``fn`` returns that may hold one of the caller's objects (a
    parameter's, or what a call not proven to make a new array returns) a new value,
    ``1.0 * g`` (the product the seeded code made there, ``out_bar * g``, bit for bit).
    ``with_value``: ``fn`` returns ``(value, gradients)`` (``value_and_grad``)."""
    result = fn.body[-1]
    value = result.value
    if with_value:
        value = value.elts[1]
    elements = value.elts if value.__class__ is gast.Tuple else [value]
    numpy, runtime = fn.machinery.aliases["np"], fn.machinery.aliases["_rt"]
    try:
        points = PointsTo(fn.body[:-1], params, fresh=lambda node: _fresh(node, numpy, runtime),
                          returns=lambda node: _returns(node, numpy, runtime)).run()
    except Unsupported:
        points = None
    for index, element in enumerate(elements):
        if points is None or points.of(element, points.after, 0) & {PARAM, UNKNOWN}:
            elements[index] = build.binop(build.constant(1.0), "*", element)
    if value.__class__ is not gast.Tuple and elements[0] is not value:
        if with_value:
            result.value.elts[1] = elements[0]
        else:
            result.value = elements[0]



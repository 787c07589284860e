'''Split motion: cut a reverse-mode derivative into a forward and a backward function, so the
primal runs once and its pullback can run many times (``tangentish.vjp``).

Guarantee: ``forward`` runs the primal and returns ``(output, residuals)``: by dataflow, the values
the adjoint may read before binding them that the primal defines (a value the adjoint pops from
the tape or computes again before any read of it is not handed over).  A residual defined on
some paths only is bound to ``None`` first (the backward reads it only on paths that defined
it).  ``backward(_residuals, out_bar)`` unpacks them and runs the adjoint on a copy of the tape.
Where the adjoint rewinds an in-place update (``x[i] = <saved>``) it records what it overwrites
(``_rt.rewind``) and puts it back before returning (``_rt.replay``), so every call of the
pullback starts from the state the primal left, views of those arrays included, and the caller's
output is left as it was.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.optimize import optimize
    >>> from tangentish.passes.reverse import reverse
    >>> from tangentish.passes.tape import materialize
    >>> def f(x):
    ...     y = np.sin(x)
    ...     return np.sum(y)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = optimize(reverse(norm, analyze(norm, ["x"]), ["x"], single=True,
    ...                               with_value=False, fn_name="vjp_f", seed_checked=True),
    ...                       set(norm.params))
    >>> materialize(derivative)
    0
    >>> ahead, back = split(derivative, norm.output, norm.params, norm.seed)
    >>> print(generate(ahead, "Primal of f."), end="")
    def vjp_f_forward(x):
        """Primal of f."""
        out = np.sum(np.sin(x))
        return out, (x,)
    >>> print(generate(back, "Pullback of f."), end="")
    def vjp_f_backward(_residuals, out_bar):
        """Pullback of f."""
        x = _residuals[0]
        # adjoint of: return np.sum(y)  [...]
        y_bar = _rt.unreduce(out_bar, x, view=True)
        # adjoint of: y = np.sin(x)  [...]
        x_bar = y_bar * np.cos(x)
        return x_bar
'''

from __future__ import annotations

import copy

import gast

from .. import ir
from ..syntax import build
from .dataflow import assigned, blocks, must_define, upward_exposed
from .derivative import Derivative


def _rewinding(stmt: gast.stmt, redo: str, runtime: str) -> gast.stmt:
    """An adjoint statement undoing an in-place update, as one that records what it undoes."""
    if isinstance(stmt, gast.Assign):  # x[i] = _tape.pop()
        part = stmt.targets[0]
        call = build.call(f"{runtime}.rewind", build.name(redo), copy.deepcopy(part.value),
                          build.slice_as_expression(copy.deepcopy(part.slice)),
                          copy.deepcopy(stmt.value))
        return build.expression(call)
    if isinstance(stmt, gast.Expr) and stmt.value.func.attr == "put_back":  # whole contents
        value, saved = stmt.value.args
        return build.expression(build.call(f"{runtime}.rewind_put_back", build.name(redo),
                                           copy.deepcopy(value), copy.deepcopy(saved)))
    if isinstance(stmt, gast.Expr) and stmt.value.func.attr == "append":  # undoing xs.pop()
        items, (item,) = stmt.value.func.value, stmt.value.args
        return build.expression(build.call(f"{runtime}.rewind_append", build.name(redo),
                                           copy.deepcopy(items), copy.deepcopy(item)))
    if isinstance(stmt, gast.Expr):  # xs.pop()
        items = stmt.value.func.value
        return build.expression(build.call(f"{runtime}.rewind_pop", build.name(redo),
                                           copy.deepcopy(items)))
    part = stmt.targets[0]  # del xs[start:]
    return build.expression(build.call(f"{runtime}.rewind_del", build.name(redo),
                                       copy.deepcopy(part.value), copy.deepcopy(part.slice.lower)))


def _rewind_in(stmts: list[gast.stmt], redo: str, runtime: str) -> bool:
    found = False
    for block in blocks(stmts):
        for index, stmt in enumerate(block):
            if ir.note(stmt).rewinds is not None:
                block[index] = _rewinding(stmt, redo, runtime)
                found = True
    return found


def split(fn: Derivative, output: gast.expr, params: list[str],
          seed: str = "out_bar") -> tuple[Derivative, Derivative]:
    """The forward and backward halves of ``fn`` (see the module docstring)."""
    *body, returned = fn.body
    primal = [s for s in body if not ir.note(s).adjoint]
    adjoint = [s for s in body if ir.note(s).adjoint]
    defined = assigned(primal) | set(params)
    needed = upward_exposed([*adjoint, returned]) - {seed}  # (what it binds before reading: not)
    residuals = sorted(needed & defined)
    unbound = sorted(set(residuals) - must_define(primal) - set(params))
    declared = [build.assign(n, build.constant(None)) for n in unbound]
    pack = build.tuple_([build.name(r) for r in residuals])
    forward_body = declared + primal + [build.return_(build.tuple_([copy.deepcopy(output),
                                                                     pack]))]
    forward = Derivative(f"{fn.name}_forward", _without_seed(fn.args, seed), forward_body,
                         fn.namer, set(residuals), machinery=fn.machinery, tape=fn.tape)
    runtime = fn.machinery.aliases["_rt"]
    redo = fn.namer.fresh("_redo")
    rewinds = _rewind_in(adjoint, redo, runtime)
    head: list[gast.stmt] = []
    if residuals:
        head.append(build.assign_many(residuals, build.name("_residuals")) if len(residuals) > 1
                    else build.assign(residuals[0], build.subscript(build.name("_residuals"),
                                                                    build.constant(0))))
    for tape in fn.tapes:  # the pullback pops a copy: the residuals stay as they are
        if tape in residuals:
            head.append(build.assign(tape, build.call("list", build.name(tape))))
    if rewinds:
        head.append(build.assign(redo, build.list_([])))
    tail = [build.expression(build.call(f"{runtime}.replay", build.name(redo)))] if rewinds \
        else []
    backward_args = gast.arguments(
        args=[build.param("_residuals"), build.param(seed)], posonlyargs=[], vararg=None,
        kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    backward = Derivative(f"{fn.name}_backward", backward_args,
                          head + adjoint + tail + [returned], fn.namer, set(),
                          machinery=fn.machinery, tape=fn.tape)
    forward.tapes = backward.tapes = fn.tapes
    return forward, backward


def _without_seed(args: gast.arguments, seed: str) -> gast.arguments:
    args = copy.deepcopy(args)
    index = next(i for i, a in enumerate(args.kwonlyargs) if a.id == seed)
    del args.kwonlyargs[index]
    del args.kw_defaults[index]
    return args

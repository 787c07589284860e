"""Split motion: cut a reverse-mode derivative into a forward and a backward function, so the
primal runs once and its pullback can run many times (``tangentish.vjp``).

Guarantee: ``forward`` runs the primal and returns ``(output, residuals)``, the values the adjoint
reads (the tape included); ``backward(_residuals, out_bar)`` unpacks them and runs the adjoint.
It works on copies of what the adjoint changes in place (the tape, arrays and lists restored by
in-place updates), so every call starts from the same residuals.

    def vjp_f_wrt_x_forward(x):              def vjp_f_wrt_x_backward(_residuals, out_bar):
        y = np.sin(x)                            out, x = _residuals
        out = np.sum(y)                          out_bar = _rt.seed(out, out_bar, 'f')
        return out, (out, x)                     ...
"""

from __future__ import annotations

import copy

import gast

from .derivative import Derivative, call
from .normalize import assign, name


def _loads(stmts: list[gast.stmt]) -> set[str]:
    return {n.id for s in stmts for n in gast.walk(s) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Load)}


def _stores(stmts: list[gast.stmt]) -> set[str]:
    return {n.id for s in stmts for n in gast.walk(s) if isinstance(n, gast.Name)
            and isinstance(n.ctx, (gast.Store, gast.Param))}


def _changed_in_place(stmts: list[gast.stmt]) -> set[str]:
    """Variables the adjoint restores in place: ``x[i] = _tape.pop()``, ``xs.pop()``."""
    found = set()
    for stmt in stmts:
        for node in gast.walk(stmt):
            if isinstance(node, gast.Subscript) and isinstance(node.ctx, gast.Store) and \
                    isinstance(node.value, gast.Name):
                found.add(node.value.id)
            if (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)
                    and node.func.attr == "pop" and isinstance(node.func.value, gast.Name)):
                found.add(node.func.value.id)
    return found


def split(fn: Derivative, output: gast.expr, params: list[str],
          seed: str = "out_bar") -> tuple[Derivative, Derivative]:
    """The forward and backward halves of ``fn`` (see the module docstring)."""
    *body, returned = fn.body
    primal = [s for s in body if not hasattr(s, "owner")]
    adjoint = [s for s in body if hasattr(s, "owner")]
    defined = _stores(primal) | set(params)
    needed = (_loads(adjoint) | _loads([returned])) - {seed}
    residuals = sorted(needed & defined)
    pack = gast.Tuple(elts=[name(r) for r in residuals], ctx=gast.Load())
    forward_body = primal + [gast.Return(value=gast.Tuple(elts=[copy.deepcopy(output), pack],
                                                            ctx=gast.Load()))]
    forward = Derivative(f"{fn.name}_forward", _without_seed(fn.args, seed), forward_body,
                         fn.comments, fn.namer, set(residuals))
    unpack = gast.Assign(targets=[gast.Tuple(elts=[name(r, store=True) for r in residuals],
                                             ctx=gast.Store())],
                         value=name("_residuals"), type_comment=None)
    copies = []
    for variable in sorted(_changed_in_place(adjoint) & set(residuals)):
        copier = "list" if variable == "_tape" else "_rt.own"
        copies.append(assign(variable, call(copier, name(variable))))
    backward_args = gast.arguments(
        args=[name("_residuals", store=False), name(seed, store=False)], posonlyargs=[],
        vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    for arg in backward_args.args:
        arg.ctx = gast.Param()
    backward_body = ([unpack] if residuals else []) + copies + adjoint + [returned]
    backward = Derivative(f"{fn.name}_backward", backward_args, backward_body, fn.comments,
                          fn.namer, set())
    return forward, backward


def _without_seed(args: gast.arguments, seed: str) -> gast.arguments:
    args = copy.deepcopy(args)
    index = next(i for i, a in enumerate(args.kwonlyargs) if a.id == seed)
    del args.kwonlyargs[index]
    del args.kw_defaults[index]
    return args

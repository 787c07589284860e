"""A function's own ``*args`` while it is differentiated: a tuple parameter.

A helper's ``*args`` that its caller hands values through (:mod:`tangentish.passes.displays`)
becomes a positional tuple parameter whose structure ``Options.structure`` gives.  The
differentiated function's own (``def f(x, *args)``, a scipy.optimize objective called as
``jac(x, *args)``) becomes a keyword-only tuple parameter (so the positional ones keep their
defaults), never under ``wrt``, and the derivative's signature takes ``*args`` again
(:func:`star_restored`): it is called as the function is::

    def f(x, *args): ...   ->   def grad_f_wrt_x(x, *args, out_bar=1.0): ...
"""

from __future__ import annotations

import gast

from .parse import SourceInfo


def star_as_tuple(info: SourceInfo, structure: tuple, top: bool) -> None:
    """``info``'s ``*args`` as a tuple parameter (see the module docstring); ``top``: ``info`` is
    the function differentiated, not a helper's derivative built for a caller."""
    args = info.node.args
    star = args.vararg
    if star is None or (args.kwarg is not None and top):  # (**kwargs: refused by the fence)
        return
    if top and not structure:
        args.kwonlyargs.insert(0, star)
        args.kw_defaults.insert(0, None)
        args.vararg, info.star = None, star.id
    elif any(p == star.id for p, _ in structure):
        args.args.append(star)
        args.vararg = None


def star_restored(args: gast.arguments, star: str | None) -> gast.arguments:
    """``args`` (a copy of the function's, for its derivative's signature) with the keyword-only
    parameter ``star`` as ``*star`` again."""
    if star is not None:
        index = next(i for i, a in enumerate(args.kwonlyargs) if a.id == star)
        args.vararg = args.kwonlyargs.pop(index)
        del args.kw_defaults[index]
    return args

"""The reverse half of ``tangentish.vjp``: a callable that checks each cotangent against the output
before the generated backward function runs, and the gradients it returns after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import display
from .arguments import Wrt
from .arguments.outputs import flat_cotangent
from .arguments.results import apart_from, check_gradients
from .arguments.trees import Tree
from .arguments.values import check_cotangent
from .errors import TangentishError
from .provenance import locate


class Pullback(display.SourceDisplay):
    """The reverse half of :func:`vjp`: call it with a cotangent of the output's shape (as often as
    needed; the primal is not run again).  ``.source`` shows the generated code."""

    kind = "pullback"

    def __init__(self, backward: Callable, residuals: tuple, source: str, *, output: Any = None,
                 primals: list | None = None, wrt: Wrt | None = None, label: str = "vjp",
                 tree: Tree | None = None):
        self._backward, self._residuals, self.source = backward, residuals, source
        self._output, self._primals, self._wrt, self._label = output, primals, wrt, label
        self._tree = tree  # a container output: the cotangent comes in its structure

    def __call__(self, cotangent: Any = 1.0) -> Any:
        if self._wrt is None:  # made by hand, without what the checks need
            return self._backward(self._residuals, cotangent)
        try:
            cotangent = check_cotangent(cotangent, self._output, self._label) \
                if self._tree is None else \
                flat_cotangent(self._tree, cotangent, self._output, self._label)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None
        try:
            grads = self._backward(self._residuals, cotangent)
        except BaseException as exc:  # (the user's line said; Ctrl-C's files: provenance.py)
            locate(exc)
            raise
        try:
            return apart_from(check_gradients(grads, self._primals, self._wrt, self._label),
                              cotangent)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None

"""The derivative of a bound method (or callable object) whose code was built for its object's
layout (:mod:`.layouts`: which functions its attributes hold, how many layers a list holds): a
partial that checks, on each call, that the object still has that layout, and otherwise runs the
derivative built for the layout it has now (built once, then kept), never the stale one.

Guarantee to the API: a :class:`Checked` is a ``functools.partial`` of the derivative with the
object bound first (so it is differentiated again like any partial: a derivative of it checks
the same object); ``again()``, given by the API, builds the derivative anew from the held
callable, which reads the object's layout afresh.

    >>> import functools, numpy as np
    >>> from tangentish.layouts import layout
    >>> class A:
    ...     def __init__(self):
    ...         self.act = np.tanh
    >>> a = A()
    >>> d = Checked(lambda obj, x: "tanh's", a)
    >>> d.check(layout(a), lambda: functools.partial(lambda obj, x: "sin's", a))
    >>> d(0.5)
    "tanh's"
    >>> a.act = np.sin
    >>> d(0.5)
    "sin's"
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .arguments import caller_location
from .errors import UnsupportedConstructError
from .layouts import holds, layout


class Checked(functools.partial):
    """A derivative bound to an object (its first bound argument) whose layout it was built for
    (``made``; None: no check)."""

    made: Any = None
    again: Callable[[], Any] | None = None
    last: Any = None  # (the derivative for the layout the object had at the last change)

    def check(self, made: Any, again: Callable[[], Any]) -> None:
        """Check on each call that the object's layout is still ``made``."""
        self.made, self.again = made, again

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.made is None or holds(self.args[0], self.made):
            return super().__call__(*args, **kwargs)
        target = self.current()
        if target is self:  # (holds() could not tell: the layout made anew is the same)
            return super().__call__(*args, **kwargs)
        return target(*args, **kwargs)

    def current(self) -> Any:
        """This derivative, or the one for the object's layout now (built once, then kept)."""
        obj, made, last = self.args[0], self.made, self.last
        if made is None:
            return self
        if isinstance(last, Checked) and last.made is not None and holds(obj, last.made):
            return last  # (the cheap check first: each call after a change comes here)
        if _still(obj, made):
            return self
        if last is not None and (not isinstance(last, Checked) or last.made is None or
                                 _still(obj, last.made)):
            return last
        rebuilt = self.again()
        if isinstance(rebuilt, Checked) and rebuilt.made is not None and \
                not _still(obj, rebuilt.made):
            function = self.func
            raise UnsupportedConstructError(
                f"this derivative of {getattr(function, '__name__', 'a method')} was built for "
                f"its object's layout {made!r}, which it no longer has, and was derived from a "
                "callable that cannot be rebuilt for the new one (the generated function itself "
                "bound to the object)", caller_location(),
                hint="take the derivative again after changing the object")
        self.last = rebuilt
        return rebuilt


def _still(obj: Any, made: Any) -> bool:
    """Whether ``obj``'s layout is ``made``: cheaply, else by making it."""
    return holds(obj, made) or (layout(obj) or type(obj)) == made


def fresh(f: Any) -> Any:
    """``f`` with each :class:`Checked` in it (a partial of one, too) for its object's layout
    now: what a derivative of ``f`` is rebuilt from."""
    if isinstance(f, Checked):
        return f.current()
    if type(f) is functools.partial and isinstance(f.func, functools.partial):
        inner = fresh(f.func)
        return f if inner is f.func else functools.partial(inner, *f.args, **f.keywords)
    return f

'''Which tape a saved value goes on: the real values on ``_tape``, those that may be complex on
``_complex_tape`` when a function saves both kinds (one tape, ``_tape``, when it saves one).

A derivative of a gradient (``hvp``, ``hessian``, a ``grad`` of a ``grad``) analyzes the
gradient's code again (:mod:`.complex_paths`): a value taken off a tape may be complex when
anything pushed on that tape may be.  On one tape, an in-place write's complex element saved
beside a loop's real values made every value the loop's adjoint pops "maybe complex", and the
second derivative refused a real program.  Apart, what comes off ``_tape`` is real as what went
on it is.

What decides a value's kind is what the analysis of the user's function found
(:attr:`.Activity.real`, the names proven real, set on the derivative by the pipeline): a pushed
name is real when that analysis proved it so, an in-place write's saved part when the array it
writes into was; anything else (a name a later pass made) is taken as maybe complex.  A loop
step saving both kinds pushes each on its own tape, and its adjoint pops both: a derivative of
the gradient then never has to tell the items of one tuple apart (reverse over reverse gives a
popped tuple's items one adjoint array, of one dtype).  Which tape a value goes on never changes
what a first derivative computes: each pop still meets its own push (a tape per kind, the order
kept on each).

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     z = np.array([1.0 + 1j * x, 2.0 * x])
    ...     z[0] *= x
    ...     s = 0.0
    ...     for k in range(3):
    ...         s = s + np.sin(x * k)
    ...     return np.sum(z.imag) + s
    >>> for line in tangentish.grad(f).source.splitlines():
    ...     if "tape" in line and "#" not in line:
    ...         print(line.strip())
    _tape = []
    _complex_tape = []
    _complex_tape.append(np.copy(z[0]))
    _tape.append((_rt.like(s_1), _rt.like(sin_x_times_k), x_times_k))
    s_1, sin_x_times_k, x_times_k = _tape.pop()
    z[0] = _complex_tape.pop()
    >>> # f(x) = x ** 2 + sin(x) + sin(2 x): what comes off _tape is real, so hvp is taken
    >>> bool(np.isclose(tangentish.hvp(f)(0.7, 1.0), 2.0 - np.sin(0.7) - 4.0 * np.sin(1.4)))
    True
'''

from __future__ import annotations

import gast

from ..syntax.tree_walk import walk
from .derivative import Derivative

COMPLEX_TAPE = "_complex_tape"
TAPES = ("_tape", COMPLEX_TAPE)  # (the user's spellings of the tapes: guards.py)
_PENDING = "_complex_tape__pending"  # (the complex tape's name until the kinds saved are known)


class TapeKinds:
    """Chooses each push's tape, and names the tapes once every push is made."""

    def __init__(self, fn: Derivative, tape: str):
        self.fn, self.tape = fn, tape
        self.pushed = {tape: 0, _PENDING: 0}

    def tape_for(self, names: list[str] | set[str]) -> str:
        """The tape for a push saving the values of ``names`` (for an in-place write, the name
        of the array it writes into)."""
        real = self.fn.real
        if real is None or all(name in real for name in names):
            return self.tape
        return _PENDING

    def groups(self, names: list[str], pushes: int) -> list[tuple[str, list[str]]]:
        """The names a block saves, by tape (the real ones first), each group pushed
        ``pushes`` times (counted)."""
        real = self.fn.real
        kinds = [[n for n in names if real is None or n in real],
                 [n for n in names if real is not None and n not in real]]
        found = [(tape, some) for tape, some in zip((self.tape, _PENDING), kinds, strict=True)
                 if some]
        for tape, _ in found:
            self.count(tape, pushes)
        return found

    def count(self, tape: str, pushes: int) -> None:
        self.pushed[tape] += pushes

    def finish(self) -> tuple[str, ...]:
        """The tapes' names in use (the real one first), the complex tape's spelled: ``_tape``
        when it is the only one, else ``_complex_tape``."""
        if not self.pushed[_PENDING]:
            return (self.tape,) if self.pushed[self.tape] else ()
        both = bool(self.pushed[self.tape])
        name = self.fn.namer.fresh(COMPLEX_TAPE) if both else self.tape
        for node in walk(gast.Module(body=self.fn.body, type_ignores=[])):
            if node.__class__ is gast.Name and node.id == _PENDING:
                node.id = name
        return (self.tape, name) if both else (name,)

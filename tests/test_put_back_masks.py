"""A gradient's tape put back entry by entry, differentiated again: the mask of what its reads
cover stays one mask per entry of the tape as it is.

The adjoint of the gradient's ``_t = _tape.pop()`` puts the entry back (``_tape.append(_t)``)
and hands the tape's mask on as ``_rt.unpopped_mask(m, _t)``.  After an ``if`` (of a branch the
gradient's loop took or not) ``m`` was ``_rt.read_mask(_tape, m1 if c else m2)``, read where the
loop's masks are updated: after the entry was put back, so made for the tape one entry longer, and
``unpopped_mask`` added it once more.  The mask then met the tape's reads as of another length and
held at every entry, and the second derivative divided by the ``2 * sqrt(0)`` of an iteration
the output overwrites, whose adjoint is 0 by structure: NaN where the derivative is finite
(grammar fuzz seed 9022 program 4, grad of grad).  Such a mask is computed before the entry is
put back (``passes/supports_frozen.py``: ``freeze``).

Each row: a loop whose branch pops the tape or not (an ``elif`` never taken, in a ``for`` or a
``while``; a nested ``if``, or every branch binding, failed alike on the same mask), then a loop
whose first iteration's root is at 0 and overwritten (or appended, the last item returned); grad
of grad against central differences of the gradient (itself checked by the first-order tests),
with no 0 / 0 computed at all."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish

V = np.array([-0.95, -0.78, -1.48, 0.64])


def elif_never_taken(v, x):  # (grammar fuzz seed 9022 program 4, shrunk)
    r = np.tanh(v) - x
    for i in range(3):
        if i * r[0] < 0.5:
            pass
        elif x < 0.2:  # (never taken at x = 0.6: its tape entry is put back unread)
            x = 0.5 * np.cos(x)
    for k in range(3):  # (at k = 0 the root's partial is inf, and its adjoint 0 by structure)
        out = x + np.mean(np.sqrt((np.abs(-r) + 0.5) * k))
    return out


def while_loop(v, x):
    r = np.tanh(v) - x
    i = 0
    while i < 3:
        if i * r[0] < 0.5:
            pass
        elif x < 0.2:
            x = 0.5 * np.cos(x)
        i += 1
    for k in range(3):
        out = x + np.mean(np.sqrt((np.abs(-r) + 0.5) * k))
    return out

def appended_outputs(v, x):
    r = np.tanh(v) - x
    for i in range(3):
        if i * r[0] < 0.5:
            pass
        elif x < 0.2:
            x = 0.5 * np.cos(x)
    outs = []
    for k in range(3):
        outs.append(x + np.sqrt((r[3] ** 2 + 0.5) * k))
    return outs[-1]


FUNCTIONS = [elif_never_taken, while_loop, appended_outputs]


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_an_entry_put_back_keeps_its_own_mask(f):
    x, h = 0.6, 1e-5
    gradient = tangentish.grad(f, wrt=1)
    reference = (gradient(V, x + h) - gradient(V, x - h)) / (2 * h)
    with np.errstate(invalid="raise", divide="raise"):  # (no 0 / 0 is computed at all)
        second = tangentish.grad(gradient, wrt=1)(V, x)
    assert abs(second - reference) < 1e-6 * max(1.0, abs(reference)), (second, reference)

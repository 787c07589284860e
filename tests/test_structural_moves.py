"""Forward mode: a selection, then a *move* of what it selected, then a singular function
(``passes/supports_moved.py``; the reverse twin is tests/test_structural_chains.py).

``u`` selects a constant 0 at the elements where ``x < 0`` (``np.where``, ``np.maximum``,
``np.fmax``, ``np.clip``), a move reads some of ``u`` (an index of every kind, ``np.take``,
``np.reshape``, ``np.flip``, ``np.concatenate``...), a singular function (``sqrt``, ``cbrt``,
``** 0.5``: partial inf at 0) of what it read: the derivative at an element that read ``x < 0``
is the exact 0, never ``0 * inf = NaN`` (``np.any`` of the support, what a move handed on
before, is True when any element selects ``x``).  Every move meets every selection (singular
functions rotating); each row checks ``jacobian(mode="fwd")``, ``jvp`` along a direction with
zeros and the reverse ``jacobian`` against one-sided finite differences.  Then control flow:
a support crossing into a loop, out of one and out of an ``if``, and one whose test reads a
name changed in place afterwards (the test as it was before the change: silently 0 before),
and moves of what broadcasts a seed's scalar support or of a tuple's items (their masks must
have the shapes of the values moved: crashes the fuzzer found); an array of zeros written in
place, whose tangent is 0 but where written (fuzz seed 4701 program 148: jvp NaN at an element
never written, ``np.sqrt(0)``), and there only where what is written has a tangent
(``np.copyto(z, v, where=m)``, ``z[...] = np.where(m, v, 0)``: fuzz seed 5583 program 22, jvp
NaN at an element written with a structural zero)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian, seed_for

import tangentish

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # (0 * inf where unread)

SELECT = {
    "where": "np.where(x > 0.0, x, 0.0)",
    "maximum": "np.maximum(x, 0.0)",
    "fmax": "np.fmax(0.0, x)",
    "clip": "np.clip(x, 0.0, 10.0)",
}

SINGULAR = {"sqrt": "np.sqrt({})", "cbrt": "np.cbrt({})", "power_half": "({}) ** 0.5"}

# v from u (5 elements: u[0] and u[2] are the selected zeros)
MOVE = {
    "slice": "u[:3]",
    "step": "u[::-2]",
    "item": "u[2]",
    "item_tuple": "np.reshape(u, (5, 1))[2, 0]",
    "fancy": "u[[2, 0, 3]]",
    "mask": "u[np.array([True, False, True, True, False])]",
    "take": "np.take(u, [0, 2, 4])",
    "take_along": "np.take_along_axis(u, np.array([4, 0, 2]), axis=0)",
    "reshape": "np.reshape(u, (5, 1))[:3]",
    "method": "u.reshape(1, 5)[:, :3]",
    "transpose": "np.transpose(u[None, :])",
    "attribute_T": "u[None, :].T[:3]",
    "flip": "np.flip(u)[1:]",
    "roll": "np.roll(u, 2)",
    "concatenate": "np.concatenate((u[:3], x[3:] * x[3:]))",
    "stack": "np.stack((u, u * u))",
    "repeat": "np.repeat(u[:3], 2)",
    "tile": "np.tile(u[1:3], 2)",
    "broadcast": "np.broadcast_to(u, (2, 5))",
    "expand": "np.expand_dims(u, 0)[0, :3]",
    "swapaxes": "np.swapaxes(np.reshape(u, (1, 5)), 0, 1)",
    "copy": "np.copy(u)[:3]",
}

TEMPLATE = '''import numpy as np


def f(x):
    u = SELECT
    v = MOVE
    return SINGULAR + 0.5 * x[1]
'''

ROWS = [(move, select, sorted(SINGULAR)[(i + j) % len(SINGULAR)])
        for i, move in enumerate(sorted(MOVE)) for j, select in enumerate(sorted(SELECT))]

POINT = np.array([-1.5, 0.75, -0.5, 1.25, 2.0])


def _check(f, name: str) -> None:
    x = POINT
    expected = one_sided_jacobian(f, x)
    assert np.isfinite(expected).all()
    expected = expected.reshape(-1, x.size)
    forward = np.asarray(tangentish.jacobian(f, mode="fwd")(x)).reshape(-1, x.size)
    np.testing.assert_allclose(forward, expected, rtol=1e-5, atol=1e-6, err_msg="fwd")
    reverse = np.asarray(tangentish.jacobian(f, mode="rev")(x)).reshape(-1, x.size)
    np.testing.assert_allclose(reverse, expected, rtol=1e-5, atol=1e-6, err_msg="rev")
    rng = np.random.default_rng(seed_for(name))
    direction = rng.uniform(0.5, 1.5, x.shape) * (np.arange(x.size) != 3)
    _, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(np.ravel(tangent), expected @ direction, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(("move", "select", "singular"), ROWS)
def test_selection_moved_then_singular(tmp_path, move: str, select: str, singular: str) -> None:
    text = TEMPLATE.replace("SELECT", SELECT[select]).replace("MOVE", MOVE[move])
    text = text.replace("SINGULAR", SINGULAR[singular].format("v"))
    name = f"moved_{move}_{select}_{singular}"
    _check(module_from_text(tmp_path, name, text).f, name)


FLOW = {
    "read_in_loop": '''
        u = np.maximum(x, 0.0)
        s = 0.0
        for i in range(3):
            s = s + np.sqrt(u[i])
        return s + x[3]
    ''',
    "made_in_loop": '''
        for i in range(2):
            u = np.fmax(x - 0.25, 0.0)
        return np.sqrt(np.concatenate((u, x[3:] * x[3:])))[:4]
    ''',
    "made_in_loop_temporary": '''
        for i in range(0, 4, 2):
            u = np.sqrt(np.fmax(x - 0.125, 0.0)) ** 2
        return np.tanh(np.sqrt(np.concatenate((u * u, [1.0, 0.0]))))[:3] - x[:3]
    ''',
    "changed_in_place": '''
        y = x * 1.0
        u = np.fmax(y, 0.0)
        y[1] = -3.0
        return np.sqrt(u) + y
    ''',
    "changed_in_place_moved": '''
        y = x * 1.0
        u = np.maximum(y, 0.0)[:3]
        y[1] = -3.0
        y[2] = 4.0
        return np.sqrt(u) + y[:3]
    ''',
    "seed_broadcast_then_moved": '''
        u = np.concatenate((x[1] * np.ones(3), x[:2] * x[:2]))
        w = np.maximum(x[2], 0.0) * np.ones(2)
        return np.sqrt(np.concatenate((u[2:], w)))
    ''',
    "tuple_items_moved": '''
        a, z = pair(x - x * 0.5, x[1])
        c = np.array([((x * x + 0.5) ** 0.5).mean() / 3.0, z[-2] * 1.5])
        return np.sqrt(np.sum(z) + a) + np.sum(np.sqrt(np.maximum(c, 0.0)))
    ''',
    "written_into_zeros": '''
        z = np.zeros(3)
        z[0] = x[3]
        return np.sqrt(z)[:2] + x[:2]
    ''',
    "written_through_a_view": '''
        z = np.zeros(4)
        w = z[0::2]
        w += x[3]
        z[1:2] = x[4] * x[1]
        return np.sqrt(np.concatenate((z, x * x)))[:4].min() + np.sqrt(z[3])
    ''',
    "copied_into_zeros_where": '''
        z = np.zeros(5)
        np.copyto(z, x - 0.125, where=x > 0.125)
        return np.sqrt(np.concatenate((z, [1.0, 0.0])))
    ''',
    "selection_written_whole": '''
        z = np.zeros(5)
        z[...] = np.where(x > 0.0, x, 0.0)
        return np.sqrt(z) + x
    ''',
    "selection_written_into_a_slice": '''
        z = np.zeros(6)
        z[1:] = np.maximum(x, 0.0)
        return np.sqrt(z)[1:] * x
    ''',
    "made_in_branch": '''
        if x[1] > 0.0:
            u = np.where(x > 0.0, x, 0.0)
        else:
            u = x * x
        return np.sum(np.cbrt(u[:3])) + x[4]
    ''',
}


PAIR = """def pair(a, b):
    return (b, a[3] * np.maximum(a, 0.0) ** 2)
"""


@pytest.mark.parametrize("name", sorted(FLOW))
def test_supports_across_control_flow(tmp_path, name: str) -> None:
    body = "\n".join("    " + line[8:] for line in FLOW[name].strip("\n").splitlines())
    text = f"import numpy as np\n\n\n{PAIR}\n\ndef f(x):\n{body}\n"
    _check(module_from_text(tmp_path, f"flow_{name}", text).f, name)


def test_the_rows_cover_each_pairing() -> None:
    assert {(r[0], r[1]) for r in ROWS} == {(m, s) for m in MOVE for s in SELECT}
    assert {r[2] for r in ROWS} == set(SINGULAR)

"""Functions that change arrays through calls (methods, NumPy writers, helpers): each must give
the right derivative or a clear error.  Used by tests/test_writes.py."""

import numpy as np

CONSTANT = np.ones(3)


def fill_after_use(x):
    c = np.ones(3)
    y = x * c
    c.fill(5.0)
    return np.sum(y) + np.sum(c * x)


def copyto_after_use(x):
    c = np.ones(3)
    y = x * c
    np.copyto(c, 5.0)
    return np.sum(y * c)


def fill_diagonal_after_use(x):
    c = np.ones((3, 3))
    y = x @ c
    np.fill_diagonal(c, 5.0)
    return np.sum(y) + np.sum(c @ x)


def put_place_putmask(x):
    c = np.arange(3.0) + 1.0
    y = x * c
    np.put(c, [0], 7.0)
    z = x * c
    np.place(c, c > 2.5, 0.5)
    w = x * c
    np.putmask(c, c < 1.0, 4.0)
    return np.sum(y) + np.sum(z * z) + np.sum(w) + np.sum(x * c)


def ufunc_at_after_use(x):
    c = np.ones(3)
    y = np.sin(x * c)
    np.add.at(c, [0, 0, 2], 1.0)
    return np.sum(y * c)


def sort_after_use(x):
    c = np.array([3.0, 1.0, 2.0])
    y = x * c
    c.sort()
    return np.sum(y) + np.sum(x * c)


def out_statement(x):
    c = np.ones(3)
    y = x * c
    np.multiply(c, 3.0, out=c)
    return np.sum(y * y) + np.sum(c * x)


def fill_in_loop(x):
    c = np.zeros(3)
    total = 0.0
    for i in range(3):
        c.fill(i + 1.0)
        total = total + np.sum(np.sin(x * c))
    return total


def list_reverse(x):
    weights = [1.0, 2.0, 3.0]
    y = x * np.array(weights)
    weights.reverse()
    return np.sum(y) + np.sum(x * np.array(weights))


def _scaled_copy(v, s):
    v = v.copy()
    v[0] = v[0] * s
    s += 1.0
    return v * s


def helper_copies_first(x):
    return np.sum(_scaled_copy(x, 2.0))


def _bump_number(a, s):
    s += 1.0
    return a * s


def helper_rebinds_a_number(x):
    return np.sum(_bump_number(x, 2.0))


# -- refused ------------------------------------------------------------------------------------


def _fill_first(buf):
    buf[0] = 5.0


def helper_writes_argument(x):
    c = np.ones(3)
    y = x * c
    _fill_first(c)
    return np.sum(y)


def helper_writes_a_slice_argument(x):
    c = np.ones(3)
    y = x * c
    _fill_first(c[1:])
    return np.sum(y) + np.sum(c)


def _fill_view(buf):
    head = buf[:2]
    head.fill(5.0)


def _through_another(buf):
    _fill_view(buf)
    return 0.0


def helper_writes_through_a_helper(x):
    c = np.ones(3)
    y = x * c
    t = _through_another(c)
    return np.sum(y) + t


def _bump(buf):
    buf += 4.0
    return 0.0


def helper_rebinds_an_array(x):
    c = np.ones(3)
    y = x * c
    t = _bump(c)
    return np.sum(y) + t


def out_inside_expression(x):
    c = np.ones(3)
    return np.sum(np.multiply(x, 2.0, out=c))


def copyto_global(x):
    np.copyto(CONSTANT, 2.0)
    return np.sum(x * CONSTANT)


def copyto_active(x):  # (c[...] = x: passes/in_place_calls.py)
    c = np.ones(3)
    np.copyto(c, x)
    return np.sum(c * c)


def constant_writes_in_loop_after_use(x):
    """The loop's writes have no derivative, but the outer product read ``y`` before them: the
    reverse sweep must still undo them (it once dropped the loop, restore and all)."""
    y = x * 0.7
    c = np.trace(np.outer(y, x))
    for _ in x:
        y[-2] -= 1.0
    return c


def masked_writes_in_loop_after_use(x):
    """Each iteration writes through its own mask: undoing them needs each iteration's mask."""
    z = x + 1.0
    n = np.linalg.norm(z)
    k = 2
    while k > 0:
        k -= 1
        z[z * x > 0.0] = 0.5
    return n * np.sum(x)


def _ordered(a, s):
    xs = [s, np.sum(a), s * 2.0]
    ys = [v * 1.0 for v in a]
    ys.append(s)
    xs.append(a[0] + ys[-1])
    xs.sort()
    xs.reverse()
    xs[1] = a[1] * s
    return xs[0] * xs[-1] + xs[1] + np.mean(np.array(xs)) * len(xs)


def helper_sorts_a_list_of_its_parameters(x):
    """``xs.sort()`` changes the helper's own list, never ``s`` (was refused: a list holding a
    parameter counted as the parameter, passes/helper_changes.py)."""
    y = x * 1.5
    s = np.sum(y * y)
    t = _ordered(y, s * 1.0)  # (an expression: not inlined, its own derivative called)
    return t + s * y[2]


def _double_first(a):
    xs = [1.0]
    xs.insert(0, a)
    xs[0] *= 2.0
    return 0.0


def helper_changes_an_item_of_its_list(x):
    c = np.ones(3)
    y = x * c
    t = _double_first(c)
    return np.sum(y * c) + t

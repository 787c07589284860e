"""Minimal forms of the silently-wrong and crashing classes the soundness review found (issue 8),
written the way users wrote them.  ``tests/test_soundness.py`` checks each in every mode."""

import numpy as np


def early_return_constant(x, w, s, n):
    if s > 2.0:
        return 0.5
    return s


def nested_early_return(s):
    if s > 0:
        if s > -1:
            return 2 * s
    return s


def return_in_loop_then_after(x):
    s = 0.0
    for v in x:
        s = s + v * v
        if s > 1.0:
            return s * 3.0
    return s


def updates_then_sum(a):
    z = np.zeros(4)
    z[1] += a[0] * a[2]
    z[3] -= a[1]
    return np.sum(z ** 3)


def overwritten_copy(m):
    c = m.copy()
    c[0, 1] = m[1, 0] * 3.0
    return np.sum(c * c)


def r_of_two(x):
    return np.sum(np.r_[x, x] ** 2)


def list_of_tuple(x):
    return np.sum(np.array(list((x, x))) ** 2)


def overwritten_parameter(x, w):
    for _ in range(3):
        w = x * 2
    return np.sum(w)


def branch_changes_shape(x, c):
    if c > 0:
        y = x * 2
    else:
        y = np.sum(x)
    return np.sum(y * y)


def std_of_one(x):
    return np.std(x) + np.var(x)


def negative_constant_power(s):
    return ((-0.4) ** 2) * s


def loop_invariant_reassignment(w, s):
    for _ in range(3):
        v = w[:, 1]
    return np.sum(v) * s


def iterates_what_it_rebinds(w):
    for row in w:
        w = w * row
    return np.sum(w)


def update_reads_itself(w, x):
    w = w.copy()
    w[0, 1] = np.inner(x @ w.T, w[:, 2])
    return np.sum(w * w)


def row_update_reads_itself(v, x, w):
    v = v.copy()
    v[0, :] += v[:3] @ x[1:] + w[0, 1]
    return np.sum(v ** 2)


def several_updates(v):
    v = v.copy()
    v[0] = v[3]
    v[1, :] += 1.5
    return np.sum(v ** 3)


def broadcast_then_method_sum(s, w):
    w = s + w
    return w.sum()


def empty_loop(x):
    for _ in x:
        pass
    return np.sum(x)


def squared_scaled(a, scale=2.0):
    return a * a * scale


def calls_helper(x):
    return squared_scaled(x) + x


def rnn(x, w):
    h = np.zeros(3)
    for _ in range(2):
        h = np.tanh(h @ w + x)
    return np.sum(h)


def rnn_from_input(x, w):
    h = x
    for _ in range(3):
        h = np.tanh(h @ w)
    return np.sum(h)


def branch_in_loop_never_taken(x):
    s = 0.0
    for v in x:
        if v > 10:
            t = v * 2
            s = s + t
        else:
            s = s + v
    return s


def chained_call_comparison(s):
    if 3.0 < np.expm1(np.tanh(s)) < 1.5:
        return s
    return 2 * s


def hstack_of_numbers(s, x):
    return np.sum(np.hstack([s, 1.0, x[3]]) ** 2)


def slice_gets_scalar(s, x):
    x = x.copy()
    x[0:2] = s
    return np.sum(x * x)


def augmented_by_indexed(s, x):
    s *= (x + s)[2]
    return s


def local_named_like_tangent(x):
    x_dot = x * 2
    return np.sum(x_dot * x)


def carried_value_in_loop(x, s):
    for _ in range(1):
        s = x[2]
        for _ in range(2):
            s += np.cos(s)
    return s


def merge_read_after_branch(x, s):
    for e in x:
        s = s + 0.1 * e
        if np.sum(s) > -0.3:
            s *= x[1] * (0.5 * s) + np.sin(s)
        x[1] = np.cos(np.cos(s))
    return np.sum(s) + s


def live_out_through_update(x, s):
    for _ in x:
        v1 = x * np.ones(4)
        x = 0.5 * np.cos(v1) * np.ones(4)
    v1[2] = np.tanh(np.cos(x[1]))
    return np.sum(np.tanh(x[1] + v1[0]) + (v1[0] + (s - x)))


# A name that may hold a ragged list or tuple, with a zero derivative on one path: the zero is made
# item by item (fuzz seed 203 program 394: ``np.zeros_like`` of ``(3.0, np.exp(C))`` raised in jvp)
RAGGED = [[0.28, 0.55], [0.48, 0.39], [0.03, 0.29]]


def _pair(a):
    if a[0] > 0.0:
        return (a[0], a)
    return (3.0, np.exp(RAGGED))


def helper_returns_ragged_tuple(x):
    s, p = _pair(x)
    return np.sum(p) * x[1] + s * x[2]


def split_on_one_path(x):
    if x[0] > 0.0:
        parts = np.split(x, [1])
    else:
        parts = np.split(np.ones(4), [1])
    return np.sum(parts[0]) * np.sum(parts[1] ** 2) * x[0]


def eigh_on_one_path(x):
    if x[0] > 0.0:
        r = np.linalg.eigh(np.outer(x, x) + np.diag([1.0, 2.0, 3.0, 4.0]))
    else:
        r = np.linalg.eigh(np.eye(4))
    return np.sum(r[0] ** 2) + np.sum(r[1][:, 0] ** 2 * np.arange(4.0)) * x[0]


def ragged_tuple_carried(x):
    t = (1.0, np.ones(3))
    for _ in range(2):
        t = (t[0] * x[0], t[1] * x[:3]) if x[3] > 0.0 else t
    return t[0] + np.sum(t[1])


# Second order of a gradient whose tape held a view of an array changed in place (the row of
# ``Z[i] *= ...``, read back by the adjoint), or its layout ``_rt.like(Z[i])``, or a value a
# loop carries out that the normal form copies on: refused where first order was accepted.
def row_scaled_in_loop(x):
    Z = np.outer(x, x)
    for i in range(2):
        Z[i] *= x[:4]
    return np.sum(Z)


def row_scaled_by_constant_rows(x):  # fuzz seed 124 program 2, by hand (the row's layout)
    Z = np.outer(x, x[:3])
    for i in range(2):
        Z[i] *= np.cos(x[[2, 1, 0]])
        x = np.tanh(x) * x
    return np.sum(Z * Z) * x[0]


def element_accumulated_in_loop(x):  # fuzz seed 134 program 1, by hand
    P = np.logaddexp(-x, x[:1] + x)
    k = 0
    while k < 2:
        k += 1
        P[2] += x[0] * x[1]
    return np.arctan2(P[1], x[3]) * np.sum(P ** 2)


def carried_then_sliced(x):  # fuzz seed 320 program 136, by hand
    z = np.sin(x) * x
    if z[0] < 5.0:
        for _ in range(3):
            z = np.sin(z) * np.sum(x)
    z[1:3] = np.sqrt(1.0 + z ** 2)[1:3]
    return np.sum(z * z) + np.prod(x)


def aliased_in_one_branch(x, v):  # fuzz seed 321 program 185 (older generator), by hand
    y5 = v * 2.0
    t = y5 if x < 0.7 else v  # the array changed below, on one path only
    s = np.sum(t * t * x)  # what the adjoint reads of t: the values before the change
    y5[0:1] += x * v[1:2]
    return s + np.sum(y5 * y5)

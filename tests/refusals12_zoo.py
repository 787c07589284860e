"""Programs whose constructs refusals12 lifted (``test_refusals12.py``): ``np.logaddexp.accumulate``
and ``np.logaddexp2.accumulate`` (refused as a ufunc method without a rule; now a rule whose
adjoint runs in logs, exact at |x| of 1e3 where exp(x) overflows), ``np.put_along_axis`` into a
temporary and ``np.take_along_axis`` of every ``axis``, and an array spread into a ufunc after
NumPy calls in the same statement (refused on NumPy 1.x only, whose ufuncs have no
``__module__``), a local function taking ``**kw`` called with keywords (refused: ``kw`` is
now the dict of the call's other keywords, a variable per key), an item of a row of a list of
lists built in the function written (``grid[i][j] = v``: refused, now the row copied, changed and
put back where no other name holds it); and the constructs left refused, each with a hint."""

import numpy as np
import scipy.linalg as sla

import tangentish

# --- running log-sum-exp (np.logaddexp.accumulate and its base-2 twin) ---


def running_lse(x):
    return np.sum(np.sin(np.logaddexp.accumulate(x)))


def running_lse_rows(x):  # (x of 2-d: along each row, then down the columns)
    r = np.logaddexp.accumulate(x, axis=1)
    return np.sum(r * np.cos(x)) + np.sum(np.logaddexp2.accumulate(x) ** 2)


def log_forward(x):  # (an HMM's forward pass in logs: log-probabilities of 1e3)
    prefix = np.logaddexp.accumulate(x * 1.0e3)
    return prefix[-1] - np.logaddexp.reduce(x * 1.0e3) + np.sum(prefix * np.arange(len(x))) * 1e-3


# --- scatter into a temporary built in the function, and gathers along an axis ---


def put_along_rows(x):  # (x of 2 rows of 2)
    tmp = np.zeros((2, 3))
    np.put_along_axis(tmp, np.array([[0, 2], [1, 0]]), x * 2.0, axis=1)
    return np.sum(tmp ** 2 * np.arange(6.0).reshape(2, 3)) + np.sum(np.sin(tmp))


def put_along_flat(x):  # (axis=None: into the flattened temporary; x of 4)
    tmp = np.ones((2, 3))
    np.put_along_axis(tmp, np.array([5, 0, 2, 3]), np.sin(x), axis=None)
    return np.sum(tmp * tmp * np.arange(1.0, 7.0).reshape(2, 3))


def take_along_sorted(x):  # (x of 2 rows of 3: each row sorted by its own argsort)
    order = np.argsort(x, axis=1)
    ranked = np.take_along_axis(x, order, axis=1)
    picked = np.take_along_axis(x, np.array([[2], [0]]), axis=1)
    return np.sum(ranked * np.arange(3.0)) + np.sum(picked ** 3) + \
        np.sum(np.take_along_axis(x, np.array([4, 4, 1]), axis=None) ** 2)


# --- an array spread into a ufunc, after NumPy calls in the same statement ---


def spread_after_calls(x):
    return np.sum(np.cos(x)) + np.hypot(*np.sin(x[1:3])) + np.arctan2(*x[:2])


# --- a local function taking **kw, called with keywords (kw: a variable per key) ---


def local_keywords_read(x):
    def h(a, scale=1.0, **kw):
        out = a * scale * kw["s"] + kw.get("t", 0.5)
        for key, value in kw.items():
            out = out + np.sin(value) * len(key)
        return out

    return np.sum(h(x, s=2.0, t=x) ** 2) + np.sum(h(x * x, scale=x, s=x[::-1]))


def local_keywords_handed_on(x):  # (kw handed on to another call: **kw there)
    def inner(a, s=1.0, t=0.0):
        return a * s + t

    def h(a, **kw):
        return inner(a, **kw) * ("t" in kw) + inner(a, **kw) ** 2

    return np.sum(h(x, t=x, s=np.cos(x))) + np.sum(h(x))


# --- an item of a row of a list of lists built in the function, written (row copied, put back) ---


def grid_items_set(x):  # (x of 3)
    grid = [[0.0, 1.0], [2.0, 0.5]]
    grid[0][1] = x[0] * x[1]
    grid[1] = [x[0], x[1]]
    grid[1][0] *= x[2]
    grid[0][-1] -= np.sin(x[0])
    return grid[0][1] + grid[1][0] * grid[1][1] + np.sum(np.array(grid)) * len(grid)


def dp_table(x):  # (a soft edit-distance table, rows of `[0.0] * n`)
    n = len(x)
    table = [[0.0] * (n + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        table[i][0] = table[i - 1][0] + x[i - 1]
        for j in range(1, n + 1):
            table[i][j] = -np.logaddexp(-table[i - 1][j] - 1.0,
                                        -table[i][j - 1] - x[j - 1] * x[i - 1])
    return table[n][n] + sum(table[1])


def grid_items_added(x):  # (rows of floats: `+=` makes a new number)
    grid = [[0.0 for _ in range(2)] for _ in range(2)]
    for i in range(2):
        for j in range(2):
            grid[i][j] += x[i] * x[j]
    return grid[0][1] * grid[1][1]


def slice_of_a_list_set(x):
    ys = [x[0], x[1], x[2], 1.0]
    ys[1:3] = [x[0] * 2.0, np.sin(x[1])]
    return ys[0] * ys[1] * ys[2] + ys[3]


# --- left refused (with a hint that works) ---


def sqrtm_of_a_number(x):  # (SciPy 1.17 returns exp(2 x) here; 1.15 raises ValueError)
    return np.sum(sla.sqrtm(x[0] * 2.0 + 1.0))


def local_keywords_positional_name(x):  # (Python gives kw the `b=`: `b` is positional-only)
    def h(a, b=1.0, /, **kw):
        return a * b * kw["b"]

    return np.sum(h(x, b=x))


def local_keywords_spread(x, opts):  # (which keys `**opts` holds is known only when it runs)
    def h(a, **kw):
        return a * kw["s"]

    return np.sum(h(x, **opts))


def grid_of_one_row(x):  # (`[row] * 2`: both rows are one list, a write shows in both)
    grid = [[0.0, 0.0]] * 2
    grid[0][1] = x[0]
    return grid[1][1] * x[1]


def grid_row_held(x):  # (`row` holds the row a write changes)
    grid = [[0.0, 0.0], [1.0, 1.0]]
    row = grid[0]
    grid[0][1] = x[0]
    return row[1] * x[1]


def grad_of_a_lambda(x, y):
    return np.sum(tangentish.grad(lambda z: np.sum(z * z * x))(y))

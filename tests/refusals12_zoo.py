"""Programs whose constructs refusals12 lifted (``test_refusals12.py``): ``np.logaddexp.accumulate``
and ``np.logaddexp2.accumulate`` (refused as a ufunc method without a rule; now a rule whose
derivative runs in logs, exact at |x| of 1e3 where exp(x) overflows), ``np.put_along_axis`` into
a temporary with ``axis=None`` (a raw ValueError), a local function taking ``**kw`` called with
keywords (refused; ``kw`` is now the dict of the call's other keywords, a variable per key), an
item of a row of a list of lists built in the function written (``grid[i][j] = v``: refused; now
the row copied, changed and put back where no other name holds it); and the constructs left
refused, each with a hint."""

import numpy as np
import scipy.linalg as sla

# --- running log-sum-exp (np.logaddexp.accumulate and its base-2 twin) ---


def log_forward(x):  # (a forward pass in logs: log-probabilities of 1e3, rows of x)
    prefix = np.logaddexp.accumulate(x * 1.0e3, axis=1)
    total = prefix[:, -1] - np.logaddexp.reduce(x * 1.0e3, axis=1)
    return np.sum(total) + np.sum(prefix * np.arange(3.0)) * 1e-3 + \
        np.sum(np.logaddexp2.accumulate(x[0]) ** 2)


# --- scatter into a temporary built in the function ---


def put_along(x):  # (x of 2 rows of 2; axis=1, then axis=None: the flattened temporary)
    tmp = np.zeros((2, 3))
    np.put_along_axis(tmp, np.array([[0, 2], [1, 0]]), x * 2.0, axis=1)
    flat = np.ones((2, 3))
    np.put_along_axis(flat, np.array([5, 0, 2, 3]), np.sin(x.ravel()), axis=None)
    return np.sum(tmp ** 2 * np.arange(6.0).reshape(2, 3)) + np.sum(flat * flat * tmp)


# --- a local function taking **kw, called with keywords (kw: a variable per key) ---


def local_keywords(x):
    def inner(a, s=1.0, t=0.0):
        return a * s + t

    def h(a, scale=1.0, **kw):
        out = a * scale * kw["s"] + kw.get("t", 0.5) + inner(a, **kw) * ("t" in kw)
        for key, value in kw.items():
            out = out + np.sin(value) * len(key)
        return out

    return np.sum(h(x, s=2.0, t=x) ** 2) + np.sum(h(x * x, scale=x, s=x[::-1]))


# --- an item of a row of a list of lists built in the function, written ---


def grid_items_set(x):  # (x of 3)
    grid = [[0.0, 1.0], [2.0, 0.5]]
    grid[0][1] = x[0] * x[1]
    grid[1] = [x[0], x[1]]
    grid[1][0] *= x[2]
    grid[0][-1] -= np.sin(x[0])
    return grid[0][1] + grid[1][0] * grid[1][1] + np.sum(np.array(grid)) * len(grid)


def dp_table(x):  # (a soft edit-distance table, rows of `[0.0] * n`, written in loops)
    n = len(x)
    table = [[0.0] * (n + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        table[i][0] = table[i - 1][0] + x[i - 1]
        for j in range(1, n + 1):
            table[i][j] = -np.logaddexp(-table[i - 1][j] - 1.0,
                                        -table[i][j - 1] - x[j - 1] * x[i - 1])
    return table[n][n] + sum(table[1])


# --- left refused (with a hint that works) ---


def sqrtm_of_a_number(x):  # (SciPy 1.17 returns exp(2 x) here; 1.15 raises ValueError)
    return np.sum(sla.sqrtm(x[0] * 2.0 + 1.0))


def local_keywords_positional_name(x):  # (Python gives kw the `b=`: `b` is positional-only)
    def h(a, b=1.0, /, **kw):
        return a * b * kw["b"]

    return np.sum(h(x, b=x))


def grid_of_one_row(x):  # (`[row] * 2`: both rows are one list, a write shows in both)
    grid = [[0.0, 0.0]] * 2
    grid[0][1] = x[0]
    return grid[1][1] * x[1]


def grid_row_held(x):  # (`row` holds the row a write changes)
    grid = [[0.0, 0.0], [1.0, 1.0]]
    row = grid[0]
    grid[0][1] = x[0]
    return row[1] * x[1]

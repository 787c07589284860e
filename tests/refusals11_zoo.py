"""Programs whose constructs refusals11 lifted (``test_refusals11.py``): a list argument under
``wrt`` grown in place then indexed past its first end, loops and comprehensions over ``x.flat``,
a function defined inside the differentiated one called with ``*items``; and the constructs it
left refused, each with a hint that names a way that works."""

import numpy as np

import tangentish

# --- a list argument under wrt grown in place (insert, append, extend), then indexed ---


def inserted_then_indexed(xs):
    xs.insert(1, xs[0] * 3.0)
    return xs[0] * xs[1] + np.sin(xs[2])


def grown_then_indexed(xs):
    xs.append(xs[1] ** 2)
    xs.extend([xs[0] * xs[1], 2.0])
    xs.insert(0, 0.5)
    return xs[3] * xs[1] + xs[-2] * xs[4] + len(xs)


# --- iteration over x.flat (read through the array, element by element) ---


def flat_loop(x):
    s = 0.0
    for v in x.flat:
        s = s + np.sin(v) * v
    return s


def flat_enumerated(x):
    return sum(np.cos(v) * (k + 1) for k, v in enumerate(x.flat)) + \
        np.sum([v * w for v, w in zip(x.flat, (x * x).flat, strict=True)])


def flat_of_a_rebound_name(x):  # (the loop runs over the array `y` held when it started)
    y = x * 2.0
    s = 0.0
    for v in y.flat:
        y = y * 0.5
        s = s + v * np.sum(y)
    return s


def flat_written_in_the_loop(x):  # (the iterator reads each element when it gets there)
    y = x * 2.0
    s = 0.0
    for v in y.flat:
        y[..., -1] += 0.5 * v
        s = s + v * v
    return s


# --- a local function called with *items (a list built in the function, or an array's rows) ---


def _scaled(a, b):  # (shadowed below by a local `def _scaled` of three parameters)
    return a - b


def local_spreads(x):  # (x of 3 rows; `_scaled` here shadows the module's)
    def _scaled(a, b, c):
        return a * np.sin(b) + c

    def affine(a, b=2.0, c=0.5):
        return a * b + c

    parts = [x[0], x[1] * 2.0, 1.0]
    s = np.sum(_scaled(*parts))
    pair = [x[2], np.cos(x[0])]
    s = s + np.sum(affine(*pair))
    return s + np.sum(_scaled(*x))


# --- a nested function's defaults, evaluated where it is defined (they were read at the call) ---


def defaults_read_at_the_def(x):
    def h(a, s=x, t=np.pi):
        return a * s + t

    g = lambda a, s=x * 2.0: a * s  # noqa: E731 (the lambda bound to a name is the form)

    def k(a, *, c=x):
        return a * c

    x = np.sin(x)
    total = np.sum(h(x) + g(x) + k(x) + h(x, x))
    for j in range(2):
        def m(a, c=j * x):
            return a * c

        x = x + 1.0
        total = total + np.sum(m(x))
    return total


def _rebinding_helper(x):
    def h(a, s=x):
        return a * s

    x = x * 2.0
    return h(x)


def defaults_in_a_helper(x):
    return np.sum(_rebinding_helper(x))


# --- left refused (with a hint that works) ---


def default_changed_in_place(x):  # (the default is the array `y` is: refused, not misread)
    y = x * 1.0

    def h(a, s=y):
        return a * s

    y *= 3.0
    return np.sum(h(x))


def flat_reversed(x):  # (Python raises TypeError: a flat iterator is not reversible)
    s = 0.0
    for v in reversed(x.flat):
        s = s * 0.5 + v
    return s


def grad_of_a_lambda(x, y):
    return np.sum(tangentish.grad(lambda z: np.sum(z * z * x))(y))


def grad_of_a_lambda_stored(x, y):
    step = tangentish.grad(lambda z: np.sum((z - x) ** 2))
    for _ in range(2):
        y = y - 0.1 * step(y)
    return np.sum(y * y)


def local_keywords(x):  # (lifted since: refusals12_zoo.local_keywords, checked against differences)
    def h(a, **kw):
        return a * kw["s"] + kw["t"]

    return np.sum(h(x, s=2.0, t=x))


def local_too_many(x):
    def h(a, b):
        return a * b

    return np.sum(h(x, x, x))


def grid_item_set(x):  # (lifted since: refusals12_zoo.grid_items_set)
    grid = [[0.0, 0.0], [0.0, 0.0]]
    grid[0][1] = x[0] * x[1]
    return grid[0][1] + grid[1][0]


def grid_item_added(x):  # (refused since by the check of in-place changes: test_refusals12.py)
    grid = [[x[0], x[1]], [x[1], x[0]]]
    for i in range(2):
        for j in range(2):
            grid[i][j] += x[i] * x[j]
    return grid[0][0] * grid[1][1]


def grid_row_put_back(x):  # (the rewrite the hint gives)
    grid = [[0.0, 0.0], [0.0, 0.0]]
    row = list(grid[0])
    row[1] = x[0] * x[1]
    grid[0] = row
    return grid[0][1] + grid[1][0] * np.sum(x)


def dict_of_a_constant_argument(x, opts):
    d = dict(a=x, **opts)
    return np.sum(d["a"] * d["s"])


def dict_display_of_a_constant_argument(x, opts):
    d = {**opts, "a": x}
    return np.sum(d["a"] * d["s"])


def _total(xs):
    return xs[0] + _total(xs[1:]) if xs else 0.0


def recursion_over_a_list(x):
    return _total([x[0], x[1] * x[2]])


def _squares(x):
    for v in x:
        yield v * v


def generator_summed(x):
    return sum(_squares(x))

"""Functions with control flow, written the way people write NumPy code (used by the tests)."""

import numpy as np


def if_else(x):
    if x > 0:
        y = x * x
    else:
        y = -x
    return y * 3.0


def if_elif_else(x):
    if x > 1.0:
        y = np.sin(x)
    elif x > -1.0:
        y = x ** 3
    else:
        y = np.exp(x)
    return y


def if_without_else(x, w):
    y = x * w
    if np.sum(y) > 0:
        y = y * y
    return np.sum(y)


def bool_ops(x, y):
    if x > 0 and y > 0 or not x < -5:
        z = x * y
    else:
        z = x + y
    return z


def chained(x):
    if -1.0 < x < 1.0:
        return x ** 2
    return 2.0 * x


def conditional_expression(x):
    y = x * 2.0 if x > 0 else np.cos(x)
    return y + (x if x < 3 else 3.0)


def for_constant(x):
    s = 0.0
    for i in range(4):
        s = s + np.sin(x * i)
    return s


def for_argument_bounds(x, n, m):
    s = x
    for i in range(n, m, 2):
        s = s * x + i
    return s


def for_zero_trips(x, n):
    s = x * 1.0
    for _ in range(n):
        s = s * 2.0
    return np.sum(s)


def for_rows(x, w):
    total = 0.0
    for row in x:
        total = total + np.tanh(row @ w)
    return total


def for_enumerate_zip(a, b):
    s = 0.0
    for i, (p, q) in enumerate(zip(a, b)):
        s = s + (i + 1) * p * q
    return s


def for_reversed(x):
    s = 0.0
    for v in reversed(x):
        s = s * 0.5 + v
    return s


def for_reversed_range(x):
    s = x
    for i in reversed(range(3)):
        s = s * x + i
    return s


def nested_loops(x):
    s = 0.0
    for i in range(3):
        for j in range(i + 1):
            s = s + np.sin(x[i] * x[j])
    return s


def loop_with_branch(x):
    s = 0.0
    for v in x:
        if v > 0:
            s = s + v * v
        else:
            s = s - np.exp(v)
    return s


def while_value(x):
    n = 0
    while x < 10.0:
        x = x * 1.5
        n = n + 1
    return x * n


def while_true_break(x):
    y = x
    while True:
        y = y * y
        if y > 100.0:
            break
    return y


def loop_break(x):
    s = 0.0
    for v in x:
        if v > 2.0:
            break
        s = s + v * v
    return s


def loop_continue(x):
    s = 0.0
    for v in x:
        if v < 0:
            continue
        s = s + np.sqrt(v)
    return s


def early_return_top(x):
    if x < 0:
        return -x
    y = x * x
    return y + 1.0


def early_return_in_loop(x):
    s = 0.0
    for v in x:
        s = s + v
        if s > 2.0:
            return s * 10.0
    return s


def early_return_nested(x):
    for i in range(3):
        for j in range(3):
            if x[i] * x[j] > 1.5:
                return x[i] * x[j]
    return np.sum(x)


def early_return_in_while(x):
    while x < 100:
        x = x * 3.0
        if x > 50:
            return x + 1.0
    return x


def running_product(x):
    p = 1.0
    for i in range(len(x)):
        p = p * x[i]
    return p


def comprehension(x):
    ys = [v * v for v in x if v > 0]
    return np.sum(np.array(ys))


def fill_loop(x):
    out = np.zeros(len(x))
    for i in range(len(x)):
        out[i] = np.sin(x[i]) * x[i]
    return np.sum(out * out)


def overwrite_copy(x):
    y = x.copy()
    y[1:3] = y[1:3] * 2.0
    z = np.tanh(y)
    y[0] = z[2]
    return np.sum(y * z)


def augmented_slices(x):
    y = np.zeros(3)
    y[0] += x[0] * 2
    y[1:] += x[1:3] ** 2
    y[1:] += x[1:3]
    return np.sum(np.exp(y))


def masked_update(x):
    y = x * 1.0
    y[x < 0] = 0.0
    return np.sum(y ** 2)


def list_of_rows(x):
    rows = []
    for i in range(x.shape[0]):
        rows.append(np.tanh(x[i]) * (i + 1))
    return np.sum(np.stack(rows) ** 2) + np.sum(np.concatenate(rows))


def running_max_update(x):
    best = np.zeros(x.shape[1])
    for row in x:
        best = np.maximum(best, row)
        best[0] = best[0] * 0.5
    return np.sum(best)


def helper(a, scale=2.0):
    return np.tanh(a) * scale


def pair(a, b):
    return a * b, np.sum(a + b)


def uses_helper(x, w):
    h = helper(x @ w)
    h2 = helper(h, scale=0.5)
    return np.sum(h2 ** 2)


def helper_in_loop(x):
    s = 0.0
    for i in range(3):
        s = s + helper(x * i, 1.5)
    return np.sum(s)


def tuple_helper(x, y):
    p, q = pair(x, y)
    return np.sum(p * q)


def helper_calls_helper(x):
    return np.sum(uses_helper(x, np.eye(3)) * helper(x))


def keyword_only(x, *, power=2):
    return np.sum(x ** power)


def calls_keyword_only(x):
    return keyword_only(x, power=3) + keyword_only(x)


def with_lambda(x, w):
    act = lambda t: np.tanh(t * w)  # noqa: E731
    return np.sum(act(x) + act(x * 2))


def with_nested_def(x):
    scale = np.sum(x)

    def g(t, p=2):
        if t.sum() > 0:
            return t ** p * scale
        u = np.exp(t)
        return u * scale

    return np.sum(g(x)) + np.sum(g(-x, p=3))


def nested_def_in_loop(x):
    def step(s, v):
        return s * 0.5 + np.sin(v)

    s = 0.0
    for v in x:
        s = step(s, v)
    return s


def outer_index_in_inner_loop(x, p):
    """The inner loop's adjoint reads ``p[k]``: ``k`` changes once per *outer* iteration."""
    k = 0
    while k < 3:
        k += 1
        count = 0
        while abs(x) < 3.0 and count < 1:
            count += 1
            x /= 1.0 + p[k] ** 2
    return x


def outer_value_in_inner_loop(x):
    """An outer iteration's value read inside an inner loop that runs zero times at first."""
    s = 0.0
    for i in range(4):
        t = np.sin(x[i])
        for j in range(i):
            s = s + t * x[j]
    return s


def returns_from_skipped_loops(x):
    """A return inside a loop that never runs, then one inside a loop that does."""
    k = 0
    while k < 0:
        k += 1
        return x
    for _ in reversed(range(3)):
        return 1.5 * x
    return x * 3


SCALES = [0.19, 0.12]  # a module-level list, as configuration often is


def gather_after_setitem(x):
    """The first derivative accumulates ``y``'s adjoint in place (``_rt.add_at``); its own
    derivative must still read the value from before that accumulation."""
    y = np.copy(SCALES)
    y[1] = x
    return np.sum(y[[0, 1]] - np.arcsinh(y))


def pops_items(x):
    """``xs.pop()`` as a statement and as a value: each mode must shorten the list (and its
    tangents or adjoints) in step."""
    items = [x, 2.0 * x, np.sin(x)]
    items.pop()
    last = items.pop()
    items.append(last * x)
    return np.sum(last * items[0]) + np.sum(items[-1])


def list_read_twice(x):
    """One list read whole (``np.array``) and by item: both adjoints of it must meet in one form."""
    parts = [x, 2.0 * x]
    for i in range(2):
        parts.append(np.sin(parts[-1]) * x[i])
    return np.sum(np.array(parts) ** 2) + parts[0][1] * 3.0 + sum(parts)[0]


def ragged_list(x):
    """A list whose items differ in shape (a vector, a number, a slice), grown in a loop, read by
    item, popped and summed with broadcasting."""
    parts = []
    for i in range(3):
        parts.append(x * (i + 1.0))
        parts.append(np.sum(x[i:]) * x[i])
    last = parts.pop()
    parts.append(last * x[1:])
    total = sum(parts[:2]) * parts[-2]
    return np.sum(total * parts[2]) + np.sum(parts[-1] ** 2)


def list_of_pairs(x):
    """A list of (vector, number) tuples, unpacked in a second loop."""
    pairs = []
    for i in range(3):
        pairs.append((np.cos(x) * x[i], x[i] ** 2))
    s = 0.0
    for v, c in pairs:
        s = s + np.sum(v * c)
    return s + np.sum(pairs[0][0] * pairs[-1][1])


def zip_strict(x):
    s = 0.0
    for a, b in zip(x, np.cos(x), strict=True):
        s = s + a * b
    return s


def enumerate_zip_strict(x):
    s = 0.0
    for i, (a, b) in enumerate(zip(x[::-1], x * 2, strict=True)):
        s = s + a * b * i
    return s


def zip_not_strict(x):
    s = 0.0
    for a, b in zip(x, x[1:], strict=False):
        s = s + np.sin(a) * b
    return s


def sum_of_generator(x):
    return sum(x[i] * v for i, v in enumerate(np.tanh(x)))


# `helper` keeps a derivative of its own (tests and goldens show one); the zoo's other module-level
# helpers are small enough to be inlined where they are called.  (Here at the end: lines above stay
# where the goldens' comments say they are.)
import tangentish  # noqa: E402

tangentish.checkpoint(helper)


def softstep(v, rate=0.5):
    return v - rate * np.tanh(v)


def inlined_in_loop(x):
    h = x
    for _ in range(3):
        h = softstep(h) * x
    return np.sum(h ** 2)


class Layer:
    """A layer object (see ``through_layers``)."""

    def __init__(self, w):
        self.w = w

    def __call__(self, x):
        return np.tanh(self.w * x)


LAYERS = [Layer(0.5), Layer(-1.5)]


def through_layers(x):
    # (unrolled: one copy of the body per layer, each call inlined; passes/object_loops.py)
    for layer in LAYERS:
        x = layer(x)
    return np.sum(x ** 2)

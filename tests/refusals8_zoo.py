"""Programs whose constructs refusals8 lifted (``test_refusals8.py``): ``itertools.pairwise`` and
``itertools.product``, ``**kw`` handed on by a helper."""

import itertools
from itertools import pairwise as pw
from itertools import product as prod

import numpy as np

# --- itertools.pairwise and itertools.product over differentiated values ---


def pairwise_loop(x):
    s = 0.0
    for a, b in itertools.pairwise(x):
        s = s + a * np.sin(b)
    return s


def pairwise_of_rows(m):
    return sum(np.sum(np.tanh(u) * v) for u, v in pw(m))


def pairwise_of_a_list(x):
    xs = [x[0] * 2.0, np.cos(x[1]), x[2] ** 2]
    return sum([(b - a) ** 2 for a, b in pw(xs)])


def shifted_zip(x):
    s = 0.0
    for a, b in zip(x[:-1], x[1:], strict=False):
        s = s + (b - a) ** 2 * a
    return s


def product_loop(x, y):
    s = 0.0
    for a, b in itertools.product(x, y):
        if a > b:
            continue
        s = s + np.sin(a) * b
    return s


def product_repeat(x):
    s = 0.0
    for t in prod(x, repeat=2):  # (one name for the pair)
        s = s + t[0] * np.exp(-t[1] ** 2)
    return s


def product_of_a_changing_list(x):
    xs = [x[0], x[1]]
    s = 0.0
    for a, b in prod(xs, xs):  # (product takes xs whole first: the appends are not visited)
        xs.append(a * b)
        s = s + a * b
    return s + xs[-1] * xs[-3]


def product_of_computed_factors(x):
    s = 0.0
    for i, a, b in prod(range(2), np.sin(x), x[1:]):
        s = s + x[i] * a * b
    return s


def product_comprehension(x):
    return sum([np.sin(a) * b for a, b in prod(x, x[1:]) if b > a])


def product_three_nested(x):
    total = 0.0
    for a in x:
        for b, c, d in prod(x[:2], [a, 1.0], x[1:]):
            total = total + a * b * c * d
    return total


# --- refused: a product loop that breaks (the nested form would leave only the inner loop) ---


def product_with_break(x):
    s = 0.0
    for a, b in prod(x, x):
        if a * b > 0.5:
            break
        s = s + a * b
    return s


# --- **kw handed on by a helper not inlined ---


def dense(x, w=1.0, b=0.0):
    return np.tanh(w * x + b)


def layer(x, **kw):
    return dense(x, **kw)


def kw_forwarded(x, w):
    return np.sum(layer(layer(x, w=w, b=0.3), w=w) ** 2)


# --- nonlocal in a local helper: the cell threaded through its calls as a value ---


def nonlocal_accumulator(x):
    total = 0.0

    def add(v):
        nonlocal total
        total = total + v

    for i in range(3):
        add(np.sin(x[i]) * x[i])
    add(x[0] ** 2)
    return total


def nonlocal_counter_and_value(x):
    count = 0
    acc = x[0]

    def step(v):
        nonlocal count, acc
        count += 1
        acc = acc * v + count * 0.1
        return acc * 2.0

    last = 0.0
    for v in x[1:]:
        if v > -5.0:
            last = step(v)
    while count < 4:
        step(np.cos(acc))
    return acc + last + count


def nonlocal_two_helpers(x):
    state = np.zeros_like(x)

    def push(v):
        nonlocal state
        state = 0.5 * state + v

    def decay():
        nonlocal state
        state = state * np.tanh(state)
        return np.sum(state)

    for k in range(3):
        push(x * (k + 1.0))
        s = decay()
    return s + np.sum(state ** 2)


def nonlocal_early_return(x):
    best = x[0]

    def keep(v):
        nonlocal best
        if v < best:
            return False
        best = v * 1.0
        return True

    kept = 0.0
    for v in x:
        took = keep(np.sin(v))
        if took:
            kept = kept + v
    return best * kept


def nonlocal_read_by_another_closure(x):
    total = 0.0

    def add(v):
        nonlocal total
        total = total + v

    def peek():  # (reads the cell as a closure: the latest value, as before)
        return total * 2.0

    s = 0.0
    for i in range(3):
        add(x[i] ** 2)
        s = s + peek() * x[i]
    return s


# --- refused: a nonlocal helper called inside an expression, or passed on ---


def nonlocal_in_an_expression(x):
    total = 0.0

    def add(v):
        nonlocal total
        total = total + v
        return total

    return add(x[0]) + add(x[1])


def nonlocal_passed_on(x):
    total = 0.0

    def add(v):
        nonlocal total
        total = total + v

    list(map(add, x))
    return total


# --- np.copyto into a basic slice of a local array: the slice's write ---


def copyto_every_other(x):
    y = np.zeros(2 * len(x))
    np.copyto(y[::2], np.sin(x))
    np.copyto(y[1::2], x * y[::2])
    return np.sum(np.cos(y) * np.arange(1.0, 2 * len(x) + 1))


def copyto_columns(m, r):
    y = np.ones((3, 4))
    np.copyto(y[:, 1:], m, casting="same_kind")
    np.copyto(y[..., :2], r)  # (a row broadcast over the first two columns)
    return np.sum(y ** 2 * np.tanh(y))


def copyto_into_ints(x):
    y = np.zeros(4, dtype=int)
    np.copyto(y[::2], x)  # (NumPy raises TypeError: float64 into int64 under same_kind)
    return np.sum(y[::2] * x)


# --- sorted() of a dict local: its keys' order known when the derivative is built ---


def sorted_dict_keys(x):
    d = {"b": x[0], "a": x[1] * 2.0, "c": np.sin(x[2])}
    s = 0.0
    for k in sorted(d):
        s = s * 2.0 + d[k]
    return s + sum([d[k] * len(k) for k in sorted(d.keys())])


def sorted_dict_items(x):
    d = {3: x[0], 1: x[1] * 2.0}
    d[2] = x[2] ** 2
    s = 0.0
    for k, v in sorted(d.items()):
        s = s * k + v
    return s


def sorted_mixed_keys(x):
    d = {"a": x[0], 1: x[1]}
    s = 0.0
    for k in sorted(d):  # (Python raises TypeError: str and int cannot be ordered)
        s = s + d[k]
    return s

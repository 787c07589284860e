"""Programs whose constructs refusals14 lifted (``test_refusals14.py``): a slice with a step of a
list the function builds assigned (refused as a change of length; now item by item, Python's
``ValueError`` kept), ``list.remove`` and ``list.clear`` (refused for want of a rule; now
``xs.pop(xs.index(v))`` and ``xs = xs[:0]``), ``np.divide.at`` and ``np.power.at`` (refused for
want of a rule; now a loop over the values each element gets), a division asked about in a
``try`` statement (refused as a statement that cannot be asked first; now ``operator.truediv``
asked), and the constructs left refused, each with a hint."""

import numpy as np

# --- a list's slice with a step assigned (or augmented); list.remove and list.clear ---


def list_changes(x):  # (x of 5: 3.0 equals no other item at this point)
    ys = [x[0], x[1], 3.0, x[3], x[4] * x[0]]
    ys[::2] = [x[4], x[1] * 2.0, np.sin(x[0])]
    ys[1:3] += [x[2]]  # (no step: the list grows by one)
    ys.remove(ys[1])  # (the item's own value: the first equal one goes)
    s = ys[0] * ys[1] + ys[2] * ys[3] + ys[-1] * len(ys)
    ys.clear()
    ys.append(x[0] ** 2)
    i = 0
    i = i + 1  # (a rebound index: insert(i, v) and pop(i) read it, not its first value)
    ys.insert(i, x[1])
    return s + ys[0] * ys[1] + ys.pop(i) * len(ys)


# --- np.divide.at and np.power.at (a repeated index applies them in turn) ---


def divide_at(x):  # (x of 4; np.power.at: power_at_a_constant)
    a = x[:3] * 2.0 + 1.0
    np.divide.at(a, np.array([0, 0, 2]), x[1:4] ** 2 + 0.5)
    return np.sum(a ** 2)


def power_at_a_constant(x, t):  # (t not under wrt: written in the derivative's private copy)
    np.power.at(t, [1, 1], x[:2])  # (t[1] ** x[0] ** x[1])
    return np.sum(t)


# --- a division asked about in a `try` statement ---


def try_divide(x):  # (x of 3)
    a, b = x[0], x[1]
    try:
        r = a / b
    except ZeroDivisionError:
        r = 0.0
    try:
        r = r ** 2.0  # (a power)
        t = x[2] / x[0]  # (items read: no ArithmeticError comes from a read)
    except OverflowError:
        r = t = 1e300
    zero = 0.0
    try:
        q = 1.0 / zero  # (Python numbers: ZeroDivisionError, the clause runs; a NumPy number
    except (ZeroDivisionError, OverflowError):  # divided by 0.0 is inf, and warns)
        q = x[2] * 3.0
    else:
        q = q + 1.0
    return r * a + q * b + t


# --- iterators bound to a name; the columns of zip(*rows) into one name ---


def iterators(x):  # (x of 6)
    m = map(np.sin, x[:3])
    z = zip(x[:3], x[3:], strict=True)
    return sum(m) + sum([a * b for a, b in z])


def iterators_taken_in_turn(x):  # (x of 4; grad and jvp against differences)
    r = reversed(x)
    first = next(r)
    f = filter(lambda v: v > -10.0, x)  # (every item kept at this point)
    total = max(f) * 1.0
    for i, v in enumerate(r):  # (what reversed has left)
        total = total + first * v * i
    rows = [x[:2], x[2:] * 2.0]
    for col in zip(*rows, strict=True):
        total = total + col[0] * col[1]
    return total + sum(np.prod(c) for c in zip(*rows, strict=True))


# --- enumerate over a dict local's keys (sorted or not), in a comprehension and a loop ---


def enumerated_dict(x):  # (x of 3)
    d = {"b": x[0], "a": x[1] * 2.0, "c": np.sin(x[2])}
    total = sum([d[k] * i for i, k in enumerate(sorted(d))])
    for j, (k, v) in enumerate(d.items(), 1):
        total = total + v * v * j * len(k)
    return total


# --- left refused (with a hint that works) ---


def try_divide_computed(x):  # (an operand computed in the block: it may raise there too)
    try:
        r = x[0] / (x[1] - x[2])
    except ZeroDivisionError:
        r = 0.0
    return r


def divide_at_float32(x):  # (NumPy computes in float64 and casts back at each step)
    a = x.astype(np.float32)
    np.divide.at(a, [0, 0], x[:2])
    return np.sum(a)


def list_slice_of_step_one(x):  # (a step of 1 with another number of items: a length change)
    ys = [x[0], x[1], x[2]]
    s = 1
    ys[0:2:s] = [x[2]]
    return ys[0]


def map_read_twice(x):  # (the second sum finds nothing left: Python's 0)
    m = map(np.sin, x)
    return sum(m) + sum(m)


def map_lambda_rebound(x):  # (the lambda reads scale when sum calls it: 3.0)
    scale = 2.0
    m = map(lambda v: v * scale, x)  # noqa: C417
    scale = 3.0
    return sum(m)


def columns_changed_in_the_loop(x):  # (zip reads the rows as the loop runs)
    rows = [list(x[:3]), list(x[3:])]
    total = 0.0
    for col in zip(*rows, strict=True):
        total = total + col[0] * col[1]
        rows[1][2] = 5.0
    return total

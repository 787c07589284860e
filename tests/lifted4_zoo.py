"""Refusals refusals4 lifted, each as rows of :mod:`idioms15_check` (value, grad,
value_and_grad, vjp, jvp and hvp against central differences; tests/test_lifted4.py), with a
point on each path of its branches."""

from __future__ import annotations

import numpy as np
from idioms15_check import Case


def changed_after_a_return_in_a_branch(x):
    """``s`` is bound in both branches, but one of them returns early first: where ``e -= e``
    runs, ``s`` (the same value) was called maybe unbound and its check refused (fuzz 5110/68).
    It is now bound to the placeholder on entry, so the check runs; a number shares nothing."""
    if x > 0.5:
        if x > 2.0:
            return x * x
        s = np.sin(x)
    else:
        s = np.cos(x) * x
    e = s
    e -= e
    return s * x + e


def changed_after_a_return_in_a_loop(x):
    if x > 0.5:
        if x > 2.0:
            return x * x
        s = np.fmin(np.sin(x), -x)
    else:
        s = -(x * 3.0)
    t = 0.0
    for _i in range(2):
        e = s
        e -= e * 0.5
        t = t + e * x
    return s * t


CASES = [Case(f"{fn.__name__} at {x}", fn, (x,)) for fn in (
    changed_after_a_return_in_a_branch, changed_after_a_return_in_a_loop)
    for x in (0.3, 1.1, 2.5)]


def zip_items_changed_in_a_loop(x, v):
    """Items of a zip over an array rebound by an outer loop changed in place: where they are
    rows (a 2-D array), the gradient writes them back and restores them from its tape, which
    the points-to facts say may hold the array, so its second order was refused (fuzz
    5118/118); it is now checked at run time against what the tape holds."""
    r = v * x
    s = 0.0
    for _ in range(2):
        r = np.sin(r) * x
        for a, b in zip(r, v, strict=True):
            a -= a * 0.5
            s = s + np.sum(a * np.tanh(b))
    return s + np.sum(r * r)


def zip_items_of_the_argument(v):
    r = v * 1.0
    w = np.cos(v)
    t = 0.0
    for _ in range(2):
        r = np.sin(r) + r
        for a, b in zip(r, w, strict=True):
            a *= 0.5 + b
            t = t + np.sum(a * a)
    return t + np.sum(r * w)


def zip_items_zeroed(x, v):
    r = v * x
    for _ in range(2):
        r = np.sin(r) * x
        for a, _b in zip(r, v, strict=True):
            a -= a
    return np.sum(r * v)


_V1, _V2 = np.array([0.4, -0.7, 0.2, 0.9]), np.array([[0.4, -0.7], [0.2, 0.9], [-0.3, 0.5]])
CASES += [Case(f"zip_items_changed_in_a_loop {v.ndim}-d", zip_items_changed_in_a_loop,
               (0.6, v)) for v in (_V1, _V2)]
CASES += [Case(f"zip_items_zeroed {v.ndim}-d", zip_items_zeroed, (0.6, v))
          for v in (_V1, _V2)]
CASES += [Case(f"zip_items_of_the_argument {v.ndim}-d", zip_items_of_the_argument, (v,))
          for v in (_V1, _V2)]


RATES = [0.5, 1.5, 2.0]
SCALES = np.array([0.3, -0.2, 0.7])
ROWS = [np.array([1.0, 2.0]), np.array([0.5, -1.0])]


def list_copy_of_a_module_list(lr):
    """``list(RATES)`` is a new list of the module list's items: writing an item replaces it in
    the copy, never in ``RATES`` (it was refused as maybe writing into ``RATES``)."""
    c = list(RATES)
    c[0] = lr
    c[2] = c[2] * lr
    return c[0] * c[1] + np.sin(c[2])


def list_copy_of_module_arrays(x):
    c = list(ROWS)
    c[0] = x * 2.0
    return np.sum(c[0] * c[1]) + np.sum(np.tanh(x) * c[-1])


def list_of_a_module_array_scaled(x):
    """The items of a 1-D array are numbers: ``c[0] *= x`` rebinds the item of the new list."""
    c = list(SCALES)
    c[0] *= x
    c[1] = c[1] + x * x
    return c[0] * c[1] + c[2] * np.cos(x)


CASES += [Case(fn.__name__, fn, (arg,)) for fn, arg in (
    (list_copy_of_a_module_list, 0.7), (list_copy_of_module_arrays, np.array([0.4, -0.3])),
    (list_of_a_module_array_scaled, 0.6))]


def an_item_of_a_module_list_changed(x):
    """An item of the copy is the module's own array: ``c[1] *= x`` would write into it."""
    c = list(ROWS)
    c[1] *= x  # refused
    return np.sum(c[0] * c[1])


def an_item_of_a_module_list_copied_as_the_hint_says(x):
    c = list(ROWS)
    c[1] = c[1].copy()
    c[1] *= x
    return np.sum(c[0] * c[1])


def an_item_of_a_module_list_rebound_as_the_hint_says(x):
    c = list(ROWS)
    c[1] = c[1] * x
    return np.sum(c[0] * c[1])


REFUSED = [an_item_of_a_module_list_changed]
CASES += [Case(fn.__name__, fn, (0.7,)) for fn in (
    an_item_of_a_module_list_copied_as_the_hint_says,
    an_item_of_a_module_list_rebound_as_the_hint_says)]


class Layer:
    def __init__(self, w):
        self.w = w

    def activation(self, z):
        return np.tanh(z)

    def forward(self, x):
        return self.activation(self.w @ x)


class Scaled(Layer):
    def activation(self, z):
        return 2.0 * super().activation(z) + 0.1 * z


class Shifted(Scaled):
    def forward(self, x):
        return super().forward(x) + np.sum(self.w, axis=1)


_W = np.array([[0.5, -0.3, 0.2], [0.1, 0.4, -0.6]])
NET = [Layer(_W), Scaled(_W * 1.5), Shifted(-_W.T @ _W)]


def layers_calling_super(x):
    """``super().activation(z)`` in a method of a module's object inlined: the method Python's
    ``super()`` finds from the object's class, its ``self`` read as the object (it was refused:
    the object's class is not known here)."""
    h = NET[0].forward(x[:3])
    return np.sum(NET[1].forward(x[:3]) * h[0]) + np.sum(NET[2].forward(x) ** 2)


def a_loop_over_layers_calling_super(x):
    s = 0.0
    for layer in NET[1:]:
        s = s + np.sum(layer.activation(x) * x)
    return s


CASES += [Case(fn.__name__, fn, (np.array([0.3, -0.6, 0.8]),)) for fn in (
    layers_calling_super, a_loop_over_layers_calling_super)]


class Clipped(Layer):
    def activation(self, z):
        y = z * 1.0
        y[0] = 0.0
        return np.tanh(y)


class ClippedTwice(Clipped):
    def activation(self, z):
        return super().activation(z) * 2.0

    def loss(self, x):
        return np.sum(self.forward(x) ** 2)


CLIPPED = ClippedTwice(_W)


def super_finding_a_method_not_inlined(x):
    """``super().activation(z)`` finds a method that is not inlined (it changes an array in
    place): called as ``Clipped.activation(CLIPPED, z)`` with a derivative of its own (the
    generated code called ``super()``, which has no ``__class__`` cell there: a RuntimeError
    for a bound method differentiated, a refusal for a module's object)."""
    return np.sum(CLIPPED.forward(x))


CASES += [Case(fn.__qualname__, fn, (np.array([0.3, -0.6, 0.8]),)) for fn in (
    super_finding_a_method_not_inlined, CLIPPED.loss)]


# Refusals whose words named the transform's names or hinted what would not work (refusals4
# item 5), each beside the program its hint makes (a row of CASES: it works).
def list_changed_through_one_name(x):
    ps = [x, x * 2.0]
    qs = ps
    ps += [x * 3.0]  # refused
    return qs[0] * qs[2] + ps[1]


def list_read_through_the_name_changed(x):  # (the hint: read the list as 'ps' after the change)
    ps = [x, x * 2.0]
    ps += [x * 3.0]
    return ps[0] * ps[2] + ps[1]


def array_changed_through_its_copy(x):
    s = np.sin(x)
    e = s
    e -= e * 0.5  # (refused until stop 59: s is changed too, as in Python)
    return np.sum(s * x + e)


def array_copied_where_made(x):  # (the hint: `e = s.copy()` where it is made)
    s = np.sin(x)
    e = s.copy()
    e -= e * 0.5
    return np.sum(s * x + e)


def dict_entry_changed_through_a_name(x):
    cfg = {"w": x * 1.0, "b": 2.0}
    w = cfg["w"]
    w += 1.0  # (refused until stop 59: cfg["w"] is changed too)
    return np.sum(cfg["w"] * x) * cfg["b"]


def dict_entry_copied(x):  # (the hint: change a copy of 'w')
    cfg = {"w": x * 1.0, "b": 2.0}
    w = cfg["w"].copy()
    w += 1.0
    return np.sum(cfg["w"] * x * w) * cfg["b"]


WORDS = {  # refused program: (what its message and hint say, what they must not say)
    list_changed_through_one_name: (
        ["the list 'ps' is changed in place", "'qs', the same list (`qs = ps`)",
         "read the list as 'ps' after this line"], ["ps = ps +", "new array"]),
}
CASES += [Case(fn.__name__, fn, (np.array([0.4, -0.7]),)) for fn in (
    list_read_through_the_name_changed, array_copied_where_made, dict_entry_copied,
    array_changed_through_its_copy, dict_entry_changed_through_a_name)]
CASES += [Case(list_read_through_the_name_changed.__name__ + " float",
               list_read_through_the_name_changed, (0.4,))]

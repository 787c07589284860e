"""Functions that sibling modes once disagreed on, or might: a method of a global array whose
result a later statement makes active (``Z = C.copy()`` then ``Z[i] = x``), a call its rule cannot
take made of constants (``max(C.tolist())``).  Such a call is a constant where it is made, so no
mode may ask for its rule; ``tests/test_mode_agreement.py`` checks that
every mode accepts or refuses each function alike, ``tests/test_soundness.py`` the gradients."""

import numpy as np

C = np.array([[0.74, 0.46, -0.16, -0.96], [0.69, 0.33, -0.67, 0.43], [-0.21, 0.38, 0.87, -0.39]])
L = [0.5, -1.5, 2.0]


def copy_then_row(x):
    Z = C.copy()
    Z[-2] = np.cumsum(x)
    return np.sum(Z * Z) + Z[-1, 0]


def copy_then_other_row(x):  # seed 95, program 232 of the fuzzer, shrunk by hand
    Z = C.copy()
    Z[-2] = np.cumsum(x * 0.5)
    return np.hypot(Z[-1, -4], 2.0) + np.sum(x[1:] ** 2)


def astype_then_augmented(x):
    Z = C.astype(np.float64)
    Z += x
    return np.sum(np.sin(Z))


def take_then_item(x):
    Z = C.take([0, 2], axis=1)
    Z[1, 1] = x[0] * x[3]
    return np.sum(Z ** 2)


def copy_in_loop(x):
    s = 0.0
    for i in range(3):
        Z = C[i].copy()
        Z[i] = x[i] ** 2
        s = s + np.dot(Z, x)
    return s


def copy_in_branch(x):
    if x[0] > 0.0:
        Z = C[1].copy()
        s = x[0] * 2.0
    else:
        Z = C[2].copy()
        s = 1.0
    Z[1:3] = np.tanh(x[1:3])
    return np.sum(Z * x) * s


def list_copy(x):
    M = L.copy()
    M[1] = x[2]
    return M[0] * M[1] + np.sum(x)


def method_of_active(x):  # np.dot's rule in every mode (the bound C.dot once had none)
    return np.sum(C.dot(x) ** 2)


def unknown_method_of_constant_active_later(x):  # ndarray.round: constant here, so accepted
    Z = C.round(1)
    Z[0] = x
    return np.sum(Z ** 2)


def max_of_constant_dead(x):  # builtin max of one iterable: its rule takes max(a, b), but no mode
    _m = max(C[0].tolist())  # differentiates this call, so none binds it to the rule
    return np.sum(x ** 2)


def max_of_constant_scaled(x):
    m = max(C[0].tolist())
    return np.sum(x ** 2) * m


def max_of_constant_filled(x):
    Z = np.full(4, max(C[1].tolist()))
    Z[2] = x[2] ** 2
    return np.sum(Z * x)


def max_of_active_list(x):  # Python's loop, in every mode (passes/extremes.py)
    values = [x[0], x[1]]
    return max(values) * 2.0

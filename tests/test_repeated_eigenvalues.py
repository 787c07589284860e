"""``eigh``, ``svd``, ``eig`` (and SciPy's ``eigh``, ``orth``) at repeated eigenvalues or singular
values, exact or split only by rounding (``Q diag(1, 1, 3) Q^T``: ``1 - 1e-16`` and ``1``).

The coupling of a repeated pair is the convention's 0 only where the loss does not weigh it; two
values that rounding split apart were not seen as repeated (``1 / 4e-16`` times the coupling's
rounding error: the polar factor's gradient 1.1 off, a projector's 1.09), and a loss that depends
on the basis LAPACK chose inside the eigenspace got a number where it has no derivative (reverse
mode now raises, ``_rt.basis_free``), and so does one reading both the eigenvalue and its
eigenvectors (``V @ np.diag(f(w)) @ V.T``, silently wrong before: a 0/0 limit).  References:
central differences, and the closed form of ``d trace(A^(1/2)) = A^(-1/2) / 2`` at distinct
eigenvalues (Daleckii-Krein's divided differences with ``f = sqrt``)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla

import tangentish
from tangentish.errors import UnsupportedValueError

RNG = np.random.default_rng(2554)
Q = np.linalg.qr(RNG.standard_normal((3, 3)))[0]
Q2 = np.linalg.qr(RNG.standard_normal((3, 3)))[0]
E = RNG.standard_normal((3, 3))
S = E + E.T
D = np.tril(RNG.standard_normal((3, 3)))  # (eigh reads the lower triangle)


def polar(a):
    u, _, vh = np.linalg.svd(a)
    return np.sum((u @ vh) * E)


def projector(a):  # the eigenspace of the repeated pair, through its projector
    _, v = np.linalg.eigh(a)
    return np.sum((v[:, :2] @ v[:, :2].T) * S)


def scipy_projector(a):
    _, v = sla.eigh(a)
    return np.sum((v[:, :2] @ v[:, :2].T) * S)


def first_vector(a):  # depends on the basis chosen inside the repeated pair's eigenspace
    _, v = np.linalg.eigh(a)
    return np.sum(v[:, 0] * S[0])


def first_singular_vector(a):
    u, _, _ = np.linalg.svd(a)
    return np.sum(u[:, 0] * E[0])


def first_eig_vector(a):
    _, v = np.linalg.eig(a)
    return np.sum(v[:, 0] * E[0])


def trace_sqrt(a):
    w, v = np.linalg.eigh(a)
    return np.trace(v @ np.diag(np.sqrt(w)) @ v.T)


def scipy_exp(a):  # (a function of the matrix: its derivative at a repeated value is 0/0 here)
    w, v = sla.eigh(a)
    return np.sum(((v * np.exp(w)) @ v.T) * S)


def svd_square_root(a):  # u diag(f(s)) vh: rewritten, _rt.svd_function
    u, s, vh = np.linalg.svd(a)
    return np.sum((u @ np.diag(np.sqrt(s)) @ vh) * E)


def svd_read_together(a):  # the singular values and vectors read together, not rewritten
    u, s, vh = np.linalg.svd(a)
    return np.sum((u @ (np.sqrt(s)[:, None] * vh)) * E)


def identity_at_zero(a):  # v diag(w) v^T is a: v's cotangent is 0 by value at the zero matrix
    w, v = np.linalg.eigh(a)  # (a form passes/spectral_functions.py does not rewrite)
    return np.sum((v @ (w[:, None] * v.T)) * S)


def exp_scaled(a):  # rewritten: one _rt.eigh_function call, Daleckii-Krein's derivative
    w, v = np.linalg.eigh(a)
    return np.sum(((v * np.exp(w)) @ v.T) * S)


def identity_diag(a):
    w, v = np.linalg.eigh(a)
    return np.sum((v @ np.diag(w) @ v.T) * S)


def eigenvalue_cubes(a):  # tr(A^3): smooth, but its Hessian at a repeated value is Daleckii-Krein's
    return np.sum(np.linalg.eigvalsh(a) ** 3)


def _central(fn, a, step=1e-6):
    return (fn(a + step * D) - fn(a - step * D)) / (2 * step)


ROUNDED = Q @ np.diag([1.0, 1.0, 3.0]) @ Q.T  # the pair split by rounding only


@pytest.mark.parametrize("fn, a", [(polar, Q @ Q2.T), (projector, ROUNDED),
                                   (scipy_projector, ROUNDED)])  # (exact repeats: the svd file)
def test_basis_free_losses_at_repeated_values(fn, a):
    reference = _central(fn, a)
    assert abs(np.sum(tangentish.grad(fn)(a) * D) - reference) < 1e-7
    assert abs(tangentish.jvp(fn)(a, a_dot=D)[1] - reference) < 1e-7


@pytest.mark.parametrize("fn, a", [(first_vector, ROUNDED), (first_vector, np.eye(3)),
                                   (first_singular_vector, Q @ Q2.T),
                                   (first_eig_vector, np.diag([1.0, 1.0, 2.0])),
                                   (scipy_exp, ROUNDED)])
def test_a_loss_on_the_chosen_basis_is_refused(fn, a):
    with pytest.raises(UnsupportedValueError, match="repeated"):
        tangentish.grad(fn)(a)


_MODES = {"grad": lambda fn, a: tangentish.grad(fn)(a),
          "jvp": lambda fn, a: tangentish.jvp(fn)(a, a_dot=D),
          "vjp": lambda fn, a: tangentish.vjp(fn)(a)[1](1.0),
          "hvp": lambda fn, a: tangentish.hvp(fn)(a, D)}


@pytest.mark.parametrize("fn, a, modes", [
    (trace_sqrt, np.diag([2.0, 2.0, 3.0]), ("hvp",)),
    (svd_read_together, np.diag([2.0, 2.0, 1.0]), ("grad", "jvp")),
    (svd_square_root, np.diag([2.0, 2.0, 1.0]), ("hvp",)),
    (identity_at_zero, np.zeros((3, 3)), ("grad", "jvp")),
    (eigenvalue_cubes, np.eye(3), ("hvp",))])
def test_values_and_vectors_read_together_are_refused_in_every_mode(fn, a, modes):
    """Silently wrong before (jvp of a spectral function, svd's u diag(f(s)) vh in every mode,
    the zero matrix's 0 cotangent, and second derivatives of eigenvalue sums: 23 off at I; of
    singular values' too, the same _rt.values_weight)."""
    for mode in modes:
        with pytest.raises(UnsupportedValueError, match="repeated"):
            _MODES[mode](fn, a)


NEAR = Q @ np.diag([2.0, 2.0 + 1e-9, 3.0]) @ Q.T  # (distinct, though close: hvp too)


@pytest.mark.parametrize("fn, a", [(trace_sqrt, np.diag([2.0, 2.0, 3.0])),
                                   (exp_scaled, ROUNDED), (exp_scaled, NEAR),
                                   (identity_diag, np.zeros((3, 3))),
                                   (svd_square_root, Q @ np.diag([2.0, 2.0, 1.0]) @ Q2.T)])
def test_functions_of_the_matrix_are_daleckii_krein_at_repeated_values(fn, a):
    """Refused (or silently wrong in jvp) before; exact now, in grad, jvp and vjp."""
    reference = _central(fn, a)  # (its rounding error: a few eps of f's value over the step;
    tolerance = 1e-7 + 32 * np.finfo(float).eps * abs(fn(a)) / 1e-6  # 1.1e-7 off for an exp
    for mode in ("grad", "vjp"):  # of value 86 on one OpenBLAS build)
        assert abs(np.sum(_MODES[mode](fn, a) * D) - reference) < tolerance, mode
    assert abs(_MODES["jvp"](fn, a)[1] - reference) < tolerance
    if fn is exp_scaled and a is NEAR:  # (second order: the divided differences' own derivative)
        gradient = tangentish.grad(fn)
        expected = (gradient(a + 1e-5 * D) - gradient(a - 1e-5 * D)) / 2e-5
        np.testing.assert_allclose(_MODES["hvp"](fn, a), expected, atol=1e-5)


def test_eigenvalue_sums_second_order_at_distinct_values():
    a = Q @ np.diag([1.0, 2.0, 4.0]) @ Q.T
    gradient = tangentish.grad(eigenvalue_cubes)
    reference = (gradient(a + 1e-6 * D) - gradient(a - 1e-6 * D)) / 2e-6
    np.testing.assert_allclose(tangentish.hvp(eigenvalue_cubes)(a, D), reference, atol=1e-6)


def test_spectral_function_at_distinct_eigenvalues_is_daleckii_krein():
    a = Q @ np.diag([1.0, 2.0, 4.0]) @ Q.T
    w, v = np.linalg.eigh(a)
    half = v @ np.diag(0.5 / np.sqrt(w)) @ v.T  # d trace(sqrt(A)) = A^(-1/2) / 2
    expected = np.tril(2 * half) - np.diag(np.diag(half))  # (folded onto the lower triangle)
    np.testing.assert_allclose(tangentish.grad(trace_sqrt)(a), expected, rtol=1e-10, atol=1e-12)


def smallest(a):
    return np.linalg.eigvalsh(a)[0]


def middle_of_eigh(a):  # the values of eigh, its vectors unread
    return np.linalg.eigh(a)[0][1]


def largest_singular(a):
    return np.linalg.svd(a, compute_uv=False)[0]


def _group_mean(values, group):  # smooth where the group is apart from the rest: the reference
    return lambda a: np.mean(values(a)[group])


def _half_projector(a):  # the gradient of the mean of the lowest two, folded on the lower triangle
    v = np.linalg.eigh(a)[1][:, :2]
    gradient = v @ v.T / 2
    return np.tril(2 * gradient) - np.diag(np.diag(gradient))


@pytest.mark.parametrize("fn, a, reference, modes", [
    (smallest, ROUNDED, _group_mean(np.linalg.eigvalsh, slice(0, 2)), ("grad", "hvp")),
    (middle_of_eigh, np.eye(3), _group_mean(np.linalg.eigvalsh, slice(0, 3)), ("grad", "jvp")),
    (largest_singular, Q @ np.diag([2.0, 2.0, 1.0]) @ Q2.T,
     _group_mean(lambda a: np.linalg.svd(a, compute_uv=False), slice(0, 2)), ("vjp", "jvp"))])
def test_a_repeated_value_gets_its_groups_mean_in_every_mode(fn, a, reference, modes):
    """A value of a repeated group was v v^T of the vector LAPACK chose (``eigvalsh(np.eye(3))[0]``
    got e0 e0^T); now the group's mean (its projector over its size), basis-free: the derivative
    of the group's mean value, which is smooth there, so central differences are the reference."""
    for mode in modes:
        if mode == "hvp":  # (the derivative of the projector over the group's size)
            expected = np.sum((_half_projector(a + 1e-5 * D) - _half_projector(a - 1e-5 * D))
                              / 2e-5 * D)
            assert abs(np.sum(_MODES[mode](fn, a) * D) - expected) < 1e-6
            continue
        result = _MODES[mode](fn, a)
        value = result[1] if mode == "jvp" else np.sum(result * D)
        assert abs(value - _central(reference, a)) < 1e-8, mode

"""Writes through a view (a basic subscript) or another name of a local array: each is either
differentiated right in every mode or refused at the line marked ``# refused``, as before.  Used
by tests/test_view_writes.py (arguments: a vector of 12)."""

import numpy as np


def view_scale(x):
    y = x * 1.0
    v = y[:2]
    v *= 3.0
    return np.sum(y ** 2)


def flip_view(x):
    y = x * 1.0
    r = y[::-1]
    r[0] += y[0] * 2
    return np.sum(y ** 2)


def rows(x):
    A = x.reshape(3, 4) * 1.0
    for i in range(3):
        row = A[i]
        row -= row.mean()
    return np.sum(A ** 3)


def alias_add(x):
    y = x.reshape(-1) * 2.0
    z = y
    z += x ** 2
    return np.sum(y * x)


def alias_element(x):
    y = np.zeros(12)
    z = y
    y += x
    z[1] = z[0] * z[2]
    return np.sum(y ** 2) + np.sum(z * x)


def base_write_rereads_view(x):
    y = np.sin(x.reshape(12))
    v = y[1:]
    y[1] *= 3.0
    return np.sum(v ** 2) + np.sum(y)


def strided_element(x):
    y = x * 1.0
    v = y[1::2]
    v[-1] = v[0] * v[2]
    v[1] -= y[-1]
    return np.sum(y ** 2)


def column(x):
    A = x.reshape(3, 4) * 1.0
    col = A[:, 1]
    col[0] += A[2, 3]
    col *= col[2]
    return np.sum(A ** 2)


def named_bounds(x):
    y = x * 1.0
    n = 3
    v = y[n:n + 4]
    v -= y[0] * v
    return np.sum(y ** 3)


def two_views(x):
    y = x * 1.0
    a = y[:6]
    b = y[6:]
    a *= b
    return np.sum(y ** 2) + np.sum(b * a)


def windows_in_loop(x):
    y = x * 1.0
    for k in range(4):
        v = y[k:k + 3]
        v += x[k] * v
    return np.sum(y ** 2)


def row_elements(x):
    A = x.reshape(3, 4) * 1.0
    for i in range(3):
        row = A[i]
        row[0] = row[1] * row[2]
        row[1:3] *= row[3]
    return np.sum(A ** 2)


def alias_of_view(x):
    y = x * 1.0
    v = y[2:5]
    w = v
    w *= 2.0
    w[0] /= 1.0 + y[3] ** 2
    return np.sum(y ** 2) + np.sum(v)


def row_of_matrix(x):
    A = np.reshape(x, (3, 4)) * 2.0
    r = A[1]
    r[1:] += r[0]
    return np.sum(np.sin(A))


WORKS = [view_scale, flip_view, rows, alias_add, alias_element, base_write_rereads_view,
         strided_element, column, named_bounds, two_views, windows_in_loop, row_elements,
         alias_of_view, row_of_matrix]


def _touch(a):
    return np.sum(a * 2.0)


def rebound_base(x):
    y = x.reshape(-1) * 1.0
    v = y[:2]
    old = y
    y = y * 2.0
    v *= 3.0  # refused
    return np.sum(old ** 2) + np.sum(y)


def rebound_index_name(x):
    y = x * 1.0
    n = 1
    v = y[n:]
    n = 2
    v *= 3.0  # refused
    return np.sum(y ** 2) + n


def passed_to_a_call(x):
    y = x * 1.0
    v = y[:2]
    s = _touch(v)
    v *= 3.0  # refused
    return np.sum(y ** 2) + s


def held_by_a_list(x):
    y = x * 1.0
    v = y[:2]
    pair = [v, y]
    v *= 3.0  # refused
    return np.sum(pair[1] ** 2)


def index_of_unknown_kind(x, k):
    A = x.reshape(3, 4) * 1.0
    row = A[k]
    row *= 3.0  # refused
    return np.sum(A ** 2)


def made_in_a_branch(x):
    y = x * 1.0
    if x[0] > 0:
        v = y[:2]
        v *= 2.0
    else:
        v = y[2:4]
    v *= 3.0  # refused
    return np.sum(y ** 2)


def view_of_a_view(x):
    y = x * 1.0
    v = y[2:]
    w = v[:2]
    w *= 3.0  # refused
    return np.sum(y ** 2)


def slice_of_a_slice(x):
    y = x * 1.0
    v = y[2:]
    v[1:3] *= 2.0  # refused
    return np.sum(y ** 2)


def base_rebound_in_a_loop(x):
    y = x * 1.0
    v = y[:2]
    for _ in range(2):
        v *= 2.0  # refused
        y = y * 1.5
    return np.sum(y ** 2) + np.sum(v)


def view_made_in_a_loop(x):
    y = x * 1.0
    for k in range(3):
        v = y[k:k + 2]
        v *= 1.5
    v *= 2.0  # refused
    return np.sum(y ** 2)


def alias_of_unproven_kind(x):  # (refused before idioms29; differentiated since under the test
    y = x * 2.0  # that y is an ndarray: a float x's `z += ...` rebinds z alone)
    z = y
    z += x ** 2
    return np.sum(y * x)


def shape_changed(x):
    y = x * 1.0
    v = y[:4]
    v.shape = (2, 2)  # refused (and its write after is not followed)
    v *= y[4:6]
    return np.sum(y ** 2)


REFUSED = [rebound_base, rebound_index_name, passed_to_a_call, held_by_a_list,
           index_of_unknown_kind, made_in_a_branch, view_of_a_view, slice_of_a_slice,
           base_rebound_in_a_loop, view_made_in_a_loop, shape_changed]


def element_is_a_copy(x):
    y = x * 1.0
    e = y[0]  # (y may be a vector: y[0] a number, which `*=` rebinds alone)
    e *= 3.0
    return np.sum(y) + e


def rebound_base_unused(x):
    y = x * 1.0
    v = y[:2]
    y = y * 2.0
    v *= 3.0
    return np.sum(y) + np.sum(v ** 2)


def view_read_after_base_write_in_loop(x):  # (was refused: tests/test_taped_views.py)
    y = x * 2.0
    s = 0.0
    for _ in range(2):
        t = y[0:2]
        s = s + np.sum(np.sin(t))  # the adjoint reads t (taped)
        y[0:1] += x[1:2] * 0.5
        s = s + np.sum(t * t)  # and so does the primal, after the change
    return s


def written_in_a_loop(x):
    y = x * 1.0
    v = y[:2]
    for k in range(3):
        v *= np.cos(y[k + 2])
        v[-1] -= v[0] * y[k]
    return np.sum(y ** 2)


def written_in_a_branch(x):
    A = np.reshape(x, (3, 4)) * 1.0
    col = A[:, 2]
    z = A
    if x[0] > 0.0:
        col *= 2.0
    else:
        z[1, 1:] += col[0]
    return np.sum(A ** 2) + np.sum(col)


WORKS += [written_in_a_loop, written_in_a_branch, element_is_a_copy, rebound_base_unused,
          view_read_after_base_write_in_loop, alias_of_unproven_kind]


def read_by_a_closure(x):  # (a closure that only reads: refused before refusals3, fuzz 5013/139)
    y = x * 1.0
    v = y[:2]
    scaled = lambda: v * 2.0  # noqa: E731
    v *= 3.0
    return np.sum(y ** 2) + np.sum(scaled())


def base_read_by_a_closure_called_between(x):
    y = x * 1.0
    v = y[::2]
    spread = lambda: np.var(y) + v[0]  # noqa: E731
    s = spread()
    v *= np.tanh(x[1])
    return np.sum(y ** 2) + s * spread()


WORKS += [read_by_a_closure, base_read_by_a_closure_called_between]


def written_by_a_closure(x):
    y = x * 1.0
    v = y[:2]

    def bump():
        y[3] = v[0] * 2.0

    bump()
    v *= 3.0  # refused
    return np.sum(y ** 2)


REFUSED += [written_by_a_closure]


def alias_read_by_a_closure(x):
    y = np.zeros(12)
    y += x
    z = y
    scaled = lambda: z * 2.0  # noqa: E731
    z[0] = y[1] * 3.0  # (not rewritten: the lambda's `z` is followed by the copy propagation)
    return np.sum(y ** 2) + np.sum(scaled())


WORKS += [alias_read_by_a_closure]


def rows_of_the_argument(x):  # (writes into the caller's array: copied on entry, as `x[0] = e`)
    A = x.reshape(3, 4)
    row = A[1]
    row *= 2.0
    row[0] -= A[2, 0]
    return np.sum(A ** 2)


def loop_over_a_view_written(x):  # (was refused: tests/test_second_order_aliasing.py)
    y = x * 1.0
    s = 0.0
    for v in y[0:2]:
        y[1] = y[1] + v
        s = s + v * y[0]
    return s


WORKS += [rows_of_the_argument, loop_over_a_view_written]


def rebound_by_unpacking(x):  # (fuzz seed 3101 program 124: was refused, the base unpacked later)
    g = x * 1.0
    w = g[::-1]
    w /= 1.0 + np.sum(x) ** 2
    w, g = (g, w * g)
    return np.sum(g ** 2) + np.sum(w * x)


def made_by_unpacking(x):
    y, k = (x.reshape(3, 4) * 1.0, 2)
    row = y[1]
    row *= np.sin(x[:4])
    return np.sum(y ** 2) * k


def rebound_by_a_ufunc(x):  # (fuzz seed 3103 program 56: any ufunc's result is an array)
    z = x * 1.0
    w = z[1::2]
    w[-2] -= w[0] * np.tanh(np.sum(x))
    s = np.sum(z * x)
    z = np.log10(np.abs(np.arcsin(0.5 * np.sin(z))) + 0.5)
    return s + np.sum(np.logaddexp(z, x) ** 2)


WORKS += [rebound_by_unpacking, made_by_unpacking, rebound_by_a_ufunc]


def unpacked_argument(x):  # (was refused: y's kind unproven, rewritten under an ndarray test)
    y, k = (x, 2.0)
    v = y[:2]
    v *= k
    return np.sum(y ** 2)


WORKS += [unpacked_argument]


def _unknown(a):
    return a


def rebound_later(x):  # (fuzz seed 3101 program 61: only the binding the write sees counts)
    y = x * 1.0
    r = y[:3]
    r *= np.tanh(x[:3])
    s = np.sum(y * x)
    for layer in (np.sin, np.cos):
        y = layer(y)
    y = _unknown(y)
    return s + np.sum(y)


def alias_rebound_later(x):  # (fuzz seed 3105 program 27: z = y * 1.0 may be a number)
    y = np.array(x)
    z = y
    z -= z.mean()
    t = np.array(z)
    for _ in range(2):
        y, t = (t, y * t)
    y = t * 1.0
    return np.sum(t * y * x)


WORKS += [rebound_later, alias_rebound_later]


# (both were refused, the kind of ``y`` unproven: now rewritten under an ndarray test)
def bound_in_a_branch(x):
    y = x
    if x[0] > 0.0:
        y = x * 1.0
    v = y[:2]
    v *= 3.0
    return np.sum(y ** 2)


def rebound_at_the_end_of_a_loop(x):
    y = x * 1.0
    for _ in range(2):
        v = y[:2]
        v *= 3.0
        y = _unknown(y)
    return np.sum(y ** 2)


WORKS += [bound_in_a_branch, rebound_at_the_end_of_a_loop]


# Bases whose kind is unproven (a copy of the argument, which may be a list; a row of an array of
# unknown rank, which may be a number): the write moved onto the base under an ndarray test.
def view_of_a_copied_argument(x):
    y = x.copy()
    v = y[1:]
    v *= 2.0
    return np.sum(y ** 2) + np.sum(v)


def row_of_unknown_rank(x):
    A = np.array(x)
    B = A * 1.0
    row = B[0]  # (a number if x is a vector: `row *= ` then rebinds it alone)
    row *= 3.0
    return np.sum(B * A) + row


WORKS += [view_of_a_copied_argument, row_of_unknown_rank]


def proven_and_guarded_views(x):  # (a slice of B proven a view; B[0] only when B is 2-d or more)
    B = x * 1.0
    w = B[1:]
    row = B[0]
    w *= 2.0
    return np.sum(B ** 2) + np.sum(row * x[0])


WORKS += [proven_and_guarded_views]


# Views of a whole array that are views whatever its layout (`y.T`, `.mT`, `.transpose()`,
# `.diagonal()`), read again after a write into the array (refused before).
def transposed_then_written(x):
    P = np.outer(x[:4], x[:4])
    Q = P.T
    P[0, 1] = x[2] ** 2
    return np.sum(Q * Q)


def diagonal_then_written_in_a_loop(x):
    A = np.outer(x[:3], x[3:6])
    d = A.diagonal()
    T = A.transpose()
    for i in range(3):
        A[i, i] = np.sin(x[i])
    return np.sum(d * x[:3]) + np.sum(T @ x[:3])


WORKS += [transposed_then_written, diagonal_then_written_in_a_loop]


def written_through_a_transpose(x):  # (written on P's positions: P[1, 0])
    P = np.outer(x[:3], x[:3])
    Q = P.T
    Q[0, 1] = 3.0 * x[0]
    return np.sum(P * x[:3])


WORKS += [written_through_a_transpose]


def element_updated_twice(x):  # (x[0] of a 1-d x is a number, rebound by `s += x` to an array:
    s = x[0]  # the second update's test took that array for a view of x and wrote x[0]: wrong)
    s += x
    s *= x[1]
    return np.sum(s)


def element_updated_then_base_written(x):  # (the base write reads s again where it is a view)
    y = x * 1.0
    s = y[0]
    s += y
    y[1] = 2.0 * s[2]
    return np.sum(y ** 2) + np.sum(s)


def element_updated_then_viewed_again(x):
    B = x.reshape(3, 4) * 1.0
    s = B[0]  # (a view here: B is 2-d)
    s *= 2.0
    s += B[1]
    return np.sum(B ** 2) + np.sum(s * x[:4])


WORKS += [element_updated_twice, element_updated_then_base_written,
          element_updated_then_viewed_again]


# A write into a view the target makes, `y.reshape(3, 4)[1, 2] = e`, is the view named first and
# then written (passes/view_targets.py; the fence refused it as an item of an item): followed
# where the named view's write is, else refused at its line as the named one is.

def written_through_a_reshape(x):
    y = x.copy()
    y.reshape(3, 4)[1, 2] = x[0] * x[5]
    y.reshape(-1)[3] = np.sin(y[2])
    return np.sum(y * y)


def row_of_a_reshape_scaled(x):
    y = x * 1.0
    y.reshape(3, 4)[1] *= np.cos(x[:4])  # refused
    return np.sum(y ** 2)


REFUSED += [row_of_a_reshape_scaled]  # (written_through_a_reshape: test_view_writes, one mode)

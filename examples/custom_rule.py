"""Writing your own derivative rule.

Two reasons to write one: the function has no Python source tangentish can read (a C extension, a
ufunc made with np.frompyfunc, a library call), or it has one but you know a better derivative
(more stable, cheaper).  Most rules are one line: the partial derivative of an elementwise function
(``elementwise``), or the adjoint of a linear map (``linear``); tangentish writes both the adjoint
(reverse mode) and the tangent (forward mode) from it.  A rule that needs more is a template: Python
that is parsed, never run.  ``d[x]`` is the derivative of ``x``; the first parameter is the result,
the others are the function's own parameters.

Run with:  python examples/custom_rule.py
"""

import numpy as np

import tangentish
from tangentish.extend import d, elementwise, linear, rule


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softplus(x):
    """log(1 + exp(x)), written the naive way; the rule below differentiates it stably."""
    return np.log1p(np.exp(x))


# dy/dx in terms of the argument x (and the result y).  `sigmoid` is a name of this module:
# generated code receives it, nothing is copied around.
elementwise(softplus, lambda y, x: sigmoid(x))


# A function with no Python source at all: tangentish cannot read it, so it needs a rule.  Here it
# is written out in full, both templates, as `elementwise(cube, lambda y, x: 3.0 * x * x)` would.
cube = np.frompyfunc(lambda v: v * v * v, 1, 1)


@rule(cube)
class Cube:
    def adjoint(y, x):
        d[x] = d[y] * 3.0 * x * x

    def tangent(y, x):
        d[y] = d[x] * 3.0 * x * x


def shift_right(x, k):
    """A linear map in its first argument: its derivative is itself, its transpose shifts left."""
    return np.concatenate([np.zeros(k), x[: len(x) - k]])


def shift_left(g, k):
    return np.concatenate([g[k:], np.zeros(k)])


# The adjoint of x from the result's adjoint d[y]; the tangent is shift_right itself.
linear(shift_right, lambda y, x, k: shift_left(d[y], k))


def model(x):
    return np.sum(softplus(x) * np.asarray(cube(x), dtype=float)) + np.sum(shift_right(x, 1) ** 2)


def main() -> None:
    x = np.linspace(-1.0, 1.0, 4)
    dmodel = tangentish.grad(model)
    print("gradient:", dmodel(x))
    print(dmodel.source)
    report = tangentish.check_grads(model, (x,), modes=("rev", "fwd"))
    print("check_grads:", "ok" if report.ok else "FAILED")


if __name__ == "__main__":
    main()

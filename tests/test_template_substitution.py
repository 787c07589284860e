"""A rule template that rebinds its own names (``g = g[[2, 0, 1]]``, a slice by a list literal)
and the supports pass (passes/supports.py ``guard``), which reads such a name as what it was
bound to (:func:`tangentish.passes.supports_made.substituted`) to find where a contribution may
be non-zero.

Before, the value put in for a name was walked again, so ``g = g[[2, 0, 1]]`` put ``g`` in again
and again: ``grad`` never returned.  A chain of such names (``a = g[..]; b = a[..]; ...``) was
expanded once per use, each level copied again.  Now each name is expanded once, as it is bound,
from the names before it; what is put in is not walked again.  The tests count the nodes copied
(``build.clone`` calls made by ``substituted``), not the time: a chain of ``n`` names costs a
constant per link, at first and at second order (reverse over reverse), and the derivatives are
checked against central differences.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, numeric_jacobian

import tangentish
from tangentish.passes import supports, supports_made
from tangentish.syntax import build

TEMPLATE = """
import numpy as np
from tangentish.extend import d, rule


def spun(x):  # x[[1, 2, 0]], {n} times
    for _ in range({n}):
        x = x[[1, 2, 0]]
    return x


@rule(spun)
class Spun:
    def adjoint(r, x):
        g = d[r]
{links}
        d[x] = g

    def tangent(r, x):
        d[r] = spun(d[x])


def f(x):
    return np.sum(np.sqrt(np.maximum(spun(x), 0.25)) * np.array([1.0, 2.0, 3.0]))
"""

LIMIT = 20_000  # clone calls: far above any chain here (a hang is reported, not waited for)


@pytest.fixture
def clones(monkeypatch):
    """The number of ``build.clone`` calls ``substituted`` makes (raises past :data:`LIMIT`)."""
    count = [0]
    real_clone, real_substituted = build.clone, supports_made.substituted

    def counted_clone(node):
        count[0] += 1
        if count[0] > LIMIT:
            raise RuntimeError("substituted copies without end")
        return real_clone(node)

    def counted(value, temporaries, shared=False):
        monkeypatch.setattr(supports_made.build, "clone", counted_clone)
        try:
            return real_substituted(value, temporaries, shared)
        finally:
            monkeypatch.setattr(supports_made.build, "clone", real_clone)

    monkeypatch.setattr(supports, "substituted", counted)
    return count


def _derivatives(tmp_path, n: int, count: list[int], second: bool) -> int:
    """Transform and check ``grad`` of ``f`` with a chain of ``n`` links (and reverse over
    reverse, if ``second``); the clone calls made."""
    links = "\n".join("        g = g[[2, 0, 1]]" for _ in range(n))
    module = module_from_text(tmp_path, f"spun_{n}", TEMPLATE.format(n=n, links=links))
    x = np.array([0.1, 0.9, 1.6])  # (x[0] below 0.25: maximum picks 0.25, sqrt' not read)
    count[0] = 0
    grad = tangentish.grad(module.f)
    assert count[0] > 0  # (the supports read the template's names: the path under test ran)
    np.testing.assert_allclose(grad(x), numeric_jacobian(module.f, [x], 0), rtol=1e-6, atol=1e-8)
    if second:
        _, pullback = tangentish.vjp(grad)(x)
        w = np.array([0.5, -1.0, 2.0])
        np.testing.assert_allclose(pullback(w), w @ numeric_jacobian(grad, [x], 0), rtol=1e-5,
                                   atol=1e-7)
    return count[0]


def test_rebinding_chain_costs_its_length(tmp_path, clones):
    counts = [_derivatives(tmp_path, n, clones, False) for n in (1, 2, 3)]
    assert counts[2] - counts[1] == counts[1] - counts[0], counts  # (linear in n)


def test_rebinding_chain_at_second_order(tmp_path, clones):
    assert _derivatives(tmp_path, 4, clones, True) < 2_000

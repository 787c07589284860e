"""A rule template's keyword that mentions a parameter the call site did not pass: dropped only
where it hands the parameter on as it is (the callee's default then stands for it), kept with the
parameter's default wherever it computes from it (``axis=_rt.quantile_axes(q, a, axis)``: dropping
that one made ``np.quantile(x, [0.2, 0.9])``'s adjoint sum over every axis)."""

import gast
import numpy as np
import pytest

import tangentish.rules  # noqa: F401  (registers the rules)
from tangentish import runtime
from tangentish.registry import REGISTRY
from tangentish.syntax.build import nodes
from tangentish.syntax.template_plan import NONE_KEEPING, _hands_on


def _keywords():
    for (kind, op), template in sorted(REGISTRY.templates.items(), key=lambda kv: str(kv[0])):
        placeholders = set(template.placeholders)
        for stmt in template.body:
            for node in nodes(stmt):
                if isinstance(node, gast.Call):
                    for keyword in node.keywords:
                        names = {n.id for n in nodes(keyword.value)
                                 if isinstance(n, gast.Name)} & placeholders
                        if names:
                            yield kind, getattr(op, "__name__", str(op)), keyword, placeholders


def test_only_keywords_that_hand_a_parameter_on_are_dropped():
    dropped = [(kind, name, keyword.arg) for kind, name, keyword, placeholders in _keywords()
               if _hands_on(keyword.value, placeholders)
               and not isinstance(keyword.value, (gast.Name, gast.Subscript))]
    # every dropped call goes through a helper that gives None for None
    for kind, name, arg in dropped:
        assert arg in ("axes", "axis"), (kind, name, arg)
    assert {("adjoint", "transpose", "axes")} <= set(dropped)
    kept = [(kind, name, keyword.arg) for kind, name, keyword, placeholders in _keywords()
            if not _hands_on(keyword.value, placeholders)]
    assert ("adjoint", "quantile", "axis") in kept and ("tangent", "percentile", "axis") in kept


@pytest.mark.parametrize("helper", sorted(NONE_KEEPING))
def test_none_keeping_helpers_give_none_for_none(helper):
    assert getattr(runtime, helper)(None) is None
    assert getattr(runtime, helper)((1,)) is not None


def test_quantiles_of_several_q_over_every_axis():
    import tangentish as tg

    x = np.array([0.4, 2.0, 1.1, 0.7, 1.6])
    q = [0.2, 0.9]

    def f(x):
        y = np.quantile(x, q)
        return y[0] + 2.0 * y[1]

    step, grad = 1e-6, np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = step
        grad[i] = (f(x + e) - f(x - e)) / (2 * step)
    np.testing.assert_allclose(tg.grad(f)(x), grad, atol=1e-6)
    _, tangent = tg.jvp(f)(x, x_dot=np.arange(5.0))
    np.testing.assert_allclose(tangent, grad @ np.arange(5.0), atol=1e-6)


def test_each_template_node_is_compiled_once():
    """A plan has one maker per template node: the form of a call that drops keywords reuses
    the makers of its copy (compiling its children again doubled a call's subtree at every
    level of nesting: ``np.sum(_rt.unbroadcast(np.multiply(g, x), y))``'s innermost call 8
    times; plans are kept for the process's life, and its full collections walk them)."""
    from tangentish.syntax.template_plan import _Compiler

    class Counting(_Compiler):
        def maker(self, node):
            seen.append(id(node))
            return super().maker(node)

    nested = 0
    for template in REGISTRY.templates.values():
        seen: list[int] = []
        Counting(template).statements(template.body)
        assert len(seen) == len(set(seen)), template
        nested += any(isinstance(n, gast.Call) and any(isinstance(m, gast.Call) for m in
                                                       nodes(n) if m is not n)
                      for s in template.body for n in nodes(s))
    assert nested > 100  # (the form at risk is common)

"""The grouped cache-hit predicate (syntax/hit_check.py) answers what checking each dependency
alone answers, for the function's own names and for the helpers it calls (grouped per helper)."""

import numpy as np
import pytest
from helpers import module_from_text as _module

import tangentish
from tangentish.cache import _slot
from tangentish.syntax.hit_check import all_hold

HELPERS = """
    import numpy as np
    SCALE = 2.0
    def far(x, k=1.0, *, m=1.0):
        return np.tanh(x) * SCALE * k * m
"""

MAIN = """
    import numpy as np
    import helpers_far
    from helpers_far import far
    SHIFT = 0.5
    def near(x):
        return np.sin(x) + SHIFT
    def f(x, w=3.0):
        return np.sum(near(x) * far(x)) * w + np.sum(helpers_far.far(x))
"""


def _mutations(main, far):
    """(what changes, the object, the attribute, the new value, whether the derivative holds)."""
    other = lambda x: x  # noqa: E731
    return [
        ("nothing", main, "SHIFT", main.SHIFT, True),
        ("a float global's value (read when called)", main, "SHIFT", 1.5, True),
        ("a global's type", main, "SHIFT", 1, False),
        ("the function's np", main, "np", type(np)("np"), False),
        ("a helper", main, "near", other, False),
        ("a helper's global's value, in another module", far, "SCALE", 3.0, True),
        ("a helper's global's type, in another module", far, "SCALE", 3, False),
        ("the helper module's np", far, "np", type(np)("np"), False),
        ("a helper's code", main.near, "__code__", other.__code__, False),
        ("a helper's defaults", far.far, "__defaults__", (2.0,), False),
        ("a helper's keyword defaults", far.far, "__kwdefaults__", None, False),
        ("a module the function reads", main, "helpers_far", type(np)("helpers_far"), False),
        ("the function's defaults", main.f, "__defaults__", (4.0,), False),
    ]


@pytest.mark.parametrize("index", range(13))
def test_grouped_answer_is_each_dependencys_answer(tmp_path, monkeypatch, index):
    monkeypatch.syspath_prepend(str(tmp_path))
    far = _module(tmp_path, "helpers_far", HELPERS)
    monkeypatch.setitem(__import__("sys").modules, "helpers_far", far)
    main = _module(tmp_path, "helpers_main", MAIN)
    x = np.linspace(-1.0, 1.0, 4)
    tangentish.grad(main.f)(x)
    (bound,) = {id(b): b for b in _slot(main.f).entries.values()}.values()  # (and its alias)
    deps = (*bound.transform.dependencies, *bound.binding)
    assert any(dep.owner is not None for dep in deps)  # helpers' own resolutions are there
    what, target, name, value, holds = _mutations(main, far)[index]
    monkeypatch.setattr(target, name, value)
    one_by_one = all(dep.holds(main.f) for dep in deps)
    assert all_hold(deps)(main.f) is one_by_one, what
    assert bound.holds(main.f) is one_by_one, what
    assert one_by_one is holds, what


SAME_MODULE = """
    import numpy as np
    def inner(z, k=1.0):
        return np.tanh(z) * k
    def outer(x):
        return np.sum(inner(x) * inner(2.0 * x))
"""


def test_a_helper_named_by_a_global_is_checked_through_it(tmp_path, monkeypatch):
    """A cache hit reads the global ``inner`` anyway: the helper's ``__code__`` and defaults are
    compared as that global's attributes, with no look-up of the helper of its own (a helper
    group costs a weak reference's call and a second pass over plans on every cached grad())."""
    from tangentish.syntax.hit_check import plans_of

    monkeypatch.syspath_prepend(str(tmp_path))
    main = _module(tmp_path, "helpers_same", SAME_MODULE)
    x = np.linspace(-1.0, 1.0, 4)
    tangentish.grad(main.outer)(x)
    (bound,) = {id(b): b for b in _slot(main.outer).entries.values()}.values()
    deps = (*bound.transform.dependencies, *bound.binding)
    assert any(dep.owner is not None for dep in deps)
    own, helpers, _ = plans_of(deps)
    assert helpers == ()
    assert bound.holds(main.outer)
    monkeypatch.setattr(main.inner, "__defaults__", (2.0,))
    assert not bound.holds(main.outer)
    assert not all(dep.holds(main.outer) for dep in deps)

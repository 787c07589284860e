"""The grouped cache-hit predicate (syntax/hit_check.py) answers what checking each dependency
alone answers, for the function's own names and for the helpers it calls (grouped per helper)."""

import builtins

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
    def farther(x, k=0.5):
        return np.sin(x) * k
"""

MAIN = """
    import numpy as np
    import helpers_far
    from helpers_far import far
    SHIFT = 0.5
    def near(x):
        return np.sin(x) + SHIFT
    def _closed_over(act):
        def closed(z):
            return act(z) * 2.0
        return closed
    CLOSED = _closed_over(np.cos)
    def f(x, w=3.0):
        total = np.sum(near(x) * far(x)) * w + np.sum(helpers_far.far(x))
        for _ in range(2):
            total = total + np.sum(helpers_far.farther(x)) + np.sum(CLOSED(x))
        return total
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
        ("a builtin shadowed by a global", main, "range", lambda n: (0,), False),
        ("the builtin itself", builtins, "range", lambda *a, real=range: real(*a), False),
        ("a global the function reads, gone", main, "SHIFT", None, False),
        ("a helper's closure cell", main.CLOSED.__closure__[0], "cell_contents", np.sin, False),
        ("a helper reached through its module only: its code", far.farther, "__code__",
         other.__code__, False),
        ("... its defaults", far.farther, "__defaults__", (2.0,), False),
        ("... its module's np", far, "np", type(np)("np"), False),
    ]


@pytest.mark.parametrize("index", range(20))
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
    if value is None:
        monkeypatch.delattr(target, name)
    else:
        monkeypatch.setattr(target, name, value, raising=False)
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


def test_the_table_reaches_every_form_the_compiled_check_says(tmp_path, monkeypatch):
    """The mutations above go through each form :func:`_text` writes: the function's plans, a
    helper's group (a helper reached through its module only), a global's type (the function's
    and a helper's), a name missing from the globals, a builtin, and a call of a dependency's own
    check; only a closure cell and keyword defaults are such calls (each ~0.3 us of a cached
    grad())."""
    from tangentish.syntax.hit_check import _text, plans_of
    from tangentish.syntax.scope import ABSENT, BUILTIN, CLOSURE, GLOBAL, ITEMS, SAME, TYPE

    monkeypatch.syspath_prepend(str(tmp_path))
    far = _module(tmp_path, "helpers_far", HELPERS)
    monkeypatch.setitem(__import__("sys").modules, "helpers_far", far)
    main = _module(tmp_path, "helpers_main", MAIN)
    tangentish.grad(main.f)(np.linspace(-1.0, 1.0, 4))
    (bound,) = {id(b): b for b in _slot(main.f).entries.values()}.values()
    deps = (*bound.transform.dependencies, *bound.binding)
    own, helpers, others = plans_of(deps)
    assert own and helpers
    forms = {(d.scope, d.kind, d.owner is None) for d in others}
    assert {(GLOBAL, ABSENT, True), (BUILTIN, SAME, True), (GLOBAL, TYPE, True),
            (GLOBAL, TYPE, False), (CLOSURE, SAME, False), ("function", ITEMS, False)} <= forms
    text = _text(own, helpers, others, {})
    calls = text.count("(fn)") - text.count("builtins_of(fn)") - text.count("def holds(fn)")
    assert calls == sum(1 for d in others if d.scope == CLOSURE or d.kind == ITEMS) == 2, text

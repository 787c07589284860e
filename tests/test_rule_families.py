"""Rule families imported on demand (issue 12: a first ``grad()`` imports only the rules its
function may ask about).

``tangentish.rules.ON_DEMAND`` names, per family, the ``__name__`` of every key it registers; the
registry imports a family on the first question finding no rule about a key of one of those
names.  That is only right while the lists are complete (a key missing from them would be
unknown until something else imported its family: a missing rule, or a silently constant
value), so the first test reads every family's registrations in a fresh process.  The others
check that a fresh process loads a family at the question that needs it, with a user's earlier
rule still winning, and that loading it leaves earlier derivatives current.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from helpers import numeric_grad

from tangentish.registry import ADJOINT, REGISTRY, Registry
from tangentish.rules import ON_DEMAND


def _fresh(tmp_path, text: str) -> object:
    env = {"PYTHONPATH": ":".join(p for p in sys.path if p), "TANGENTISH_SOURCE_DIR": ""}
    script = tmp_path / "fresh.py"  # (a file: grad() reads the functions' source)
    script.write_text(textwrap.dedent(text))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            cwd=tmp_path, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_key_of_a_family_on_demand_has_a_listed_name(tmp_path):
    found = _fresh(tmp_path, """
        import importlib, json
        from tangentish.registry import ADJOINT, REGISTRY, Registry
        import tangentish.rules as rules

        names, owner, twice = {}, dict.fromkeys(REGISTRY.versions, "(always)"), []
        for family in rules.ON_DEMAND:
            before = dict(REGISTRY.versions)
            importlib.import_module(f"tangentish.rules.{family}")
            keys = [k for k, v in REGISTRY.versions.items() if before.get(k) != v]
            names[family] = sorted(str(getattr(k, "__name__", repr(k))) for k in keys)
            twice += [f"{k!r}: {owner[k]}, {family}" for k in keys if k in owner]
            owner.update(dict.fromkeys(keys, family))
        print(json.dumps([names, twice]))
    """)
    found, twice = found
    # no two families register one key (the registry asks no family about a key it has:
    # registry.Registry._provide_named, so a second family's would be read or not by chance)
    assert twice == []
    for family, listed in ON_DEMAND.items():
        assert found[family], family  # (it registers something: the index is not empty words)
        # every key it registers has a listed name (a listed name may name a function another
        # NumPy has and this one lacks: `np.trapezoid` and NumPy 2's `np.linalg` functions
        # before 2.0, `np.row_stack` after 2.4)
        assert set(found[family]) <= set(listed.split()), family


def test_a_family_loads_at_the_first_question_about_its_keys(tmp_path):
    got = _fresh(tmp_path, """
        import json, sys
        import numpy as np
        import tangentish
        from tangentish.registry import ADJOINT, REGISTRY, Registry

        def plain(x):
            return np.sum(np.tanh(x) * x)

        def sorted_loss(x):
            s = np.sort(x * x)
            return np.sum(s * np.arange(s.shape[0])) + np.median(x)

        def forms(x):  # (lowered to _rt.extremum_from and _rt.log_sum_exp: rules/runtime_forms)
            return np.max(x * x, initial=0.5) + np.logaddexp.reduce(x)

        tangentish.grad(plain)
        before = ("tangentish.rules.numpy_gather" in sys.modules, REGISTRY.generation)
        x = np.array([0.3, -1.2, 0.7, 2.1, -0.4])
        got = tangentish.grad(sorted_loss)(x)
        after = ("tangentish.rules.numpy_gather" in sys.modules, REGISTRY.generation)
        lowered = tangentish.grad(forms)(x)
        print(json.dumps([before[0], after[0], before[1] == after[1], got.tolist(),
                          lowered.tolist(), "tangentish.rules.runtime_forms" in sys.modules]))
    """)
    before, after, same_generation, gradient, lowered, forms_loaded = got
    assert not before and after and same_generation and forms_loaded

    def forms(x):
        return np.max(x * x, initial=0.5) + np.logaddexp.reduce(x)

    def sorted_loss(x):
        s = np.sort(x * x)
        return np.sum(s * np.arange(s.shape[0])) + np.median(x)

    x = np.array([0.3, -1.2, 0.7, 2.1, -0.4])
    np.testing.assert_allclose(gradient, numeric_grad(sorted_loss, (x,)), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(lowered, numeric_grad(forms, (x,)), rtol=1e-6, atol=1e-7)


def test_a_users_rule_made_before_its_family_loads_wins(tmp_path):
    got = _fresh(tmp_path, """
        import json
        import numpy as np
        import tangentish
        from tangentish.extend import non_differentiable

        non_differentiable(np.sort)  # (the family registering np.sort is not imported yet)

        def loss(x):
            return np.sum(np.sort(x) * x)

        x = np.array([0.3, -1.2, 0.7])
        print(json.dumps(tangentish.grad(loss)(x).tolist()))
    """)
    assert got == np.sort(np.array([0.3, -1.2, 0.7])).tolist()  # d/dx of sort(x) * x, sort held


def test_families_on_demand_are_all_known_to_a_listing():
    listed = {getattr(key, "__name__", None) for _, key in REGISTRY.templates}
    assert {"sort", "median", "inv", "nansum", "pad", "split"} <= listed
    assert "trapezoid" in listed or not hasattr(np, "trapezoid")  # (NumPy 2.0's name)


def test_a_named_family_that_fails_to_import_fails_at_every_question():
    registry = Registry()
    registry.add_named_provider("tangentish.rules._no_such_family", "sort")
    for _ in range(2):  # (its names stay: never a key left unknown after a failed import)
        with pytest.raises(ModuleNotFoundError):
            registry.lookup(ADJOINT, np.sort)


def test_a_key_only_named_like_a_familys_keys_is_asked_about_once():
    registry = Registry()  # (the family registers into REGISTRY: nothing into this one)
    registry.add_named_provider("tangentish.rules.numpy_gather", "sort")

    def sort(x):  # (a function of the user's with a rule's name)
        return x

    assert registry.lookup(ADJOINT, sort) is None and not registry.named
    assert not registry.known(np.sort)


def test_a_key_a_family_registered_asks_no_named_family_and_a_users_key_does():
    registry = Registry()
    registry.add_named_provider("tangentish.rules._no_such_family", "sort")
    registry.add_pending(ADJOINT, np.sort, lambda: None)  # (as a family of tangentish's does)
    assert not registry.is_nondifferentiable(np.sort)  # (np.sum's question: no import)

    def sort(x):  # (a function of the user's, declared by the user: asked as before)
        return x

    registry.add_nondifferentiable(sort)
    with pytest.raises(ModuleNotFoundError):
        registry.is_singular(sort)


@pytest.mark.parametrize("how", ["key", "trigger", "named"])
def test_a_question_asked_while_another_thread_imports_the_rules_waits_for_them(
        tmp_path, monkeypatch, how):
    # The first thread to ask imports the family; a second asking meanwhile must wait for it,
    # not find "no rule" (a missing rule, or a key the derivative would take for unknown).
    import threading
    import time
    import types

    registry = Registry()
    slow = tmp_path / "tg_slow_family.py"
    slow.write_text("import time\nimport tg_slow_keys\ntime.sleep(0.4)\n"
                    "tg_slow_keys.REGISTRY.add_nondifferentiable(tg_slow_keys.tg_key)\n")
    keys = types.ModuleType("tg_slow_keys")
    exec("def tg_key(x):\n    return x\n", keys.__dict__)
    keys.tg_key.__module__ = "tg_slow_keys"
    keys.REGISTRY = registry
    monkeypatch.setitem(sys.modules, "tg_slow_keys", keys)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "tg_slow_family", raising=False)
    if how == "key":
        registry.add_key_provider("tg_slow_keys", "tg_slow_family")
    elif how == "trigger":
        registry.add_provider("tg_slow_keys", "tg_slow_family")
    else:
        registry.add_named_provider("tg_slow_family", "tg_key")
    answers = []

    def ask():
        answers.append(registry.is_nondifferentiable(keys.tg_key))

    first = threading.Thread(target=ask)
    first.start()
    time.sleep(0.1)  # (the first thread is inside the family's import)
    ask()
    first.join()
    assert answers == [True, True]


def test_the_runtime_helpers_rules_loading_leave_earlier_derivatives_current(tmp_path):
    # The rules of tangentish's runtime helpers load at the first question about one of them
    # (an hvp differentiates generated code).  No question about such a key was answered before,
    # so loading them changes no answer: the registry's generation stays, and a gradient built
    # before still specializes (it did not: its calls ran the generic derivative from then on).
    got = _fresh(tmp_path, """
        import json, sys
        import numpy as np
        import tangentish
        from tangentish.registry import REGISTRY

        def loss(x):
            return np.sum(np.tanh(x) * x)

        x = np.array([0.3, -1.2, 0.7])
        gradient = tangentish.grad(loss)
        before = ("tangentish.rules.runtime_families" in sys.modules, REGISTRY.generation)
        product = tangentish.hvp(loss)(x, np.ones(3))
        after = ("tangentish.rules.runtime_families" in sys.modules, REGISTRY.generation)
        gradient(x), gradient(x)
        print(json.dumps([before[0], after[0], before[1] == after[1],
                          "_rt.seed" in gradient.source_for(x), gradient(x).tolist(),
                          product.tolist()]))
    """)
    loaded_before, loaded_after, same_generation, seed_checked, gradient, product = got
    assert not loaded_before and loaded_after and same_generation and not seed_checked

    def loss(x):
        return np.sum(np.tanh(x) * x)

    x = np.array([0.3, -1.2, 0.7])
    np.testing.assert_allclose(gradient, numeric_grad(loss, (x,)), rtol=1e-6, atol=1e-7)
    sech2 = 1.0 - np.tanh(x) ** 2  # (the Hessian is diagonal: d2/dx2 of tanh(x) * x, closed form)
    np.testing.assert_allclose(product, 2.0 * sech2 * (1.0 - x * np.tanh(x)), rtol=1e-12)


def test_a_key_family_registering_a_key_outside_its_prefix_changes_the_generation(
        tmp_path, monkeypatch):
    # A question about that other key may have been answered before: derivatives built on the
    # answer are no longer current.
    import types

    registry = Registry()
    family = tmp_path / "tg_wide_family.py"
    family.write_text("import tg_wide_keys, tg_other_keys\n"
                      "tg_wide_keys.REGISTRY.add_nondifferentiable(tg_wide_keys.tg_key)\n"
                      "tg_wide_keys.REGISTRY.add_nondifferentiable(tg_other_keys.tg_other)\n")
    for name, function in (("tg_wide_keys", "tg_key"), ("tg_other_keys", "tg_other")):
        keys = types.ModuleType(name)
        exec(f"def {function}(x):\n    return x\n", keys.__dict__)
        getattr(keys, function).__module__ = name
        keys.REGISTRY = registry
        monkeypatch.setitem(sys.modules, name, keys)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "tg_wide_family", raising=False)
    registry.add_key_provider("tg_wide_keys", "tg_wide_family")
    generation = registry.generation
    assert not registry.is_nondifferentiable(sys.modules["tg_other_keys"].tg_other)
    assert registry.is_nondifferentiable(sys.modules["tg_wide_keys"].tg_key)
    assert registry.generation != generation
    assert registry.is_nondifferentiable(sys.modules["tg_other_keys"].tg_other)


def test_scipy_rules_loading_leave_earlier_derivatives_current(tmp_path):
    # SciPy's rules load at the first question after `scipy.special` is imported; their keys are
    # SciPy's functions, which no question could reach before: a gradient built before keeps
    # specializing (it ran the generic derivative from then on, every later call).
    pytest.importorskip("scipy.special")
    got = _fresh(tmp_path, """
        import json, sys
        import numpy as np
        import tangentish
        from tangentish.registry import REGISTRY

        def loss(x):
            return np.sum(np.tanh(x) * x)

        def other(x):
            return np.sum(np.cos(x))

        x = np.array([0.3, -1.2, 0.7])
        gradient = tangentish.grad(loss)
        gradient(x), gradient(x)
        before = ("tangentish.rules.scipy_special" in sys.modules, REGISTRY.generation)
        import scipy.special
        tangentish.grad(other)(x)
        after = ("tangentish.rules.scipy_special" in sys.modules, REGISTRY.generation)
        gradient(x), gradient(x)
        print(json.dumps([before[0], after[0], before[1] == after[1],
                          "_rt.seed" in gradient.source_for(x), gradient(x).tolist()]))
    """)
    loaded_before, loaded_after, same_generation, seed_checked, gradient = got
    assert not loaded_before and loaded_after and same_generation and not seed_checked

    def loss(x):
        return np.sum(np.tanh(x) * x)

    x = np.array([0.3, -1.2, 0.7])
    np.testing.assert_allclose(gradient, numeric_grad(loss, (x,)), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("asked", [False, True])
def test_a_provider_changes_the_generation_only_for_a_key_asked_about_before(
        tmp_path, monkeypatch, asked):
    # A family waiting for its trigger module registers keys; a question answered before about
    # one of them (no rule) may have shaped a derivative: then, and only then, the generation
    # changes, so that derivative is built again.
    registry, keys = _waiting_family(tmp_path, monkeypatch, "tg_trigger")
    if asked:  # (before the trigger is imported: no rule)
        assert not registry.is_nondifferentiable(keys.tg_late)
    generation = registry.generation
    monkeypatch.setitem(sys.modules, keys.__name__, keys)
    assert not registry.is_nondifferentiable(keys.tg_other)  # (the trigger's rules load)
    assert "tg_trigger_family" in sys.modules
    assert registry.is_nondifferentiable(keys.tg_late)
    assert (registry.generation != generation) == asked


def test_a_key_asked_about_is_not_kept_alive():
    # The registry remembers which keys questions found no rule for (a provider registering one
    # later changes the generation), by id: a user's function asked about is still collected.
    import gc
    import weakref

    def helper(x):
        return x

    registry = Registry()
    assert not registry.has(ADJOINT, helper)
    gone = weakref.ref(helper)
    del helper
    gc.collect()
    assert gone() is None


def test_a_transforms_remembered_answers_hold_only_while_nothing_could_change_them(
        tmp_path, monkeypatch):
    # Within a transform (``settling``), a key a question found no rule module for is not looked
    # at again while the providers' tables and the loaded modules stay as they were; a trigger
    # imported, or a family declared, meanwhile is honoured at the next question; the keys are
    # forgotten when the transform ends.
    registry, keys = _waiting_family(tmp_path, monkeypatch, "tg_settled")
    looked = []
    monkeypatch.setattr(registry, "_import_providers",
                        lambda key, every, real=registry._import_providers:
                        looked.append(key) or real(key, every))
    with registry.settling():
        assert not registry.is_nondifferentiable(keys.tg_late)
        assert not registry.is_nondifferentiable(keys.tg_late) and looked == [keys.tg_late]
        monkeypatch.setitem(sys.modules, keys.__name__, keys)  # (the trigger, imported)
        assert registry.is_nondifferentiable(keys.tg_late)
        assert not registry.is_nondifferentiable(keys.tg_other)  # (remembered: no family)
        registry.add_named_provider("tangentish.rules._no_such_family", "tg_other")
        with pytest.raises(ModuleNotFoundError):  # (a family named since: looked for)
            registry.is_nondifferentiable(keys.tg_other)
    assert registry.settled is None  # (no key held once the transform ends)


def _waiting_family(tmp_path, monkeypatch, stem: str) -> tuple[Registry, object]:
    """A fresh registry with a family (``<stem>_family``, a file) waiting for its trigger module
    ``<stem>_keys`` (returned, not yet imported), which declares ``tg_late`` non-differentiable."""
    import types

    registry = Registry()
    (tmp_path / f"{stem}_family.py").write_text(
        f"import {stem}_keys\n{stem}_keys.REGISTRY.add_nondifferentiable({stem}_keys.tg_late)\n")
    keys = types.ModuleType(f"{stem}_keys")
    exec("def tg_late(x):\n    return x\n\ndef tg_other(x):\n    return x\n", keys.__dict__)
    keys.REGISTRY = registry
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, f"{stem}_family", raising=False)
    registry.add_provider(f"{stem}_keys", f"{stem}_family")
    return registry, keys

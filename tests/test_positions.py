"""Positional arguments bind by the library function's own signature, never by the order of the
template's parameters (tangentish/positions.py, used by passes/binding.py).

The property test walks every registered rule whose function has a readable signature and passes
1, 2, ... positional arguments: each must land on the template parameter of the same name as the
library parameter at that position (or, for a positional-only one, on a name the library does not
use for another parameter), or the call must be refused.  It would catch the whole class of
"argument taken for another parameter" bugs (``np.average(a, 1, None, True)`` binding ``True``,
NumPy's ``returned``, to the template's ``keepdims``).
"""

from __future__ import annotations

import inspect

import gast
import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
import tangentish.rules  # noqa: F401  (registers the rules)
from tangentish.errors import UnsupportedConstructError
from tangentish.ir import Op
from tangentish.passes.binding import bind
from tangentish.registry import REGISTRY
from tangentish.syntax.methods import METHODS
from tangentish.syntax.parse import parse_function

POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _site(x):
    return x


def _signed_rules():
    found = []
    for (kind, key), template in REGISTRY.templates.items():
        try:
            signature = inspect.signature(key)
        except (TypeError, ValueError):
            continue
        found.append((kind, key, template, signature))
    return found


def _operands(count: int) -> list[gast.expr]:
    return [gast.Name(id=f"arg{i}", ctx=gast.Load(), annotation=None, type_comment=None)
            for i in range(count)]


def _landing(key, template, count: int, info) -> tuple[dict, list[gast.expr]] | None:
    args = _operands(count)
    try:
        values = bind(Op(key, args, {}, "the call", info.node), template, info)
    except UnsupportedConstructError:
        return None
    return {id(v): p for p, v in values.items()}, args


def _misbound(kind, key, template, signature, info) -> list[str]:
    """Where a positional argument of a call to ``key`` lands on the wrong template parameter."""
    parameters = list(signature.parameters.values())
    library = {p.name for p in parameters}
    star = next((p.name for p in parameters if p.kind is p.VAR_POSITIONAL), None)
    positional = [p for p in parameters if p.kind in POSITIONAL]
    wrong = []
    for i, parameter in enumerate(positional):
        landed = _landing(key, template, i + 1, info)
        if landed is None:
            continue  # refused: fine
        where, args = landed
        param = where.get(id(args[i]))
        if param is None:  # only `out` is left unbound (a write, refused where active)
            if parameter.name != "out":
                wrong.append(f"{kind} rule of {key}: positional argument {i + 1} "
                             f"(`{parameter.name}`) is dropped")
            continue
        by_name = parameter.kind is parameter.POSITIONAL_OR_KEYWORD
        if param != parameter.name and (by_name or param in library):
            wrong.append(f"{kind} rule of {key}: positional argument {i + 1} is "
                         f"`{parameter.name}` but binds to the template's `{param}`")
    for extra in range(1, len(template.params) + 2) if star else ():
        landed = _landing(key, template, len(positional) + extra, info)
        param = None if landed is None else landed[0].get(id(landed[1][-1]))
        if landed is not None and param not in set(template.params) - (library - {star}):
            wrong.append(f"{kind} rule of {key}: operand {extra} of `*{star}` binds to "
                         f"`{param}`")
    return wrong


def test_every_rule_binds_positional_arguments_by_the_library_signature() -> None:
    info = parse_function(_site)
    rules = _signed_rules()
    assert len(rules) > 300
    wrong = [line for rule in rules for line in _misbound(*rule, info)]
    assert not wrong, "\n".join(wrong)


def test_a_positional_argument_the_rule_does_not_take_is_refused() -> None:
    def f(a):
        return np.sum(np.linalg.svd(a, False, False, True))  # hermitian=True, by position

    a = np.array([[2.0, 0.5, 0.1], [0.5, 1.0, 0.3]])
    with pytest.raises(UnsupportedConstructError, match=r"`hermitian`") as caught:
        tangentish.grad(f)(a)
    assert "np.linalg.svd" in str(caught.value) and "test_positions.py" in str(caught.value)
    with pytest.raises(UnsupportedConstructError, match=r"`hermitian`"):
        tangentish.jvp(f)(a, a_dot=np.ones((2, 3)))


def test_more_operands_than_the_rule_has_slots_are_refused() -> None:
    def f(a):
        return np.einsum("i,i,i,i,i,i->", a, a, a, a, a, a)

    with pytest.raises(UnsupportedConstructError, match=r"through `\*operands`"):
        tangentish.grad(f)(np.ones(3))


def _average_positional(a, w):
    return np.sum(np.sin(np.average(a, 1, w)) * np.array([0.3, -1.1]))


def _average_positional_axis(a):
    return np.sum(np.sin(np.average(a, 0)) * np.array([0.3, -1.1, 0.7]))


def _einsum_four(a, b, c, d):
    return np.sin(np.einsum("i,i,i,i->", a, b, c, d))


def _einsum_four_second(b, a, c, d):  # the 4th operand, once bound to `optimize`, differentiated
    return np.sin(np.einsum("i,i,i,i->", a, c, d, b))


_FOUR = tuple(np.linspace(-0.8, 0.9, 3) * k for k in (1.0, -0.6, 1.3, 0.7))


@pytest.mark.parametrize("fn, args", [
    (_einsum_four, _FOUR),
    (_einsum_four_second, _FOUR),
    (_average_positional, (np.arange(6.0).reshape(2, 3) / 7.0, np.array([0.2, 0.5, 0.3]))),
    (_average_positional_axis, (np.arange(6.0).reshape(2, 3) / 5.0 - 0.4,)),
])
def test_positional_operands_in_every_mode(fn, args) -> None:
    _check_every_mode(fn, args)


def _check_every_mode(fn, args) -> None:
    """grad, jvp and hessian of argument 0 against finite differences."""
    want = numeric_grad(fn, args, 0)
    assert_grad_close(tangentish.grad(fn, wrt=0)(*args), want, rtol=1e-6, atol=1e-8)
    direction = np.linspace(-1.0, 1.0, np.size(args[0])).reshape(np.shape(args[0]))
    name = fn.__code__.co_varnames[0]
    _, slope = tangentish.jvp(fn, wrt=0)(*args, **{f"{name}_dot": direction})
    assert_grad_close(slope, float(np.sum(want * direction)), rtol=1e-6, atol=1e-8)
    hessian = np.reshape(tangentish.hessian(fn, wrt=0)(*args), (np.size(args[0]),) * 2)
    rows = []
    for k in range(np.size(args[0])):
        step = np.zeros(np.size(args[0]))
        step[k] = 1e-4
        up, down = list(args), list(args)
        up[0] = args[0] + step.reshape(np.shape(args[0]))
        down[0] = args[0] - step.reshape(np.shape(args[0]))
        rows.append((numeric_grad(fn, up, 0) - numeric_grad(fn, down, 0)).ravel() / 2e-4)
    assert_grad_close(hessian, np.array(rows), rtol=1e-4, atol=1e-5)


def test_array_methods_pass_positional_arguments_where_their_function_takes_them() -> None:
    """``x.take(i, 0)`` is differentiated by ``np.take``'s rule with ``x`` prepended: each
    positional parameter of the method must sit where the function has the same parameter (by name,
    after the method's renames, unless positional-only), else ``x.<method>(...)`` would bind its
    arguments to other parameters of the function's rule."""
    wrong = []
    for name, spec in METHODS.items():
        method = getattr(np.ndarray, name, None)
        try:
            own, mapped = inspect.signature(method), inspect.signature(spec.function)
        except (TypeError, ValueError):
            continue
        renamed = dict(spec.rename)
        mine = [p for p in own.parameters.values() if p.kind in POSITIONAL][1:]
        theirs = [p for p in mapped.parameters.values() if p.kind in POSITIONAL]
        if spec.function is method:
            continue
        for i, parameter in enumerate(mine):
            there = theirs[i + 1].name if i + 1 < len(theirs) else None
            keyword = parameter.kind is parameter.POSITIONAL_OR_KEYWORD
            if there is None or keyword and renamed.get(parameter.name, parameter.name) != there:
                wrong.append(f"x.{name}(): positional {i + 1} is `{parameter.name}`, "
                             f"{spec.function.__name__}'s is `{there}`")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("fn, expected", [
    (np.dot, ["a", "b", "out"]), (np.add, ["x1", "x2", "out"]), (np.exp, ["x", "out"]),
    (np.concatenate, ["arrays", "axis", "out"]), (np.divmod, ["x1", "x2", "out"]),
], ids=lambda v: getattr(v, "__name__", ""))
def test_numpy_functions_have_their_signature_on_every_numpy(fn, expected) -> None:
    """NumPy 1.x gives its ufuncs and its C functions no signature; positions.py rebuilds it, so
    ``np.dot(a, b, o)`` is seen to write into ``o`` there as well (a wrong gradient otherwise)."""
    from tangentish.positions import signature

    found = signature(fn)
    assert found is not None
    assert [p.name for p in found.parameters.values() if p.kind in POSITIONAL] == expected



def test_a_rules_check_reads_its_functions_signature_once(monkeypatch) -> None:
    """The template's positions and its parameter check share one reading of the signature
    (``inspect.signature`` of a ufunc parses its text: it was read twice per rule, speed24)."""
    from tangentish.registry import Template
    from tangentish.rule_forms import check_parameters

    def scaled(x, k=2.0):
        return k * x

    read = []
    real = inspect.signature
    monkeypatch.setattr(inspect, "signature", lambda fn, **kw: read.append(fn) or real(fn, **kw))
    template = Template(key=scaled, kind="adjoint", name="scaled_adjoint", result="y",
                        params=["x", "k"], defaults={}, body=[], origin="here:1")
    checked = check_parameters(scaled, template)
    assert read == [scaled]
    assert checked.positions.named == (("x", "x"), ("k", "k"))

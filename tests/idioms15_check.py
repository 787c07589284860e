"""The checks of the ``idioms15`` zoos: each program's value, ``grad``, ``value_and_grad``,
``vjp`` and ``jvp`` (and ``hvp`` for a scalar one differentiated with respect to one array or
number, unless its row says ``second=False``) against seeded central finite differences,
each compared within the differences' own error estimate: the difference between the Jacobians
at two step sizes (truncation) plus the rounding of the output over the step.  Every call also
checks that the caller's arrays are unchanged and that each derivative has its input's shape.
An argument under ``wrt`` may be a nest of dicts, lists, tuples, namedtuples and dataclasses:
each float leaf gets its own differences, found and replaced by a path of keys, fields and
positions that this module walks itself (independently of tangentish's tree code)."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import assert_specialized, numeric_jacobian, seed_for, specialize
from test_realworld import Row as Case  # (name, fn, args, wrt=0, second=True: its hvp too)

import tangentish


def copies(args: Any) -> tuple:
    """A deep copy of the arguments (lists of tuples of arrays too)."""
    return tuple(copy.deepcopy(list(args)))


def _children(value: Any) -> list[tuple[Any, Any]]:
    """``[(key, child), ...]`` of a dict, list, tuple, namedtuple or dataclass; ``[]`` else."""
    if isinstance(value, dict):
        return list(value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, (list, tuple)):
        return list(enumerate(value))
    return []


def _assert_same(now: Any, before: Any) -> None:
    assert type(now) is type(before)
    if _children(before) or isinstance(before, (dict, list, tuple)):
        assert [k for k, _ in _children(now)] == [k for k, _ in _children(before)]
        for (_, a), (_, b) in zip(_children(now), _children(before), strict=True):
            _assert_same(a, b)
    else:
        np.testing.assert_array_equal(now, before)


def call_unchanged(fn: Any, args: tuple) -> Any:
    """``fn(*args)``, asserting that it left every argument (nested) as it was."""
    before = copies(args)
    result = fn(*args)
    _assert_same(list(args), list(before))
    return result


def _f64(a: Any) -> Any:
    floating = isinstance(a, np.ndarray) and a.dtype.kind == "f"
    return np.asarray(a, dtype=np.float64) if floating else a


def _is_float_leaf(value: Any) -> bool:
    return isinstance(value, float) or (isinstance(value, np.ndarray) and value.dtype.kind == "f")


def leaf_paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """The paths (keys, fields, positions) of the float leaves of an argument, depth first: the
    leaves differentiated, each against its own differences (``()`` for an array or a float)."""
    if _is_float_leaf(value) or not _children(value):
        return [prefix]
    return [p for key, child in _children(value) for p in leaf_paths(child, (*prefix, key))
            if p != (*prefix, key) or _is_float_leaf(child)]


def _leaf(value: Any, path: tuple) -> Any:
    for key in path:
        value = dict(_children(value))[key]
    return value


def _put(value: Any, path: tuple, leaf: Any) -> Any:
    """A copy of ``value``'s containers along ``path`` with ``leaf`` at its end."""
    if not path:
        return leaf
    key = path[0]
    inner = _put(_leaf(value, (key,)), path[1:], leaf)
    if isinstance(value, dict):
        return {**value, key: inner}
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{key: inner})
    items = list(value)
    items[key] = inner
    if isinstance(value, list):
        return items
    return type(value)(*items) if hasattr(type(value), "_fields") else tuple(items)


def _with_leaf(args: tuple, position: int, path: tuple, leaf: Any) -> list:
    moved = list(args)
    moved[position] = _put(args[position], path, leaf)
    return moved


def references(fn: Any, args: tuple, position: int) -> list:
    """``reference`` for each float leaf of ``args[position]``: ``[(path, jacobian, error)]``."""
    found = []
    for path in leaf_paths(args[position]):
        def moved(leaf: Any, path: tuple = path) -> Any:
            return fn(*_with_leaf(args, position, path, leaf))

        found.append((path, *reference(moved, (_leaf(args[position], path),), 0)))
    return found


def reference(fn: Any, args: tuple, position: int) -> tuple[np.ndarray, np.ndarray]:
    """The central-difference Jacobian of ``fn`` in ``args[position]`` and its error estimate."""
    point = [_f64(a) for a in args]
    call = lambda *a: fn(*copies(a))  # noqa: E731  (some programs change their arguments)
    step = float(np.cbrt(np.finfo(np.float64).eps))
    coarse = numeric_jacobian(call, point, position, step=step)
    fine = numeric_jacobian(call, point, position, step=step / 2)
    value = np.abs(np.asarray(call(*point), dtype=np.float64))
    scale = max(1.0, float(np.max(np.abs(point[position]), initial=0.0)))
    size = float(np.max(value, initial=0.0)) + float(np.max(np.abs(point[position]), initial=0.0))
    rounding = 64.0 * np.finfo(np.float64).eps * (1.0 + size) / (step / 2 / scale)
    return fine, 4.0 * np.abs(coarse - fine) + rounding + 1e-7 * np.abs(fine)


def _close(label: str, got: Any, expected: np.ndarray, error: np.ndarray) -> None:
    """``got`` within ``error`` of ``expected`` (widened by float32's rounding for a float32
    ``got``: the differences are taken in float64)."""
    if np.asarray(got).dtype == np.float32:
        error = error + 64 * np.finfo(np.float32).eps * (1.0 + np.abs(expected))
    got64 = np.asarray(got, dtype=np.float64)
    assert got64.shape == expected.shape, f"{label}: shape {got64.shape} != {expected.shape}"
    wrong = ~(np.abs(got64 - expected) <= error)
    assert not np.any(wrong), (f"{label}: {got64[wrong]} where the differences say "
                               f"{expected[wrong]} (+- {error[wrong]})")


def _positions(wrt: Any) -> tuple:
    return wrt if isinstance(wrt, tuple) else (wrt,)


def _like_input(label: str, got: Any, arg: Any) -> None:
    assert np.shape(got) == np.shape(arg), f"{label}: shape {np.shape(got)} != {np.shape(arg)}"
    if isinstance(arg, np.ndarray) and arg.dtype.kind == "f":
        assert np.asarray(got).dtype == arg.dtype, f"{label}: dtype {np.asarray(got).dtype}"


def _contract(v: Any, jac: np.ndarray, ndim: int) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    return np.tensordot(v, jac, axes=ndim)


def _compare(label: str, case: Case, refs: list, got: tuple, v: Any = None) -> None:
    """Each derivative in ``got`` (one per ``wrt`` position, a dict for a dict argument) against
    the differences, contracted with the cotangent ``v`` when given."""
    for p, leaves, g in zip(_positions(case.wrt), refs, got, strict=True):
        for path, jac, err in leaves:
            where = f"{case.name} {label} wrt {p}" + "".join(f"[{k!r}]" for k in path)
            leaf = _leaf(g, path)
            _like_input(where, leaf, _leaf(case.args[p], path))
            if v is not None:
                jac, err = _contract(v, jac, np.ndim(v)), _contract(np.abs(v), err, np.ndim(v))
            _close(where, leaf, jac, err)


def _specialized_mode(name: str) -> Any:
    """Which of ``grad`` and ``value_and_grad`` a program's check also runs specialized to its
    call (``helpers.specialize``): one of them, chosen by the program's name, so each is checked
    specialized on about half of the programs.  (Both, on every program, were a seventh of their
    checks' transforms, in the suite's costliest family of tests; the two share the specializer,
    and CI's eagerly specializing run calls both specialized on its sample.)"""
    return tangentish.grad if seed_for(name) % 2 else tangentish.value_and_grad


def check(case: Case) -> None:
    """Every first-order mode of ``case`` against the differences (``grad`` or
    ``value_and_grad`` also specialized: :func:`_specialized_mode`), then its ``hvp``."""
    refs = [references(case.fn, case.args, p) for p in _positions(case.wrt)]
    out = case.fn(*copies(case.args))
    rng = np.random.default_rng(15)
    if np.ndim(out) == 0:
        specialized = _specialized_mode(case.name)
        for transform in (tangentish.grad, tangentish.value_and_grad):
            for call in range(2 if transform is specialized else 1):
                derivative = transform(case.fn, wrt=case.wrt)  # (call 1: specialized)
                if call:
                    specialize(derivative, case.args)
                result = call_unchanged(derivative, case.args)
                if call:
                    assert_specialized(derivative, case.args)
                if transform is tangentish.value_and_grad:
                    np.testing.assert_allclose(result[0], out, rtol=1e-12, atol=1e-300)
                    result = result[1]
                got = result if isinstance(case.wrt, tuple) else (result,)
                _compare(f"{transform.__name__} call {call}", case, refs, got)
    value, pullback = call_unchanged(tangentish.vjp(case.fn, wrt=case.wrt), case.args)
    np.testing.assert_allclose(value, out, rtol=1e-12, atol=1e-300)
    v = rng.standard_normal(np.shape(out))
    pulled = pullback(v if np.ndim(out) else float(v))
    _compare("vjp", case, refs, pulled if isinstance(case.wrt, tuple) else (pulled,), v)
    _check_jvp(case, refs, out, rng)
    if case.second and np.ndim(out) == 0 and not isinstance(case.wrt, tuple) \
            and not _children(case.args[case.wrt]):
        check_hvp(case)


def _direction(arg: Any, rng: np.random.Generator) -> Any:
    """A seeded tangent shaped like ``arg``: random at its float leaves, as it is elsewhere."""
    for path in leaf_paths(arg):
        d = rng.standard_normal(np.shape(_leaf(arg, path)))
        arg = _put(arg, path, d if np.ndim(d) else float(d))
    return arg


def _check_jvp(case: Case, refs: list, out: Any, rng: np.random.Generator) -> None:
    derivative = tangentish.jvp(case.fn, wrt=case.wrt)
    directions = [_direction(case.args[p], rng) for p in _positions(case.wrt)]
    tangents = {derivative.record.tangents[n]: d
                for n, d in zip(derivative.wrt, directions, strict=True)}
    value, tangent = call_unchanged(lambda *a: derivative(*a, **tangents), case.args)
    np.testing.assert_allclose(value, out, rtol=1e-12, atol=1e-300)
    expected = error = 0.0
    for leaves, d in zip(refs, directions, strict=True):
        for path, jac, err in leaves:
            step = np.asarray(_leaf(d, path), dtype=np.float64)
            expected = expected + np.tensordot(jac, step, axes=step.ndim)
            error = error + np.tensordot(err, np.abs(step), axes=step.ndim)
    _close(f"{case.name} jvp", tangent, np.asarray(expected), np.asarray(error))


def check_hvp(case: Case) -> None:
    """``hvp`` along a seeded direction against central differences of the generated gradient
    (the gradient itself checked above), within their error estimate."""
    point = case.args[case.wrt]
    direction = np.random.default_rng(3).standard_normal(np.shape(point))
    direction = direction if np.ndim(point) else float(direction)
    gradient = tangentish.grad(case.fn, wrt=case.wrt)

    def along(t: float) -> np.ndarray:
        moved = list(case.args)
        moved[case.wrt] = point + t * direction
        return np.asarray(gradient(*copies(moved)), dtype=np.float64)

    jac, err = reference(along, (0.0,), 0)
    product = call_unchanged(lambda *a: tangentish.hvp(case.fn, wrt=case.wrt)(*a, direction),
                             case.args)
    _close(f"{case.name} hvp", product, jac, err + 1e-6 * (1.0 + np.abs(jac)))


def check_each_position(case: Case) -> None:
    """:func:`check`, then, for a tuple ``wrt`` (unless its row says ``second=False``), ``hvp``
    along one seeded direction over all of its arguments at once (:func:`check_joint_hvp`:
    each argument's part is its row of the Hessian along the direction, cross terms included;
    one derivative built, not one per argument), or where some of them are containers, ``hvp``
    with respect to each array or number argument on its own."""
    check(case)
    if not (isinstance(case.wrt, tuple) and case.second):
        return
    plain = [p for p in case.wrt if not _children(case.args[p])]
    if len(plain) == len(case.wrt):
        check_joint_hvp(case)
        return
    for position in plain:
        check_hvp(case._replace(wrt=position))


def check_joint_hvp(case: Case) -> None:
    """``hvp`` with respect to the tuple ``case.wrt`` along a seeded direction (a part per
    argument) against central differences of the generated gradient along it."""
    rng = np.random.default_rng(3)
    directions = tuple(_direction(case.args[p], rng) for p in case.wrt)
    gradient = tangentish.grad(case.fn, wrt=case.wrt)

    def flat(parts: Any) -> np.ndarray:
        return np.concatenate([np.ravel(np.asarray(g, dtype=np.float64)) for g in parts])

    def along(t: float) -> np.ndarray:
        moved = list(case.args)
        for p, d in zip(case.wrt, directions, strict=True):
            moved[p] = case.args[p] + t * d
        return flat(gradient(*copies(moved)))

    jac, err = reference(along, (0.0,), 0)
    products = call_unchanged(
        lambda *a: tangentish.hvp(case.fn, wrt=case.wrt)(*a, directions), case.args)
    for p, part in zip(case.wrt, products, strict=True):
        _like_input(f"{case.name} hvp wrt {p}", part, case.args[p])
    _close(f"{case.name} hvp along every argument", flat(products), jac,
           err + 1e-6 * (1.0 + np.abs(jac)))


def check_refusal(fn: Any, args: tuple, named: tuple, transform: Any, wrt: int = 0) -> None:
    """``transform(fn, wrt=wrt)(*args)`` raises one of tangentish's errors naming the construct
    (each of ``named``), the file of ``fn`` and a hint: never a wrong value or a raw Python
    error."""
    with pytest.raises(tangentish.TangentishError) as caught:
        derivative = transform(fn, wrt=wrt)
        if transform is tangentish.jvp:  # (a refusal when it runs: the tangent of `wrt`)
            derivative(*args, **{derivative.record.tangents[derivative.wrt[0]]:
                                 _direction(args[wrt], np.random.default_rng(0))})
        result = derivative(*args)
        if transform is tangentish.vjp:  # (a refusal in the pullback)
            result[1](np.ones_like(result[0]) if np.ndim(result[0]) else 1.0)
    message = str(caught.value)
    where = Path(fn.__code__.co_filename).name
    assert all(part in message for part in (where, "hint:", *named)), message


def seeded(seed: int) -> tuple:
    """Point makers drawing from one seeded generator: ``normal(*shape, scale=1.0)``,
    ``uniform(lo, hi, *shape)`` and ``stochastic(*shape)`` (positive rows summing to 1)."""
    rng = np.random.default_rng(seed)

    def normal(*shape: int, scale: float = 1.0) -> Any:
        return rng.normal(0.0, scale, shape)

    def uniform(lo: float, hi: float, *shape: int) -> Any:
        return rng.uniform(lo, hi, shape)

    def stochastic(*shape: int) -> Any:
        m = uniform(0.2, 1.0, *shape)
        return m / m.sum(axis=-1, keepdims=True)

    return normal, uniform, stochastic


def by_name(cases: list) -> dict:
    """The cases by their names, which must be unique."""
    found = {case.name: case for case in cases}
    assert len(found) == len(cases), "case names are unique"
    return found

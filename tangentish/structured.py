"""Derivatives with respect to containers (pytrees): flattened at the call, rebuilt in the result.

When a value under ``wrt`` is a dict, list, tuple, namedtuple or dataclass, the derivative reads
its structure (:mod:`tangentish.arguments.trees`), asks for the derivative specialised to that
structure (the function rewritten over the container's leaves, :mod:`tangentish.passes.containers`;
cached per structure like any derivative), calls it with the leaves, and gives each gradient back
in its argument's structure: same container types, keys in the same order, one gradient per float
leaf and ``None`` for each constant (an int, a bool, None, a string, an integer array).
Tangents (``params_dot=``) are given in the structure of their argument; their entries at
constants are ignored.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from typing import Any

from .arguments import KEYWORD, POSITIONAL, VARARGS, VARKW, Wrt, caller_location, parameters
from .arguments.trees import (
    LEAF,
    Tree,
    is_container,
    leaves,
    rebuild,
    same_structure,
    structure,
    used_as_one_array,
)
from .callables import Adapted
from .display import SourceDisplay, attach
from .errors import ArgumentError, MissingRuleError, TangentishError
from .layout_checks import Checked
from .records import Options

Build = Callable[[tuple], Callable]  # structure → the derivative over leaves (cached)
Transform = Callable[..., Callable]  # api._transform: (f, wrt, mode, optimized, verbose,
#                                      has_aux, structure, receiver, seeded) → derivative


def dispatch_for(user: Any, wrt: Wrt, options: Options, label: str,
                 transform: Transform) -> Dispatch | None:
    """What a derivative does when a value under ``wrt`` is a container (None for derivatives
    already specialised to containers, and for callables that are not plain functions)."""
    if options.structure or not isinstance(user, types.FunctionType) or \
            hasattr(user, "dependencies"):  # a generated derivative: its arguments are arrays
        return None

    def build(structure: tuple) -> Callable:
        return transform(user, options.wrt, options.mode, options.optimized, 0, options.has_aux,
                         structure, options.receiver, options.seeded)  # (a bound method's class)

    return Dispatch(user, wrt, options.mode, options.has_aux, build, label)


def dispatch_of(derivative: Any) -> Dispatch | None:
    """The container handling of a derivative the API returned (None if it has none)."""
    owner = getattr(getattr(derivative, "specialized", None), "__self__", None)
    return owner if isinstance(owner, Dispatch) else getattr(owner, "_dispatch", None)


def leaf_parameters(built: Any) -> tuple[str, ...]:
    """The parameters of a derivative specialised to containers that stand for the user's (the
    leaves and the other parameters; not the seed or the tangents)."""
    extra = {built.seed, *built.tangents.values()}
    return tuple(p.name for p in parameters(built.function) or () if p.name not in extra)


def or_deferred(build: Callable[[], Callable], base: Any, options: Options,
                resolve: Callable[[Any, Any, str], Wrt | None], transform: Transform) -> Any:
    """``build()``; or, for a function that reads a parameter under ``wrt`` as a container
    (``p.w``, ``params['W1']``) and failed to build with it as an array, a derivative built per
    container structure at each call.  Any other failure is raised."""
    try:
        return build()
    except TangentishError as exc:
        error = exc
    if options.structure or not isinstance(base, types.FunctionType) or \
            not (isinstance(error, MissingRuleError) or getattr(error, "per_structure", False)):
        raise error  # (per_structure: a dict local's key a loop over a container gives)
    from .passes.container_reads import reads_containers  # (a first grad() of arrays needs none,
    from .syntax.parse import parse_function  # nor gast: syntax trees only where one is built)

    resolved = resolve(base, options.wrt, options.mode)
    if resolved is None or not (getattr(error, "handed", False) or  # (to a helper reading it
                                reads_containers(parse_function(base), list(resolved.names))):
        raise error  # as one: passes/calls.py)
    label = f"{options.mode}_{base.__name__}"
    dispatch = dispatch_for(base, resolved, options, label, transform)
    if dispatch is None:  # (a generated derivative: its arguments are arrays, no structure)
        raise error
    return Deferred(dispatch, error, label)


class Dispatch:
    """The container handling of one derivative: ``applies`` to a call when a value under ``wrt``
    is a container; calling it runs the derivative specialised to the call's structure."""

    def __init__(self, fn: Any, wrt: Wrt, mode: str, has_aux: bool, build: Build, label: str):
        self.fn, self.wrt, self.mode, self.has_aux = fn, wrt, mode, has_aux
        self.build, self.label = build, label
        self.params = parameters(fn) or ()
        self.names = {p.name for p in self.params}
        self.where = list(zip(wrt.names, wrt.positions, strict=True))
        self.defaults = {p.name for p in self.params if is_container(p.default)}
        self.signature = inspect.signature(fn)

    def applies(self, args: tuple, kwargs: dict) -> bool:
        for name, position in self.where:
            if position is not None and position < len(args):
                if is_container(args[position]):
                    return True
            elif name in kwargs:
                if is_container(kwargs[name]):
                    return True
            elif name in self.defaults:
                return True
        return False

    def plain_object(self, args: tuple, kwargs: dict) -> ArgumentError | None:
        """Why a value under ``wrt`` that is an object of a class of the user's (``params.W``
        read of a ``Params`` instance) is not differentiated, or None where there is none."""
        for name, position in self.where:
            value = args[position] if position is not None and position < len(args) else \
                kwargs.get(name)
            fields = [k for k in getattr(value, "__dict__", {}) if not k.startswith("_")]
            if fields and not isinstance(value, (type, types.ModuleType, types.FunctionType)):
                kind = type(value).__name__
                return ArgumentError(
                    f"the argument {name} given to {self.label} is a {kind} object: only a "
                    "dataclass's or a named tuple's fields (and dicts, lists, tuples) are "
                    "differentiated as parts of an argument", caller_location(),
                    hint=f"make {kind} a @dataclass of its arrays ({', '.join(fields[:3])}; the "
                    f"gradient is then a {kind}), or pass the arrays themselves as arguments; "
                    f"a method differentiated with respect to its inputs is "
                    f"`grad({name}.forward)(x)`")
        return None

    def derivative_for(self, *args: Any, **kwargs: Any) -> Callable:
        """The derivative for the structure of these arguments (its ``.source`` shows it)."""
        return self.specialized(args, kwargs)[0]

    def specialized(self, args: tuple, kwargs: dict) -> tuple[Callable, dict, dict]:
        """The derivative for these arguments' structure, the bound arguments, and the trees."""
        if any(p.kind in (VARARGS, VARKW) for p in self.params):
            raise ArgumentError(f"{self.label}: containers under wrt need a function without "
                                "*args or **kwargs", caller_location(),
                                hint="give the function named parameters")
        user = {k: v for k, v in kwargs.items() if k in self.names}
        try:
            bound = self.signature.bind(*args, **user)
        except TypeError as exc:
            raise ArgumentError(f"{self.label}: {exc}", caller_location(),
                                hint="pass the function's own arguments") from None
        bound.apply_defaults()
        values = bound.arguments
        trees = {n: structure(values[n], n) for n in self.wrt.names if is_container(values[n])}
        if not any(t.kind == LEAF for tree in trees.values() for _, t in tree.leaf_paths()) \
                and len(trees) == len(self.wrt.names):
            raise ArgumentError(f"{self.label}: the containers under wrt hold no float values, "
                                "so there is nothing to differentiate", caller_location(),
                                hint="ints, bools, None and strings in a container are constants; "
                                "pass floats or float arrays for what is differentiated (for one "
                                "array, np.asarray(..., dtype=float))")
        key = tuple((n, trees[n]) for n in self.wrt.names if n in trees)
        return self.build(key), values, trees

    def flat_call(self, args: tuple, kwargs: dict, tangents: bool = True
                  ) -> tuple[Callable, tuple, dict, dict, dict]:
        """The derivative for this call's structure and the call over leaves it takes (for
        ``jacobian``, ``tangents=False``: without the tangents), with the bound values and trees
        that :meth:`regroup` needs."""
        derivative, values, trees = self.specialized(args, kwargs)
        positional, keywords = self._leaf_call(derivative, values, trees)
        keywords.update(self._extras(derivative, kwargs, trees, tangents))
        return derivative, tuple(positional), keywords, values, trees

    def __call__(self, args: tuple, kwargs: dict) -> Any:
        derivative, positional, keywords, values, trees = self.flat_call(args, kwargs)
        try:
            result = derivative(*positional, **keywords)
        except TypeError as exc:  # `x * x` of a list: the function wanted one array
            error = used_as_one_array(exc, trees, self.label, "given for")
            if error is None or isinstance(exc, TangentishError):
                raise
            raise error from exc
        return self._finish(result, values, trees)

    def _leaf_call(self, derivative: Callable, values: dict, trees: dict) -> tuple[list, dict]:
        positional, keyword = [], []
        for param in self.params:
            value = values[param.name]
            flat = leaves(value, trees[param.name]) if param.name in trees else [value]
            (positional if param.kind == POSITIONAL else keyword).extend(flat)
        if not keyword:
            return positional, {}
        names = [p.name for p in parameters(derivative.record.function) if p.kind == KEYWORD]
        return positional, dict(zip(names, keyword, strict=False))

    def _extras(self, derivative: Callable, kwargs: dict, trees: dict, required: bool) -> dict:
        """Seeds passed through; each tangent ``x_dot`` flattened to its leaves' keywords."""
        extras = {k: v for k, v in kwargs.items() if k not in self.names}
        tangents = derivative.record.tangents
        if not tangents or not required:
            return extras
        leaf_names = iter(derivative.record.wrt)
        for name in self.wrt.names:
            keyword = f"{name}_dot"
            if name not in trees:
                leaf = next(leaf_names)
                if keyword in extras:
                    extras[tangents[leaf]] = extras.pop(keyword)
                continue
            tree = trees[name]
            if keyword not in extras:
                raise ArgumentError(f"{self.label} needs the tangent {keyword}= (the direction "
                                    f"in which {name} moves)", caller_location(),
                                    hint=f"pass {keyword}= in the structure of {name}")
            given = extras.pop(keyword)
            same_structure(given, tree, f"the tangent {keyword}")
            for value, (_, sub) in zip(leaves(given, tree), tree.leaf_paths(), strict=True):
                if sub.kind == LEAF:
                    extras[tangents[next(leaf_names)]] = value
        return extras

    def flat_vectors(self, vector: Any, args: tuple, kwargs: dict) -> list:
        """``hvp``'s vector ``v``, in the structure of the arguments under ``wrt`` (a tuple of
        them for several), as the float leaves it moves, in the specialised ``wrt`` order."""
        values, trees = self.specialized(args, kwargs)[1:]
        many = not self.wrt.single
        if many and not (isinstance(vector, (tuple, list)) and len(vector) == len(self.where)):
            raise ArgumentError(f"{self.label}: v must be a tuple of {len(self.where)} vectors, "
                                "one per wrt parameter", caller_location(),
                                hint="give each in the structure of its parameter")
        out: list = []
        for name, v in zip(self.wrt.names, vector if many else (vector,), strict=True):
            if name not in trees:
                out.append(v)
                continue
            same_structure(v, trees[name], f"the vector v for {name}")
            out.extend(x for x, (_, t) in zip(leaves(v, trees[name]), trees[name].leaf_paths(),
                                              strict=True) if t.kind == LEAF)
        return out

    def regroup(self, grads: Any, values: dict, trees: dict) -> Any:
        """The leaves' gradients (a tuple in the derivative's ``wrt`` order) per argument, each
        container rebuilt with ``None`` at its constants."""
        flat = iter(grads if isinstance(grads, tuple) else (grads,))
        out = []
        for name in self.wrt.names:
            if name not in trees:
                out.append(next(flat))
                continue
            tree: Tree = trees[name]
            parts = [next(flat) if t.kind == LEAF else None for _, t in tree.leaf_paths()]
            out.append(rebuild(tree, parts, values[name]))
        return out[0] if self.wrt.single else tuple(out)

    def _finish(self, result: Any, values: dict, trees: dict) -> Any:
        if self.mode == "grad":
            if self.has_aux:
                grads, aux = result
                return self.regroup(grads, values, trees), aux
            return self.regroup(result, values, trees)
        if self.mode == "value_and_grad":
            value, grads = result
            return value, self.regroup(grads, values, trees)
        if self.mode == "vjp":
            value, pullback, *aux = result
            return (value, TreePullback(pullback, self, values, trees), *aux)
        return result  # jvp: the output's tangent, in the output's structure already


class TreePullback(SourceDisplay):
    """A ``vjp`` pullback whose gradients come back in their arguments' structures."""

    kind = "pullback"

    def __init__(self, inner: Any, dispatch: Dispatch, values: dict, trees: dict):
        self._inner, self._dispatch = inner, dispatch
        self._values, self._trees = values, trees
        self.source = inner.source

    def __call__(self, cotangent: Any = 1.0) -> Any:
        return self._dispatch.regroup(self._inner(cotangent), self._values, self._trees)


class Deferred:
    """The derivative of a function that reads a parameter under ``wrt`` as a container
    (``p.w``, ``params['W1']``) and could not be differentiated with that parameter as one
    array: built per structure at each call; called with a plain array, it raises why not."""

    def __init__(self, dispatch: Dispatch, error: TangentishError, label: str):
        self._dispatch, self._error, self.__name__ = dispatch, error, label
        self.wrt = tuple(dispatch.wrt.names)
        # what JAX-style jvp(f, primals, tangents) reads of a record: the tangent keywords
        from .passes.forward import tangent_keywords  # (jvp only)

        self.record = types.SimpleNamespace(tangents=tangent_keywords(list(self.wrt)))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self._dispatch.applies(args, kwargs):
            raise (self._dispatch.plain_object(args, kwargs) or self._error).with_traceback(None)
        try:
            return self._dispatch(args, kwargs)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None

    def specialized(self, *args: Any, **kwargs: Any) -> Callable:
        """The derivative for the structure of these arguments (its ``.source`` shows it)."""
        return self._dispatch.specialized(args, kwargs)[0]

    def wrt_values(self, *args: Any, **kwargs: Any) -> list:
        """Asked for arrays (no containers): why this function cannot take them."""
        raise self._error.with_traceback(None)

    @property
    def source(self) -> str:
        raise ArgumentError(
            f"the derivative {self.__name__} depends on the structure of the containers passed "
            f"for {', '.join(self.wrt)}, so it has no source before it sees them",
            caller_location(), hint="use derivative.specialized(*args).source with example "
            "arguments")

    def __repr__(self) -> str:
        return f"<tangentish derivative {self.__name__} (built per container structure)>"


def bind_partial(adapted: Adapted, inner: Callable, again: Callable) -> functools.partial:
    """The derivative of a partial, bound method or callable object: the derivative of its
    function with the bound arguments filled in (a partial, so it can be differentiated again).
    Its ``specialized(*args)`` and ``source_for(*args)`` are the function's, with the bound
    arguments filled in too.  Built for its object's layout (``adapted.receiver``), it checks
    the layout on each call and runs ``again()``'s derivative for another (layout_checks.py)."""
    if isinstance(inner, Deferred):  # built per container structure: no source before a call
        derivative = _PerStructure(inner, *adapted.args, **adapted.keywords)
    elif adapted.receiver is None or not adapted.args:
        derivative = adapted.bind(inner)
    else:
        derivative = Checked(inner, *adapted.args, **adapted.keywords)
    if adapted.receiver is not None and adapted.args:
        derivative.check(adapted.receiver, again)
    if not isinstance(inner, Deferred):
        derivative.source = inner.source
        derivative.rule_keys = inner.rule_keys
        derivative.record = inner.record
    derivative.__name__ = inner.__name__
    derivative.wrt = inner.wrt
    derivative.wrt_values = adapted.bind(inner.wrt_values)
    source_for = getattr(inner, "source_for", None)  # (a Deferred has none)
    derivative.source_for = None if source_for is None else adapted.bind(source_for)
    specialized = getattr(inner, "specialized", None)  # containers under wrt: per structure
    derivative.specialized = None if specialized is None else adapted.bind(specialized)
    return derivative if isinstance(inner, Deferred) else \
        attach(derivative, inner.source)


class _PerStructure(Checked):
    """The derivative of a partial (or method) of a function whose derivative is built per
    container structure: ``.source`` says why it has none yet (as the function's does)."""

    @property
    def source(self) -> str:
        return self.func.source

    @property
    def record(self) -> Any:
        return self.func.record

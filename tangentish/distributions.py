"""Rule-author shortcuts for ``scipy.stats``' distributions: a location-scale one is two rows,
its densities from the slope of its log-density, its distribution functions from its density::

    from tangentish.distributions import densities, distribution_functions

    # rayleigh, on x > loc: log(z) - z^2 / 2 - log(scale)
    densities(sst.rayleigh, lambda x, loc=0.0, scale=1.0: 1.0 / (x - loc) - (x - loc) / scale ** 2,
              support=lambda x, loc: x > loc)
    distribution_functions(sst.rayleigh, lower=lambda x, loc: x > loc)

With ``z = (x - loc) / scale`` and ``s`` the log-density's partial in ``x`` (the first lambda of
:func:`densities`; one more per shape parameter, its partial in that shape), ``logpdf``'s partials
in ``loc`` and ``scale`` are ``-s`` and ``-(1 + (x - loc) s) / scale``, ``pdf``'s the density times
``logpdf``'s.  Outside ``support`` the log-density is -inf: its partials are NaN there
(``_rt.nan_outside``, 0 where no gradient flows), the density's 0 (they must be finite there).

A distribution function ``F(z)`` has the density times ``1``, ``-1`` and ``-z`` as its partials in
``x``, ``loc`` and ``scale``; ``sf``'s are their negatives, ``logcdf``'s and ``logsf``'s are divided
by the probability, written ``exp(logpdf - y)`` (0 where the probability is 1 and the density 0,
no overflow in a tail).  ``lower`` (``upper``) says where the log-survival (log-probability) is not
constant below (above) the support: off it they are 0, where the density at the edge may be
finite.  A shape parameter is refused (``_rt.no_derivative``: the incomplete gamma and beta
functions have no closed-form derivative in their parameters) unless ``shapes`` gives its partials,
one per method, as lambdas of the result and the parameters.

A discrete distribution's method is one row, :func:`counts`, its partials by parameter name, the
others (the count ``k``, an integer shape, ``loc``) refused where they vary.

Each rule computes the partial in ``x`` once (``dy_dx``) and writes the others with it, so its
derivatives (second order) state it once too.  Rules are keyed by the methods of the distribution
object (a frozen distribution, or one without rules, is refused by name); lambdas are parsed from
their file, never run.  (Not in :mod:`tangentish.extend`, which is at the house's size limit: this
module builds on it.)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import gast

from .errors import RuleDefinitionError
from .extend import Only, _pairs, _submit, _wanted
from .registry import ADJOINT, TANGENT, Template
from .rule_forms import contribution, d_of, is_refusal, refused_tangent, set_d, times, total
from .rule_source import parse_lambda
from .syntax import build
from .syntax.build import clone

METHODS = ("cdf", "sf", "logcdf", "logsf")
SURVIVAL, PROBABILITY = "survival", "probability"  # (a shape's slope, of log sf or of log cdf)
_SLOPES = (SURVIVAL, PROBABILITY)
SLOPE = "dy_dx"  # (the rule's own name for its partial in x, which the others read)


class _Row:
    """What a row states, read when one of its rules is first looked up."""

    def __init__(self, dists: Any, what: str, count: bool = False):
        frame = sys._getframe(2)
        self.namespace = frame.f_globals
        self.__module__ = str(self.namespace.get("__name__", ""))  # (tangentish's: deferred)
        self.origin = f"{self.namespace.get('__file__', '?').rsplit('/', 1)[-1]}:{frame.f_lineno}"
        self.twins = dists if isinstance(dists, tuple) else (dists,)
        self.dist = self.twins[0]
        self.shapes = [s.strip() for s in (self.dist.shapes or "").split(",") if s.strip()]
        self.params = ["k", *self.shapes, "loc"] if count else ["x", *self.shapes, "loc", "scale"]
        self.defaults = {"loc": build.constant(0)} if count else {
            "loc": build.constant(0.0), "scale": build.constant(1.0)}
        self.what = f"{what}({self.dist.name})"

    def register(self, method: str, make: Callable[[str, Only], list[Template]]) -> None:
        keys = tuple(getattr(d, method) for d in self.twins)
        _submit(self, _pairs(keys), lambda only: make(method, only))

    def lambda_body(self, fn: Callable, role: str, every: bool = True) -> gast.expr:
        """A lambda's expression, checked to take the distribution's parameters (``every``: all
        of them, in order; else some of them, as a guard)."""
        node, origin = parse_lambda(fn, f"{role} of {self.what}")
        taken = [a.id for a in (*node.args.posonlyargs, *node.args.args)]
        if taken != self.params if every else not set(taken) <= set(self.params):
            raise RuleDefinitionError(
                f"{role} of {self.what} ({origin}) takes {taken}; its parameters are {self.params}",
                hint="write it as lambda x, <shapes>, loc=0.0, scale=1.0: ... (a guard: some of them)")
        return node.body

    def call(self, method: str) -> gast.Call:
        """``sst.gamma.pdf(x, a, loc, scale)``: by the name the row's module gives the module."""
        alias = next((k for k, v in self.namespace.items() if isinstance(v, ModuleType)
                      and getattr(v, self.dist.name, None) is self.dist), None)
        if alias is None:
            raise RuleDefinitionError(f"{self.what} ({self.origin}): its module does not name "
                                      "the distribution's module",
                                      hint="import scipy.stats as sst in the module of the row")
        func = build.attribute(build.attribute(build.name(alias), self.dist.name), method)
        return build.call(func, *[build.name(p) for p in self.params])

    def templates(self, key: Any, method: str, only: Only, slope: gast.expr | None,
                  partials: list[gast.expr]) -> list[Template]:
        """The adjoint and tangent (those ``only`` asks for) of ``dy_dx = slope`` (if any) and one
        partial per parameter, which may read ``dy_dx``."""
        names = frozenset(["y", *self.params])
        first = [] if slope is None else [build.assign(SLOPE, clone(slope))]
        made = []
        for kind in (ADJOINT, TANGENT):
            if not _wanted(only, kind, key):
                continue
            exprs = clone(partials)
            body = ([set_d(p, contribution(d_of("y"), p, e, names, True))
                     for p, e in zip(self.params, exprs, strict=True)] if kind == ADJOINT else
                    [set_d("y", total([refused_tangent(p, e) if is_refusal(e) else times(d_of(p), e, names)
                                       for p, e in zip(self.params, exprs, strict=True)]))])
            made.append(Template(key, kind, f"{self.dist.name}_{method}_{kind}", "y",
                                 list(self.params), {k: clone(v) for k, v in self.defaults.items()},
                                 [*clone(first), *body],
                                 self.origin, self.namespace))
        return made


def _loc_scale(slope: gast.expr, scale_partial: gast.expr, shapes: list[gast.expr]
               ) -> list[gast.expr]:
    """The partials in ``x``, the shapes, ``loc`` and ``scale``, with ``dy_dx`` the first."""
    return [slope, *shapes, build.negate(clone(slope)), scale_partial]


def densities(dists: Any, slope: Callable, *shapes: Callable, support: Callable | None = None
              ) -> None:
    """Register ``logpdf`` and ``pdf`` of ``dists`` from the log-density's partial in ``x`` and
    one in each shape parameter (see the module docstring)."""
    row = _Row(dists, "densities")
    if len(shapes) != len(row.shapes):
        raise RuleDefinitionError(
            f"{row.what} ({row.origin}) needs a partial in x and one per shape {row.shapes}",
            hint="densities(dist, lambda x, <shapes>, loc=0.0, scale=1.0: <d logpdf/dx>, ...)")

    def make(method: str, only: Only) -> list[Template]:
        given = [row.lambda_body(fn, f"partial {i + 1}") for i, fn in enumerate((slope, *shapes))]
        inside = None if support is None else row.lambda_body(support, "the support", False)
        y_or_1 = build.name("y") if method == "pdf" else build.constant(1.0)
        across = build.binop(build.binop(build.name("x"), "-", build.name("loc")), "*",
                             build.name(SLOPE))  # (x - loc) dy_dx = z s(z), s the standard slope
        scale_partial = build.binop(build.negate(build.binop(y_or_1, "+", across)), "/",
                                    build.name("scale"))
        partials = _loc_scale(build.name(SLOPE), scale_partial, [
            build.binop(build.name("y"), "*", e) if method == "pdf" else e for e in given[1:]])
        if method == "logpdf" and inside is not None:
            partials = [build.call("_rt.nan_outside", p, clone(inside)) for p in partials]
        first = build.binop(build.name("y"), "*", given[0]) if method == "pdf" else given[0]
        return [t for key in _keys(row, method) for t in row.templates(key, method, only, first, partials)]

    for method in ("logpdf", "pdf"):
        row.register(method, make)


def distribution_functions(dists: Any, *, lower: Callable | None = None,
                           upper: Callable | None = None,
                           shapes: dict[str, tuple[Callable, ...]] | None = None,
                           survival: dict[str, Callable] | None = None,
                           probability: dict[str, Callable] | None = None,
                           methods: tuple[str, ...] = METHODS) -> None:
    """Register ``methods`` (of ``cdf sf logcdf logsf``) of ``dists`` in ``x``, ``loc``, ``scale``
    and its shapes, from its own density (see the module docstring)."""
    row = _Row(dists, "distribution_functions")
    given = {**(shapes or {}), **{s: (SURVIVAL, fn) for s, fn in (survival or {}).items()},
             **{s: (PROBABILITY, fn) for s, fn in (probability or {}).items()}}
    if set(given) - set(row.shapes) or any(len(p) != len(methods) and p[0] not in _SLOPES
                                           for p in given.values()):
        raise RuleDefinitionError(
            f"{row.what} ({row.origin}): shapes= gives {sorted(given)}, one partial per method "
            f"of {list(methods)}; its shapes are {row.shapes}",
            hint="shapes={'a': (<d cdf/da>, <d sf/da>, ...)}, lambdas of y, x, the shapes, loc, scale")

    def make(method: str, only: Only) -> list[Template]:
        density = (row.call("pdf") if method in ("cdf", "sf") else build.call(
            "np.exp", build.binop(row.call("logpdf"), "-", build.name("y"))))
        guard = {"logsf": lower, "logcdf": upper}.get(method)
        if guard is not None:
            density = build.call("np.where", row.lambda_body(guard, f"the {method} guard", False),
                                 density, build.constant(0.0))
        slope = build.negate(density) if method in ("sf", "logsf") else density
        scale_partial = build.binop(build.name(SLOPE), "*", build.binop(build.binop(
            build.name("loc"), "-", build.name("x")), "/", build.name("scale")))
        partials = _loc_scale(build.name(SLOPE), scale_partial, [
            _shape_partial(row, method, s, given.get(s), methods) for s in row.shapes])
        return [t for key in _keys(row, method) for t in row.templates(key, method, only, slope, partials)]

    for method in methods:
        row.register(method, make)


def _keys(row: _Row, method: str) -> tuple:
    return tuple(getattr(d, method) for d in row.twins)


def _shape_partial(row: _Row, method: str, shape: str, given: tuple | None,
                   methods: tuple[str, ...]) -> gast.expr:
    if given is None:
        return build.call("_rt.no_derivative", build.name(shape), build.constant(
            f"scipy.stats.{row.dist.name}.{method} in its {shape}"))
    role = f"the partial of {row.dist.name}.{method} in {shape}"
    if given[0] in _SLOPES:
        return _from_slope(row, method, given[0], row.lambda_body(given[1], role))
    return _of_result(row, given[methods.index(method)], role)


def _of_result(row: _Row, fn: Callable, role: str) -> gast.expr:
    """A partial ``lambda y, <the parameters>: ...``, checked."""
    node, origin = parse_lambda(fn, role)
    taken = [a.id for a in (*node.args.posonlyargs, *node.args.args)]
    if taken != ["y", *row.params]:
        raise RuleDefinitionError(
            f"{role} ({origin}) takes {taken}, not {['y', *row.params]}",
            hint=f"lambda y, {', '.join(row.params)}: ... (with the defaults)")
    return node.body


def counts(dists: Any, method: str, **partials: Callable) -> None:
    """Register ``method`` of a discrete ``scipy.stats`` distribution (``logpmf pmf cdf sf logcdf
    logsf``) from its partials in the parameters named (lambdas of the result and the parameters,
    ``lambda y, k, mu, loc=0: ...``); the others (the count ``k``, an integer shape, ``loc``) are
    refused where they vary (``_rt.no_derivative``: the function is defined at integers only, or
    jumps there), as data they need none::

        counts(sst.poisson, "pmf", mu=lambda y, k, mu, loc=0: y * ((k - loc) / mu - 1.0))"""
    row = _Row(dists, f"counts.{method}", count=True)
    if not set(partials) <= set(row.params):
        raise RuleDefinitionError(
            f"{row.what} ({row.origin}) gives partials in {sorted(partials)}; its parameters "
            f"are {row.params}", hint="name each partial by its parameter: mu=lambda y, k, mu, loc=0: ...")

    def make(name: str, only: Only) -> list[Template]:
        exprs = [_of_result(row, partials[p], f"the partial of {row.dist.name}.{name} in {p}")
                 if p in partials else build.call("_rt.no_derivative", build.name(p), build.constant(
                     f"scipy.stats.{row.dist.name}.{name} in its {'count k' if p == 'k' else p}"))
                 for p in row.params]
        return [t for key in _keys(row, name) for t in row.templates(key, name, only, None, exprs)]

    row.register(method, make)


def _from_slope(row: _Row, method: str, which: str, g: gast.expr) -> gast.expr:
    """A shape's partial from ``g``, the slope in it of the log-survival (``which`` is
    :data:`SURVIVAL`) or of the log-probability: for the survival ``S``, ``sf``'s is ``y g``,
    ``cdf``'s ``-S g``, ``logsf``'s ``g`` and ``logcdf``'s ``-exp(logsf - y) g``; NaN where the
    logarithm is -inf."""
    own, other = ("sf", "cdf") if which == SURVIVAL else ("cdf", "sf")
    if method == own:
        return build.binop(build.name("y"), "*", g)
    if method == other:
        return build.negate(build.binop(row.call(own), "*", g))
    if method != "log" + own:
        g = build.negate(build.binop(build.call("np.exp", build.binop(
            row.call("log" + own), "-", build.name("y"))), "*", g))
    finite = gast.Compare(left=build.name("y"), ops=[gast.Gt()],
                          comparators=[build.negate(build.dotted("np.inf"))])
    return build.call("_rt.nan_outside", g, finite)

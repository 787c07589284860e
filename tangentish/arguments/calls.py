"""The checks made on every call of a generated derivative, before any generated code runs.

A :class:`CallCheck` is built once per derivative from its generated signature; ``bind`` applies
Python's own binding rules (as tangentish errors naming what is wrong), refuses ``np.matrix``
anywhere, checks and promotes the values under ``wrt``, the forward-mode tangents ``x_dot`` and the
seeds ``out_bar``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ArgumentError
from .values import check_argument, check_seed_value, check_tangent, close_keyword, refuse_matrix
from .wrt import EMPTY, KEYWORD, POSITIONAL, VARARGS, Wrt, caller_location, parameters


class CallCheck:
    """What one generated derivative may be called with (built once, applied on every call): the
    user's parameters as the signature allows, each ``wrt`` value real, each ``x_dot`` tangent
    (``tangents=True``, forward mode) of its primal's shape, and any seed (``out_bar``) real."""

    def __init__(self, generated: Any, user_params: tuple[str, ...], wrt: Wrt, label: str,
                 tangents: dict[str, str] | None = None):
        every = parameters(generated) or ()
        params = [p for p in every if p.kind in (POSITIONAL, KEYWORD)]
        self.label = label
        self.star = any(p.kind == VARARGS for p in every)  # (takes any more positionals)
        self.positional = [p.name for p in params if p.kind == POSITIONAL]
        self.prefixes = [frozenset(self.positional[:n]) for n in range(len(self.positional) + 1)]
        self.index = {name: i for i, name in enumerate(self.positional)}
        self.posonly = {p.name for p in params if p.positional_only}
        self.keywords = [p.name for p in params if not p.positional_only]
        self.keyword_set = frozenset(self.keywords)
        self.defaults = {p.name: p.default for p in params if p.default is not EMPTY}
        self.wrt = list(zip(wrt.names, wrt.positions, strict=True))
        # (jvp: each wrt parameter's tangent keyword, ``x_dot``, ``x_dot_dot`` past a clash)
        self.tangents = [tangents.get(name, f"{name}_dot") for name in wrt.names] \
            if tangents is not None else []
        self.moves = dict(zip(self.tangents, wrt.names, strict=False))  # tangent → its primal
        self.required_order = [p.name for p in params if p.default is EMPTY]
        self.required_primal = [n for n in self.required_order if n not in self.tangents]
        # Positional arguments that, given alone, leave nothing required missing.
        self.least = max([self.index[n] + 1 for n in self.required_primal if n in self.index]
                         + [0])
        if any(n not in self.index for n in self.required_primal):
            self.least = len(self.positional) + 1  # a required keyword-only: always look
        self.seeds = [p.name for p in params
                      if p.name not in user_params and p.name not in self.tangents]

    def bind(self, args: tuple, kwargs: dict, tangents: bool = True) -> tuple[tuple, dict, list]:
        """Checked (and promoted) arguments, and the values under ``wrt`` as passed on.  With
        ``tangents=False`` the tangents are not asked for (to learn the primals' shapes first)."""
        if len(args) > len(self.positional) and not self.star:
            self._signature(args, kwargs, tangents)
        if kwargs or len(args) < self.least or (tangents and self.tangents):
            self._keywords(args, kwargs, tangents)
        for position, value in enumerate(args):
            if isinstance(value, np.matrix):
                refuse_matrix(value, self.positional[position], self._given(self.positional[position]))
        primals = []
        for name, position in self.wrt:
            if position is not None and position < len(args):
                value = args[position]
                if value.__class__ is float or (value.__class__ is np.ndarray
                                                and value.dtype.kind == "f"):
                    primals.append(value)
                    continue
            args, value = self._primal(args, kwargs, name, position)
            primals.append(value)
        if tangents and self.tangents:
            for tangent, primal in zip(self.tangents, primals, strict=True):
                if tangent in kwargs:
                    kwargs[tangent] = check_tangent(kwargs[tangent], primal, tangent, self.label)
        for seed in self.seeds:
            if seed in kwargs:
                kwargs[seed] = check_seed_value(kwargs[seed], f"the seed {seed}= given to "
                                                f"{self.label}", seed)
        return args, kwargs, primals

    def _keywords(self, args: tuple, kwargs: dict, tangents: bool) -> None:
        """The keywords are parameters not given by position, and nothing required is missing."""
        given = self.prefixes[min(len(args), len(self.positional))]
        for key, value in kwargs.items():
            if key not in self.keyword_set or key in given:
                self._signature(args, kwargs, tangents)
            if isinstance(value, np.matrix):
                refuse_matrix(value, key, self._given(key))
        for name in self.required_order if tangents else self.required_primal:
            if name not in given and name not in kwargs:
                self._signature(args, kwargs, tangents)

    def _given(self, name: str) -> str:
        return f"the argument {name} given to {self.label}: it"

    def _primal(self, args: tuple, kwargs: dict, name: str, position: int | None):
        if position is not None and position < len(args):
            value = args[position]
            checked = check_argument(value, name, self.label)
            if checked is not value:
                args = (*args[:position], checked, *args[position + 1:])
            return args, checked
        value = kwargs[name] if name in kwargs else self.defaults[name]
        checked = check_argument(value, name, self.label)
        if name not in self.posonly:
            kwargs[name] = checked
            return args, checked
        filled = [self.defaults[n] for n in self.positional[len(args):position]]
        return (*args, *filled, checked), checked

    def _signature(self, args: tuple, kwargs: dict, tangents: bool = True) -> None:
        """Python's own rules for binding a call, as tangentish errors naming what is wrong
        (called when the quick test in :meth:`bind` failed: it always raises)."""
        where = caller_location()
        if len(args) > len(self.positional) and not self.star:
            raise ArgumentError(f"{self.label} takes {len(self.positional)} positional argument"
                                f"{'s' * (len(self.positional) != 1)} {self.positional} but "
                                f"{len(args)} {'were' if len(args) != 1 else 'was'} given", where,
                                hint="pass the function's own arguments, then keywords")
        for key in kwargs:
            if key in self.posonly:
                raise ArgumentError(f"{self.label} got {key}= by keyword, but it is a "
                                    "positional-only parameter", where, hint="pass it by position")
            if key not in self.keywords:
                raise ArgumentError(f"{self.label} got an unexpected keyword argument {key!r}",
                                    where, hint=self._keyword_hint(key))
            if self.index.get(key, len(args)) < len(args):
                raise ArgumentError(f"{self.label} got two values for {key!r}: by position and by "
                                    "keyword", where, hint="pass it once")
        for name in self.required_order:
            if name in kwargs or self.index.get(name, len(args)) < len(args):
                continue
            if name in self.tangents and not tangents:
                continue
            if name in self.tangents:
                primal = self.moves[name]
                raise ArgumentError(f"{self.label} needs the tangent {name}= (the direction in "
                                    f"which {primal} moves)", where,
                                    hint=f"pass {name}= an array of {primal}'s shape, one per "
                                    f"wrt parameter: {', '.join(self.tangents)}")
            raise ArgumentError(f"{self.label} is missing the argument {name!r}", where,
                                hint=f"it takes {self.positional} like the function it "
                                "differentiates" + (f", plus keyword-only {self.seeds}"
                                                    if self.seeds else ""))

    def _keyword_hint(self, key: str) -> str:
        close = close_keyword(key, self.keywords)
        if self.tangents and key.endswith("_dot"):
            return f"{close}tangents are named after the wrt parameters: {self.tangents}"
        return f"{close}it accepts {self.keywords}"

"""The rule registry: derivative templates keyed by the callable they differentiate.

Templates are Python functions that are parsed, never executed.  Their first parameter names the
operation's result, the others are the operation's own parameters under NumPy's names::

    @adjoint(np.tanh)
    def tanh_adjoint(y, x):
        d[x] = d[y] * (1.0 - y * y)

The registry counts a version per key, so cached derivatives that used a rule can tell when that rule
was replaced.  Registering is the only module state that changes after import.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import gast

from .errors import RuleDefinitionError

ADJOINT = "adjoint"
TANGENT = "tangent"


@dataclass
class Template:
    """A parsed derivative template."""

    key: Hashable
    kind: str
    name: str
    result: str
    params: list[str]
    defaults: dict[str, gast.expr]
    body: list[gast.stmt]
    origin: str
    namespace: dict[str, Any] = field(default_factory=dict)

    @property
    def placeholders(self) -> set[str]:
        return {self.result, *self.params}


@dataclass
class Registry:
    """Every known rule.  ``version(key)`` changes whenever a rule for ``key`` is (re)registered."""

    templates: dict[tuple[str, Hashable], Template] = field(default_factory=dict)
    nondifferentiable: set[Hashable] = field(default_factory=set)
    versions: dict[Hashable, int] = field(default_factory=dict)
    generation: int = 0

    def lookup(self, kind: str, key: Hashable) -> Template | None:
        try:
            return self.templates.get((kind, key))
        except TypeError:  # unhashable callable
            return None

    def is_nondifferentiable(self, key: Hashable) -> bool:
        try:
            return key in self.nondifferentiable
        except TypeError:
            return False

    def known(self, key: Hashable) -> bool:
        return self.is_nondifferentiable(key) or self.lookup(ADJOINT, key) is not None

    def version(self, key: Hashable) -> int:
        try:
            return self.versions.get(key, 0)
        except TypeError:
            return 0

    def _bump(self, key: Hashable) -> None:
        self.generation += 1
        self.versions[key] = self.version(key) + 1

    def add_template(self, template: Template) -> None:
        self.templates[(template.kind, template.key)] = template
        self.nondifferentiable.discard(template.key)
        self._bump(template.key)

    def add_nondifferentiable(self, key: Hashable) -> None:
        self.nondifferentiable.add(key)
        self._bump(key)


REGISTRY = Registry()


def _is_d(node: gast.AST) -> bool:
    return isinstance(node, gast.Subscript) and getattr(node.value, "id", None) == "d"


def _validate(template: Template, fn: Callable) -> None:
    where = f"rule {template.name!r} ({template.origin})"
    names = template.placeholders
    for node in template.body:
        for sub in gast.walk(node):
            if _is_d(sub):
                inner = sub.slice
                if not (isinstance(inner, gast.Name) and inner.id in names):
                    raise RuleDefinitionError(
                        f"{where}: d[...] must wrap one of the template's parameters "
                        f"{sorted(names)}, got d[{gast.dump(inner)}]",
                        hint="write d[x] where x is a parameter of the template function",
                    )
    targets = [
        t.slice.id
        for stmt in template.body
        for node in gast.walk(stmt)
        if isinstance(node, gast.Assign)
        for t in node.targets
        if _is_d(t)
    ]
    if template.kind == ADJOINT and template.result in targets:
        raise RuleDefinitionError(
            f"{where}: an adjoint assigns d[<argument>], not d[{template.result}] (the result)",
            hint="the first parameter is the result; assign the argument adjoints from d[result]",
        )
    if template.kind == TANGENT and set(targets) != {template.result}:
        raise RuleDefinitionError(
            f"{where}: a tangent template must assign d[{template.result}] and nothing else",
            hint="write `d[y] = ...` using d[x] for the input tangents",
        )
    if not targets:
        raise RuleDefinitionError(
            f"{where}: the template assigns no derivative",
            hint="assign d[x] = ... for the argument(s) it differentiates",
        )


def parse_template(fn: Callable, key: Hashable, kind: str) -> Template:
    """Parse a template function into a :class:`Template` (raising on malformed templates)."""
    try:
        source = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError) as exc:
        raise RuleDefinitionError(
            f"cannot read the source of rule {getattr(fn, '__name__', fn)!r}: {exc}",
            hint="define rule templates with `def` in a file",
        ) from None
    node = next(n for n in gast.parse(source).body if isinstance(n, gast.FunctionDef))
    args = node.args
    params = [a.id for a in args.posonlyargs + args.args + args.kwonlyargs]
    if not params:
        raise RuleDefinitionError(
            f"rule {fn.__name__!r} needs at least a result parameter",
            hint="the first parameter names the result, the others the function's arguments",
        )
    positional = args.posonlyargs + args.args
    defaults = {a.id: d for a, d in zip(positional[len(positional) - len(args.defaults):],
                                         args.defaults, strict=True)}
    keyword_defaults = zip(args.kwonlyargs, args.kw_defaults, strict=True)
    defaults.update({a.id: d for a, d in keyword_defaults if d is not None})
    code = fn.__code__
    body = [s for s in node.body if not (isinstance(s, gast.Expr)
                                          and isinstance(s.value, gast.Constant))]
    template = Template(
        key=key, kind=kind, name=fn.__name__, result=params[0], params=params[1:],
        defaults=defaults, body=body,
        origin=f"{code.co_filename.rsplit('/', 1)[-1]}:{code.co_firstlineno}",
        namespace=getattr(fn, "__globals__", {}),
    )
    _validate(template, fn)
    return template

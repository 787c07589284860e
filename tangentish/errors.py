"""The project's exception family.

Every error that points at user code carries the file, the line, the offending source line and a
caret under the construct, plus a hint saying what to do instead::

    tangentish.errors.UnsupportedConstructError: cannot differentiate a `while` loop
      File "demo.py", line 4, in f
        while x > 0:
        ^^^^^^^^^^^^
    hint: rewrite the loop with `for i in range(n)` ...
"""

from __future__ import annotations

from typing import Any


class Frozen:
    """A small value record: equal (and hashing alike) when its class and every attribute named by
    its ``__slots__`` are (which ``__init__`` takes in that order), shown as ``Class(field=value,
    ...)``, read-only.  What a frozen dataclass gives, for a fraction of the cost of making one (a
    frozen dataclass costs a first ``grad()`` about a millisecond)."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and self._values() == other._values()  # type: ignore

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self.__slots__, self._values(), strict=True))
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple:  # (copies and pickles: the fields, in ``__init__``'s order)
        return type(self), self._values()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a {type(self).__name__}")

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)


class Location(Frozen):
    """Where a construct sits in the user's source."""

    __slots__ = ("filename", "lineno", "function", "line", "col", "end_col")

    def __init__(self, filename: str, lineno: int, function: str, line: str = "", col: int = 0,
                 end_col: int | None = None):
        self._set(filename=filename, lineno=lineno, function=function, line=line, col=col,
                  end_col=end_col)

    def render(self) -> str:
        text = f'  File "{self.filename}", line {self.lineno}, in {self.function}'
        if not self.line.strip():
            return text
        stripped = self.line.lstrip()
        indent = len(self.line) - len(stripped)
        start = max(self.col - indent, 0)
        end = self.end_col - indent if self.end_col is not None else len(stripped)
        end = min(max(end, start + 1), len(stripped.rstrip()) or start + 1)
        caret = " " * start + "^" * max(end - start, 1)
        return f"{text}\n    {stripped.rstrip()}\n    {caret}"


class TangentishError(Exception):
    """Base class of every error raised by tangentish."""

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        self.message = message
        self.location = location
        self.hint = hint
        super().__init__(self._compose())

    def _compose(self) -> str:
        parts = [self.message]
        if self.location is not None:
            parts.append(self.location.render())
        if self.hint:
            parts.append(f"hint: {self.hint}")
        return "\n".join(parts)


class UnsupportedConstructError(TangentishError):
    """The function uses Python syntax that tangentish cannot differentiate (yet)."""


class MissingRuleError(TangentishError):
    """A called function has no derivative rule."""


class SourceUnavailableError(TangentishError):
    """The function's source code cannot be retrieved (builtin, REPL lambda, C extension)."""


class NonScalarOutputError(TangentishError, ValueError):
    """`grad` was asked for a function whose output is not a scalar."""

    def restated(self, what: str, name: str) -> NonScalarOutputError:
        """This refusal by ``grad(name)``'s seed check as the ``hessian``'s or ``hvp``'s that
        was called (they differentiate ``grad(f)``); itself if it is not one."""
        said = f"grad({name}) needs a scalar output"
        if not self.message.startswith(said):
            return self
        return NonScalarOutputError(
            f"{what}({name}) needs a scalar output" + self.message[len(said):], self.location,
            hint=f"{what} is of a scalar function: differentiate a scalar of {name}'s output "
            "(its np.sum, or one component, in a wrapper function); tangentish.jacobian takes "
            "vector outputs at first order")


class RuleDefinitionError(TangentishError):
    """A derivative rule template is malformed."""


class ArgumentError(TangentishError, TypeError):
    """The transform or the derivative was called with arguments it cannot use."""


class ArgumentValueError(ArgumentError, ValueError):
    """An argument of the right kind with a value that cannot be used: a ``wrt`` index out of range,
    a tangent or cotangent of the wrong shape, a negative seed, a point where ``f`` is not finite."""


class UnsupportedValueError(TangentishError, TypeError):
    """A value met while a derivative runs that tangentish does not differentiate: a complex number
    in a seed, a cotangent, a tangent, an output or a gradient (tangentish differentiates real
    functions of real inputs only)."""


class InternalError(TangentishError, RuntimeError):
    """A generated derivative returned something of the wrong shape: a bug in tangentish, reported
    instead of returning a wrong result."""

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

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a construct sits in the user's source."""

    filename: str
    lineno: int
    function: str
    line: str = ""
    col: int = 0
    end_col: int | None = None

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

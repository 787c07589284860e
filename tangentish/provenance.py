"""Where a generated line comes from, and errors raised while a derivative runs located with it.

An error found while transforming points at the user's construct (``info.location(node)``).  Some
can only be found when the derivative runs, on the values: a singular matrix in a determinant's
adjoint, ``np.linspace(..., retstep=True)``, an array output met by ``grad``'s scalar seed.  The
runtime helper that finds one (:mod:`tangentish.runtime`) knows the values but not the user's code,
so it raises without a location.  Every generated function has a :class:`LineMap` (built from the
user line each statement comes from, :func:`tangentish.passes.generate.line_map`), registered under
its code's file name while the function lives (:mod:`tangentish.loader`); the call wrappers
(``api``, ``fastcall``, ``pullback``) hand an error of the project's that escapes generated code to
:func:`locate`, which fills in the location of the user's statement the innermost generated frame
of its traceback was running, and re-raise the same object, traceback and all (the generated lines
stay visible above the message).  A derivative of a derivative maps twice: its lines point into
the first derivative's text, which points into the user's file.

    >>> from tangentish.errors import UnsupportedConstructError
    >>> lines = LineMap("demo.py", "f", ((1, 3), (4, 5)), ((3, "def f(x):"), (5, "    y = x")))
    >>> print(lines.location(6).render())
      File "demo.py", line 5, in f
        y = x
        ^^^^^
"""

from __future__ import annotations

import bisect
from typing import Any

from .errors import Frozen, Location, TangentishError
from .source_files import UNWRITTEN, write_planned

MAPS: dict[str, LineMap] = {}
"""Generated code's file name → its line map, while a generated function of that text lives
(kept by :mod:`tangentish.loader` beside the text it registers with :mod:`linecache`)."""

_DEPTH = 8  # derivatives of derivatives mapped through at most this many generated texts


class LineMap(Frozen):
    """For each generated line, the user's line it comes from: ``runs`` are ``(first generated
    line, user line)`` in order (a run lasts until the next); ``texts`` the user lines' text;
    ``names`` the function each user line belongs to when it is not ``function`` (a helper
    inlined from the same file).  Plain data, so the persistent cache stores it as it is."""

    __slots__ = ("filename", "function", "runs", "texts", "names")
    filename: str
    function: str
    runs: tuple[tuple[int, int], ...]
    texts: tuple[tuple[int, str], ...]
    names: tuple[tuple[int, str], ...]

    def __init__(self, filename: str, function: str, runs: tuple, texts: tuple,
                 names: tuple = ()):
        self._set(filename=filename, function=function, runs=tuple(map(tuple, runs)),
                  texts=tuple(map(tuple, texts)), names=tuple(map(tuple, names)))

    def data(self) -> list:
        """The fields as lists of plain values (what :mod:`marshal` writes)."""
        return [self.filename, self.function, [list(r) for r in self.runs],
                [list(t) for t in self.texts], [list(n) for n in self.names]]

    def user_line(self, line: int) -> int | None:
        index = bisect.bisect_right(self.runs, (line, float("inf"))) - 1
        return self.runs[index][1] if index >= 0 else None

    def location(self, line: int) -> Location | None:
        """The user's statement generated line ``line`` comes from, underlined whole."""
        lineno = self.user_line(line)
        if lineno is None:
            return None
        text = dict(self.texts).get(lineno, "")
        function = dict(self.names).get(lineno, self.function)
        return Location(self.filename, lineno, function, text, len(text) - len(text.lstrip()))


def located_at(filename: str, line: int) -> Location | None:
    """The user's statement that line ``line`` of generated code ``filename`` comes from (through
    every generated text between them), or None when ``filename`` is no generated code's."""
    found = None
    for _ in range(_DEPTH):
        lines = MAPS.get(filename)
        if lines is None:
            break
        location = lines.location(line)
        if location is None:
            break
        found, filename, line = location, location.filename, location.lineno
    return found


class InUserCode:
    """A context in which a refusal found in a derivative's own code (a second derivative
    differentiates the first's: its ``_rt`` helpers, its names) is moved to the user's statement
    that code comes from (:func:`located_at`), the generated line named in the message."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, trace: Any) -> bool:
        where = getattr(error, "location", None) if isinstance(error, TangentishError) else None
        user = located_at(where.filename, where.lineno) if where is not None else None
        if user is not None:
            _write_quietly(where.filename)  # (the message names a line of it)
            error.message += (f" [the derivative's code: {where.function}, line {where.lineno}:"
                              f" `{where.line.strip()}`]")
            error.location = user
            error.args = (error._compose(), *error.args[1:])
        return False


IN_USER_CODE = InUserCode()


def _write_quietly(filename: str) -> None:
    """Write a planned source file for a traceback being raised; nothing it meets (a directory
    found unusable, whose warning is an error under ``-W error``) replaces that error."""
    try:
        write_planned(filename)
    except Exception:  # (the file is for showing: the error raised matters, not it)
        return


def locate(error: BaseException) -> None:
    """Give ``error`` (escaping generated code) the location of the user's statement that the
    innermost generated frame of its traceback was running: as its location when it is one of
    the project's errors without one, else (Python 3.11+) as a note under the message, so a
    NumPy error raised by the user's own computation names the user's line too.  The files of
    the generated code it passed through are written now if they were not (the traceback may be
    printed from disk: :func:`tangentish.source_files.planned`), for any exception: a
    ``KeyboardInterrupt`` or ``SystemExit`` (no ``Exception``) gets its files and nothing else,
    left as it was raised."""
    found = None
    trace: Any = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename in MAPS:
            found = filename, trace.tb_lineno
        if filename in UNWRITTEN:  # (the traceback may be printed from disk: its file written)
            _write_quietly(filename)
        trace = trace.tb_next
    if not isinstance(error, Exception):  # (Ctrl-C, sys.exit(): shown, never annotated)
        return
    if isinstance(error, TangentishError) and error.location is not None:
        return
    location = located_at(*found) if found is not None else None
    if location is None:
        return
    if isinstance(error, TangentishError):
        error.location = location
        error.args = (error._compose(), *error.args[1:])
    elif hasattr(error, "add_note"):
        note = f"raised by the derivative's code for this line:\n{location.render()}"
        if note not in getattr(error, "__notes__", ()):  # (each wrapper it passes adds it once)
            error.add_note(note)

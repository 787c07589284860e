"""How derivatives show themselves: their generated source, highlighted, in Jupyter, IPython and on
a terminal.

::

    df = tangentish.grad(loss)
    df                      # Jupyter: the source, highlighted (``_repr_html_``, ``_repr_markdown_``)
                            # IPython: the source as text (``_repr_pretty_``)
    tangentish.show(df)     # prints it; coloured on a terminal when pygments is installed

Every derivative the API returns (and every ``vjp`` pullback) carries these methods.  IPython
prints plain functions with a printer of its own, registered by type, which a function's attributes
cannot override; so the first derivative made while an IPython shell runs registers, on that
shell only, a function printer that shows tangentish's derivatives as their source and passes
every other function to the printer it replaces.  Nothing here imports IPython or pygments unless
they are already in use (pygments is imported when colour or HTML is asked for, if installed).
"""

from __future__ import annotations

import os
import re
import sys
import types
from collections.abc import Callable
from typing import IO, Any

_MARK = "__tangentish_display__"


def colour(stream: Any, color: bool | None = None) -> Callable[[str], str] | None:
    """A function painting Python source with ANSI colours, when ``color`` is True, or when it is
    None and ``stream`` is a terminal and ``NO_COLOR`` is unset; None when no colour is wanted
    or pygments is not installed."""
    if color is None:
        color = not os.environ.get("NO_COLOR") and bool(getattr(stream, "isatty", bool)())
    if not color:
        return None
    try:
        from pygments import highlight
        from pygments.formatters import TerminalFormatter
        from pygments.lexers import PythonLexer
    except ImportError:
        return None
    return lambda text: highlight(text, PythonLexer(), TerminalFormatter())


def as_html(text: str) -> str:
    """``text`` as highlighted HTML with inline styles (pygments), or an escaped ``<pre>``."""
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer
    except ImportError:
        import html  # (notebooks only: kept out of the first grad()'s imports)

        return f"<pre><code>{html.escape(text)}</code></pre>"
    return highlight(text, PythonLexer(), HtmlFormatter(noclasses=True))


def as_markdown(text: str) -> str:
    """``text`` in a fenced ``python`` block, the fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}python\n{text.rstrip()}\n{fence}\n"


def write_source(text: str, file: IO[str] | None = None, color: bool | None = None) -> None:
    """Print ``text`` (generated source) to ``file`` (default ``sys.stdout``), coloured as
    :func:`colour` decides."""
    stream = sys.stdout if file is None else file
    text = text.rstrip("\n") + "\n"
    paint = colour(stream, color)
    stream.write(paint(text) if paint else text)


def attach(obj: Any, text: str) -> Any:
    """Give ``obj`` (a derivative function or partial) the display methods of its source ``text``;
    returns ``obj``."""
    attributes = obj.__dict__
    attributes["_repr_html_"] = lambda: as_html(text)
    attributes["_repr_markdown_"] = lambda: as_markdown(text)
    attributes["_repr_pretty_"] = lambda printer, cycle=False: _pretty(text, printer)
    attributes["_repr_mimebundle_"] = lambda include=None, exclude=None: {
        "text/plain": text.rstrip("\n")}
    attributes[_MARK] = True
    if isinstance(obj, types.FunctionType):
        _register_with_ipython()
    return obj


def is_derivative(obj: Any) -> bool:
    """Whether ``obj`` is something tangentish returned that displays its ``source``."""
    return isinstance(obj, SourceDisplay) or getattr(obj, "__dict__", {}).get(_MARK) is True


class SourceDisplay:
    """The same display methods for classes whose instances have a ``source`` (a pullback), and
    a short ``repr`` naming the generated function (IPython prefers a class's own ``__repr__``
    to a base class's ``_repr_pretty_``, so subclasses leave ``__repr__`` to this class)."""

    source: str
    kind = "derivative"

    def __repr__(self) -> str:
        name = self.source.partition("(")[0].removeprefix("def ") if self.source else "?"
        return f"<tangentish {self.kind} {name}>"

    def _repr_html_(self) -> str:
        return as_html(self.source)

    def _repr_markdown_(self) -> str:
        return as_markdown(self.source)

    def _repr_pretty_(self, printer: Any, cycle: bool = False) -> None:
        _pretty(self.source, printer)


def _pretty(text: str, printer: Any) -> None:
    lines = text.rstrip("\n").split("\n")
    for number, line in enumerate(lines):
        if number:
            printer.break_() if hasattr(printer, "break_") else printer.text("\n")
        printer.text(line)


def load_ipython_extension(shell: Any) -> None:
    """``%load_ext tangentish``: show derivatives by their source in this shell (done anyway by
    the first derivative made while the shell runs)."""
    _register_with_ipython(shell)


def _register_with_ipython(shell: Any = None) -> None:
    """In a running IPython shell, show tangentish's derivative functions by their source (see
    the module docstring); a no-op anywhere else, and once per shell."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        get = getattr(ipython, "get_ipython", None)
        shell = get() if callable(get) else None
    formatter = getattr(getattr(shell, "display_formatter", None), "formatters", {}).get(
        "text/plain")
    if formatter is None:
        return
    try:
        previous = formatter.lookup_by_type(types.FunctionType)
    except KeyError:
        previous = None
    if getattr(previous, _MARK, False):
        return

    def function_printer(obj: Any, printer: Any, cycle: bool) -> Any:
        attributes = getattr(obj, "__dict__", {})
        if attributes.get(_MARK) is True and callable(attributes.get("_repr_pretty_")):
            return attributes["_repr_pretty_"](printer, cycle)
        if previous is not None:
            return previous(obj, printer, cycle)
        return printer.text(repr(obj))

    setattr(function_printer, _MARK, True)
    formatter.for_type(types.FunctionType, function_printer)

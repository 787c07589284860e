"""Derivatives show their generated source: Jupyter (``_repr_html_``, ``_repr_markdown_``),
IPython (``_repr_pretty_`` and a function printer registered on a running shell), and
``tangentish.show`` on a terminal (tangentish/display.py)."""

import functools
import io
import sys
import types

import numpy as np
import pytest

import tangentish
from tangentish import display


def loss(w):
    return np.sum(np.tanh(w) ** 2)


class Model:
    def loss(self, x):
        return x ** 3


class Printer:
    """What IPython's pretty printer offers a ``_repr_pretty_`` method."""

    def __init__(self):
        self.parts = []

    def text(self, text):
        self.parts.append(text)

    def break_(self):
        self.parts.append("\n")


class Terminal(io.StringIO):
    def isatty(self):
        return True


def derivatives():
    _, pullback = tangentish.vjp(loss)(np.ones(2))
    return [tangentish.grad(loss), tangentish.jvp(loss), tangentish.grad(Model().loss), pullback]


@pytest.mark.parametrize("index", range(4), ids=["grad", "jvp", "bound method", "pullback"])
def test_every_derivative_displays_its_source(index):
    shown = derivatives()[index]
    first = shown.source.splitlines()[0]
    name = first.removeprefix("def ").partition("(")[0]
    page = shown._repr_html_()
    assert page.startswith("<div class=\"highlight\"") and "style=" in page and name in page
    assert shown._repr_markdown_() == f"```python\n{shown.source.rstrip()}\n```\n"
    printer = Printer()
    shown._repr_pretty_(printer, False)
    assert "".join(printer.parts) == shown.source.rstrip("\n")


def test_html_without_pygments_is_escaped_text(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygments", None)  # import pygments now fails
    page = tangentish.grad(loss)._repr_html_()
    assert page.startswith("<pre><code>def grad_loss_wrt_w(w, *, out_bar=1.0):")
    assert display.as_html("a < b & c") == "<pre><code>a &lt; b &amp; c</code></pre>"
    assert display.colour(Terminal(), None) is None  # no colour either, and no error


def test_markdown_fence_outgrows_backticks_in_the_source():
    assert display.as_markdown("x = '```'\n").startswith("````python\n")


def test_show_prints_plain_text_off_a_terminal_and_colour_on_one(capsys, monkeypatch):
    df = tangentish.grad(loss)
    tangentish.show(df)
    assert capsys.readouterr().out == df.source.rstrip("\n") + "\n"
    tangentish.show(loss, wrt="w", mode="jvp")
    assert capsys.readouterr().out.startswith("def jvp_loss_wrt_w(w, *, w_dot):")
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    tangentish.show(loss, file=terminal)
    assert "\x1b[" in terminal.getvalue() and "grad_loss_wrt_w" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    quiet = Terminal()
    tangentish.show(loss, file=quiet)
    assert quiet.getvalue() == df.source.rstrip("\n") + "\n"
    forced = io.StringIO()
    tangentish.show(df, file=forced, color=True)
    assert "\x1b[" in forced.getvalue()


def test_hessians_and_hvps_show_the_source_they_run(capsys):
    for made in (tangentish.hessian(loss), tangentish.hvp(loss), tangentish.jacobian(loss)):
        tangentish.show(made)
        assert capsys.readouterr().out == made.source.rstrip("\n") + "\n"
        assert made.source.startswith("def jvp_grad_loss_wrt_w_wrt_w(") or \
            made.source.startswith("def vjp_loss_wrt_w_forward(")
        assert made.source.partition("(")[0].removeprefix("def ") in made._repr_html_()


def test_show_refuses_a_bad_mode():
    with pytest.raises(tangentish.ArgumentError, match="unknown show mode 'hessian'"):
        tangentish.show(loss, mode="hessian")


def test_a_running_ipython_shell_gets_a_printer_for_derivative_functions(monkeypatch):
    calls = []

    def previous(obj, printer, cycle):  # IPython's own function printer
        calls.append(obj)
        printer.text("<function>")

    class Formatter:
        def __init__(self):
            self.printers = {types.FunctionType: previous}

        def lookup_by_type(self, kind):
            return self.printers[kind]

        def for_type(self, kind, printer):
            self.printers[kind] = printer

    formatter = Formatter()
    shell = types.SimpleNamespace(display_formatter=types.SimpleNamespace(
        formatters={"text/plain": formatter}))
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    df = tangentish.grad(loss, optimized=False)  # a new derivative: registers
    printer = formatter.printers[types.FunctionType]
    assert printer is not previous
    tangentish.load_ipython_extension(shell)  # %load_ext tangentish: already there
    assert formatter.printers[types.FunctionType] is printer
    out = Printer()
    printer(df, out, False)
    assert "".join(out.parts) == df.source.rstrip("\n")
    printer(loss, out, False)  # any other function: IPython's printer
    assert calls == [loss]
    wrapped = functools.partial(loss)
    assert not hasattr(wrapped, "_repr_html_")  # only what tangentish returns carries them

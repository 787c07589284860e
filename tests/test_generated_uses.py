"""What a generated function reads outside itself (``Record.reads``, ``Record.runtime``), found by
the same walk that tells the spelling pass (passes/spelling.py) whether it has anything to
rewrite: a derivative naming none of its helpers is not walked again for them (issue 12: the
spelling pass walked every derivative, most of which have none)."""

from __future__ import annotations

import re
import sys

import gast
import numpy as np
import pytest
from zoo import ZOO

import tangentish
from tangentish import pipeline
from tangentish.syntax import build


def _mean_centred(x):
    c = x - np.mean(x, axis=0)  # (a mean's count, spelled np.shape(x)[0])
    return np.sum(np.clip(c, -1.0, 1.0) ** 2)


def _plain(x):
    return np.sum(np.tanh(x) * x)


def _free_names(text: str) -> set[str]:
    read, bound, _ = build.name_uses(gast.parse(text))
    return read - bound


@pytest.mark.parametrize("fn", [_mean_centred, _plain, *(fn for fn, _ in ZOO)],
                         ids=lambda fn: fn.__name__)
def test_what_a_derivative_reads_outside_is_what_its_text_reads(fn):
    wrt = dict(ZOO).get(fn, 0)
    record = pipeline.differentiate(fn, pipeline.Options(wrt=wrt, mode="grad"))
    code = "\n".join(line for line in record.text.splitlines() if not line.lstrip().startswith("#"))
    assert set(record.runtime) == set(re.findall(r"\b_rt\.(\w+)", code))
    assert set(record.reads) <= _free_names(record.text)
    cells = set(record.function.__code__.co_freevars)
    assert _free_names(record.text) - set(record.reads) <= cells | set(dir(__builtins__))


def test_the_spelling_pass_walks_only_a_derivative_naming_its_helpers(monkeypatch):
    walked = []
    original = build.node_list
    monkeypatch.setattr(build, "node_list", lambda node: (walked.append(
        sys._getframe(1).f_code.co_filename.endswith("spelling.py")) or original(node)))
    x = np.random.default_rng(1205).normal(size=(4, 3))
    tangentish.grad(_plain)(x)
    assert not any(walked)
    assert "np.size" not in tangentish.grad(_plain).source
    source = tangentish.grad(_mean_centred).source  # (its helpers: spelled, after a walk)
    assert any(walked) and "np.shape(x)[0]" in source and "_rt.reduced_size" not in source

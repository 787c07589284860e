"""The cyclic garbage collector paused while a transform runs.

A transform allocates tens of thousands of small AST nodes that all stay alive until it ends; the
collector, triggered by allocation counts, keeps walking them (and everything else the process
holds) for nothing: about 30% of a 1,000-statement transform in a process that keeps earlier
derivatives alive.  Nested and concurrent transforms share one pause: the first to start records
whether collection was on, the last to end restores it.  Other threads' garbage waits for the
transform to end.

When the pause imported modules (the first transform imports the passes: about 23,000 objects,
functions and tables the process keeps for its life), the young objects are moved to the oldest
generation as they are (``gc.freeze()`` then ``gc.unfreeze()``: two list splices) instead of
being walked by the generation-0 collection the next allocation would start (7 ms of a first
``grad()``).  Nothing is leaked: a cycle among them is freed by the next full collection; and
since a process imports each module once, this happens a bounded number of times (a pause that
imports nothing, a later transform, leaves the generations alone).  Skipped when the process
froze objects of its own (``gc.get_freeze_count()``): unfreezing would release them too.  That
count walks the frozen objects (a test process that froze its collected tests: ~50 ms a call), so
it is asked until it is first found non-zero, and the answer kept: a process that froze once is
taken to keep what it froze (at worst its later transforms' young objects are walked, as without
this step).
"""

from __future__ import annotations

import _thread
import contextlib
import gc
import sys
from collections.abc import Iterator

_LOCK = _thread.allocate_lock()
_ACTIVE = 0
_WAS_ENABLED = False
_MODULES = 0  # (how many modules were loaded when the pause began)
_FROZE = False  # (whether the process was seen to have frozen objects of its own: kept)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    global _ACTIVE, _WAS_ENABLED, _MODULES
    with _LOCK:
        if _ACTIVE == 0:
            _WAS_ENABLED, _MODULES = gc.isenabled(), len(sys.modules)
            gc.disable()
        _ACTIVE += 1
    try:
        yield
    finally:
        with _LOCK:
            _ACTIVE -= 1
            if _ACTIVE == 0 and _WAS_ENABLED:
                _promote_young()
                gc.enable()


def _promote_young() -> None:
    """Move the youngest generations' objects to the oldest one unwalked, when the pause imported
    modules and they outnumber the first threshold (a collection would walk them all at the
    next allocation)."""
    global _FROZE
    if _FROZE or len(sys.modules) <= _MODULES or gc.get_count()[0] <= gc.get_threshold()[0]:
        return
    if gc.get_freeze_count() != 0:  # (walks the frozen objects: asked until found non-zero)
        _FROZE = True
        return
    gc.freeze()
    gc.unfreeze()

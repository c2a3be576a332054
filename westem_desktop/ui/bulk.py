"""Reading a tab's rows without the cyclic garbage collector stepping in.

A tab that reads 40,000 forms makes a few hundred thousand tuples and strings at once; every 700 of them
Python's cyclic collector runs, and its older generations walk the whole heap (the register's rows, the
widgets): at 20,000 participants a third of the Evaluations tab's first visit. Rows hold no cycles, so
nothing is lost by pausing the collector while they are made; it runs as usual afterwards.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_collection(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` runs with the cyclic collector paused (as it was before, afterwards; nesting is fine)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused

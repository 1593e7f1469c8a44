"""Budgets of time and memory, so that one pathological input or rule costs a problem line, not the run.

`time_limit` interrupts the code inside it after some seconds with `OutOfTime` (SIGALRM: on Unix, in the
main thread; elsewhere it sets no limit). `memory_limit` caps how far the address space may grow
(the soft RLIMIT_AS: where the resource module and /proc/self/statm exist, that is Linux); an allocation
beyond the cap raises MemoryError. docs/bad-input.md says what each budget does to a run.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Imported on first use elsewhere; imported before a memory limit is set so that what they reserve (numpy's
# OpenBLAS maps about 80 MB of address space) is part of the baseline, not taken from the budget.
LAZY_IMPORTS = ("yaml", "dateparser", "numpy")


class OutOfTime(BaseException):
    """Raised inside code that used up its time budget (a BaseException, so that an `except Exception` in
    a rule or a library cannot swallow it)."""


def can_interrupt() -> bool:
    """Whether `time_limit` can stop code here: SIGALRM exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[Callable[[], bool]]:
    """Raise OutOfTime in the code inside after `seconds` (0: no limit); yields "has it fired?". A timer set
    by the caller (pytest-timeout, say) is put back afterwards with the time it has left.

    The alarm can go off where Python drops what is raised: in a garbage-collector callback (hypothesis
    registers one), a `__del__` or a weakref callback. Python then hands the exception to
    `sys.unraisablehook`; ours sets the alarm again for a millisecond later, so that the code inside is still
    stopped, once it is back in its own frames."""
    fired = [False]

    def expire(signum: int, frame: object) -> None:
        fired[0] = True
        raise OutOfTime()

    def dropped(unraisable: "sys.UnraisableHookArgs") -> None:
        if isinstance(unraisable.exc_value, OutOfTime):
            signal.setitimer(signal.ITIMER_REAL, 0.001)
        else:
            previous_hook(unraisable)

    if not (seconds > 0 and can_interrupt()):
        yield lambda: False
        return
    previous = signal.signal(signal.SIGALRM, expire)
    previous_hook, sys.unraisablehook = sys.unraisablehook, dropped
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield lambda: fired[0]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if sys.unraisablehook is dropped:
            sys.unraisablehook = previous_hook
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


def address_space_mb() -> float | None:
    """The virtual size of this process in MiB (what RLIMIT_AS counts), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


_limited = [False]  # a memory_limit is in force: an inner one keeps the outer's baseline


@contextmanager
def memory_limit(mb: float) -> Iterator[None]:
    """Let the address space grow by at most `mb` MiB beyond its size on entry (0: no limit) until the block
    ends, by lowering the soft RLIMIT_AS (never above a limit already set); the previous limit is put back.
    Inside another memory_limit the outer one holds. Where the size cannot be read, no limit is set."""
    try:
        import resource
    except ImportError:  # not Unix
        resource = None  # type: ignore[assignment]
    if mb <= 0 or resource is None or _limited[0]:
        yield
        return
    for name in LAZY_IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional dependency that is missing is never imported later either
            pass
    baseline = address_space_mb()
    if baseline is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = int((baseline + mb) * 2**20)
    cap = min([cap, *(x for x in (soft, hard) if x != resource.RLIM_INFINITY)])
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    _limited[0] = True
    try:
        yield
    finally:
        _limited[0] = False
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

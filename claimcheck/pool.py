"""A pool of worker processes forked from this one, giving results in the order of the tasks.

`InOrder(steps, work, jobs, lost)` gives `work(step)` for every step, as if done one after the other, but done
by up to `jobs` processes at once: each worker is forked (so it inherits whatever `work` closes over, built
once, and nothing is pickled but a task and its result), takes its tasks one at a time through its own pipe
(with the next one already waiting there, so that it never waits for this process between two), and
the results come back in the order of `steps` whatever the order in which the workers finish. At most
`window` steps are between the oldest result not yet given and the newest task handed out: memory stays
bounded, and one slow task holds the others back by at most the window. A worker that dies (killed,
segfault, out of memory) costs its task only: `lost(step, how)` stands in for its result, and a fresh worker
takes the next task. docs/scale.md says why this is not `multiprocessing.Pool` or `ProcessPoolExecutor`.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

DEPTH = 2  # tasks a worker holds at once: the one it works on, and the next, in its pipe
QUEUED_BYTES = 64 * 1024  # the largest pickled task sent to a worker that has one already: a larger one
# could fill the pipe while the worker, its task done, is blocked sending a large result back (a deadlock)

Step = TypeVar("Step")
Result = TypeVar("Result")


@dataclass(frozen=True)
class Ready(Generic[Result]):
    """A step whose result the caller already has (a problem met while walking the folders): given back in
    its place, never sent to a worker."""

    result: Result


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which `taskset` and containers narrow)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def processes(jobs: int) -> int:
    """How many processes a run uses at once: `jobs` (the settings' and `--jobs`'), or one per usable core
    for 0."""
    return jobs or usable_cores()


def can_fork() -> bool:
    """Whether workers can be forked: on Linux. macOS can fork, but system libraries are not safe to use in
    a forked child there (Python defaults to spawning for that reason); Windows cannot."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


@dataclass
class _Slot:
    """One step in the order of `steps`: done once its result (or the exception its work raised) is in."""

    step: Any
    done: bool = False
    result: Any = None
    raised: BaseException | None = None
    payload: memoryview | None = None  # the step pickled, while it waits to be sent


@dataclass
class _Worker:
    process: Any
    conn: Any
    slots: deque[_Slot] = field(default_factory=deque)  # sent to it, in order: it works on the first
    broken: bool = False  # a task could not be sent: its end is awaited in `_collect`, nothing more is sent


@dataclass
class _Raised:
    """What a worker sends back when `work` raised: re-raised in the parent when its step's turn comes."""

    exception: BaseException


@dataclass
class _Pool:
    """The workers of one `InOrder`, started as tasks need them (never more than `jobs`)."""

    work: Callable[[Any], Any]
    jobs: int
    prepare: Callable[[], object] | None = None
    workers: list[_Worker] = field(default_factory=list)

    def idle(self, small: bool = True) -> _Worker | None:
        """A worker to send a task to: one with none, else a new one (up to `jobs`), else, for a `small`
        task (`QUEUED_BYTES`), the one with the fewest under `DEPTH`; None when there is none."""
        open_ = [w for w in self.workers if not w.broken and len(w.slots) < DEPTH]
        if any(not w.slots for w in open_):
            return next(w for w in open_ if not w.slots)
        if len(self.workers) < self.jobs:
            try:
                return self._start()
            except OSError:  # no more processes or memory for one: go on with the workers there are
                self.jobs = len(self.workers)
        return min(open_, key=lambda w: len(w.slots), default=None) if small else None

    def _start(self) -> _Worker:
        import multiprocessing

        if self.prepare is not None:  # once, before the first fork: every worker inherits what it warmed
            self.prepare()
            self.prepare = None
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        for stream in (sys.stdout, sys.stderr):  # what is buffered now must not be written again by the child
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        inherited = [w.conn for w in self.workers]
        process = context.Process(target=_serve, args=(theirs, self.work, inherited), daemon=True)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # Ctrl-C waits until it is known
        try:
            process.start()
            theirs.close()  # the worker's end lives in the worker only: its death is an end of file here
            worker = _Worker(process, ours)
            self.workers.append(worker)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return worker

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.slots]

    def close(self) -> None:
        """Stop every worker (they may be in the middle of a task when the caller stops early or Ctrl-C);
        the tasks they had are forgotten."""
        for worker in self.workers:
            worker.conn.close()
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join()
        self.workers.clear()


@dataclass(frozen=True)
class _Then:
    """`then(work(step))`: a worker's task (never pickled: the workers are forked with it)."""

    work: Callable[[Any], Any]
    then: Callable[[Any], Any]

    def __call__(self, step: Any) -> Any:
        return self.then(self.work(step))


def _serve(conn: Any, work: Callable[[Any], Any], inherited: list[Any]) -> None:
    """A worker's loop: a task in, its result out, until the parent closes the pipe. Ctrl-C is the parent's
    to handle (it stops the workers); the other workers' pipes, inherited by the fork, are closed so that
    each worker's death is seen on its own pipe alone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how the parent stops it, whatever handler it inherited
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for other in inherited:
        other.close()
    while True:
        try:
            step = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result: Any = work(step)
        except BaseException as exc:  # noqa: BLE001 - given back to the parent, which raises it in its turn
            result = _Raised(exc)
        try:
            conn.send(result)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result or an exception that cannot be pickled
            conn.send(_Raised(RuntimeError("".join(traceback.format_exception(exc)))))



class InOrder(Generic[Step, Result]):
    """`work(step)` for each step (a `Ready` step's own result), in the order of `steps`, by up to `jobs`
    forked workers. With one job, or where workers cannot be forked, or when only one step needs work, it is
    all done in this process, one step after the other, as `steps` are taken: no worker is started (one
    article costs no fork). `lost(step, how)` is the result of a step whose worker died (`how`: by which
    signal or exit status). `prepare()`, when given, is called once before the first worker is forked:
    what `work` would otherwise build lazily in each worker (imports, caches) is then built once and shared.
    `ship(result)`, when given, is what a worker does to a result before it is pickled (shares equal objects
    in it, so that fewer bytes cross the pipe and the parent unpickles less); results made in this process
    are given as `work` made them.
    `stop()` ends it early and gives back the steps taken but not given."""

    def __init__(self, steps: Iterable[Step | Ready[Result]], work: Callable[[Step], Result], jobs: int,
                 lost: Callable[[Step, str], Result], window: int | None = None,
                 prepare: Callable[[], object] | None = None,
                 ship: Callable[[Result], Result] | None = None) -> None:
        self.steps, self.work, self.lost = iter(steps), work, lost
        self.jobs = jobs if can_fork() else 1
        self.window = window or 4 * self.jobs
        self.slots: deque[_Slot] = deque()  # taken, not given yet, in order
        self.pool = _Pool(work if ship is None else _Then(work, ship), self.jobs, prepare)

    def __iter__(self) -> Iterator[Result]:
        if self.jobs <= 1:
            for step in self.steps:
                yield step.result if isinstance(step, Ready) else self.work(step)
            return
        try:
            yield from self._ordered()
        finally:
            self.pool.close()

    def stop(self) -> list[Step | Ready[Result]]:
        """Stop the workers; the steps taken from `steps` whose results were not given yet, in order."""
        self.pool.close()
        left = [slot.step for slot in self.slots]
        self.slots.clear()
        return left

    def _ordered(self) -> Iterator[Result]:
        slots, waiting = self.slots, deque[_Slot]()  # waiting: tasks not handed to a worker yet
        tasks, exhausted = 0, False
        while True:
            while slots and slots[0].done:
                yield _outcome(slots.popleft())
            while not exhausted and len(slots) < self.window:
                try:
                    step = next(self.steps)
                except StopIteration:
                    exhausted = True
                    break
                slot = _Slot(step, True, step.result) if isinstance(step, Ready) else _Slot(step)
                slots.append(slot)
                if not slot.done:
                    waiting.append(slot)
                    tasks += 1
                elif len(slots) == 1:
                    break  # a result at the head is given at once
            if not slots:
                if exhausted:
                    return
                continue
            if tasks == 1 and exhausted and not self.pool.workers:  # one task in all: not worth a fork
                slot = waiting.popleft()
                slot.result, slot.done = self.work(slot.step), True
                continue
            _hand_out(self.pool, waiting)
            if not slots[0].done and self.pool.busy():
                _collect(self.pool, self.lost, waiting)


def _hand_out(pool: _Pool, waiting: deque[_Slot]) -> None:
    """Give each waiting task, oldest first, to an idle worker (one started when fewer than `jobs` run)."""
    from multiprocessing.reduction import ForkingPickler

    while waiting:
        slot = waiting[0]
        if slot.payload is None:
            slot.payload = ForkingPickler.dumps(slot.step)  # what `Connection.send` would send
        worker = pool.idle(small=len(slot.payload) <= QUEUED_BYTES)
        if worker is None and not pool.workers:  # not one could be forked: this process does the work
            waiting.popleft()
            slot.result, slot.done = pool.work(slot.step), True
            continue
        if worker is None:
            return
        waiting.popleft()
        worker.slots.append(slot)
        try:
            worker.conn.send_bytes(slot.payload)
            slot.payload = None
        except (EOFError, OSError):  # it died before this task was in: the task goes to another worker
            worker.slots.pop()
            waiting.appendleft(slot)
            if worker.slots:  # what it was working on is lost, and known as such, in `_collect`
                worker.broken = True
            else:
                _bury(pool, worker)


def _collect(pool: _Pool, lost: Callable[[Any, str], Any], waiting: deque[_Slot]) -> None:
    """Wait until at least one busy worker has a result or has died, and take in what is there. A worker
    that died loses the task it was working on; the tasks waiting in its pipe go back to `waiting`."""
    from multiprocessing.connection import wait

    busy = pool.busy()
    ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
    for worker in busy:
        if worker.conn not in ready and worker.process.sentinel not in ready:
            continue
        slot = worker.slots[0]
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):  # died: its task is lost, the others go on
            _bury(pool, worker)
            slot.result, slot.done = lost(slot.step, _death(worker.process)), True
            worker.slots.popleft()
            waiting.extendleft(reversed(worker.slots))  # sent before any task still waiting
            worker.slots.clear()
            continue
        worker.slots.popleft()
        if isinstance(result, _Raised):
            slot.raised = result.exception
        slot.result, slot.done = result, True


def _bury(pool: _Pool, worker: _Worker) -> None:
    worker.conn.close()
    worker.process.join()
    pool.workers.remove(worker)


def _death(process: Any) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def _outcome(slot: _Slot) -> Any:
    if slot.raised is not None:
        raise slot.raised
    return slot.result

"""A JSON list's items encoded ahead by a forked child, while this process does other work.

Writing a corpus's claims as JSON is a serial tail of a run with workers: every worker is done and one core
is idle. A child forked once the claims are final inherits them (copy-on-write: nothing is pickled), encodes
its share of the list into an unnamed temporary file and exits; this process meanwhile runs the rule pass
(`check`) or encodes the other share (`extract`), and copies the child's text into the output in its place.
The text is the one `dump_json` writes without a child, byte for byte: the same encoder on the same items.
If the child cannot be forked or does not finish well, this process encodes the share itself: nothing is lost
but the time. docs/scale.md ("Writing the JSON") has the figures.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from claimcheck.pool import can_fork

MIN_ITEMS = 1000
"""Below this many items a fork is not worth it: encoding them takes about as long as forking (a few ms)."""

_CHUNK = 1 << 20  # characters copied at a time from the child's file into the output


class Spooled:
    """The lines of a JSON list as `dump_json` writes them, one `encode(form(item))` for each of `items`:
    `items[:start]` encoded by this process when the writer comes to them, `items[start:]` by a forked child
    into a temporary file, waited for and copied in when the writer reaches them."""

    def __init__(self, form: Callable[[Any], Any], items: Sequence[Any], start: int,
                 encode: Callable[[Any], str]) -> None:
        self.form, self.items, self.start, self.encode = form, items, start, encode
        self.pid: int | None = None
        self.file: Any = None

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:  # what a writer that knows nothing of spooling reads
        return map(self.form, self.items)

    def fork(self) -> bool:
        """Start the child on `items[start:]`; False (and nothing started) where it cannot be forked."""
        if not can_fork() or self.start >= len(self.items):
            return False
        try:
            self.file = tempfile.TemporaryFile()  # unnamed: gone when closed, whatever happens to the child
            self.pid = os.fork()
        except OSError:
            self._close()
            return False
        if self.pid == 0:  # the child: encode, write, and leave without running anything of the parent's
            status = 1
            try:
                with open(self.file.fileno(), "w", encoding="utf-8", errors="replace", newline="",
                          buffering=_CHUNK, closefd=False) as out:
                    self._write_lines(out, self.start, len(self.items))
                status = 0
            except BaseException:  # noqa: BLE001 - told by the status: the parent encodes the share again
                pass
            finally:
                os._exit(status)
        return True

    def write_lines(self, out: TextIO) -> None:
        """Every item's line into `out`: this process's share encoded now, then the child's copied (or encoded
        here after all, when the child did not finish well)."""
        self._write_lines(out, 0, self.start)
        if self._child_wrote():
            self.file.seek(0)
            with open(self.file.fileno(), encoding="utf-8", newline="", closefd=False) as text:
                while chunk := text.read(_CHUNK):
                    out.write(chunk)
        else:
            self._write_lines(out, self.start, len(self.items))
        self._close()

    def _write_lines(self, out: TextIO, begin: int, end: int) -> None:
        last = len(self.items) - 1
        encode, form, items = self.encode, self.form, self.items
        for i in range(begin, end):
            out.write("    " + encode(form(items[i])))
            out.write(",\n" if i < last else "\n")

    def _child_wrote(self) -> bool:
        """Whether the child ran to its end: waited for (once)."""
        if self.pid is None:
            return False
        pid, self.pid = self.pid, None
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(status) == 0

    def discard(self) -> None:
        """The child stopped and waited for, its file closed: for a spool the writer never came to."""
        if self.pid:
            try:
                os.kill(self.pid, 9)
            except OSError:
                pass
            self._child_wrote()
        self._close()

    def _close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


def spool(form: Callable[[Any], Any], items: Sequence[Any], encode: Callable[[Any], str],
          share: float = 1.0) -> Spooled | None:
    """`items` with the last `share` of them encoded by a forked child from now on; None when there are too few
    to be worth a fork or none can be forked (then the writer encodes them all itself)."""
    if len(items) < MIN_ITEMS:
        return None
    spooled = Spooled(form, items, len(items) - round(len(items) * share), encode)
    return spooled if spooled.fork() else None

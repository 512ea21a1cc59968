"""Ctrl-C while files are replaced: held off, so that exit 130 means nothing was written.

A command's files are replaced together (``toolkit.files.batch.WriteBatch``). Python raises
KeyboardInterrupt between any two bytecodes, so a Ctrl-C could stop a batch with some files
new and some old, or leave its temporary files behind. Here, around the parts that must not
be cut (a batch's commit, its clean-up, replacing an installed model), SIGINT only records
that it came: one that came before anything was replaced is raised when the part ends
(nothing written, exit 130); one that came once files were being replaced lets the command
finish (exit 0), because within :func:`guarded` (the CLI, around each command) a command
that has replaced its files is done.

Only the main thread can set a signal handler, and only Python's default handler is taken
over: a program that installed its own keeps it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class _State:
    deferring = 0  # parts running that must not be cut
    interrupted = False  # a Ctrl-C came while deferring
    guarded = False  # inside guarded(): a CLI command
    committed = False  # that command has replaced files: a Ctrl-C now lets it finish


state = _State()


def _on_sigint(signum: int, frame: object) -> None:
    if state.deferring or state.committed:
        state.interrupted = True
        return
    raise KeyboardInterrupt


def _takes_over() -> bool:
    """Whether this thread may set the SIGINT handler, and Python's default one is set."""
    return (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block ends; then raise it, unless the command has committed."""
    installed = _takes_over()
    previous = signal.signal(signal.SIGINT, _on_sigint) if installed else None
    state.deferring += 1
    try:
        yield
    finally:
        state.deferring -= 1
        if installed:
            signal.signal(signal.SIGINT, previous)
        if state.interrupted and not state.deferring and not state.committed:
            state.interrupted = False
            raise KeyboardInterrupt


def take_pending() -> bool:
    """Whether a Ctrl-C came (while deferred); it is then the caller's to act on."""
    interrupted, state.interrupted = state.interrupted, False
    return interrupted


def mark_committed() -> None:
    """The command's files are replaced: from now on a Ctrl-C lets it finish."""
    state.committed = state.guarded


@contextlib.contextmanager
def committing() -> Iterator[None]:
    """A change that must not stop halfway (replacing an installed model): Ctrl-C waits
    for it, and once it is done the command counts as having written."""
    with deferred():
        yield
        mark_committed()


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Around one CLI command: Ctrl-C raises KeyboardInterrupt as usual until the command
    has replaced its files; from then on it finishes (exit 0)."""
    installed = _takes_over()
    previous = signal.signal(signal.SIGINT, _on_sigint) if installed else None
    state.guarded = installed
    try:
        yield
    finally:
        if installed:
            signal.signal(signal.SIGINT, previous)
        state.guarded = state.committed = state.interrupted = False

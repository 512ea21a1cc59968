"""New bytes onto the disk: temporary files beside their targets, the folders they need,
and the flushes (fsync, or one syncfs for a big batch) that make them durable."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import cast

from toolkit.errors import InputError
from toolkit.files.tempnames import fresh_name


def cannot_write(exc: OSError, shown: str) -> InputError:
    reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
    return InputError(f"cannot write: {reason}", shown)


def make_folders(folder: Path, shown: str, made: list[Path]) -> None:
    """Create ``folder`` and its missing parents, appending each one created to ``made``.

    Staging threads share ``made``; a folder another thread created meanwhile is fine.
    ``mkdir`` first, its parent only if that is missing: a new folder in an existing one
    costs one system call. Whatever is already there (a folder, a file, a dangling link)
    is left to the write into it, which names the reason.
    """
    try:
        folder.mkdir()
    except FileExistsError:
        return
    except FileNotFoundError:
        if folder.parent == folder:
            return  # no root to make: the write names the reason
        make_folders(folder.parent, shown, made)
        try:
            folder.mkdir()
        except FileExistsError:
            return
        except OSError as exc:
            raise cannot_write(exc, shown) from None
    except OSError as exc:
        raise cannot_write(exc, shown) from None
    made.append(folder)


def remove_folders(made: list[Path]) -> None:
    """Remove the folders a batch created, deepest first; one that is not empty stays."""
    for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()
    made.clear()


def stage(
    path: Path,
    payload: bytes,
    shown: str,
    new_mode: int,
    exists: bool,
    flush: bool,
    made: list[Path] | None = None,
    created: list[str] | None = None,
) -> str:
    """The new content in a temporary file beside ``path``: the mode of the file it replaces
    (``exists``), else ``new_mode``. ``flush``: fsync it now; otherwise :func:`flush_all`
    does before anything is replaced. Missing folders are created, and listed in ``made``.
    """
    if made is not None:
        make_folders(path.parent, shown, made)
    while True:
        tmp = fresh_name(path, ".tmp")
        try:
            # A new file gets its mode (0o666 less the umask) as it is created; a
            # replacement starts private and takes the old file's mode below.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if exists else 0o666)
            if created is not None:
                created.append(tmp)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise cannot_write(exc, shown) from None
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            if flush:
                os.fsync(fd)
            if exists:
                mode = new_mode
                with contextlib.suppress(FileNotFoundError):
                    mode = os.stat(path).st_mode & 0o777
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise cannot_write(exc, shown) from None
        raise
    return tmp


def flush_all(paths: Sequence[str]) -> None:
    """Put the data of these files on disk: one syncfs(2) per filesystem where Linux has it,
    else an fsync of each."""
    if not paths:
        return
    syncfs = libc_syncfs()
    if syncfs is not None:
        devices: dict[int, str] = {}
        for each in paths:
            devices.setdefault(os.stat(each).st_dev, each)
        for each in devices.values():
            fd = os.open(each, os.O_RDONLY)
            try:
                if syncfs(fd) != 0:
                    import ctypes

                    err = ctypes.get_errno()
                    raise OSError(err, os.strerror(err), each)
            finally:
                os.close(fd)
        return
    for each in paths:
        fd = os.open(each, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@lru_cache(maxsize=1)
def libc_syncfs() -> Callable[[int], int] | None:
    import ctypes  # here: only a batch of many files needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return cast("Callable[[int], int]", libc.syncfs)
    except (OSError, AttributeError):  # not Linux/glibc
        return None


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; some filesystems do not support it, which is harmless.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

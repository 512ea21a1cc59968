"""Reading text strictly and writing files atomically.

Every file the toolkit writes goes through :class:`WriteBatch` (:func:`write_atomic` for
one file): a temporary file in the same folder, put on disk (fsync, or one syncfs for a
big batch), then ``os.replace``. A reader (or a crash) sees the old file or the new one,
never half of either.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import secrets
import socket
import stat
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from toolkit import interrupts
from toolkit.errors import ConflictError, InputError

BOM = "\ufeff"


@dataclass(frozen=True)
class Snapshot:
    """What a file looked like when it was read, to detect a concurrent edit before writing."""

    path: Path
    mtime_ns: int | None
    size: int | None
    data: bytes | None

    @classmethod
    def take(cls, path: Path, shown: str | None = None) -> Snapshot:
        """The file as it is now; InputError (naming ``shown``) if it is not a regular file."""
        data = _read_regular(path, shown or str(path))
        if data is None:
            return cls(path, None, None, None)
        try:
            st = path.stat()
        except FileNotFoundError:
            return cls(path, None, None, None)
        return cls(path, st.st_mtime_ns, st.st_size, data)

    def changed(self) -> bool:
        """True when the file on disk is no longer what was read."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return self.data is not None
        if self.data is None or not stat.S_ISREG(st.st_mode):
            return True
        if st.st_mtime_ns == self.mtime_ns and st.st_size == self.size:
            return False
        return self.path.read_bytes() != self.data


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 strictly, naming the line of the first bad byte; drop a BOM, fold CRLF.

    UTF-16 is named as such: without a byte-order mark its ASCII is valid UTF-8 (every
    other byte a NUL), and would otherwise surface as some puzzling later error.
    """
    utf16 = _utf16(data)
    if utf16 is not None:
        raise InputError(
            f"encoded in UTF-16 ({utf16}), not UTF-8; convert it, e.g. with "
            f"'iconv -f UTF-16{utf16[0].upper()}E -t UTF-8'",
            path,
            1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path, line) from None
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _utf16(data: bytes) -> str | None:
    """How ``data`` looks like UTF-16 ("little-endian, no byte-order mark"), or None."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None  # not UTF-16; the UTF-8 decoder names its first byte
    if data.startswith(codecs.BOM_UTF16_LE):
        return "little-endian, with a byte-order mark"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "big-endian, with a byte-order mark"
    sample = data[:4096]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # Text in a Latin script: almost every second byte is NUL, the others almost never.
    if odd > half * 0.4 and even < half * 0.05:
        return "little-endian, no byte-order mark"
    if even > half * 0.4 and odd < half * 0.05:
        return "big-endian, no byte-order mark"
    return None


# What a path that is not a regular file is, for the message that refuses it.
_NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _refuse_irregular(mode: int, shown: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, not a file", shown)
    if not stat.S_ISREG(mode):
        kind = _NOT_REGULAR.get(stat.S_IFMT(mode), "something else")
        raise InputError(f"is {kind}, not a regular file; refusing to read it", shown)


def _read_regular(path: Path, shown: str) -> bytes | None:
    """The bytes of the regular file at ``path`` (a symlink is followed); None if missing.

    Anything else is refused before it is opened: a FIFO would block the command forever,
    ``/dev/zero`` never ends. The file is then opened without blocking and checked again,
    so one swapped in between is refused too.
    """
    try:
        _refuse_irregular(os.stat(path).st_mode, shown)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except PermissionError:
        raise InputError("permission denied", shown) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None
    with os.fdopen(fd, "rb") as handle:
        _refuse_irregular(os.fstat(handle.fileno()).st_mode, shown)
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None


def read_regular(path: Path, shown: str, missing: str = "no such file") -> bytes:
    """The bytes of a regular file; InputError naming ``shown`` for anything else."""
    data = _read_regular(path, shown)
    if data is None:
        raise InputError(missing, shown)
    return data


def read_text(path: Path, shown: str | None = None) -> str:
    """Read a UTF-8 text file; errors name ``shown`` (the workspace-relative path)."""
    name = shown or str(path)
    return decode_text(read_regular(path, name), name)


def confine(path: Path, root: Path, shown: str) -> Path:
    """Where a write to ``path`` lands, symlinks followed; InputError unless inside ``root``.

    The one check every write of a workspace goes through (:class:`WriteBatch` with a root):
    whatever a setting, a slug, an article or a link says, nothing lands outside. A
    symlinked file stays a link: what is written replaces the file it points to.
    """
    return Confinement(root)(path, shown)


class Confinement:
    """:func:`confine` for many files: each folder is resolved once (``realpath`` costs a
    system call per path component, ~0.1 ms here; an archive writes thousands of files)."""

    def __init__(self, root: Path) -> None:
        self._root = os.path.realpath(root)
        self._folders: dict[Path, str] = {}

    def __call__(self, path: Path, shown: str) -> Path:
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = os.path.realpath(path.parent)
        real = os.path.join(folder, path.name)
        if path.name in ("", ".", "..") or os.path.islink(real):
            real = os.path.realpath(real)
        if real == self._root or os.path.commonpath([self._root, real]) != self._root:
            raise InputError(
                "leads outside the workspace (a symbolic link); nothing written", shown
            )
        return Path(real)


def write_atomic(path: Path, data: bytes | str, shown: str | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically; return False (and write nothing) if unchanged."""
    return write_all([(path, data, shown or str(path))])[0]


Write = tuple[Path, bytes | str, str]  # target, content, name shown in messages


def write_all(writes: Sequence[Write], root: Path | None = None) -> list[bool]:
    """Write several files all or nothing; for each, False when its bytes were unchanged.

    A command that writes many files (extract: a template and its catalogs; build: four
    editions) must not leave half of them new when one cannot be written. So:

    1. every new content goes to a temporary file beside its target, put on disk before
       anything is replaced; a failure here (a read-only folder, a full disk) removes them
       all and the folders just made;
    2. each target that exists gets a hard link as a backup, when there is more than one
       target: linking fails on an immutable file, so that too is found before anything
       is replaced;
    3. the temporary files replace their targets; if one replace fails, the targets
       already replaced get their backups back (the same inode: bytes and mtime).

    Each replace is atomic, so a reader or a crash sees, per file, the old file or the new
    one, never half of either. A crash during step 3 can leave some files new and some
    old: no filesystem offers a rename of several files at once. ``root``: see WriteBatch.
    """
    batch = WriteBatch(root)
    try:
        for path, data, shown in writes:
            batch.add(path, data, shown)
    except BaseException:
        batch.abort()
        raise
    return batch.commit()


_STAGING_THREADS = 8
# A batch fsyncs its first files one by one; a bigger batch (an archive) leaves the rest to
# one syncfs(2) before its renames. Every fsync of a new file commits the filesystem's
# journal: on 2,000 files the one-by-one way took twice the time and CPU of one syncfs.
_FSYNC_EACH = 8


class WriteBatch:
    """Files written together, all or nothing (see :func:`write_all`).

    Each file starts going to disk (its folders, a temporary file) as soon as it is added,
    on a few threads, while the caller computes the next one: the system calls release the
    GIL, so the disk's waits overlap the CPU work instead of following it. Nothing is
    visible under a target's name until :meth:`commit`; :meth:`abort` removes the lot.

    ``root``: the workspace; every path added must land inside it (see :func:`confine`).
    """

    def __init__(self, root: Path | None = None) -> None:
        self._confine = None if root is None else Confinement(root)
        self._new_mode = 0o666 & ~_umask()  # once: os.umask is process-wide, not thread-safe
        self._pool: ThreadPoolExecutor | None = None
        self._added: list[tuple[Path, str, bytes | None, Future[str] | None, Snapshot | None]] = []
        self._made: list[Path] = []  # folders created (by the staging threads)
        self._folders: set[Path] = set()  # of every target, swept of stale temporaries
        # Every temporary file the staging threads created: a Ctrl-C between a submission
        # and its bookkeeping must not leave one behind.
        self._created: list[str] = []
        self._staged_count = 0

    def add(
        self, path: Path, data: bytes | str, shown: str, snapshot: Snapshot | None = None
    ) -> None:
        """Stage ``data`` for ``path``. ``snapshot``: the file as the caller read it. Then
        :meth:`commit` replaces the file only if it still holds exactly those bytes (or is
        still missing), checked just before the rename; else :class:`ChangedOnDisk`."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self._folders.add(path.parent)
        old: bytes | None
        same = snapshot is not None and snapshot.path == path
        if self._confine is not None:
            path = self._confine(path, shown)
        if snapshot is not None and same:
            old = snapshot.data
        elif path.is_dir():
            old = None  # replacing it fails at commit, with the reason
        else:
            snapshot = None
            try:
                old = _read_regular(path, shown)
            except InputError as exc:
                if exc.message == "permission denied":
                    raise InputError("cannot read: permission denied", shown) from None
                raise
        if old == payload:
            self._added.append((path, shown, old, None, snapshot))
            return
        # The first few files are flushed one by one; past them, one syncfs at commit
        # flushes the rest at once (see commit).
        self._staged_count += 1
        flush = self._staged_count <= _FSYNC_EACH
        # Ctrl-C inside submit can leave a started thread the pool does not know of, which
        # would create its file after abort() looked: held off until the work is recorded.
        with interrupts.deferred():
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=_STAGING_THREADS)
            staged = self._pool.submit(
                _stage,
                path,
                payload,
                shown,
                self._new_mode,
                old is not None,
                flush,
                self._made,
                self._created,
            )
            self._added.append((path, shown, old, staged, snapshot))

    def _staged(self) -> list[_Planned]:
        """Wait for every temporary file; if one failed, remove them all and raise."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        plans: list[_Planned] = []
        failures: list[BaseException] = []
        for path, shown, old, staged, snapshot in self._added:
            if staged is None:
                continue
            failure = staged.exception()
            if failure is not None:
                failures.append(failure)
            else:
                plans.append(_Planned(path, shown, staged.result(), old, snapshot))
        if failures:
            self._discard(plans)
            raise failures[0]
        return plans

    def _discard(self, plans: Sequence[_Planned]) -> None:
        for tmp in {*(plan.tmp for plan in plans), *self._created}:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._created.clear()
        _remove_folders(self._made)

    def abort(self) -> None:
        """Forget everything added: temporary files and new folders go."""
        with interrupts.deferred():  # a second Ctrl-C must not leave half of them
            with contextlib.suppress(Exception):
                self._discard(self._staged())
            self._added = []
            self._staged_count = 0
            _sweep_stale(self._folders)

    def commit(self) -> list[bool]:
        """Replace the targets; for each file added, False when its bytes were unchanged.

        Ctrl-C is held off while it runs: one that comes before the first rename removes
        the temporary files and raises KeyboardInterrupt (nothing written); one that comes
        later lets the renames finish, so no command stops with half its files new.
        """
        with interrupts.deferred():
            try:
                plans = self._staged()
            except BaseException:
                self.abort()
                raise
            try:
                self._replace(plans)
            finally:
                _sweep_stale(self._folders)
        changed = [staged is not None for _, _, _, staged, _ in self._added]
        self._created.clear()
        self._added = []
        self._staged_count = 0
        return changed

    def _replace(self, plans: list[_Planned]) -> None:
        if self._staged_count > _FSYNC_EACH:
            try:
                _flush_all([plan.tmp for plan in plans[_FSYNC_EACH:]])
            except OSError as exc:
                self._discard(plans)
                raise _cannot_write(exc, plans[_FSYNC_EACH].shown) from None
        done: list[_Planned] = []  # replaced
        try:
            # The last look at each file a caller read, as late as can be: a save made
            # while this command rendered or staged its output is never overwritten.
            if len(plans) > 1:
                for plan in plans:
                    plan.backup = _backup(plan)
            for plan in plans:  # after the backups: a hard link changes a file's ctime
                plan.seen = _unchanged(plan)
            if interrupts.take_pending():  # Ctrl-C before anything was replaced: nothing is
                raise KeyboardInterrupt
            for plan in plans:
                if plan.snapshot is not None and _stat_key(plan.path) != plan.seen:
                    raise ChangedOnDisk(plan.shown)
                try:
                    os.replace(plan.tmp, plan.path)
                except OSError as exc:
                    raise _cannot_write(exc, plan.shown) from None
                done.append(plan)
        except BaseException:
            _restore(done)
            for plan in plans:
                # A backup _restore could not put back is the only copy of the old file: kept.
                for leftover in (plan.tmp, None if plan in done else plan.backup):
                    if leftover is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(leftover)
            _remove_folders(self._made)
            raise
        interrupts.mark_committed()
        for plan in plans:
            if plan.backup is not None:
                with contextlib.suppress(OSError):
                    os.unlink(plan.backup)
        # The renames themselves to disk: their folders, one by one or in one syncfs.
        folders = list(dict.fromkeys(plan.path.parent for plan in plans))
        if len(folders) > _FSYNC_EACH:
            with contextlib.suppress(OSError):  # the files are in place; as _fsync_dir does
                _flush_all([str(folder) for folder in folders])
        else:
            for folder in folders:
                _fsync_dir(folder)


class ChangedOnDisk(ConflictError):
    """A file changed on disk after the toolkit read it, before it could be replaced."""

    def __init__(self, shown: str) -> None:
        super().__init__("changed on disk while being written; nothing written, run again", shown)


_StatKey = tuple[int, int, int, int, int]


def _stat_key(path: Path) -> _StatKey | None:
    """What changes when anything writes or replaces the file (None: there is none)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _unchanged(plan: _Planned) -> _StatKey | None:
    """The target's stat key, having checked that it still holds exactly the bytes its
    snapshot read (bytes, not times: a same-size save within one clock tick counts)."""
    if plan.snapshot is None:
        return None
    before = _stat_key(plan.path)
    try:
        data: bytes | None = plan.path.read_bytes()
    except FileNotFoundError:
        data = None
    if data != plan.snapshot.data or _stat_key(plan.path) != before:
        raise ChangedOnDisk(plan.shown)
    return before


@dataclass(eq=False)  # compared by identity
class _Planned:
    path: Path
    shown: str
    tmp: str
    old: bytes | None  # the content replaced, None if the file is new
    snapshot: Snapshot | None = None  # what the caller read, to be there still
    seen: _StatKey | None = None  # the target as last checked against its snapshot
    backup: str | None = None


def _cannot_write(exc: OSError, shown: str) -> InputError:
    reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
    return InputError(f"cannot write: {reason}", shown)


def _make_folders(folder: Path, shown: str, made: list[Path]) -> None:
    """Create ``folder`` and its missing parents, appending each one created to ``made``.

    Staging threads share ``made``; a folder another thread created meanwhile is fine.
    """
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot_write(exc, shown) from None
        made.append(each)


def _remove_folders(made: list[Path]) -> None:
    """Remove the folders a batch created, deepest first; one that is not empty stays."""
    for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()
    made.clear()


def _stage(
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
    (``exists``), else ``new_mode``. ``flush``: fsync it now; otherwise :func:`_flush_all`
    does before anything is replaced. Missing folders are created, and listed in ``made``.
    """
    if made is not None:
        _make_folders(path.parent, shown, made)
    while True:
        tmp = _fresh_name(path, ".tmp")
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
            raise _cannot_write(exc, shown) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if flush:
                os.fsync(handle.fileno())
            if exists:
                mode = new_mode
                with contextlib.suppress(FileNotFoundError):
                    mode = path.stat().st_mode & 0o777
                os.fchmod(handle.fileno(), mode)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(exc, shown) from None
        raise
    return tmp


def _flush_all(paths: Sequence[str]) -> None:
    """Put the data of these files on disk: one syncfs(2) per filesystem where Linux has it,
    else an fsync of each."""
    if not paths:
        return
    syncfs = _syncfs()
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
def _syncfs() -> Callable[[int], int] | None:
    import ctypes  # here: only a batch of many files needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return cast("Callable[[int], int]", libc.syncfs)
    except (OSError, AttributeError):  # not Linux/glibc
        return None


def _backup(plan: _Planned) -> str | None:
    """A hard link to the current target, to put it back if a later replace fails.

    None when there is nothing to keep or the filesystem has no hard links (restoring then
    rewrites the old bytes). A target that cannot be linked although its folder can hold
    links is immutable or append-only: it could not be replaced either, so stop here.
    """
    if plan.old is None:
        return None
    backup = _fresh_name(plan.path, ".bak")
    try:
        os.link(plan.path, backup)
        return backup
    except OSError as exc:
        if not isinstance(exc, PermissionError):
            return None
        probe = _fresh_name(plan.path, ".probe")
        try:
            os.link(plan.tmp, probe)
        except OSError:
            return None  # no hard links here at all (FAT, some network filesystems)
        os.unlink(probe)
        raise _cannot_write(exc, plan.shown) from None


# --- temporary files: named for their owner, removed by the next run once it is gone ---------

# The machine, in every temporary name: a process id means something only on its own host
# (a workspace on a shared disk may be written from several).
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
# .TARGET.PID.l10n-HOST-RANDOM.(tmp|bak|probe); before 0.2: .TARGET.PID.HEX12.tmp
_OWNED = re.compile(
    r"^\.(?P<target>.+)\.(?P<pid>[0-9]+)\.(?:l10n-(?P<host>[0-9a-f]{8})-[0-9a-f]{8}|[0-9a-f]{12})"
    r"\.(?:tmp|bak|probe)$"
)


def _fresh_name(path: Path, suffix: str) -> str:
    name = f".{path.name}.{os.getpid()}.l10n-{_HOST}-{secrets.token_hex(4)}{suffix}"
    return str(path.parent / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def _sweep_stale(folders: set[Path]) -> None:
    """Remove the temporary files (and backups) a toolkit process on this machine left in
    ``folders`` when it was killed: their process is gone. Nothing else is touched."""
    mine = os.getpid()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.startswith("."):
                continue
            match = _OWNED.match(entry.name)
            if match is None or match["host"] not in (_HOST, None):
                continue
            pid = int(match["pid"])
            if pid != mine and not _alive(pid):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _restore(done: list[_Planned]) -> None:
    """Undo the replaces already made, best effort: backups back, new files removed."""
    for plan in reversed(done):
        with contextlib.suppress(OSError, InputError):
            if plan.backup is not None:
                os.replace(plan.backup, plan.path)
                plan.backup = None
            elif plan.old is None:
                os.unlink(plan.path)
            else:  # no hard links on this filesystem: the old bytes, in a new file
                os.replace(_stage(plan.path, plan.old, plan.shown, 0o644, True, True), plan.path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
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

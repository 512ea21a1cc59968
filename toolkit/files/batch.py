"""Writing files atomically, several all or nothing: ``WriteBatch``.

Every file the toolkit writes goes through :class:`WriteBatch` (:func:`write_atomic` for
one file): a temporary file in the same folder, put on disk (fsync, or one syncfs for a
big batch; ``toolkit.files.disk``), then ``os.replace``. A reader (or a crash) sees the old
file or the new one, never half of either. Just before the renames, each file a caller
read is checked once more against its snapshot, so that a save made meanwhile is kept.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from toolkit import interrupts
from toolkit.errors import ConflictError, InputError
from toolkit.files import disk, tempnames
from toolkit.files.confine import Confinement
from toolkit.files.reading import Snapshot, read_if_regular


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
_LATER_CHUNK = 64  # files past the first FSYNC_EACH written together (one hold of Ctrl-C)
# A batch fsyncs its first files one by one; a bigger batch (an archive) leaves the rest to
# one syncfs(2) before its renames. Every fsync of a new file commits the filesystem's
# journal: on 2,000 files the one-by-one way took twice the time and CPU of one syncfs.
FSYNC_EACH = 8


class WriteBatch:
    """Files written together, all or nothing (see :func:`write_all`).

    The first FSYNC_EACH files start going to disk (their folders, a temporary file,
    fsync'd) as soon as they are added, on a few threads, while the caller computes the
    next one: the system calls release the GIL, so the disk's waits overlap the CPU work
    instead of following it. The rest, flushed at commit in one syncfs, are written by the
    caller a chunk at a time (see _Later). Nothing is visible under a target's name until
    :meth:`commit`; :meth:`abort` removes the lot.

    ``root``: the workspace; every path added must land inside it (see :func:`toolkit.files.confine.confine`).
    """

    def __init__(self, root: Path | None = None) -> None:
        self._confine = None if root is None else Confinement(root)
        self._new_mode = 0o666 & ~disk.umask()  # once: os.umask is process-wide, not thread-safe
        self._pool: ThreadPoolExecutor | None = None
        self._added: list[
            tuple[Path, str, bytes | None, Future[str] | _Later | None, Snapshot | None]
        ] = []
        self._made: list[Path] = []  # folders created (by the staging threads)
        self._folders: set[Path] = set()  # of every target, swept of stale temporaries
        # Every temporary file the staging threads created: a Ctrl-C between a submission
        # and its bookkeeping must not leave one behind.
        self._created: list[str] = []
        self._staged_count = 0
        self._later: list[_Later] = []  # added, to be written here with the next few

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
        mode = None  # what lstat found at the target: 0 for nothing (see Confinement.locate)
        if self._confine is not None:
            path, mode = self._confine.locate(path, shown)
        if snapshot is not None and same:
            old = snapshot.data
        elif mode == 0:  # nothing there: no folder, no file to read
            snapshot, old = None, None
        elif (mode is not None and stat.S_ISDIR(mode)) or (mode is None and path.is_dir()):
            old = None  # replacing it fails at commit, with the reason
        else:
            snapshot = None
            try:
                old = read_if_regular(path, shown)
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
        flush = self._staged_count <= FSYNC_EACH
        args: _StageArgs = (path, payload, shown, self._new_mode, old is not None, flush)
        if not flush:  # written here, with the next few (see _Later)
            later = _Later(args)
            self._added.append((path, shown, old, later, snapshot))
            self._later.append(later)
            if len(self._later) >= _LATER_CHUNK:
                self._stage_later()
            return
        # Ctrl-C inside submit can leave a started thread the pool does not know of, which
        # would create its file after abort() looked: held off until the work is recorded.
        with interrupts.deferred():
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=_STAGING_THREADS)
            staged = self._pool.submit(disk.stage, *args, self._made, self._created)
            self._added.append((path, shown, old, staged, snapshot))

    def _stage_later(self) -> None:
        """Write the temporary files of the files waiting (see _Later), Ctrl-C held off:
        each file and folder made is recorded before an interrupt can stop the batch."""
        with interrupts.deferred():
            for later in self._later:
                later.run(self._made, self._created)
            self._later.clear()

    def _staged(self) -> list[_Planned]:
        """Wait for every temporary file; if one failed, remove them all and raise."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        plans: list[_Planned] = []
        failures: list[BaseException] = []
        for path, shown, old, staged, snapshot in self._added:
            if staged is None or (isinstance(staged, _Later) and not staged.ran):
                continue  # unchanged, or dropped by abort() before it was written
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
        disk.remove_folders(self._made)

    def abort(self) -> None:
        """Forget everything added: temporary files and new folders go."""
        with interrupts.deferred():  # a second Ctrl-C must not leave half of them
            self._later.clear()  # never written: nothing to remove
            with contextlib.suppress(Exception):
                self._discard(self._staged())
            self._added = []
            self._staged_count = 0
            tempnames.sweep_stale(self._folders)

    def commit(self) -> list[bool]:
        """Replace the targets; for each file added, False when its bytes were unchanged.

        Ctrl-C is held off while it runs: one that comes before the first rename removes
        the temporary files and raises KeyboardInterrupt (nothing written); one that comes
        later lets the renames finish, so no command stops with half its files new.
        """
        with interrupts.deferred():
            try:
                self._stage_later()
                plans = self._staged()
            except BaseException:
                self.abort()
                raise
            try:
                self._replace(plans)
            finally:
                tempnames.sweep_stale(self._folders)
        changed = [staged is not None for _, _, _, staged, _ in self._added]
        self._created.clear()
        self._added = []
        self._staged_count = 0
        return changed

    def _replace(self, plans: list[_Planned]) -> None:
        if self._staged_count > FSYNC_EACH:
            try:
                disk.flush_all([plan.tmp for plan in plans[FSYNC_EACH:]])
            except OSError as exc:
                self._discard(plans)
                raise disk.cannot_write(exc, plans[FSYNC_EACH].shown) from None
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
                    raise disk.cannot_write(exc, plan.shown) from None
                done.append(plan)
        except BaseException:
            _restore(done)
            for plan in plans:
                # A backup _restore could not put back is the only copy of the old file: kept.
                for leftover in (plan.tmp, None if plan in done else plan.backup):
                    if leftover is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(leftover)
            disk.remove_folders(self._made)
            raise
        interrupts.mark_committed()
        for plan in plans:
            if plan.backup is not None:
                with contextlib.suppress(OSError):
                    os.unlink(plan.backup)
        # The renames themselves to disk: their folders, one by one or in one syncfs.
        folders = list(dict.fromkeys(plan.path.parent for plan in plans))
        if len(folders) > FSYNC_EACH:
            with contextlib.suppress(OSError):  # the files are in place; as _fsync_dir does
                disk.flush_all([str(folder) for folder in folders])
        else:
            for folder in folders:
                disk.fsync_dir(folder)


_StageArgs = tuple[Path, bytes, str, int, bool, bool]  # disk.stage's, up to the lists


class _Later:
    """A file past the first FSYNC_EACH, written by the caller's thread a chunk at a time.

    Those files are not fsync'd one by one, so a thread has no disk wait to hide for them,
    and every system call it made handed the GIL to and from the thread computing the next
    file: on an archive build that cost more CPU than the writes. Their failures wait for
    :meth:`WriteBatch.commit`, in the order added, as a thread's do.
    """

    __slots__ = ("args", "error", "ran", "tmp")

    def __init__(self, args: _StageArgs) -> None:
        self.args: _StageArgs | None = args
        self.ran = False
        self.tmp: str | None = None
        self.error: BaseException | None = None

    def run(self, made: list[Path], created: list[str]) -> None:
        assert self.args is not None
        try:
            self.tmp = disk.stage(*self.args, made, created)
        except Exception as exc:
            self.error = exc
        self.args, self.ran = None, True  # the content is on disk (or not): let it go

    def exception(self) -> BaseException | None:
        return self.error

    def result(self) -> str:
        assert self.tmp is not None
        return self.tmp


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


def _backup(plan: _Planned) -> str | None:
    """A hard link to the current target, to put it back if a later replace fails.

    None when there is nothing to keep or the filesystem has no hard links (restoring then
    rewrites the old bytes). A target that cannot be linked although its folder can hold
    links is immutable or append-only: it could not be replaced either, so stop here.
    """
    if plan.old is None:
        return None
    backup = tempnames.fresh_name(plan.path, ".bak")
    try:
        os.link(plan.path, backup)
        return backup
    except OSError as exc:
        if not isinstance(exc, PermissionError):
            return None
        probe = tempnames.fresh_name(plan.path, ".probe")
        try:
            os.link(plan.tmp, probe)
        except OSError:
            return None  # no hard links here at all (FAT, some network filesystems)
        os.unlink(probe)
        raise disk.cannot_write(exc, plan.shown) from None


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
                os.replace(
                    disk.stage(plan.path, plan.old, plan.shown, 0o644, True, True), plan.path
                )

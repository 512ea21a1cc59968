"""A big batch of writes: its first files fsync'd one by one, the rest in one flush before
any target is replaced, and a failed flush leaves everything as it was."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

import toolkit.files.batch
import toolkit.files.disk
import toolkit.files.tempnames
from toolkit.errors import InputError
from toolkit.files.batch import FSYNC_EACH, WriteBatch

COUNT = 20  # files in a batch: past FSYNC_EACH, so the rest goes to flush_all
assert COUNT > FSYNC_EACH


def target_of(tmp: str) -> str:
    """``.NAME.PID.HEX.tmp`` (a temporary file beside its target) → NAME."""
    name = Path(tmp).name
    assert name.startswith(".") and name.endswith(".tmp"), name
    return name[1:].rsplit(".", 3)[0]


def state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file and folder under ``folder``: bytes, mtime and inode of each file."""
    found: dict[str, tuple[bytes, int, int]] = {}
    for p in sorted(folder.rglob("*")):
        st = p.stat()
        data = p.read_bytes() if p.is_file() else b"<folder>"
        found[p.relative_to(folder).as_posix()] = (data, st.st_mtime_ns, st.st_ino)
    return found


Events = list[tuple[str, list[str]]]


def record_order(monkeypatch: pytest.MonkeyPatch) -> Events:
    """Log each _flush_all (its paths) and each os.replace (its target), in order."""
    events: Events = []
    real_flush, real_replace = toolkit.files.disk.flush_all, os.replace

    def flush_all(paths: Sequence[str]) -> None:
        events.append(("flush", list(paths)))
        real_flush(paths)

    def replace(src: str | Path, dst: str | Path) -> None:
        events.append(("replace", [str(dst)]))
        real_replace(src, dst)

    monkeypatch.setattr(toolkit.files.disk, "flush_all", flush_all)
    monkeypatch.setattr(os, "replace", replace)
    return events


def names(count: int) -> list[str]:
    return [f"f{n:02d}.po" for n in range(count)]


def write_and_check(folder: Path) -> None:
    """A batch of COUNT files in ``folder``, committed: each holds its new content."""
    batch = WriteBatch()
    for name in names(COUNT):
        batch.add(folder / name, f"new {name}\n", name)
    assert batch.commit() == [True] * COUNT
    for name in names(COUNT):
        assert (folder / name).read_text(encoding="utf-8") == f"new {name}\n"


def test_the_files_past_the_first_eight_are_flushed_at_once_before_any_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in names(COUNT)[::2]:  # half replace a file, half are new
        (tmp_path / name).write_text("old\n", encoding="utf-8")
    events = record_order(monkeypatch)
    write_and_check(tmp_path)
    assert [kind for kind, _ in events] == ["flush"] + ["replace"] * COUNT
    flushed = events[0][1]
    # The 12 files not fsync'd one by one, as their temporary files, in the order added.
    assert [target_of(tmp) for tmp in flushed] == names(COUNT)[FSYNC_EACH:]
    assert all(Path(tmp).parent == tmp_path for tmp in flushed)
    assert [Path(dst) for _, (dst,) in events[1:]] == [tmp_path / n for n in names(COUNT)]
    assert sorted(p.name for p in tmp_path.iterdir()) == names(COUNT)  # no temporary left


def test_without_syncfs_each_file_is_fsynced_exactly_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name the file behind a descriptor")
    monkeypatch.setattr(toolkit.files.disk, "libc_syncfs", lambda: None)  # not Linux/glibc
    synced: list[str] = []  # the file behind each descriptor fsync'd
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    events = record_order(monkeypatch)
    write_and_check(tmp_path)
    files = [path for path in synced if path != str(tmp_path)]
    assert len(files) == len(set(files)) == COUNT  # each temporary file once, none twice
    assert sorted(target_of(tmp) for tmp in files) == names(COUNT)
    assert synced.count(str(tmp_path)) == 1  # then the folder, for the renames
    assert synced[-1] == str(tmp_path)
    (kind, flushed), *_ = events
    assert kind == "flush" and [target_of(tmp) for tmp in flushed] == names(COUNT)[FSYNC_EACH:]


def test_a_small_batch_needs_no_flush_of_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = record_order(monkeypatch)
    batch = WriteBatch()
    for name in names(FSYNC_EACH):
        batch.add(tmp_path / name, name, name)
    batch.commit()
    assert [kind for kind, _ in events] == ["replace"] * FSYNC_EACH
    # Unchanged files are not staged, so they do not count towards the eight.
    events.clear()
    batch = WriteBatch()
    for name in names(COUNT):
        batch.add(tmp_path / name, name, name)
    assert batch.commit() == [False] * FSYNC_EACH + [True] * (COUNT - FSYNC_EACH)
    flushes = [paths for kind, paths in events if kind == "flush"]
    assert [[target_of(tmp) for tmp in paths] for paths in flushes] == [
        names(COUNT)[2 * FSYNC_EACH :]
    ]


def test_many_folders_are_flushed_after_the_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = record_order(monkeypatch)
    batch = WriteBatch()
    targets = [tmp_path / "build" / f"a{n:02d}" / f"a{n:02d}.es.md" for n in range(COUNT)]
    for target in targets:
        batch.add(target, target.name, target.name)
    batch.commit()
    assert [kind for kind, _ in events] == ["flush"] + ["replace"] * COUNT + ["flush"]
    assert events[-1][1] == [str(target.parent) for target in targets]
    assert all(target.read_text(encoding="utf-8") == target.name for target in targets)


def test_a_failed_flush_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = names(COUNT)[: COUNT // 2]
    for name in old:
        (tmp_path / name).write_text(f"old {name}\n", encoding="utf-8")
    new = [tmp_path / "build" / f"a{n:02d}" / "deep" / f"a{n:02d}.md" for n in range(COUNT // 2)]
    before = state(tmp_path)
    flushed: list[str] = []

    def failing_flush(paths: Sequence[str]) -> None:
        flushed.extend(paths)
        assert all(os.path.exists(tmp) for tmp in paths)  # staged, folders made
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(toolkit.files.disk, "flush_all", failing_flush)
    batch = WriteBatch()
    for name in old:
        batch.add(tmp_path / name, f"new {name}\n", name)
    for target in new:
        batch.add(target, "new\n", target.relative_to(tmp_path).as_posix())
    with pytest.raises(InputError) as info:
        batch.commit()
    # Named after the first file the flush was for: the ninth added.
    assert str(info.value) == f"{old[FSYNC_EACH]}: cannot write: Input/output error"
    assert len(flushed) == COUNT - FSYNC_EACH
    # No target changed, no temporary file left, none of the new folders left behind.
    assert state(tmp_path) == before
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))
    assert not (tmp_path / "build").exists()


def test_a_file_past_the_first_eight_that_cannot_be_written_fails_at_commit_in_order(
    tmp_path: Path,
) -> None:
    (tmp_path / "blocked").write_text("a file where folders should be\n", encoding="utf-8")
    before = state(tmp_path)
    batch = WriteBatch(tmp_path)
    targets = [tmp_path / "build" / f"a{n:02d}" / f"a{n:02d}.md" for n in range(COUNT)]
    targets[12] = tmp_path / "blocked" / "x" / "a12.md"  # written by this thread, later
    targets[15] = tmp_path / "blocked" / "y.md"
    for target in targets:  # no error yet: the files are written as they were on threads
        batch.add(target, "new\n", target.relative_to(tmp_path).as_posix())
    with pytest.raises(InputError) as info:
        batch.commit()
    assert str(info.value) == "blocked/x/a12.md: cannot write: Not a directory"
    assert state(tmp_path) == before  # no file, no temporary, no folder left


def test_an_abort_before_the_commit_leaves_nothing_of_any_file(tmp_path: Path) -> None:
    batch = WriteBatch(tmp_path)
    for n in range(3 * COUNT):  # some written by threads, some here, some still waiting
        target = tmp_path / "build" / f"a{n:02d}" / "a.md"
        batch.add(target, "new\n", f"build/a{n:02d}/a.md")
    batch.abort()
    assert not (tmp_path / "build").exists()

"""Atomic writes: a writer killed at any moment leaves the old file or the new one, whole."""

from __future__ import annotations

import errno
import os
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.files.batch import write_all, write_atomic
from toolkit.files.reading import Snapshot

# Writes two payloads in turn (the first is the target's own content, so the first real
# write is the second payload) and stops for good at a moment of one real write: before its
# temporary file is synced, just before the rename that commits it, or just after. It says
# so on stdout; the test then kills it with SIGKILL. os.fsync and os.replace are the system
# calls every atomic write makes: the hooks wrap them, whatever module calls them.
WRITER = """
import os, stat, sys
from pathlib import Path
from toolkit.files.batch import write_atomic
target = Path(sys.argv[1])
payloads = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
point, nth = sys.argv[4], int(sys.argv[5])
replaced = [0]
def stop():
    print("at-point", flush=True)
    sys.stdin.read()  # the test never writes: SIGKILL ends this process here
real_fsync, real_replace = os.fsync, os.replace
def fsync(fd):
    if point == "sync" and replaced[0] == nth - 1 and stat.S_ISREG(os.fstat(fd).st_mode):
        stop()
    real_fsync(fd)
def replace(src, dst):
    if point == "rename" and replaced[0] == nth - 1:
        stop()
    real_replace(src, dst)
    replaced[0] += 1
    if point == "renamed" and replaced[0] == nth:
        stop()
os.fsync, os.replace = fsync, replace
n = 0
while True:
    write_atomic(target, payloads[n % 2])
    n += 1
"""


@pytest.mark.parametrize("nth", [1, 2, 3])
@pytest.mark.parametrize("point", ["sync", "rename", "renamed"])
def test_sigkill_never_leaves_a_truncated_catalog(tmp_path: Path, point: str, nth: int) -> None:
    old = ("# old\n" + 'msgid "x"\nmsgstr "viejo"\n\n' * 40_000).encode()
    new = ("# new\n" + 'msgid "x"\nmsgstr "nuevo"\n\n' * 50_000).encode()
    (tmp_path / "a").write_bytes(old)
    (tmp_path / "b").write_bytes(new)
    target = tmp_path / "catalog.po"
    target.write_bytes(old)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    payloads = [str(tmp_path / "a"), str(tmp_path / "b")]
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), *payloads, point, str(nth)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)  # bounded: a wait for the point
    if not ready:
        proc.kill()
    assert ready and proc.stdout.readline() == b"at-point\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Real writes alternate new, old, new: killed before its rename, write n left the
    # content before it; just after, its own. Never a half catalog.
    written = new if nth % 2 else old
    assert target.read_bytes() == (written if point == "renamed" else {new: old, old: new}[written])
    # Killed writers leave at most their temporary files behind.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".catalog.po.") for name in leftovers)
    if point != "renamed":
        assert leftovers  # the whole new content was waiting beside the target


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    assert write_atomic(target, "same\n") is True
    mtime = target.stat().st_mtime_ns
    assert write_atomic(target, "same\n") is False
    assert target.stat().st_mtime_ns == mtime


def test_write_keeps_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("a")
    target.chmod(0o640)
    write_atomic(target, "b")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_all([(tmp_path / f"f{n}.po", "x", f"f{n}.po") for n in range(12)])
        (tmp_path / "plain.po").write_text("x")
    finally:
        os.umask(old)
    expected = 0o666 & ~umask
    assert (tmp_path / "plain.po").stat().st_mode & 0o777 == expected
    assert {(tmp_path / f"f{n}.po").stat().st_mode & 0o777 for n in range(12)} == {expected}


def test_snapshot_sees_a_concurrent_edit(tmp_path: Path) -> None:
    target = tmp_path / "f.po"
    target.write_text("one")
    snap = Snapshot.take(target)
    assert not snap.changed()
    target.write_text("two")
    assert snap.changed()


def test_snapshot_of_a_file_saved_while_it_was_read_looks_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.po"
    target.write_text("one")
    saved = tmp_path / "f.po~"
    real_read = os.read

    def read_then_save(fd: int, size: int) -> bytes:  # a translator's save, mid-read
        data = real_read(fd, size)
        if data and not saved.exists():
            saved.write_text("a longer two")
            os.replace(saved, target)  # as an editor saves: a new file in its place
        return data

    monkeypatch.setattr(os, "read", read_then_save)
    snap = Snapshot.take(target)
    monkeypatch.undo()
    assert snap.data == b"one"
    assert snap.changed()  # its size and time are the old file's, not the saved one's


# --- several files: all or nothing ----------------------------------------------------------


def state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(folder.iterdir())
    }


def test_write_all_puts_back_what_it_replaced_when_a_later_replace_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.pot", tmp_path / "b.po"
    first.write_text("old a")
    second.write_text("old b")
    before = state(tmp_path)
    real_replace = os.replace

    def failing_replace(src: str, dst: str | Path) -> None:
        if Path(dst) == second:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(InputError) as info:
        write_all(
            [(first, "new a", "a.pot"), (second, "new b", "b.po"), (tmp_path / "c", "c", "c")]
        )
    assert str(info.value) == "b.po: cannot write: No space left on device"
    # a.pot was replaced, then put back: the same file (inode, mtime), no temporary left.
    assert state(tmp_path) == before


def test_write_all_refuses_an_immutable_target_before_replacing_anything(tmp_path: Path) -> None:
    chattr = shutil.which("chattr")
    if os.geteuid() != 0 or chattr is None:
        pytest.skip("needs root and chattr (an immutable file; modes do not stop a rename)")
    first, second = tmp_path / "a.pot", tmp_path / "b.po"
    first.write_text("old a")
    second.write_text("old b")
    if subprocess.run([chattr, "+i", str(second)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not supported on this filesystem")
    try:
        before = state(tmp_path)
        with pytest.raises(InputError, match=r"^b\.po: cannot write: permission denied$"):
            write_all([(first, "new a", "a.pot"), (second, "new b", "b.po")])
        assert state(tmp_path) == before
    finally:
        subprocess.run([chattr, "-i", str(second)], check=True)


def test_write_all_removes_the_folders_it_made_when_it_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "build"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(InputError, match=r"^y: cannot write: "):
        write_all(
            [(tmp_path / "new" / "deep" / "x.md", "x", "new/x.md"), (blocker / "y", "y", "y")]
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]

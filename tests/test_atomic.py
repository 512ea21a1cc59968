"""Atomic writes: a writer killed at any moment leaves the old file or the new one, whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from toolkit.files import Snapshot, write_atomic

WRITER = """
import sys
from pathlib import Path
from toolkit.files import write_atomic
target = Path(sys.argv[1])
payloads = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
print("ready", flush=True)
n = 0
while True:
    write_atomic(target, payloads[n % 2])
    n += 1
"""


def test_sigkill_never_leaves_a_truncated_catalog(tmp_path: Path) -> None:
    old = ("# old\n" + 'msgid "x"\nmsgstr "viejo"\n\n' * 40_000).encode()
    new = ("# new\n" + 'msgid "x"\nmsgstr "nuevo"\n\n' * 50_000).encode()
    (tmp_path / "a").write_bytes(old)
    (tmp_path / "b").write_bytes(new)
    target = tmp_path / "catalog.po"
    target.write_bytes(old)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    rng = random.Random(7)
    for _ in range(25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(tmp_path / "a"), str(tmp_path / "b")],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # started writing
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert target.read_bytes() in (old, new)
    # Killed writers leave at most their temporary files behind, never a half catalog.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".catalog.po.") for name in leftovers)


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


def test_snapshot_sees_a_concurrent_edit(tmp_path: Path) -> None:
    target = tmp_path / "f.po"
    target.write_text("one")
    snap = Snapshot.take(target)
    assert not snap.changed()
    target.write_text("two")
    assert snap.changed()

"""Temporary files named for their owner (process and machine), and the sweep that removes
those a killed toolkit process left behind: by the next run, once their owner is gone."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import socket
from pathlib import Path

# The machine, in every temporary name: a process id means something only on its own host
# (a workspace on a shared disk may be written from several).
HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
# .TARGET.PID.l10n-HOST-RANDOM.(tmp|bak|probe); before 0.2: .TARGET.PID.HEX12.tmp
OWNED = re.compile(
    r"^\.(?P<target>.+)\.(?P<pid>[0-9]+)\.(?:l10n-(?P<host>[0-9a-f]{8})-[0-9a-f]{8}|[0-9a-f]{12})"
    r"\.(?:tmp|bak|probe)$"
)


def fresh_name(path: Path, suffix: str) -> str:
    name = f".{path.name}.{os.getpid()}.l10n-{HOST}-{secrets.token_hex(4)}{suffix}"
    return os.path.join(os.path.dirname(path), name)  # str(path.parent / name), sooner


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def sweep_stale(folders: set[Path]) -> None:
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
            match = OWNED.match(entry.name)
            if match is None or match["host"] not in (HOST, None):
                continue
            pid = int(match["pid"])
            if pid != mine and not alive(pid):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

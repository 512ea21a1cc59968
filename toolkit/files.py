"""Reading text strictly and writing files atomically.

Every file the toolkit writes goes through :func:`write_atomic`: a temporary file in the
same folder, fsync, then ``os.replace``. A reader (or a crash) sees the old file or the new
one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError

BOM = "\ufeff"


@dataclass(frozen=True)
class Snapshot:
    """What a file looked like when it was read, to detect a concurrent edit before writing."""

    path: Path
    mtime_ns: int | None
    size: int | None
    data: bytes | None

    @classmethod
    def take(cls, path: Path) -> Snapshot:
        try:
            data = path.read_bytes()
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
        if self.data is None:
            return True
        if st.st_mtime_ns == self.mtime_ns and st.st_size == self.size:
            return False
        return self.path.read_bytes() != self.data


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 strictly, naming the line of the first bad byte; drop a BOM, fold CRLF."""
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


def read_text(path: Path, shown: str | None = None) -> str:
    """Read a UTF-8 text file; errors name ``shown`` (the workspace-relative path)."""
    name = shown or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", name) from None
    except PermissionError:
        raise InputError("permission denied", name) from None
    return decode_text(data, name)


def write_atomic(path: Path, data: bytes | str, shown: str | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically; return False (and write nothing) if unchanged."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except (FileNotFoundError, IsADirectoryError):
        pass
    name = shown or str(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except PermissionError:
        raise InputError("cannot write: permission denied", name) from None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", name) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return True


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

"""Reading text strictly: regular files only, UTF-8 only, and a snapshot of what was read.

A FIFO or a device is refused before it is opened; bad bytes are named with their line;
a BOM and CRLF are accepted. ``Snapshot`` remembers a file as read, so that a writer
(``toolkit.files.batch``) can refuse to clobber an edit made meanwhile.
"""

from __future__ import annotations

import codecs
import os
import stat
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
    def take(cls, path: Path, shown: str | None = None) -> Snapshot:
        """The file as it is now; InputError (naming ``shown``) if it is not a regular file."""
        found = _read_with_stat(path, shown or str(path))
        if found is None:
            return cls(path, None, None, None)
        # The times and size of the file read, from before its bytes were: a write while
        # it was read makes the snapshot look changed, never the other way round.
        data, st = found
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


def read_if_regular(path: Path, shown: str) -> bytes | None:
    """The bytes of the regular file at ``path`` (a symlink is followed); None if missing.

    Anything else is refused before it is opened: a FIFO would block the command forever,
    ``/dev/zero`` never ends. The file is then opened without blocking and checked again,
    so one swapped in between is refused too.
    """
    found = _read_with_stat(path, shown)
    return None if found is None else found[0]


def _read_with_stat(path: Path, shown: str) -> tuple[bytes, os.stat_result] | None:
    """:func:`read_if_regular`, with the ``fstat`` of the file it read."""
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
    try:  # os.read, not a file object: no buffer to set up (fstat, ioctl, lseek)
        st = os.fstat(fd)
        _refuse_irregular(st.st_mode, shown)
        chunks: list[bytes] = []
        try:
            while chunk := os.read(fd, max(st.st_size + 1, 65_536)):  # to the end, as read()
                chunks.append(chunk)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None
        return b"".join(chunks), st
    finally:
        os.close(fd)


def read_regular(path: Path, shown: str, missing: str = "no such file") -> bytes:
    """The bytes of a regular file; InputError naming ``shown`` for anything else."""
    data = read_if_regular(path, shown)
    if data is None:
        raise InputError(missing, shown)
    return data


def read_text(path: Path, shown: str | None = None) -> str:
    """Read a UTF-8 text file; errors name ``shown`` (the workspace-relative path)."""
    name = shown or str(path)
    return decode_text(read_regular(path, name), name)

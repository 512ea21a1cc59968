"""Where a page comes from (a file, standard input, an http(s) address) and its text.

Bytes are decoded strictly in the encoding the page declares (byte-order mark, HTTP
``charset``, ``<meta charset>``), UTF-8 when it declares none: a byte that does not decode is
an error naming its line, never a silent replacement character in a published article.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError
from toolkit.files.reading import decode_text

MAX_BYTES = 50 * 1024 * 1024  # a news page is well under 5 MB; more is not a page
STDIN = "-"
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|title|meta)[\s>/]", re.I
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""", re.I)
# WHATWG Encoding: these labels mean windows-1252 on the web.
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive",
    b"\x1f\x8b": "a gzip file",
}


@dataclass(frozen=True)
class Raw:
    """A page's bytes as read, before decoding."""

    shown: str  # the name errors and reports use
    data: bytes
    kind: str  # "html" or "text"
    address: str | None = None  # where it was fetched from
    charset: str | None = None  # from the HTTP Content-Type


def read_source(source: str, stdin: bytes | None = None) -> Raw:
    if source == STDIN:
        data = stdin if stdin is not None else b""
        return _checked(Raw("<stdin>", data, _sniff(data)))
    if source.startswith(("http://", "https://")):
        return _checked(_fetch(source))
    path = Path(source)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Only a file is a page: a directory holds none, and a pipe or a device
            # (/dev/zero) may never end, or block the open until a writer comes.
            raise InputError(f"not a regular file ({_kind(info.st_mode)})", source)
        size = info.st_size
        if size > MAX_BYTES:
            raise InputError(f"over 50 MB ({size / 1e6:.0f} MB): not a web page", source)
        data = _read_file(path, source)
    except FileNotFoundError:
        raise InputError("no such file", source) from None
    except PermissionError:
        raise InputError("permission denied", source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source) from None
    suffix = path.suffix.lower()
    kind = "text" if suffix == ".txt" else "html" if suffix in _HTML_SUFFIXES else _sniff(data)
    return _checked(Raw(source, data, kind))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _read_file(path: Path, source: str) -> bytes:
    """At most a page's worth: a file swapped for a pipe or a device after the check above
    opens without waiting for a writer, and is read no further than 50 MB."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise InputError("not a regular file", source)
        return f.read(MAX_BYTES + 1)


def read_stdin(stream: object) -> bytes:
    """Standard input, refusing more than a page's worth."""
    read = getattr(stream, "read")  # noqa: B009 - a binary stream
    data: bytes = read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("over 50 MB: not a web page", "<stdin>")
    return data


def _sniff(data: bytes) -> str:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "html" if head.startswith(b"<") and _MARKUP.search(data[:65536]) else "text"


def _checked(raw: Raw) -> Raw:
    """Refuse what is not a page before any parser sees it."""
    if len(raw.data) > MAX_BYTES:
        raise InputError("over 50 MB: not a web page", raw.shown)
    for magic, what in _BINARY_MAGIC.items():
        if raw.data.startswith(magic):
            raise InputError(f"not a web page ({what})", raw.shown)
    if b"\x00" in raw.data[:65536] and not raw.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("not a web page (binary data)", raw.shown)
    if raw.kind == "html" and not _MARKUP.search(raw.data[:1_000_000]):
        if not raw.data.strip():
            raise InputError("empty file: not a web page", raw.shown)
        raise InputError("not a web page (no HTML markup)", raw.shown)
    if raw.kind == "text" and not raw.data.strip():
        raise InputError("empty file: no article body", raw.shown)
    return raw


def decode_page(raw: Raw) -> str:
    """The page as text, in the encoding it declares."""
    if raw.kind == "text":
        return decode_text(raw.data, raw.shown)
    data = raw.data
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode(data[len(bom) :], name, name, raw.shown)
    label = raw.charset or _declared(data)
    if label is None:
        return _decode(data, "utf-8", "UTF-8 (no charset declared)", raw.shown)
    name = label.strip().lower()
    if name in _LATIN1_LABELS:
        name = "windows-1252"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown character encoding {label!r} declared", raw.shown) from None
    if codec.startswith(("utf-16", "utf-32")):  # a declaration in ASCII bytes cannot be true
        codec = "utf-8"
    return _decode(data, codec, "UTF-8" if codec == "utf-8" else label, raw.shown)


def _declared(data: bytes) -> str | None:
    head = data[:4096]
    found = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def _decode(data: bytes, codec: str, label: str, shown: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise InputError(f"not valid {label} (byte 0x{byte:02x})", shown, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _fetch(url: str) -> Raw:
    """Download a page (only when the machine has a network; the tests serve one locally)."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "article-l10n import"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset()
            final = response.geturl()
            kind = "html" if "html" in (response.headers.get_content_type() or "") else None
    except urllib.error.HTTPError as exc:
        raise InputError(f"cannot fetch: HTTP {exc.code} {exc.reason}", url) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(f"cannot fetch: {reason}", url) from None
    if len(data) > MAX_BYTES:
        raise InputError("over 50 MB: not a web page", url)
    return Raw(url, data, kind or _sniff(data), final, charset)

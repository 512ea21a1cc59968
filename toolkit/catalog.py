"""Reading and writing gettext catalogs, and building templates. The only module that
imports polib.

polib parses (it reports the line of a syntax error); ``toolkit.poformat`` writes, because
polib's own wrapping is not gettext's and the toolkit's output must be what ``msgcat``
prints, byte for byte. Updating a catalog to a new template (msgmerge) is
``toolkit.pomerge``'s.
"""

from __future__ import annotations

import os
import re
import time
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.entry import Catalog, Entry, Key
from toolkit.errors import InputError
from toolkit.files.batch import write_atomic
from toolkit.files.reading import Snapshot, decode_text
from toolkit.pocheck import check_header, check_syntax, is_plain, syntax_problem
from toolkit.poformat import format_catalog
from toolkit.polex import for_polib, join_continuations, original_line, restore


def now_stamp() -> str:
    """The current time as gettext writes it; SOURCE_DATE_EPOCH makes builds reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.gmtime()
    return time.strftime("%Y-%m-%d %H:%M+0000", moment)


# --- reading -------------------------------------------------------------------------------


def parse_catalog(text: str, shown: str) -> Catalog:
    """Parse PO text; a syntax error or a duplicate entry names the file and line."""
    import polib

    plain = is_plain(text)
    if not plain:
        check_syntax(text, shown)
    # polib misreads some escapes and characters (see toolkit.polex): such a catalog goes
    # to it rewritten, and what it reads comes back through polex.restore.
    rewritten = for_polib(text, shown)
    source = text if rewritten is None else rewritten
    # Duplicates are found below in one pass; polib's own check searches the entries read
    # so far for each new one, quadratic in the size of the catalog. The text is already
    # decoded: encoding= spares polib its search for the charset.
    options: dict[str, Any] = {"check_for_duplicates": False, "wrapwidth": 0, "encoding": "utf-8"}
    po = None
    joints: list[int] = []
    if plain and rewritten is None:
        joined, joints = join_continuations(text)
        try:
            po = polib.pofile(joined, **options)
        except OSError:
            joints = []  # read again as it is below, for the line and the message
    if po is None:
        try:
            po = polib.pofile(source, **options)
        except OSError:  # polib's documented error for a syntax error
            line = _first_refused_line(polib, source)
            detail = syntax_problem(text.split("\n")[line - 1])
            raise InputError(f"malformed catalog: {detail}", shown, line) from None
    msgid_lines = _MsgidLines(text, joints)
    _check_duplicates(po, msgid_lines, shown)
    check_header(text, shown)
    catalog = Catalog(
        header_comment=po.header.split("\n") if po.header else [],
        header=dict(po.metadata),
        header_flags=["fuzzy"] if po.metadata_is_fuzzy else [],
    )
    if rewritten is not None:
        _restore_header(catalog)
    entries = catalog.entries
    for entry in po:  # live and obsolete entries, in file order
        converted = _from_polib(entry)
        if rewritten is not None:
            _restore_entry(converted)
        converted.line = msgid_lines.of(converted.line)
        entries.append(converted)
        if converted.msgstr_plural or converted.msgid_plural is not None:
            _check_plural_shape(converted, text, shown)
    _check_plurals(catalog, shown)
    return catalog


def _first_refused_line(polib: Any, text: str) -> int:
    """The line at which polib's parser refuses ``text``, found without reading its message.

    polib tells where only in the prose of its OSError. It reads line by line, so a prefix
    of the text is refused exactly when it holds the bad line: bisecting over prefixes finds
    the line (as editors count lines: polib also breaks at U+2028 and other line separators).
    """
    lines = text.split("\n")
    low, high = 1, len(lines)  # the whole text is refused
    while low < high:
        middle = (low + high) // 2
        try:
            polib.pofile("\n".join(lines[:middle]) + "\n", check_for_duplicates=False)
        except OSError:
            high = middle
        else:
            low = middle + 1
    return low


# Where an entry's msgid keyword is: "msgid" and white space at the start of a line, or
# after "#~" and white space (as a match on each line of text.split("\n") finds it). The
# search is led by the keyword: one anchored at each line start costs a scan of the text.
_MSGID = re.compile(r"msgid[^\S\n]")
_OBSOLETE_MARK = re.compile(r"#~[^\S\n]*")


class _MsgidLines:
    """Where each entry's ``msgid`` keyword is: polib reports the line where an entry's
    comments begin, in the text it read (joined, see polex.join_continuations)."""

    def __init__(self, text: str, joints: list[int]) -> None:
        self.joints = joints
        self.lines: list[int] = []
        line, at = 1, 0
        for match in _MSGID.finditer(text):
            keyword = match.start()
            start = text.rfind("\n", 0, keyword) + 1
            if start == keyword or _OBSOLETE_MARK.fullmatch(text, start, keyword):
                line += text.count("\n", at, keyword)
                at = keyword
                self.lines.append(line)

    def of(self, start: int) -> int:
        """The first msgid line at or after polib's line ``start`` (``start`` if none)."""
        if self.joints:
            start = original_line(self.joints, start)
        at = bisect_left(self.lines, max(start, 1))
        return self.lines[at] if at < len(self.lines) else start


def _restore_header(catalog: Catalog) -> None:
    catalog.header_comment = [restore(c) for c in catalog.header_comment]
    catalog.header = {restore(k): restore(v) for k, v in catalog.header.items()}


def _restore_entry(entry: Entry) -> None:
    for name in ("msgid", "msgstr", "msgctxt", "msgid_plural"):
        setattr(entry, name, _maybe(getattr(entry, name)))
    for name in ("previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
        setattr(entry, name, _maybe(getattr(entry, name)))
    entry.msgstr_plural = {k: restore(v) for k, v in entry.msgstr_plural.items()}
    entry.flags = [restore(f) for f in entry.flags]
    entry.references = [(restore(path), line) for path, line in entry.references]
    entry.extracted_comments = [restore(c) for c in entry.extracted_comments]
    entry.translator_comments = [restore(c) for c in entry.translator_comments]


def _maybe(value: str | None) -> str | None:
    return None if value is None else restore(value)


def _check_plural_shape(entry: Entry, text: str, shown: str) -> None:
    """Refuse ``msgstr[N]`` without ``msgid_plural``, and ``msgstr`` with it, as msgfmt does:
    polib reads either, and the entry would be written back without its translation."""
    plural = entry.msgid_plural is not None
    if not (entry.msgstr if plural else entry.msgstr_plural):
        return  # the usual shapes: the text's lines are not needed
    lines = text.split("\n")
    if not plural and entry.msgstr_plural and _keyword_line(lines, entry.line, r"msgid_plural\s"):
        entry.msgid_plural = ""  # polib reads an empty msgid_plural as none
        plural = True
    if plural and entry.msgstr:
        keyword, problem = r"msgstr\s", "msgstr on an entry with msgid_plural (use msgstr[0])"
    elif not plural and entry.msgstr_plural:
        keyword, problem = r"msgstr\[", "msgstr[N] on an entry without msgid_plural"
    else:
        return
    raise InputError(
        f"malformed catalog: {problem}", shown, _keyword_line(lines, entry.line, keyword)
    )


def _keyword_line(lines: list[str], start: int, keyword: str) -> int | None:
    """The line of ``keyword`` in the entry whose msgid is on line ``start``, if any."""
    for at in range(start, len(lines) + 1):
        if at > start and re.match(r"^(?:#~\s*)?msgid\s", lines[at - 1]):
            return None  # the next entry
        if re.match(rf"^(?:#~\s*)?{keyword}", lines[at - 1]):
            return at
    return None


def _check_plurals(catalog: Catalog, shown: str) -> None:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalog.header.get("Plural-Forms", ""))
    if match is None:
        return
    expected = int(match.group(1))
    for entry in catalog.entries:
        if (
            entry.msgid_plural is not None
            and not entry.obsolete
            and len(entry.msgstr_plural) != expected
        ):
            found = len(entry.msgstr_plural)
            raise InputError(
                f"{found} plural form{'' if found == 1 else 's'}, but the header's "
                f"Plural-Forms says nplurals={expected}",
                shown,
                entry.line,
            )


def _check_duplicates(po: Any, msgid_lines: _MsgidLines, shown: str) -> None:
    """Refuse an entry whose msgctxt and msgid a live entry before it already has, as polib's
    ``check_for_duplicates`` would (an obsolete entry before it does not count)."""
    live: set[Key] = set()
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if key in live:
            raise InputError(
                f"malformed catalog: duplicate entry for msgid {restore(entry.msgid)[:60]!r}",
                shown,
                msgid_lines.of(int(entry.linenum or 0)),
            )
        if not entry.obsolete:
            live.add(key)


def _from_polib(e: Any) -> Entry:
    # Called for every entry read: the empty cases skip their comprehension.
    occurrences, plural = e.occurrences, e.msgstr_plural
    return Entry(
        msgid=e.msgid,
        msgstr=e.msgstr,
        msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural or None,
        msgstr_plural={int(k): v for k, v in plural.items()} if plural else {},
        flags=list(e.flags),
        references=[
            (path, int(line) if str(line).isdigit() else None) for path, line in occurrences
        ]
        if occurrences
        else [],
        extracted_comments=e.comment.split("\n") if e.comment else [],
        translator_comments=e.tcomment.split("\n") if e.tcomment else [],
        previous_msgctxt=e.previous_msgctxt,
        previous_msgid=e.previous_msgid,
        previous_msgid_plural=e.previous_msgid_plural,
        obsolete=bool(e.obsolete),
        line=int(e.linenum or 0),
    )


def read_catalog(path: Path, shown: str) -> Catalog:
    return load_catalog(path, shown).catalog


def parse_po_bytes(data: bytes, shown: str) -> Catalog:
    """A catalog from a file's bytes (a BOM and CRLF accepted, UTF-8 only)."""
    return parse_catalog(decode_text(data, shown), shown)


@dataclass
class LoadedCatalog:
    """A catalog with what its file looked like when read, to refuse clobbering an edit."""

    catalog: Catalog
    snapshot: Snapshot


def load_catalog(path: Path, shown: str) -> LoadedCatalog:
    """The one reader of catalog files: the catalog, and the snapshot that lets a writer
    refuse to clobber an edit made meanwhile."""
    snapshot = Snapshot.take(path, shown)
    if snapshot.data is None:
        raise InputError("no such catalog (run 'l10n extract' first)", shown)
    return LoadedCatalog(parse_po_bytes(snapshot.data, shown), snapshot)


# --- writing -------------------------------------------------------------------------------


def render_catalog(catalog: Catalog) -> str:
    return format_catalog(catalog)


def write_catalog(path: Path, catalog: Catalog, shown: str) -> bool:
    """Write atomically in gettext's canonical form; False when the bytes are unchanged."""
    return write_atomic(path, render_catalog(catalog), shown)


# --- building templates --------------------------------------------------------------------


@dataclass(frozen=True)
class SourceUnit:
    """One occurrence of a translatable text in an article."""

    text: str
    kind: str
    path: str
    line: int


def build_template(units: Iterable[SourceUnit], header: dict[str, str]) -> Catalog:
    """A POT: one entry per distinct text, in order of first occurrence.

    Identical texts share one entry (as xgettext does): the translator translates a repeated
    heading or sentence once, every reference is listed, and the types are all named.
    """
    catalog = Catalog(header=dict(header))
    by_text: dict[str, Entry] = {}
    for unit in units:
        entry = by_text.get(unit.text)
        if entry is None:
            entry = Entry(msgid=unit.text)
            by_text[unit.text] = entry
            catalog.entries.append(entry)
        ref = (unit.path, unit.line)
        if ref not in entry.references:
            entry.references.append(ref)
        kind = f"type: {unit.kind}"
        if not entry.extracted_comments:
            entry.extracted_comments.append(kind)
        elif unit.kind not in entry.extracted_comments[0][6:].split(", "):
            entry.extracted_comments[0] += f", {unit.kind}"
    return catalog


def template_header(project: str, created: str) -> dict[str, str]:
    return {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }

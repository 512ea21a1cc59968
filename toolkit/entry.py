"""The toolkit's own view of a gettext catalog, free of polib.

``toolkit.catalog`` converts between polib and these classes; everything else (QA,
machine translation, editions, the PO writer) works on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# An entry's identity in its catalog, as gettext sees it: (msgctxt, msgid).
Key = tuple[str | None, str]


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    references: list[tuple[str, int | None]] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0  # line of the ``msgid`` keyword in the file read, for messages

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags.insert(0, "fuzzy")
        elif not value and "fuzzy" in self.flags:
            self.flags.remove("fuzzy")

    @property
    def translated(self) -> bool:
        """Has a translation, reviewed or not (every plural form filled)."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    @property
    def reviewed(self) -> bool:
        """Translated and not fuzzy: what the completeness gate counts."""
        return self.translated and not self.fuzzy


@dataclass
class Catalog:
    """A PO or POT file: header comment, header fields in order, entries in order."""

    header_comment: list[str] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)
    header_flags: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def live(self) -> list[Entry]:
        """Entries that are not obsolete."""
        return [e for e in self.entries if not e.obsolete]

    def index(self, obsolete: bool = False) -> dict[Key, Entry]:
        """The live entries (``obsolete``: the obsolete ones) by key, the catalog as a mapping,
        as Babel's is. Built on each call, from the entries as they are: build it once per
        read and keep it while the entries stay as they are."""
        return {e.key: e for e in self.entries if e.obsolete == obsolete}


# Machine translation leaves this translator comment on every entry it fills, so that the
# review tools can tell machine suggestions (and their engine) from human work.
MT_COMMENT_PREFIX = "machine translation: "


def mt_engine(entry: Entry) -> str | None:
    """The engine description machine translation recorded on ``entry``, if any."""
    for comment in entry.translator_comments:
        if comment.startswith(MT_COMMENT_PREFIX):
            return comment[len(MT_COMMENT_PREFIX) :].strip()
    return None

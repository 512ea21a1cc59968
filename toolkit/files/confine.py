"""Where a workspace's writes may land: inside the workspace, symlinks followed."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.errors import InputError


def confine(path: Path, root: Path, shown: str) -> Path:
    """Where a write to ``path`` lands, symlinks followed; InputError unless inside ``root``.

    The one check every write of a workspace goes through (:class:`WriteBatch` with a root):
    whatever a setting, a slug, an article or a link says, nothing lands outside. A
    symlinked file stays a link: what is written replaces the file it points to.
    """
    return Confinement(root)(path, shown)


class Confinement:
    """:func:`confine` for many files: each folder is resolved once (``realpath`` costs a
    system call per path component, ~0.1 ms here; an archive writes thousands of files)."""

    def __init__(self, root: Path) -> None:
        self._root = os.path.realpath(root)
        self._folders: dict[Path, str] = {}

    def __call__(self, path: Path, shown: str) -> Path:
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = os.path.realpath(path.parent)
        real = os.path.join(folder, path.name)
        if path.name in ("", ".", "..") or os.path.islink(real):
            real = os.path.realpath(real)
        if real == self._root or os.path.commonpath([self._root, real]) != self._root:
            raise InputError(
                "leads outside the workspace (a symbolic link); nothing written", shown
            )
        return Path(real)

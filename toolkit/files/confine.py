"""Where a workspace's writes may land: inside the workspace, symlinks followed."""

from __future__ import annotations

import os
import stat
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
    """:func:`confine` for many files. ``realpath`` costs a system call per path component
    (~0.1 ms here; an archive writes thousands of files), so each folder is resolved once,
    from its parent's resolution: one ``lstat`` per new folder. That is ``realpath``'s own
    walk (component by component, each symlink followed as met), with the walk's prefix
    remembered for the batch, as each folder's resolution already was."""

    def __init__(self, root: Path) -> None:
        self._root = os.path.realpath(root)
        self._inside = os.path.join(self._root, "")  # with its separator at the end
        self._folders: dict[Path, str] = {}

    def __call__(self, path: Path, shown: str) -> Path:
        return self.locate(path, shown)[0]

    def locate(self, path: Path, shown: str) -> tuple[Path, int | None]:
        """Where ``path`` lands, and the ``lstat`` mode of what is there: 0 when nothing is,
        None when not known (a link, followed; an error, left for the caller's read)."""
        name = path.name
        real = os.path.join(self._folder(path.parent), name)
        mode: int | None = None
        if name in ("", ".", ".."):
            real = os.path.realpath(real)
        else:
            try:
                mode = os.lstat(real).st_mode
            except (FileNotFoundError, NotADirectoryError):
                mode = 0
            except OSError:
                pass
            if mode is not None and stat.S_ISLNK(mode):
                mode, real = None, os.path.realpath(real)
        # commonpath([root, real]) == root, for two normalized absolute paths: a prefix.
        if real == self._root or not real.startswith(self._inside):
            raise InputError(
                "leads outside the workspace (a symbolic link); nothing written", shown
            )
        return Path(real), mode

    def _folder(self, folder: Path) -> str:
        """``os.path.realpath(folder)``, walked from the nearest folder already resolved."""
        real = self._folders.get(folder)
        if real is not None:
            return real
        parent = folder.parent
        if parent == folder or folder.name in ("", ".", ".."):
            real = os.path.realpath(folder)
        else:
            real = os.path.join(self._folder(parent), folder.name)
            if os.path.islink(real):
                real = os.path.realpath(real)
        self._folders[folder] = real
        return real

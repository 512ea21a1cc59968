"""Shared by ``scale.py`` and ``compare.py``: paths, timing, and our toolkit's timed steps.

Our steps are library calls, the way the CLI runs them (``jobs``: the CLI's ``--jobs``).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import platform
import resource
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from toolkit.config import Workspace

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
LANG = "es"
T = TypeVar("T")

# What the "rebuild" step of our toolkit times; printed under every table.
REBUILD_OURS = (
    "ours, rebuild: `toolkit.build.build(ws, slugs, 'es', formats=('markdown',), "
    "check=False)`, the library call of `l10n build --format markdown --no-check` (every "
    "msgstr = its msgid is the untranslated copy the check gate refuses; the other tools run "
    "no checks): per article, load the article, read its .po (polib), reassemble, check that "
    "the catalog matches the article, add the attribution (byline and footer) and write "
    "build/<slug>/<slug>.es.md, the Markdown the other tools write; staged as computed and "
    "committed all at once (its HTML and bilingual editions are not asked for); the "
    "build/<slug>/ folders exist, emptied of their files before each round, as a re-build "
    "finds them"
)


def use_repo_toolkit() -> None:
    """Make ``import toolkit`` find this checkout when the package is not installed."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def shared_dir() -> Path:
    """The shared folder: $L10N_SHARED, else ../shared beside the repository."""
    env = os.environ.get("L10N_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared", Path("/work/shared")]
    for path in candidates:
        if (path / "corpus").is_dir():
            return path
    raise SystemExit("shared folder not found: set L10N_SHARED to the folder holding corpus/")


# --- timing ----------------------------------------------------------------------------------


@dataclass
class Timing:
    """Wall-clock and CPU seconds of one step (CPU: this process plus waited-for children)."""

    wall: float
    cpu: float
    fsync_calls: int = 0
    fsync_wall: float = 0.0


def cpu_now() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


@dataclass
class _FsyncCounter:
    calls: int = 0
    seconds: float = 0.0


@contextlib.contextmanager
def counting_fsync() -> Iterator[_FsyncCounter]:
    """Count ``os.fsync`` calls and the time spent waiting in them (the durability cost)."""
    counter = _FsyncCounter()
    real = os.fsync

    def fsync(fd: Any) -> None:
        start = time.perf_counter()
        try:
            real(fd)
        finally:
            counter.calls += 1
            counter.seconds += time.perf_counter() - start

    os.fsync = fsync
    try:
        yield counter
    finally:
        os.fsync = real


def timed(fn: Callable[[], T]) -> tuple[T, Timing]:
    """Run ``fn`` once; its wall and CPU time and the fsync calls it made."""
    with counting_fsync() as counter:
        cpu0 = cpu_now()
        start = time.perf_counter()
        result = fn()
        wall = time.perf_counter() - start
        cpu = cpu_now() - cpu0
    return result, Timing(wall, cpu, counter.calls, counter.seconds)


def median_timing(timings: list[Timing]) -> Timing:
    """The run with the median wall time (its CPU and fsync figures go with it)."""
    ordered = sorted(timings, key=lambda t: t.wall)
    return ordered[(len(ordered) - 1) // 2]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, load average {load} at start"
    )


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def empty_files(folder: Path) -> None:
    """Remove every file below ``folder`` and keep its folders: the next build writes every
    file again, into folders that exist, as a re-build after translators' edits does."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if not path.is_dir():
            path.unlink()


def tree_state(folder: Path) -> dict[str, tuple[int, int, int]]:
    """(mtime_ns, inode, size) of every file below ``folder``: any write changes it."""
    state: dict[str, tuple[int, int, int]] = {}
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                st = path.stat()
                state[str(path.relative_to(folder))] = (st.st_mtime_ns, st.st_ino, st.st_size)
    return state


@dataclass
class Samples:
    """Repeated timings of one step; the table shows the median run."""

    runs: list[Timing] = field(default_factory=list)

    @property
    def median(self) -> Timing:
        return median_timing(self.runs)

    def add(self, timing: Timing) -> None:
        self.runs.append(timing)


# --- our toolkit's steps ---------------------------------------------------------------------


def open_workspace(root: Path) -> Workspace:
    use_repo_toolkit()
    from toolkit.config import Workspace

    return Workspace.open(root)


def extract_ours(ws: Workspace, jobs: int | None = None) -> int:
    """``l10n extract [--jobs N]`` on every article; the number of files written."""
    from toolkit.extract import extract

    return sum(len(result.written) for result in extract(ws, None, jobs=jobs))


def status_ours(ws: Workspace) -> int:
    """``l10n status --lang es``; the number of entries counted."""
    from toolkit.status import status

    return status(ws, None, LANG).total.entries.total


def translate_available() -> str | None:
    """None when ``toolkit.translate`` and the pseudo engine exist, else why not."""
    use_repo_toolkit()
    for name in ("toolkit.translate", "toolkit.mt.pseudo"):
        if importlib.util.find_spec(name) is None:
            return f"{name} is not in this checkout yet"
    return None


def translate_ours(ws: Workspace) -> Any:
    """``l10n translate --engine pseudo --lang es`` on every article."""
    translate = importlib.import_module("toolkit.translate")
    base = importlib.import_module("toolkit.mt.base")
    return translate.translate(ws, ws.slugs(), LANG, "pseudo", base.EngineOptions())


def fill_identity_ours(ws: Workspace) -> None:
    """Untimed preparation: every msgstr of every .po set to its msgid (not fuzzy)."""
    from toolkit.catalog import read_catalog, write_catalog

    for slug in ws.slugs():
        path = ws.po_path(slug, LANG)
        catalog = read_catalog(path, ws.rel(path))
        for entry in catalog.live:
            entry.msgstr = entry.msgid
            entry.fuzzy = False
        write_catalog(path, catalog, ws.rel(path))


def rebuild_ours(ws: Workspace, jobs: int | None = None) -> int:
    """``l10n build --format markdown [--jobs N]`` on every article; files written."""
    from toolkit.build import build

    # msgstr = msgid everywhere: the check gate would rightly refuse it ("untranslated").
    results = build(ws, ws.slugs(), LANG, formats=("markdown",), jobs=jobs, check=False)
    return sum(len(result.written) for result in results)

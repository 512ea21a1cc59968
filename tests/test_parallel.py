"""Articles on worker processes: the same results, errors and all-or-nothing as one process.

``ordered_map`` first, then ``extract`` and ``build`` on an archive big enough to fork
workers, then the ``jobs`` setting and the ``--jobs`` option.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest

import toolkit.build
import toolkit.extract
from tests.archive import (
    COUNT,
    SLUGS,
    article,
    contents,
    folders,
    make_archive,
    translate,
    translated_archive,
    tree,
)
from tests.conftest import SAMPLE, l10n, make_workspace
from toolkit.build import build
from toolkit.config import Workspace
from toolkit.errors import ConflictError, GateError, InputError, ToolkitError, UsageError
from toolkit.extract import extract
from toolkit.parallel import MIN_PARALLEL, cores, ordered_map, resolve_jobs


def pid(_: object) -> int:
    return os.getpid()


# --- ordered_map -----------------------------------------------------------------------------


def fork_event() -> Any:
    """An event the forked workers inherit: one sets it, another waits for it (bounded, so
    that a run kept in this process, where nothing else would set it, only waits in vain)."""
    return multiprocessing.get_context("fork").Event()


WAIT = 30  # seconds: a bound on waiting for an event, never a measure of speed


def test_results_come_back_in_the_order_of_the_items() -> None:
    last_done = fork_event()

    def late_first(n: int) -> int:
        if n < 8:  # the first chunk finishes after the others: it waits for the last one
            last_done.wait(WAIT)
        elif n == 39:
            last_done.set()
        return n * n

    assert list(ordered_map(late_first, range(40), jobs=2)) == [n * n for n in range(40)]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("count", "jobs", "min_items"),
    [(MIN_PARALLEL, 2, MIN_PARALLEL), (40, 3, MIN_PARALLEL), (9, 2, 2)],
)
def test_a_big_enough_run_works_in_other_processes(count: int, jobs: int, min_items: int) -> None:
    pids = list(ordered_map(pid, range(count), jobs, min_items))
    assert len(pids) == count
    assert os.getpid() not in pids
    assert len(set(pids)) <= jobs
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("count", "jobs", "min_items"),
    [
        (MIN_PARALLEL - 1, 2, MIN_PARALLEL),  # too few items to be worth a worker
        (40, 4, 41),
        (40, 1, MIN_PARALLEL),  # one job: no worker at all
        (8, 2, 2),  # one chunk's worth of items: one worker would only add its start-up
    ],
)
def test_a_small_run_or_one_job_stays_in_this_process(
    count: int, jobs: int, min_items: int
) -> None:
    assert list(ordered_map(pid, range(count), jobs, min_items)) == [os.getpid()] * count


def test_jobs_zero_means_one_per_core() -> None:
    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("CPU affinity is Linux-only")
    assert resolve_jobs(0) == cores() == len(os.sched_getaffinity(0))
    assert (resolve_jobs(1), resolve_jobs(3)) == (1, 3)


@pytest.mark.parametrize(
    "error",
    [
        InputError("missing front matter", "articles/a17.md", 1),
        GateError("20.0% of entries translated and reviewed", "locales/es/a17.po"),
        ConflictError("changed on disk while extracting", "locales/a17.pot"),
        UsageError("no such article: articles/a17.md"),
    ],
)
def test_an_error_in_a_worker_is_raised_here_as_the_same_error(error: ToolkitError) -> None:
    def fail_at_17(n: int) -> int:
        if n == 17:
            raise error
        return n

    with pytest.raises(ToolkitError) as info:
        list(ordered_map(fail_at_17, range(40), jobs=2))
    raised = info.value
    assert type(raised) is type(error)
    assert (str(raised), raised.path, raised.line) == (str(error), error.path, error.line)
    assert raised.exit_code == error.exit_code
    assert multiprocessing.active_children() == []


def test_the_first_error_in_item_order_wins_over_an_earlier_one_in_time() -> None:
    here = os.getpid()
    failed_17 = fork_event()

    def two_failures(n: int) -> int:
        if n == 3:  # in the first chunk: on a worker, it fails once item 17 has failed
            if os.getpid() != here:
                failed_17.wait(WAIT)
            raise InputError("not valid UTF-8 (byte 0xff)", "articles/a03.md", 4)
        if n == 17:
            failed_17.set()
            raise GateError("below the threshold", "locales/es/a17.po")
        return n

    for jobs in (2, 1):
        with pytest.raises(ToolkitError) as info:
            list(ordered_map(two_failures, range(24), jobs))
        assert type(info.value) is InputError
        assert str(info.value) == "articles/a03.md:4: not valid UTF-8 (byte 0xff)"
    assert multiprocessing.active_children() == []


def test_without_working_semaphores_the_work_stays_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    def no_pool(*args: object, **kwargs: object) -> None:
        raise NotImplementedError("sem_open is not implemented on this platform")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert list(ordered_map(pid, range(40), jobs=2)) == [os.getpid()] * 40


def test_when_fork_is_refused_the_work_stays_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # EAGAIN: a process limit

    monkeypatch.setattr(os, "fork", no_fork)
    assert list(ordered_map(pid, range(40), jobs=2)) == [os.getpid()] * 40
    assert multiprocessing.active_children() == []


def die_at_5(n: int) -> int:
    if n == 5:
        os._exit(1)  # as the out-of-memory killer or a crash in a C extension would end it
    return n


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    # How long noticing the death takes is measured in benchmarks/bench_tests.py.
    with pytest.raises(ToolkitError) as info:
        list(ordered_map(die_at_5, range(40), jobs=2))
    assert str(info.value) == (
        "a worker process died (out of memory?); nothing written, run again with --jobs 1"
    )
    assert info.value.exit_code == 1
    assert multiprocessing.active_children() == []


def held(release: Any) -> Callable[[int], int]:
    """Items past the first chunk wait for ``release``: the run is still under way when the
    test stops reading, whatever the machine's load."""

    def work(n: int) -> int:
        if n >= 8:
            release.wait(WAIT)
        return n

    return work


def test_closing_the_results_early_stops_the_workers() -> None:
    release = fork_event()
    results = ordered_map(held(release), range(64), jobs=2)
    assert isinstance(results, Generator)
    assert next(results) == 0
    assert len(multiprocessing.active_children()) == 2  # the run is under way
    release.set()  # the chunks running finish; the others are cancelled
    results.close()
    assert multiprocessing.active_children() == []


def test_leaving_a_loop_early_stops_the_workers() -> None:
    release = fork_event()
    seen = []
    for n in ordered_map(held(release), range(64), jobs=2):
        seen.append(n)
        if n == 7:
            release.set()
        if n == 9:
            break
    assert seen == list(range(10))
    assert multiprocessing.active_children() == []


# --- extract and build on an archive -----------------------------------------------------------


def log_pids(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, log: Path) -> None:
    """Make ``module.name`` append the id of the process it runs in to ``log``."""
    real = getattr(module, name)

    def logged(*args: Any, **kwargs: Any) -> Any:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, logged)


def logged_pids(log: Path) -> list[int]:
    return [int(line) for line in log.read_text(encoding="utf-8").split()]


def test_extract_with_two_jobs_writes_the_bytes_one_job_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Catalog dates from a fixed clock (conftest sets it for every test; this one needs it).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = make_archive(tmp_path / "one")
    extract(Workspace.open(first), None, jobs=1)
    translate(first, SLUGS, reviewed=3)
    for n in range(COUNT):  # every article edited: the update merges into existing catalogs
        text = article(n).replace("Another item.", f"Another item, edited {n}.")
        (first / "articles" / f"a{n:02d}.md").write_text(text, encoding="utf-8")
    second = tmp_path / "two"
    shutil.copytree(first, second)
    log = tmp_path / "pids"
    log_pids(monkeypatch, toolkit.extract, "plan_extract", log)

    sequential = extract(Workspace.open(first), None, jobs=1)
    assert logged_pids(log) == [os.getpid()] * COUNT
    log.unlink()
    parallel = extract(Workspace.open(second), None, jobs=2)
    pids = logged_pids(log)
    assert len(pids) == COUNT and os.getpid() not in pids  # planned in the workers

    assert parallel == sequential
    assert [r.slug for r in parallel] == SLUGS
    assert all(
        r.written == [f"locales/{s}.pot", f"locales/es/{s}.po"]
        for s, r in zip(SLUGS, parallel, strict=True)
    )
    assert contents(second, "locales") == contents(first, "locales")
    assert len(contents(second, "locales")) == 2 * COUNT
    assert multiprocessing.active_children() == []


def test_build_with_two_jobs_writes_the_bytes_one_job_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = translated_archive(tmp_path / "ws")
    ws = Workspace.open(root)
    sequential = build(ws, SLUGS, "es", jobs=1)
    editions = contents(root, "build")
    assert len(editions) == 4 * COUNT
    shutil.rmtree(root / "build")
    log = tmp_path / "pids"
    log_pids(monkeypatch, toolkit.build, "_plan_build", log)

    parallel = build(ws, SLUGS, "es", jobs=2)
    pids = logged_pids(log)
    assert len(pids) == COUNT and os.getpid() not in pids
    assert parallel == sequential
    assert contents(root, "build") == editions
    assert multiprocessing.active_children() == []


NO_FRONT_MATTER = b"No front matter here.\n"
BAD_BYTE = article(18).encode().replace(b"18 cases", b"18 cas\xffes")


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            NO_FRONT_MATTER,
            "Error: articles/a18.md:1: missing front matter "
            "(the file must start with a '---' line)\n",
        ),
        (BAD_BYTE, "Error: articles/a18.md:11: not valid UTF-8 (byte 0xff)\n"),
    ],
)
@pytest.mark.parametrize("extracted_before", [False, True])
def test_a_bad_article_among_twenty_gives_the_same_error_and_writes_nothing(
    tmp_path: Path, broken: bytes, expected: str, extracted_before: bool
) -> None:
    root = make_archive(tmp_path)
    if extracted_before:  # old catalogs that a complete run would rewrite
        extract(Workspace.open(root), None, jobs=1)
        for n in range(COUNT):
            text = article(n).replace("Another item.", "Another item, edited.")
            (root / "articles" / f"a{n:02d}.md").write_text(text, encoding="utf-8")
    (root / "articles" / "a18.md").write_bytes(broken)
    before, made = tree(root), folders(root)
    for jobs in ("2", "1"):
        assert l10n(root, "extract", "--jobs", jobs) == (1, "", expected)
        assert tree(root) == before
        assert folders(root) == made  # not even the locales/ folders of the first articles
    assert multiprocessing.active_children() == []


def test_of_two_bad_articles_the_first_in_slug_order_is_reported(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    (root / "articles" / "a03.md").write_bytes(BAD_BYTE)
    (root / "articles" / "a17.md").write_bytes(NO_FRONT_MATTER)
    before = tree(root)
    for jobs in ("2", "1"):
        expected = "Error: articles/a03.md:11: not valid UTF-8 (byte 0xff)\n"
        assert l10n(root, "extract", "--jobs", jobs) == (1, "", expected)
        assert tree(root) == before


def test_a_refused_article_among_twenty_stops_the_build_and_writes_nothing(
    tmp_path: Path,
) -> None:
    root = translated_archive(tmp_path)
    code, _, err = l10n(root, "build", *SLUGS, "--jobs", "2")
    assert (code, err) == (0, "")
    translate(root, SLUGS, prefix="ESB")  # every edition would change...
    translate(root, ["a18"], reviewed=1)  # ...but a18 is below the gate
    before, made = tree(root), folders(root)
    expected = (
        "Error: locales/es/a18.po: 20.0% of entries translated and reviewed (1 of 5), "
        "below the 80% threshold; nothing written\n"
    )
    for jobs in ("2", "1"):
        assert l10n(root, "build", *SLUGS, "--jobs", jobs) == (3, "", expected)
        assert tree(root) == before
        assert folders(root) == made
    assert multiprocessing.active_children() == []


def test_a_refusal_in_a_first_build_leaves_no_build_folder(tmp_path: Path) -> None:
    root = translated_archive(tmp_path)
    translate(root, ["a18"], reviewed=1)
    code, _, err = l10n(root, "build", *SLUGS, "--jobs", "2")
    assert code == 3 and err.startswith("Error: locales/es/a18.po: 20.0% of entries"), err
    assert not (root / "build").exists()


# --- the jobs setting and option ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "option", "in_workers"),
    [
        ("jobs = 1\n", [], False),
        ("jobs = 2\n", [], True),
        ("jobs = 2\n", ["--jobs", "1"], False),  # the option wins over the setting
        ("jobs = 1\n", ["-j", "2"], True),
    ],
)
def test_the_jobs_setting_and_the_option_choose_the_processes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    option: list[str],
    in_workers: bool,
) -> None:
    root = make_archive(tmp_path / "ws", setting)
    log = tmp_path / "pids"
    log_pids(monkeypatch, toolkit.extract, "plan_extract", log)
    code, _, err = l10n(root, "extract", *option)
    assert (code, err) == (0, "")
    pids = logged_pids(log)
    assert len(pids) == COUNT
    if in_workers:
        assert os.getpid() not in pids
    else:
        assert pids == [os.getpid()] * COUNT


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "[tool.l10n] jobs must be 0 (one per core) or more"),
        ("true", "[tool.l10n] jobs must be a whole number"),
        ("1.5", "[tool.l10n] jobs must be a whole number"),
        ('"4"', "[tool.l10n] jobs must be a whole number"),
    ],
)
def test_a_bad_jobs_setting_is_refused(tmp_path: Path, value: str, message: str) -> None:
    root = make_workspace(tmp_path, {"a": SAMPLE}, f"jobs = {value}\n")
    before = tree(root)
    for command in (["extract"], ["build", "a"], ["extract", "--jobs", "1"]):
        code, out, err = l10n(root, *command)
        # The path as every message shows it, relative to the workspace, and the line (issue 12).
        assert (code, out, err) == (1, "", f"Error: pyproject.toml:2: {message}\n")
    assert tree(root) == before


def test_jobs_zero_is_a_valid_setting(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"a": SAMPLE}, "jobs = 0\n")
    assert Workspace.open(root).config.jobs == 0
    code, _, err = l10n(root, "extract")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("command", [["extract"], ["build", "a"]])
def test_a_negative_jobs_option_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    root = make_workspace(tmp_path, {"a": SAMPLE})
    before = tree(root)
    code, out, err = l10n(root, *command, "--jobs", "-1")
    assert (code, out) == (2, "")
    assert "Invalid value for '--jobs' / '-j'" in err
    assert tree(root) == before


# --- Ctrl-C --------------------------------------------------------------------------------------

# `l10n extract --jobs 2` with a planner that says on stdout when it starts each article, then
# waits for the test's go-ahead on a pipe: one byte lets one article through, the pipe's end
# (closed by the test once its Ctrl-C is sent) lets everything through. So Ctrl-C always lands
# while the workers are busy, whatever the load; Ctrl-C in a terminal signals the whole
# process group.
SLOW_EXTRACT = """
import os, sys
import toolkit.extract
real = toolkit.extract.plan_extract
go = int(sys.argv[2])
def held(*args, **kwargs):
    sys.stdout.write("planning\\n")  # one write: the two workers' lines never mix
    sys.stdout.flush()
    os.read(go, 1)
    return real(*args, **kwargs)
toolkit.extract.plan_extract = held
from toolkit.cli import main
sys.argv = ["l10n", "--root", sys.argv[1], "extract", "--jobs", "2"]
main()
"""


def group_members(pgid: int) -> list[int]:
    """Processes still alive in a process group (zombies excluded), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize("started", [1, 6])
def test_ctrl_c_during_a_parallel_extract_writes_nothing_and_leaves_no_worker(
    tmp_path: Path, started: int
) -> None:
    root = make_archive(tmp_path / "ws")
    before = tree(root)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    go, go_ahead = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXTRACT, str(root), str(go)],
        env=env,
        bufsize=0,  # readline below takes one line at a time: select sees the rest
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        pass_fds=(go,),
    )
    os.close(go)
    assert proc.stdout is not None
    try:
        for n in range(started):  # Ctrl-C once the workers have started this many articles
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready and proc.stdout.readline() == b"planning\n"
            if n < started - 1:
                os.write(go_ahead, b".")  # one article through
        os.killpg(proc.pid, signal.SIGINT)
    finally:
        os.close(go_ahead)  # every article through: the workers finish what they hold
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert b"Traceback" not in stderr
    assert tree(root) == before
    deadline = time.monotonic() + 5
    while group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_members(proc.pid) == []

"""``l10n translate --scheduler``: the argos engine's batches on a Dask cluster.

A real cluster on 127.0.0.1 only: ``dask scheduler`` and two ``dask worker`` processes
(no nanny, so that a killed worker stays dead), started here and stopped after. The copy
model makes every output predictable, and a run on the cluster must write the same bytes as
a run on this machine, also when a worker is SIGKILLed in the middle.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.argos_model import news_sentences
from tests.conftest import argos_env, l10n, make_workspace
from toolkit.config import Workspace
from toolkit.translate import translate

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")

pytestmark = pytest.mark.cluster
REPO = Path(__file__).resolve().parent.parent
ARTICLES = 8
BOILERPLATE = "InSight Crime is a think tank. Support our work with a donation."


def archive(root: Path) -> Path:
    """Small news articles from the benchmark sentences, with markup and shared boilerplate."""
    sentences = news_sentences(ARTICLES * 12, seed=7)
    articles = {}
    for n in range(ARTICLES):
        mine = sentences[n * 12 : (n + 1) * 12]
        paragraphs = [" ".join(mine[i : i + 2]) for i in range(0, 12, 2)]
        paragraphs[1] = f"*{paragraphs[1]}* See [the report](https://example.org/{n})."
        body = "\n\n".join([f"## Section {n}", *paragraphs, BOILERPLATE])
        articles[f"story-{n}"] = f'---\ntitle: "Story {n}"\n---\n\n{body}\n'
    make_workspace(root, articles)
    assert l10n(root, "extract")[0] == 0
    return root


def catalogs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "locales" / "es").glob("*.po"))}


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen[bytes]]


def _dask(kind: str, *args: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    module = f"distributed.cli.dask_{kind}"
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", module, *args], env=env, stdout=out, stderr=subprocess.STDOUT
        )


@pytest.fixture
def cluster(tmp_path: Path, copy_model_installed: Path, argos_home: Path) -> Iterator[Cluster]:
    """A scheduler and two single-threaded workers on 127.0.0.1, each with the copy model."""
    env = {
        **os.environ,
        **argos_env(argos_home),
        "ARGOS_PACKAGES_DIR": str(copy_model_installed),
        "PYTHONPATH": str(REPO),
        "DASK_DISTRIBUTED__WORKER__DAEMON": "False",
    }
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    file = tmp_path / "scheduler.json"
    common = ["--host", "127.0.0.1", "--no-dashboard"]
    args = [*common, "--port", "0", "--scheduler-file", str(file)]
    scheduler = _dask("scheduler", *args, env=env, log=logs / "scheduler.log")
    workers: list[subprocess.Popen[bytes]] = []
    try:
        with distributed.Client(scheduler_file=str(file), timeout=60) as client:
            for n in range(2):
                args = ["--scheduler-file", str(file), *common, "--nthreads", "1", "--no-nanny"]
                args += ["--name", f"w{n}"]
                workers.append(_dask("worker", *args, env=env, log=logs / f"w{n}.log"))
            client.wait_for_workers(2, timeout=120)
            address = json.loads(file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        yield Cluster(address, workers)
    finally:
        for proc in [*workers, scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*workers, scheduler]:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 8 sentences, so that the small archive makes a dozen batches or more."""
    import toolkit.mt.cluster as cluster_module

    monkeypatch.setattr(cluster_module, "MIN_BATCH", 8)
    monkeypatch.setattr(cluster_module, "MAX_BATCH", 8)


@pytest.fixture
def archives(tmp_path: Path, copy_model_installed: Path) -> tuple[Path, Path, str]:
    """The archive translated on this machine (the reference), a fresh copy of it, and what
    the local run printed."""
    local = archive(tmp_path / "local")
    remote = tmp_path / "remote"
    shutil.copytree(local, remote)
    code, out, err = l10n(local, "translate", "--engine", "argos", *slugs())
    assert code == 0, err
    assert out.startswith(f"filled {ARTICLES * 9}, ")
    return local, remote, out


def slugs() -> list[str]:
    return [f"story-{n}" for n in range(ARTICLES)]


def test_cluster_run_writes_the_same_catalogs_as_a_local_run(
    cluster: Cluster, archives: tuple[Path, Path, str], small_batches: None
) -> None:
    local, remote, local_out = archives
    code, out, err = l10n(
        remote, "translate", "--engine", "argos", "--scheduler", cluster.address, *slugs()
    )
    assert code == 0, err
    assert out.startswith(f"filled {ARTICLES * 9}, skipped 0, failed protection 0 in ")
    # The same work saved as on this machine: at least the boilerplate's two sentences,
    # translated once for the eight articles.
    work_once = out.splitlines()[-1]
    assert work_once == local_out.splitlines()[-1]
    repeats = int(work_once.split()[2])
    assert work_once.startswith("work once: ") and repeats >= 2 * (ARTICLES - 1)
    assert catalogs(remote) == catalogs(local)

    # A re-run finds nothing left to fill and writes nothing.
    stamps = {p: p.stat().st_mtime_ns for p in (remote / "locales" / "es").glob("*.po")}
    code, out, err = l10n(
        remote, "translate", "--engine", "argos", "--scheduler", cluster.address, *slugs()
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"filled 0, skipped {ARTICLES * 9}, ")
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_a_worker_killed_mid_run_costs_only_its_batches(
    cluster: Cluster, archives: tuple[Path, Path, str], small_batches: None
) -> None:
    local, remote, _ = archives
    by_name = {f"w{n}": proc for n, proc in enumerate(cluster.workers)}
    seen: list[tuple[int, int]] = []
    killed: list[tuple[subprocess.Popen[bytes], int]] = []

    with distributed.Client(cluster.address, set_as_default=False) as observer:

        def kill_after_the_first_batch(done: int, total: int) -> None:
            seen.append((done, total))
            if not (0 < done < total) or killed:
                return
            # The worker holding the most batches right now (running or queued on it).
            held = observer.processing()
            names = {a: w["name"] for a, w in observer.scheduler_info()["workers"].items()}
            address = max(held, key=lambda a: len(held[a]))
            victim = by_name[names[address]]
            killed.append((victim, len(held[address])))
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=30)

        report = translate(
            Workspace.open(remote),
            slugs(),
            "es",
            "argos",
            progress=kill_after_the_first_batch,
            scheduler=cluster.address,
        )
    [(victim, batches_held)] = killed
    assert victim.returncode == -signal.SIGKILL
    assert batches_held >= 1  # it died with work: Dask gave that work to the other worker
    assert [p.poll() for p in cluster.workers].count(None) == 1
    # The kill came after the first batch and before the last: the run went on without it.
    batches = [d for d, _ in seen if d > 0]
    assert len(batches) >= 3 and batches[0] < batches[-1] == seen[-1][1]
    assert report.filled == ARTICLES * 9 and report.failed == 0
    assert catalogs(remote) == catalogs(local)


def test_no_scheduler_there_is_one_line(
    tmp_path: Path, copy_model_installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toolkit.mt.cluster as cluster_module

    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1)
    root = archive(tmp_path / "ws")
    before = catalogs(root)
    # A port nothing listens on: bind one, close it, and ask there.
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    code, out, err = l10n(root, "translate", "--engine", "argos", "--scheduler", address, "story-0")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: cannot reach the Dask scheduler at {address}: ")
    assert err.count("\n") == 1
    assert catalogs(root) == before


def test_missing_extra_names_the_fix(
    tmp_path: Path, copy_model_installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = archive(tmp_path / "ws")
    before = catalogs(root)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code, out, err = l10n(
        root, "translate", "--engine", "argos", "--scheduler", "tcp://127.0.0.1:8786", "story-0"
    )
    assert (code, out) == (1, "")
    assert err == (
        "Error: --scheduler needs Dask distributed: pip install 'article-l10n[cluster]'\n"
    )
    assert catalogs(root) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--scheduler", "http://example.org"],
            "invalid --scheduler 'http://example.org' (expected an address like "
            "tcp://HOST:8786, or local)",
        ),
        (
            ["--engine", "memory", "--scheduler", "tcp://127.0.0.1:8786"],
            "--scheduler: the memory engine reads local catalogs; run it here",
        ),
    ],
)
def test_bad_scheduler_usage(tmp_path: Path, args: list[str], message: str) -> None:
    root = archive(tmp_path / "ws")
    engine = [] if "--engine" in args else ["--engine", "argos"]
    code, _, err = l10n(root, "translate", *engine, *args, "story-0")
    assert (code, err) == (2, f"Error: {message}\n")


def test_scheduler_setting(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", {}, 'scheduler = "127.0.0.1:8786"\n')
    code, _, err = l10n(root, "status")
    setting = "[tool.l10n] scheduler must be an address like tcp://HOST:8786"
    assert (code, err) == (1, f"Error: pyproject.toml:2: {setting}\n")


def test_local_runs_never_import_distributed(
    tmp_path: Path, copy_model_installed: Path, argos_home: Path
) -> None:
    root = archive(tmp_path / "ws")
    code = (
        "import sys\n"
        "from toolkit.cli import app\n"
        f"app(['--root', {str(root)!r}, 'translate', '--engine', 'argos', 'story-0'],"
        " standalone_mode=False)\n"
        "assert 'distributed' not in sys.modules, 'distributed was imported'\n"
    )
    env = {
        **os.environ,
        **argos_env(argos_home),
        "PYTHONPATH": str(REPO),
        "ARGOS_PACKAGES_DIR": str(copy_model_installed),
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

"""Ctrl-C at any point of a command: exit 130 and nothing written, or, once the command has
begun replacing its files, the command finishes (exit 0); never a temporary file left. The
next run removes what a killed run left (issue 12, item 12).

Each interrupt is a real SIGINT, sent when the command reaches a given point of its write
path (a hook), to the command's own process: in this process through the CLI runner, or to
a separate ``l10n`` process that reports the point through a pipe.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import toolkit.build
import toolkit.extract
import toolkit.files.batch
import toolkit.files.disk
import toolkit.files.tempnames
import toolkit.translate
from tests.conftest import SAMPLE, make_workspace
from toolkit.cli import app
from toolkit.config import Workspace
from toolkit.extract import extract

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
PO = "locales/es/sample.po"


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*"))


def translated(root: Path) -> None:
    """Every entry of the sample catalog translated, so that build passes its gate."""
    po = root / PO
    po.write_text(
        "\n".join(
            'msgstr "Traducido"' if line == 'msgstr ""' and n > 2 else line
            for n, line in enumerate(po.read_text("utf-8").split("\n"), 1)
        ),
        "utf-8",
    )


def changed_article(root: Path) -> None:
    article = root / "articles" / "sample.md"
    article.write_text(SAMPLE.replace("Ten Things", "Eleven Things"), "utf-8")


COMMANDS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "extract": (changed_article, ["extract"]),
    "translate": (lambda root: None, ["translate", "sample", "--engine", "pseudo"]),
    "build": (translated, ["build", "sample", "--no-check"]),
}

# Points of the write path, in the order a command meets them.
POINTS = [
    (toolkit.extract, "render_catalog"),
    (toolkit.translate, "render_catalog"),
    (toolkit.files.disk, "stage"),
    (toolkit.files.disk, "flush_all"),
    (toolkit.files.batch, "_backup"),
    (toolkit.files.batch, "_unchanged"),
    (os, "replace"),
    (toolkit.files.disk, "fsync_dir"),
    (toolkit.files.tempnames, "sweep_stale"),
]


def hook_points(monkeypatch: pytest.MonkeyPatch, at_event: Callable[[int, str], None]) -> None:
    count = [0]
    lock = threading.Lock()
    for module, name in POINTS:
        real = getattr(module, name, None)
        if real is None:
            continue

        def hooked(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            with lock:
                count[0] += 1
                n = count[0]
            at_event(n, _name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, hooked)


def prepared(root: Path, command: str) -> Path:
    make_workspace(root, {"sample": SAMPLE})
    extract(Workspace.open(root), None)
    COMMANDS[command][0](root)
    return root


def points_of(tmp_path: Path, command: str) -> list[str]:
    root = prepared(tmp_path / "quiet", command)
    seen: list[str] = []
    with pytest.MonkeyPatch.context() as hooks:
        hook_points(hooks, lambda n, name: seen.append(name))
        result = runner.invoke(app, ["--root", str(root), *COMMANDS[command][1]])
    assert result.exit_code == 0, result.output
    return seen


@pytest.mark.parametrize("command", list(COMMANDS))
def test_ctrl_c_at_any_point_writes_nothing_or_lets_the_command_finish(
    tmp_path: Path, command: str
) -> None:
    names = points_of(tmp_path, command)
    complete = tree(tmp_path / "quiet")
    assert "replace" in names
    first_rename = names.index("replace") + 1
    for n in range(1, len(names) + 1):
        root = prepared(tmp_path / f"at{n}", command)
        before = tree(root)

        def interrupt(k: int, name: str, n: int = n) -> None:
            if k == n:
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, delivered to this process

        with pytest.MonkeyPatch.context() as hooks:
            hook_points(hooks, interrupt)
            result = runner.invoke(app, ["--root", str(root), *COMMANDS[command][1]])
        where = f"Ctrl-C at point {n} ({names[n - 1]})"
        if n < first_rename:
            assert result.exit_code == 130, where
            assert tree(root) == before, where
        else:
            assert result.exit_code == 0, where
            assert tree(root) == complete, where
        assert leftovers(root) == [], where
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# --- a separate l10n process, Ctrl-C from outside, as a terminal sends it ------------------------

# Runs `l10n ARGS...` with a hook: at the N-th call of MODULE.NAME it prints "at-point" and
# waits for a signal (the test's Ctrl-C, or SIGKILL), then goes on.
AT_POINT = """
import importlib, signal, sys, time
module_name, name, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
module = importlib.import_module(module_name)
real = getattr(module, name)
calls = [0]
def hooked(*args, **kwargs):
    calls[0] += 1
    if calls[0] == nth:
        # Wait for the Ctrl-C itself, not in signal.pause(): a signal that lands between the
        # print and pause() would leave pause() waiting forever.
        got = []
        handler = signal.getsignal(signal.SIGINT)
        def noted(signum, frame):
            got.append(signum)
            signal.signal(signal.SIGINT, handler)
            if callable(handler):
                handler(signum, frame)
        signal.signal(signal.SIGINT, noted)
        print("at-point", flush=True)
        while not got:  # SIGKILL ends this process here
            time.sleep(0.005)
    return real(*args, **kwargs)
setattr(module, name, hooked)
from toolkit.cli import main
sys.argv = ["l10n", *sys.argv[4:]]
main()
"""


def run_until(
    point: tuple[str, str, int], args: list[str], send: signal.Signals
) -> tuple[int, str]:
    """Start l10n, wait (bounded) until it reaches ``point``, send ``send`` to its process
    group; its exit code and stderr."""
    import select

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-c", AT_POINT, point[0], point[1], str(point[2]), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    if not ready:
        proc.kill()
    assert ready, "the command never reached the point"
    assert proc.stdout.readline() == b"at-point\n"
    os.killpg(proc.pid, send)
    _, stderr = proc.communicate(timeout=60)
    return proc.returncode, stderr.decode()


def built(tmp_path: Path, again: bool = False) -> tuple[Path, dict[str, bytes]]:
    """A workspace ready to build, and the tree a whole build gives. ``again``: built once
    already, then the translations revised (so the editions exist and all change)."""

    def ready(root: Path) -> Path:
        prepared(root, "build")
        if again:
            assert (
                runner.invoke(app, ["--root", str(root), "build", "sample", "--no-check"]).exit_code
                == 0
            )
            po = root / PO
            po.write_text(po.read_text("utf-8").replace("Traducido", "Revisado"), "utf-8")
        return root

    twin = ready(tmp_path / "twin")
    assert runner.invoke(app, ["--root", str(twin), "build", "sample", "--no-check"]).exit_code == 0
    return ready(tmp_path / "ws"), tree(twin)


def test_ctrl_c_while_build_renders_writes_no_edition(tmp_path: Path) -> None:
    root, _ = built(tmp_path)
    before = tree(root)
    code, stderr = run_until(
        ("toolkit.build", "render_all", 1),
        ["--root", str(root), "build", "sample", "--no-check"],
        signal.SIGINT,
    )
    assert code == 130, stderr
    assert "Traceback" not in stderr
    assert tree(root) == before
    assert leftovers(root) == []


def test_ctrl_c_between_the_renames_of_build_lets_it_finish(tmp_path: Path) -> None:
    """The issue's case: Ctrl-C while build replaces its four editions. Before: exit 130,
    every edition replaced and the .bak files left. Now the renames finish: exit 0."""
    root, complete = built(tmp_path, again=True)
    code, stderr = run_until(
        ("os", "replace", 2), ["--root", str(root), "build", "sample", "--no-check"], signal.SIGINT
    )
    assert code == 0, stderr
    assert tree(root) == complete
    assert leftovers(root) == []


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    """build killed (SIGKILL: nothing can clean up) after staging its editions and linking
    its backups: the next build removes those files, and only those."""
    root, complete = built(tmp_path, again=True)
    code, _ = run_until(
        ("os", "replace", 1), ["--root", str(root), "build", "sample", "--no-check"], signal.SIGKILL
    )
    assert code == -signal.SIGKILL
    left = leftovers(root)
    assert any(name.endswith(".tmp") for name in left) and any(
        name.endswith(".bak") for name in left
    )
    # What is not a dead toolkit process's: another program's dotfile, a live process's file.
    folder = root / "build" / "sample"
    (folder / ".keep").write_text("mine")
    live = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        alive = (
            folder / f".sample.es.md.{live.pid}.l10n-{toolkit.files.tempnames.HOST}-0123abcd.tmp"
        )
        alive.write_text("in use")
        assert (
            runner.invoke(app, ["--root", str(root), "build", "sample", "--no-check"]).exit_code
            == 0
        )
        assert leftovers(root) == sorted(
            str(p.relative_to(root)) for p in (folder / ".keep", alive)
        )
    finally:
        assert live.stdin is not None
        live.stdin.close()
        live.wait(timeout=30)
    alive.unlink()
    (folder / ".keep").unlink()
    assert tree(root) == complete


def test_extract_removes_a_stale_template_temporary(tmp_path: Path) -> None:
    """The issue's `locales/.SLUG.pot.*.tmp`, left by an extract killed with SIGKILL."""
    root = prepared(tmp_path / "ws", "extract")
    code, _ = run_until(("os", "replace", 1), ["--root", str(root), "extract"], signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert [n for n in leftovers(root) if n.startswith("locales/.sample.pot.")]
    assert runner.invoke(app, ["--root", str(root), "extract"]).exit_code == 0
    assert leftovers(root) == []


# --- models install ------------------------------------------------------------------------------


@pytest.mark.parametrize("point", ["_check_archive", "install_from_path", "_swap_in"])
def test_ctrl_c_during_models_install(
    tmp_path: Path, argos_packages: Path, copy_argosmodel: Path, point: str
) -> None:
    """Before the installed packages are touched: exit 130, nothing installed. While they
    are swapped: the install finishes (exit 0), never half a model."""
    import argostranslate.package

    import toolkit.models

    model = tmp_path / "translate-en_es.argosmodel"
    shutil.copy(copy_argosmodel, model)
    module = argostranslate.package if point == "install_from_path" else toolkit.models
    real = getattr(module, point)

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as hooks:
        hooks.setattr(module, point, interrupted)
        result = runner.invoke(app, ["models", "install", str(model)])
    installed = sorted(p.name for p in argos_packages.iterdir())
    if point != "_swap_in":  # checking, or unpacking beside the installed packages
        assert (result.exit_code, installed) == (130, [])
    else:
        assert result.exit_code == 0, result.output
        assert len(installed) == 1
        assert (argos_packages / installed[0] / "metadata.json").is_file()

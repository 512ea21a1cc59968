"""The two install shapes and their locks (issue 15).

The default install (requirements/default.txt, what scripts/setup.sh puts in .venv) has
argostranslate's package API and the Argos fast path but none of torch, CUDA, spacy or
stanza; the full install (requirements/full.txt, .venv-test) adds the argos-full and test
extras. The lock files are checked here offline. The default install itself is exercised
for real when ``L10N_LEAN_VENV`` names it (scripts/test.sh does: it is required in CI),
and, in every run, by this interpreter with the translate stack's modules made
unimportable.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import argos_env
from tests.mtworkspace import PO, SLUG, make_workspace, read_po
from toolkit import argos_packages

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LOCK = REPO / "requirements" / "default.txt"
FULL_LOCK = REPO / "requirements" / "full.txt"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))

# What the default install must never hold: the list, and what brings it.
HEAVY = re.compile(r"torch|triton|nvidia-.*|cuda-.*|spacy|stanza|minisbd|onnxruntime")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")
HASH = re.compile(r"^    --hash=sha256:[0-9a-f]{64}(?: \\)?$")


def read_lock(path: Path) -> dict[str, str]:
    """Name -> pinned version; every requirement is ``name==version`` with its hashes."""
    pins: dict[str, str] = {}
    lines = path.read_text("utf-8").split("\n")
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match is None:
            continue
        assert HASH.match(lines[number + 1]), f"{path.name}:{number + 2}: no hash for {line}"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    requirements = [x for x in lines if x and not x.startswith((" ", "#"))]
    assert len(requirements) == len(pins), f"{path.name}: a requirement that is not name==version"
    return pins


def names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def test_default_lock_holds_no_torch_cuda_spacy_or_stanza() -> None:
    default = read_lock(DEFAULT_LOCK)
    assert [name for name in default if HEAVY.fullmatch(name)] == []
    assert "argostranslate" in default


def test_default_lock_holds_everything_the_default_install_needs() -> None:
    project = PYPROJECT["project"]
    wanted = names(project["dependencies"]) | names(project["optional-dependencies"]["argos-full"])
    wanted |= names(PYPROJECT["build-system"]["requires"])  # setup.sh: --no-build-isolation
    assert wanted - set(read_lock(DEFAULT_LOCK)) == set()


def test_full_lock_adds_the_extras_with_torch_cpu() -> None:
    full = read_lock(FULL_LOCK)
    test_tools = names(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert test_tools >= {"pytest", "hypothesis", "ruff", "mypy", "types-pyyaml"}
    assert (test_tools | {"stanza", "torch"}) - set(full) == set()
    assert full["torch"].endswith("+cpu")
    assert [name for name in full if re.fullmatch(r"triton|nvidia-.*|cuda-.*", name)] == []


def test_locks_agree_where_they_overlap() -> None:
    default, full = read_lock(DEFAULT_LOCK), read_lock(FULL_LOCK)
    assert set(default) <= set(full)
    assert {n: v for n, v in default.items() if full[n] != v} == {}


def test_default_lock_is_closed_but_for_argostranslates_translate_stack() -> None:
    """Everything a locked package requires is locked, except what lean-excludes.txt names,
    and those are argostranslate's own requirements (the metadata of this test install)."""
    default = read_lock(DEFAULT_LOCK)
    excluded = {
        canonicalize_name(line.split("#")[0].strip())
        for line in (REPO / "requirements" / "lean-excludes.txt").read_text("utf-8").split("\n")
        if line.split("#")[0].strip()
    }
    assert excluded == {"stanza", "spacy", "minisbd", "sacremoses"}
    installed = {}
    for name in default:
        try:
            installed[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed[name] = "nothing"
    other = {n: v for n, v in installed.items() if v != default[n]}
    if other:  # another version's metadata would say nothing about the lock
        reason = f"this venv is not installed from the locks: {other}"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    missing: dict[str, set[str]] = {}
    for name in default:
        for raw in metadata.requires(name) or []:
            req = Requirement(raw)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            if canonicalize_name(req.name) not in default:
                missing.setdefault(name, set()).add(canonicalize_name(req.name))
    assert missing == {"argostranslate": excluded}


def test_argostranslate_is_the_version_argos_packages_was_written_against() -> None:
    """toolkit/argos_packages.py sets argostranslate's settings globals and expects its cache
    clear to be the last step of an install: written against 1.11.0. A lock or an install
    outside the bound must fail here, loudly, before a user's install does."""
    extra = PYPROJECT["project"]["optional-dependencies"]["argos-full"]
    assert extra == [f"argostranslate{argos_packages.SUPPORTED}"]
    assert argos_packages.WRITTEN_AGAINST == "1.11.0"
    assert read_lock(DEFAULT_LOCK)["argostranslate"] == argos_packages.WRITTEN_AGAINST
    installed = metadata.version("argostranslate")
    assert Version(installed) in SpecifierSet(argos_packages.SUPPORTED), (
        f"argostranslate {installed} is installed; toolkit/argos_packages.py was written "
        f"against {argos_packages.WRITTEN_AGAINST} and allows {argos_packages.SUPPORTED}"
    )


# -- the default install, run ------------------------------------------------------------

# Makes the translate stack unimportable, as in the default install, then runs the CLI.
BLOCKED = """
import sys
from importlib.abc import MetaPathFinder

class Absent(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, Absent())
sys.argv = ["l10n", *sys.argv[1:]]
from toolkit.cli import main
main()
"""


def lean_commands() -> list[object]:
    blocked = [sys.executable, "-c", BLOCKED.format(blocked=sorted(argos_packages.TRANSLATE_STACK))]
    venv = os.environ.get("L10N_LEAN_VENV")
    real = [str(Path(venv) / "bin" / "l10n")] if venv else None
    return [pytest.param(blocked, id="stack-blocked"), pytest.param(real, id="default-venv")]


@pytest.fixture(params=lean_commands())
def lean_l10n(request: pytest.FixtureRequest) -> list[str]:
    command: list[str] | None = request.param
    if command is None:
        reason = "L10N_LEAN_VENV is not set (scripts/test.sh sets it to the default .venv)"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason}; CI=true, so this is an error, not a skip")
        pytest.skip(reason)
    return command


def run(command: list[str], *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_default_install_has_none_of_the_translate_stack() -> None:
    venv = os.environ.get("L10N_LEAN_VENV")
    if not venv:
        pytest.skip("L10N_LEAN_VENV is not set")
    probe = (
        "import json, importlib.metadata as m, importlib.util as u\n"
        "dists = sorted(d.metadata['Name'].lower() for d in m.distributions())\n"
        "mods = [n for n in ('torch', 'stanza', 'spacy', 'minisbd') if u.find_spec(n)]\n"
        "print(json.dumps([dists, mods]))"
    )
    done = subprocess.run(
        [str(Path(venv) / "bin" / "python"), "-c", probe], capture_output=True, text=True
    )
    dists, mods = json.loads(done.stdout)
    assert [d for d in dists if HEAVY.fullmatch(d)] == []
    assert mods == []
    assert "argostranslate" in dists


def test_models_install_and_argos_translate_in_the_default_install(
    lean_l10n: list[str], copy_argosmodel: Path, argos_home: Path, tmp_path: Path
) -> None:
    packages = tmp_path / "packages"
    env = {
        **os.environ,
        **argos_env(argos_home),
        "ARGOS_PACKAGES_DIR": str(packages),
        "PYTHONPATH": str(REPO),
    }

    done = run(lean_l10n, "models", "install", str(copy_argosmodel), env=env)
    assert (done.returncode, done.stderr) == (0, "")
    folder = packages / "translate-en_es-1_0"
    assert done.stdout == f"installed translate-en_es 1.0 (en -> es) in {folder}\n"
    again = run(lean_l10n, "models", "install", str(copy_argosmodel), env=env)  # replaces it
    assert (again.returncode, again.stdout, again.stderr) == (0, done.stdout, "")
    listed = run(lean_l10n, "models", "list", env=env)
    assert listed.stdout == f"en -> es  translate-en_es 1.0  {folder}\n"

    ws = make_workspace(tmp_path / "ws")
    args = ("--root", str(ws.root), "translate", SLUG, "--lang", "es", "--engine", "argos")
    filled = run(lean_l10n, *args, env=env)
    assert filled.returncode == 0, filled.stderr
    assert filled.stdout.startswith("filled 13, skipped 0, failed protection 0 in ")
    catalog = read_po(ws, PO)
    assert [e.msgstr for e in catalog.live] == [e.msgid for e in catalog.live]
    assert all(e.fuzzy for e in catalog.live)


def test_without_argostranslate_the_models_commands_name_the_fix(
    argos_home: Path, copy_argosmodel: Path, tmp_path: Path
) -> None:
    """A plain `pip install .` has no argostranslate (pyproject.toml cannot ask for it
    without its requirements): the argos commands say so and how to add it."""
    command = [sys.executable, "-c", BLOCKED.format(blocked=["argostranslate"])]
    env = {**os.environ, **argos_env(argos_home), "PYTHONPATH": str(REPO)}
    ws = make_workspace(tmp_path / "ws")
    translate = ("--root", str(ws.root), "translate", SLUG, "--lang", "es", "--engine", "argos")
    for args in (("models", "list"), ("models", "install", str(copy_argosmodel)), translate):
        done = run(command, *args, env=env)
        assert (done.returncode, done.stdout, done.stderr) == (
            1,
            "",
            f"Error: {argos_packages.NOT_INSTALLED}\n",
        ), args

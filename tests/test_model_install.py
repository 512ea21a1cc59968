"""`l10n models install` replaces a package in place without a moment of no model, and
cleans up after an install that was killed (issue 12, item 9; the damaged archive is the
`model-damaged` row of tests/test_bad_input.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from toolkit.models import install_model, list_models


def test_reinstalling_swaps_the_new_package_in(argos_packages: Path, copy_argosmodel: Path) -> None:
    first = install_model(copy_argosmodel)
    weights = first.path / "model" / "model.bin"
    inode = weights.stat().st_ino
    (first.path / "stale.txt").write_text("left by hand in the installed package")
    again = install_model(copy_argosmodel)
    assert again == first
    assert weights.stat().st_ino != inode  # a new unpacking, not the old files
    assert not (again.path / "stale.txt").exists()  # never unpacked over the old folder
    assert sorted(p.name for p in argos_packages.iterdir()) == [first.path.name]


def test_what_a_killed_install_left_is_ignored_then_removed(
    argos_packages: Path, copy_argosmodel: Path
) -> None:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    leftover = argos_packages / f".l10n-install-{done.stdout.strip()}-abc123"
    (leftover / "translate-en_es-1_0" / "model").mkdir(parents=True)  # half unpacked
    assert list_models() == []
    install_model(copy_argosmodel)
    assert not leftover.exists()
    assert [m.path.name for m in list_models()] == ["translate-en_es-1_0"]

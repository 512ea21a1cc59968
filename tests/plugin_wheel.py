"""Build a tiny plugin wheel offline and install it for real, as a newsroom's package would be.

``install_plugin(tmp_path, "newsroom-engine", modules={"newsroom_engine": SOURCE},
entry_points={"l10n.engines": {"libre": "newsroom_engine:Engine"}})`` writes the wheel with
zipfile (dist-info METADATA, WHEEL, entry_points.txt, RECORD, the modules) and runs
``pip install --no-deps --no-index --target DIR`` with the Python running the tests; put the
returned folder on ``sys.path`` or ``PYTHONPATH`` and ``importlib.metadata`` finds the plugin.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

from tests.conftest import REPO


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(
    folder: Path,
    name: str,
    modules: Mapping[str, str],
    entry_points: Mapping[str, Mapping[str, str]],
    version: str = "1.0",
    summary: str = "",
) -> Path:
    """A pure-Python wheel of ``name`` in ``folder``.

    ``modules`` maps a module name (dotted: its packages are made) to its source; ``entry_points`` maps a group to
    ``{entry point name: "module:attribute"}``.
    """
    dist = re.sub(r"[-_.]+", "_", name)
    info = f"{dist}-{version}.dist-info"
    groups = "".join(
        f"[{group}]\n" + "".join(f"{key} = {value}\n" for key, value in points.items()) + "\n"
        for group, points in entry_points.items()
    )
    files: dict[str, bytes] = {}
    for module, source in modules.items():
        *packages, _ = parts = module.split(".")
        for depth in range(1, len(packages) + 1):  # a dotted name's packages, empty if not given
            files.setdefault("/".join(packages[:depth]) + "/__init__.py", b"")
        files["/".join(parts) + ".py"] = source.encode()
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    files[f"{info}/METADATA"] = (metadata + (f"Summary: {summary}\n" if summary else "")).encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: tests.plugin_wheel\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    files[f"{info}/entry_points.txt"] = groups.encode()
    record = [_record_line(path, data) for path, data in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = folder / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


def install_wheel(wheel: Path, target: Path) -> Path:
    """``pip install --no-deps --no-index --target target wheel``; returns ``target``."""
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def install_plugin(
    folder: Path,
    name: str,
    modules: Mapping[str, str],
    entry_points: Mapping[str, Mapping[str, str]],
    version: str = "1.0",
    summary: str = "",
) -> Path:
    """Build the wheel in ``folder`` and install it into ``folder/site``; returns that site."""
    folder.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(folder, name, modules, entry_points, version, summary)
    return install_wheel(wheel, folder / "site")


def l10n(site: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``l10n`` in a fresh process with the plugin's folder on the path, as after pip install."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(site)])}
    return subprocess.run(
        [sys.executable, "-m", "toolkit", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

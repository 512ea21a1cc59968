"""A long-lived worker that runs one Python tool in its own virtual environment.

``compare.py`` starts ``<venv>/bin/python tool_worker.py TOOL`` (TOOL: ``mdpo``, ``ttk`` or
``ours``) and talks to it in JSON lines: one request on stdin, one answer on the original
stdout (anything the tool prints goes to stderr). The parent enforces timeouts and restarts
a worker that hangs or dies, so one bad input costs one example, not the run.

Requests: ``{"op": "version"}``; ``{"op": "roundtrip", "markdown": ...}`` (extract a
catalog, set every msgstr to its msgid, rebuild; the answer holds the rebuilt Markdown);
``{"op": "extract", "src": DIR, "dst": DIR}`` and ``{"op": "rebuild", "src": DIR, "po": DIR,
"dst": DIR}`` over a folder of articles, timed inside the worker (imports excluded).
Standard library only, besides the tool: it runs under the tools' interpreters.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO


def _cpu() -> float:
    return time.process_time()


class Tool:
    name = ""

    dist = ""

    def version(self) -> str:
        return importlib.metadata.version(self.dist)

    def roundtrip(self, markdown: str, tmp: Path) -> str:
        raise NotImplementedError

    def extract(self, src: Path, dst: Path) -> None:
        raise NotImplementedError

    def rebuild(self, src: Path, po: Path, dst: Path) -> None:
        raise NotImplementedError


def _identity_with_polib(path: Path) -> None:
    """msgstr = msgid for every entry (mdpo's venv has polib, as mdpo depends on it)."""
    polib = importlib.import_module("polib")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save(str(path))


class Mdpo(Tool):
    """mdpo through its Python API, one article at a time (no directory mode exists)."""

    name = dist = "mdpo"

    def __init__(self) -> None:
        self.md2po = importlib.import_module("mdpo.md2po")
        self.po2md = importlib.import_module("mdpo.po2md")

    def roundtrip(self, markdown: str, tmp: Path) -> str:
        src, po, out = tmp / "example.md", tmp / "example.po", tmp / "out.md"
        src.write_text(markdown, encoding="utf-8")
        self.md2po.markdown_to_pofile(str(src), po_filepath=str(po), save=True)
        _identity_with_polib(po)
        self.po2md.pofile_to_markdown(str(src), str(po), save=str(out))
        return out.read_text(encoding="utf-8")

    def extract(self, src: Path, dst: Path) -> None:
        for md in sorted(src.glob("*.md")):
            po = dst / f"{md.stem}.po"
            self.md2po.markdown_to_pofile(str(md), po_filepath=str(po), save=True)

    def rebuild(self, src: Path, po: Path, dst: Path) -> None:
        for md in sorted(src.glob("*.md")):
            catalog = po / f"{md.stem}.po"
            self.po2md.pofile_to_markdown(str(md), str(catalog), save=str(dst / md.name))


class TranslateToolkit(Tool):
    """translate-toolkit's md2po / po2md converters, called in-process with CLI arguments."""

    name, dist = "ttk", "translate-toolkit"

    def __init__(self) -> None:
        self.md2po = importlib.import_module("translate.convert.md2po")
        self.po2md = importlib.import_module("translate.convert.po2md")
        self.po = importlib.import_module("translate.storage.po")

    def _run(self, main: Callable[[list[str]], None], args: list[str]) -> None:
        try:
            main([*args, "--progress=none", "--errorlevel=traceback"])
        except SystemExit as exc:
            if exc.code not in (None, 0):
                raise RuntimeError(f"exit status {exc.code}") from None

    def roundtrip(self, markdown: str, tmp: Path) -> str:
        src, po, out = tmp / "example.md", tmp / "example.po", tmp / "out.md"
        src.write_text(markdown, encoding="utf-8")
        self._run(self.md2po.main, ["-i", str(src), "-o", str(po)])
        if not po.exists():
            raise RuntimeError("md2po wrote no catalog")
        store = self.po.pofile.parsefile(str(po))
        for unit in store.units:
            if not unit.isheader():
                unit.target = unit.source
        store.save()
        self._run(self.po2md.main, ["-i", str(po), "-t", str(src), "-o", str(out)])
        if not out.exists():
            raise RuntimeError("po2md wrote no Markdown")
        return out.read_text(encoding="utf-8")

    def extract(self, src: Path, dst: Path) -> None:
        self._run(self.md2po.main, ["-i", str(src), "-o", str(dst)])

    def rebuild(self, src: Path, po: Path, dst: Path) -> None:
        self._run(self.po2md.main, ["-i", str(po), "-t", str(src), "-o", str(dst)])


class Ours(Tool):
    """Our toolkit: toolkit.markdown.blocks.parse, then rebuild with every block's own text."""

    name = "ours"

    def __init__(self) -> None:
        self.blocks: Any = importlib.import_module("toolkit.markdown.blocks")
        self.reassemble: Any = importlib.import_module("toolkit.markdown.reassemble")

    def version(self) -> str:
        return "this checkout"

    def roundtrip(self, markdown: str, tmp: Path) -> str:
        doc = self.blocks.parse(markdown)
        return str(self.reassemble.rebuild(doc, [block.text for block in doc.blocks]))


TOOLS: dict[str, Callable[[], Tool]] = {"mdpo": Mdpo, "ttk": TranslateToolkit, "ours": Ours}


def serve(tool: Tool, out: TextIO) -> None:
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = handle(tool, request)
        except Exception as exc:
            last = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(last.filename).name}:{last.lineno}"
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc} ({where})"[:300]}
        out.write(json.dumps(answer) + "\n")
        out.flush()


def handle(tool: Tool, request: dict[str, Any]) -> dict[str, Any]:
    op = request["op"]
    if op == "version":
        return {"ok": True, "version": tool.version()}
    if op == "roundtrip":
        with tempfile.TemporaryDirectory() as tmp:
            return {"ok": True, "markdown": tool.roundtrip(request["markdown"], Path(tmp))}
    if op in ("extract", "rebuild"):
        dst = Path(request["dst"])
        dst.mkdir(parents=True, exist_ok=True)
        cpu0, start = _cpu(), time.perf_counter()
        if op == "extract":
            tool.extract(Path(request["src"]), dst)
        else:
            tool.rebuild(Path(request["src"]), Path(request["po"]), dst)
        wall, cpu = time.perf_counter() - start, _cpu() - cpu0
        return {"ok": True, "wall": wall, "cpu": cpu, "files": len(list(dst.iterdir()))}
    raise ValueError(f"unknown op {op!r}")


def main() -> int:
    # Keep the protocol channel to ourselves: whatever the tool prints goes to stderr.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    tool = TOOLS[sys.argv[1]]()
    os.chdir(tempfile.mkdtemp(prefix="tool-worker-"))  # mdpo globs paths: an empty cwd
    serve(tool, protocol)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

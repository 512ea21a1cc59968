"""Side by side on one archive: po4a, mdpo, translate-toolkit and ours.

``python benchmarks/compare.py [--articles 1000]`` sets everything up on first use (a virtual
environment each for mdpo 2.1.4 and translate-toolkit 3.20.4, since both install commands
named md2po/po2md, under ``$BENCH_VENVS`` or ``benchmarks/out/venvs``; po4a with apt-get if it
is missing), generates the archive with ``archive.py``, and measures for every tool:

- extract: Markdown articles to catalogs, from scratch;
- rebuild: catalogs whose every msgstr is its msgid back to Markdown;
- identity round trip on the 655 CommonMark 0.31.2 examples: extract, msgstr = msgid,
  rebuild, then render source and result with markdown-it-py (commonmark) and compare HTML.

Prints a Markdown table and writes ``benchmarks/out/compare.md`` (and ``compare.json`` with
every failing example number).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive import write_archive
from bench_common import (
    OUT,
    REBUILD_OURS,
    ROOT,
    Samples,
    Timing,
    cpu_now,
    empty_files,
    extract_ours,
    fill_identity_ours,
    fresh_dir,
    machine,
    markdown_table,
    open_workspace,
    rebuild_ours,
    shared_dir,
    timed,
    use_repo_toolkit,
)

HERE = Path(__file__).resolve().parent
WORKER = HERE / "tool_worker.py"
VENV_SPECS = {
    "mdpo": ["mdpo==2.1.4"],
    "ttk": ["translate-toolkit[markdown]==3.20.4"],
}
PO4A_FORMAT = ["-f", "text", "-o", "markdown", "-M", "UTF-8"]
PO4A_ARTICLE = [*PO4A_FORMAT, "-o", "yfm_keys=title,deck"]  # translatable front matter only
NAMES = {
    "ours": "ours (article-l10n)",
    "ours1": "ours, `--jobs 1`",
    "po4a": "po4a",
    "mdpo": "mdpo",
    "ttk": "translate-toolkit",
}


_T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _T0:4.0f} s] {message}", file=sys.stderr, flush=True)


# --- setup -----------------------------------------------------------------------------------


def ensure_venv(name: str, venvs: Path) -> Path:
    """The tool's interpreter, creating its virtual environment on first use."""
    folder = venvs / name
    python = folder / "bin" / "python"
    marker = folder / ".installed"
    spec = " ".join(VENV_SPECS[name])
    if python.exists() and marker.exists() and marker.read_text() == spec:
        return python
    if not python.exists():
        _run_shown([sys.executable, "-m", "venv", str(folder)])
    _run_shown([str(python), "-m", "pip", "install", "--quiet", *VENV_SPECS[name]])
    marker.write_text(spec)
    return python


def ensure_po4a() -> str | None:
    """po4a's version, installing Debian's package when missing; None if it cannot be had."""
    if shutil.which("po4a-translate") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        for cmd in (
            ["apt-get", "install", "-y", "po4a"],
            ["apt-get", "update"],
            ["apt-get", "install", "-y", "po4a"],
        ):
            if shutil.which("po4a-translate") is None:
                _run_shown([*sudo, *cmd], check=False)
        if shutil.which("po4a-translate") is None:
            return None
    out = subprocess.run(["po4a", "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"po4a version (\d+(?:\.\d+)*)", out.stdout + out.stderr)
    return match.group(1) if match else "?"


def _run_shown(cmd: list[str], check: bool = True) -> None:
    log("+ " + " ".join(cmd))
    subprocess.run(cmd, check=check, stdout=sys.stderr)


# --- workers (Python tools in their own environments) -------------------------------------------


class Worker:
    """A ``tool_worker.py`` process; a hang or a death costs one request, then it restarts."""

    def __init__(self, python: Path, tool: str, env: dict[str, str], log_path: Path) -> None:
        self.argv = [str(python), str(WORKER), tool]
        self.env = env
        self.log = log_path.open("ab")
        self.proc: subprocess.Popen[bytes] | None = None
        self.buf = b""
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            self.argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=self.env,
        )
        self.buf = b""

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def call(self, request: dict[str, Any], timeout: float) -> dict[str, Any] | str:
        """The answer, or ``"timeout"`` / ``"died"``."""
        assert self.proc is not None and self.proc.stdin and self.proc.stdout
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.restart()
            return "died"
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.restart()
                return "timeout"
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    self.restart()
                    return "died"
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        answer: dict[str, Any] = json.loads(line)
        return answer

    def must(self, request: dict[str, Any], timeout: float = 1800) -> dict[str, Any]:
        answer = self.call(request, timeout)
        if isinstance(answer, str) or not answer.get("ok"):
            raise RuntimeError(f"{self.argv[-1]}: {request['op']} failed: {answer}")
        return answer


# --- identity catalogs -----------------------------------------------------------------------


def fill_identity(src: Path, dst: Path | None = None) -> None:
    """Set every msgstr to its msgid (flags kept), with polib; write to ``dst`` or in place."""
    import polib

    po = polib.pofile(str(src))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save(str(dst or src))


# --- archive timings -------------------------------------------------------------------------


@dataclass
class ArchiveResult:
    extract: Samples = field(default_factory=Samples)
    rebuild: Samples = field(default_factory=Samples)
    scale: float = 1.0  # >1 when measured on fewer articles and extrapolated
    measured_on: int = 0
    note: str = ""


class OursSteps:
    """Our toolkit's extract and rebuild, as library calls, on a workspace of its own."""

    def __init__(self, archive: Path, root: Path, jobs: int | None) -> None:
        fresh_dir(root)
        shutil.copytree(archive / "articles", root / "articles")
        shutil.copy(archive / "pyproject.toml", root / "pyproject.toml")
        self.root, self.jobs = root, jobs
        self.ws = open_workspace(root)

    def extract(self) -> Timing:
        fresh_dir(self.root / "locales")
        return timed(lambda: extract_ours(self.ws, self.jobs))[1]

    def prepare_rebuild(self) -> None:
        fill_identity_ours(self.ws)
        # Each article's editions go to a folder of its own, build/<slug>/. Made here, untimed:
        # a first build pays for creating 1,000 folders (0.4 to 1.5 ms of system time each on
        # this machine's ext4), a cost of the filesystem the other tools, writing into one
        # folder, never meet; every round then writes every file again into folders that exist.
        for slug in self.ws.slugs():
            self.ws.build_path(slug).mkdir(parents=True, exist_ok=True)

    def rebuild(self) -> Timing:
        empty_files(self.root / "build")
        return timed(lambda: rebuild_ours(self.ws, self.jobs))[1]


class WorkerSteps:
    """mdpo's or translate-toolkit's extract and rebuild, timed inside its worker."""

    def __init__(self, worker: Worker, archive: Path, work: Path) -> None:
        self.worker, self.articles, self.work = worker, archive / "articles", work
        self.pos = work / "po"

    def extract(self) -> Timing:
        fresh_dir(self.pos)
        answer = self.worker.must(
            {"op": "extract", "src": str(self.articles), "dst": str(self.pos)}
        )
        return Timing(answer["wall"], answer["cpu"])

    def prepare_rebuild(self) -> None:
        for po in self.pos.glob("*.po"):
            fill_identity(po)

    def rebuild(self) -> Timing:
        out = fresh_dir(self.work / "out")
        request = {"op": "rebuild", "src": str(self.articles), "po": str(self.pos), "dst": str(out)}
        answer = self.worker.must(request)
        return Timing(answer["wall"], answer["cpu"])


Steps = OursSteps | WorkerSteps


def time_interleaved(steps: dict[str, Steps], repeat: int) -> dict[str, ArchiveResult]:
    """Each round runs every tool once, one after the other, so that a slow spell of the
    machine falls on all of them alike; the tables take each tool's median round."""
    results = {name: ArchiveResult() for name in steps}
    for _ in range(repeat):
        for name, tool in steps.items():
            results[name].extract.add(tool.extract())
    for tool in steps.values():
        tool.prepare_rebuild()
    for _ in range(repeat):
        for name, tool in steps.items():
            results[name].rebuild.add(tool.rebuild())
    return results


def po4a_translate(options: list[str], md: Path, po: Path, out: Path) -> list[str]:
    """``po4a-translate`` of one document: UTF-8 out, no completeness threshold (``-k 0``)."""
    return [
        "po4a-translate",
        *options,
        *("-L", "UTF-8", "-k", "0"),
        *("-m", str(md), "-p", str(po), "-l", str(out)),
    ]


def _po4a_loop(commands: list[list[str]]) -> Timing:
    cpu0, start = cpu_now(), time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Timing(time.perf_counter() - start, cpu_now() - cpu0)


def time_po4a(archive: Path, work: Path, limit: int) -> ArchiveResult:
    """One po4a-updatepo and one po4a-translate process per article, in sequence."""
    articles = sorted((archive / "articles").glob("*.md"))
    total = len(articles)
    articles = articles[:limit]
    pots, pos, out = fresh_dir(work / "pot"), fresh_dir(work / "po"), fresh_dir(work / "out")
    result = ArchiveResult(measured_on=len(articles), scale=total / len(articles))
    result.extract.add(
        _po4a_loop(
            [
                ["po4a-updatepo", *PO4A_ARTICLE, "-m", str(md), "-p", str(pots / f"{md.stem}.pot")]
                for md in articles
            ]
        )
    )
    for md in articles:
        fill_identity(pots / f"{md.stem}.pot", pos / f"{md.stem}.po")
    result.rebuild.add(
        _po4a_loop(
            [
                po4a_translate(PO4A_ARTICLE, md, pos / f"{md.stem}.po", out / md.name)
                for md in articles
            ]
        )
    )
    return result


def time_po4a_config(archive: Path, work: Path, sizes: list[int]) -> list[tuple[int, float]]:
    """po4a's config mode (one ``po4a --no-translations`` run) for the first N articles."""
    results = []
    articles = sorted((archive / "articles").glob("*.md"))
    for size in sizes:
        root = fresh_dir(work / f"config-{size}")
        lines = [
            "[po4a_langs] es",
            "[po4a_paths] po/$master.pot $lang:po/$master.$lang.po",
            '[options] opt:"-o markdown -o yfm_keys=title,deck -M UTF-8 -L UTF-8 -k 0"',
        ]
        for md in articles[:size]:
            lines.append(f"[type: text] {md} $lang:out/{md.stem}.$lang.md master:file={md.stem}")
        (root / "po").mkdir()
        (root / "po4a.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            ["po4a", "--no-translations", "po4a.cfg"],
            cwd=root,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        results.append((size, time.perf_counter() - start))
    return results


# --- identity round trip on the CommonMark examples -----------------------------------------------


@dataclass
class Fidelity:
    exact: int = 0
    normalized: int = 0
    crashes: int = 0
    timeouts: int = 0
    failed_exact: list[int] = field(default_factory=list)
    failed_normalized: list[int] = field(default_factory=list)
    crashed: dict[int, str] = field(default_factory=dict)


class Comparator:
    """markdown-it-py (commonmark preset) renders both sides, soft line breaks as a space.

    Rebuilding a hard-wrapped paragraph on one line is not a change a reader sees, so a soft
    break renders as a space for every tool. "Normalized" also collapses every run of
    whitespace to one space and drops whitespace next to a tag.
    """

    def __init__(self) -> None:
        from markdown_it import MarkdownIt

        self.md = MarkdownIt("commonmark")
        self.md.add_render_rule("softbreak", _space)

    def html(self, markdown: str) -> str:
        return str(self.md.render(markdown))

    @staticmethod
    def normalize(html: str) -> str:
        return re.sub(r"\s*(<[^>]*>)\s*", r"\1", re.sub(r"\s+", " ", html)).strip()

    def judge(self, fid: Fidelity, number: int, source: str, rebuilt: str) -> None:
        a, b = self.html(source), self.html(rebuilt)
        if a == b:
            fid.exact += 1
        else:
            fid.failed_exact.append(number)
        if self.normalize(a) == self.normalize(b):
            fid.normalized += 1
        else:
            fid.failed_normalized.append(number)


def _space(*_args: Any) -> str:
    return " "


def fidelity_worker(
    worker: Worker, examples: list[dict[str, Any]], cmp: Comparator, timeout: float
) -> Fidelity:
    fid = Fidelity()
    for ex in examples:
        answer = worker.call({"op": "roundtrip", "markdown": ex["markdown"]}, timeout)
        number = int(ex["number"])
        if answer == "timeout":
            fid.timeouts += 1
            fid.crashed[number] = "timeout"
        elif isinstance(answer, str) or not answer.get("ok"):
            fid.crashes += 1
            fid.crashed[number] = answer if isinstance(answer, str) else str(answer["error"])
        if isinstance(answer, dict) and answer.get("ok"):
            cmp.judge(fid, number, ex["markdown"], str(answer["markdown"]))
        else:
            fid.failed_exact.append(number)
            fid.failed_normalized.append(number)
    return fid


def _po4a_roundtrip(markdown: str, timeout: float) -> str:
    """Rebuilt Markdown, or raises TimeoutError / RuntimeError."""
    with tempfile.TemporaryDirectory() as tmp:
        src, pot, po, out = (Path(tmp) / n for n in ("ex.md", "ex.pot", "ex.po", "out.md"))
        src.write_text(markdown, encoding="utf-8")
        _po4a_step(["po4a-updatepo", *PO4A_FORMAT, "-m", str(src), "-p", str(pot)], timeout)
        if not pot.exists():
            raise RuntimeError("po4a-updatepo wrote no catalog")
        fill_identity(pot, po)
        _po4a_step(po4a_translate(PO4A_FORMAT, src, po, out), timeout)
        if not out.exists():
            raise RuntimeError("po4a-translate wrote no document")
        return out.read_text(encoding="utf-8")


def _po4a_step(cmd: list[str], timeout: float) -> None:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise TimeoutError(cmd[0]) from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"{cmd[0]} exit {done.returncode}: {last[:200]}")


def fidelity_po4a(examples: list[dict[str, Any]], cmp: Comparator, timeout: float) -> Fidelity:
    def one(ex: dict[str, Any]) -> str | BaseException:
        try:
            return _po4a_roundtrip(ex["markdown"], timeout)
        except (TimeoutError, RuntimeError) as exc:
            return exc

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outcomes = list(pool.map(one, examples))
    fid = Fidelity()
    for ex, outcome in zip(examples, outcomes, strict=True):
        number = int(ex["number"])
        if isinstance(outcome, str):
            cmp.judge(fid, number, ex["markdown"], outcome)
            continue
        if isinstance(outcome, TimeoutError):
            fid.timeouts += 1
            fid.crashed[number] = f"timeout in {outcome}"
        else:
            fid.crashes += 1
            fid.crashed[number] = str(outcome)
        fid.failed_exact.append(number)
        fid.failed_normalized.append(number)
    return fid


# --- report ----------------------------------------------------------------------------------


def _cell(samples: Samples, scale: float, articles: int) -> str:
    t = samples.median
    wall, cpu = t.wall * scale, t.cpu * scale
    text = f"{wall:.2f} s ({1000 * wall / articles:.1f} ms/art.; CPU {cpu:.2f} s)"
    if t.fsync_calls:
        text += f", fsync {t.fsync_wall * scale:.2f} s"
    return text + ("²" if scale != 1.0 else "")


def report(
    args: argparse.Namespace,
    versions: dict[str, str],
    timings: dict[str, ArchiveResult],
    fidelity: dict[str, Fidelity],
    config_runs: list[tuple[int, float]],
    words: int,
    total_examples: int,
    started: str,
) -> str:
    n = args.articles
    headers = [
        "tool",
        f"extract, {n:,} articles",
        "rebuild (msgstr = msgid)",
        f"CommonMark identity, HTML-exact (of {total_examples})",
        "whitespace-normalized",
        "crashes",
        "timeouts",
    ]
    rows = []
    for tool in ("ours", "ours1", "po4a", "mdpo", "ttk"):
        if tool not in versions and tool != "ours1":
            continue
        t = timings.get(tool)
        f = fidelity.get("ours" if tool == "ours1" else tool)
        if tool == "ours1" and t is None:
            continue
        rows.append(
            [
                f"{NAMES[tool]} {versions.get(tool, '')}".strip(),
                _cell(t.extract, t.scale, n) if t else "not run",
                _cell(t.rebuild, t.scale, n) if t else "not run",
                str(f.exact) if f else "not run",
                str(f.normalized) if f else "not run",
                str(f.crashes) if f else "",
                str(f.timeouts) if f else "",
            ]
        )
    notes = [
        f"Archive: `benchmarks/archive.py`, {n:,} articles, {words:,} words (seeded). "
        f"{started}. Ours spreads the articles over every core (forked workers; `l10n`'s "
        "default, `--jobs 0`); `--jobs 1` is ours on one core. The other tools have no "
        "parallel mode and run on one core, one article after another. Wall time of the "
        f"median of {args.repeat} rounds for ours, mdpo and translate-toolkit (each round "
        "runs every tool in turn; in-process, imports excluded), one run for po4a (a process "
        "per article). CPU = user + system time of the processes doing the work (for ours, "
        "its workers included).",
        "ours, extract: `toolkit.extract.extract(ws, None, jobs=...)`: per article, front "
        "matter (libyaml), markdown-it-py block parse, msgmerge-style merge, gettext-exact "
        "line breaking; writes locales/<slug>.pot AND locales/es/<slug>.po (two files, the "
        "others write one), all or nothing, each atomically (temporary file, rename) and on "
        "disk before its rename (fsync, or one syncfs for a big batch); the fsync wait of "
        "the parent process is shown separately.",
        REBUILD_OURS + ".",
        "po4a, extract: `po4a-updatepo -f text -o markdown -o yfm_keys=title,deck -M UTF-8` "
        "per article (writes a .pot); rebuild: `po4a-translate` with the same options and "
        "`-L UTF-8 -k 0` per article. Per-file mode is po4a's fastest here: its config mode "
        "(one `po4a` run over a po4a.cfg listing every article, which also msgmerges an "
        ".es.po) grows faster than linearly: "
        + ", ".join(f"{s} articles {w:.1f} s ({1000 * w / s:.0f} ms/art.)" for s, w in config_runs)
        + ".",
        "mdpo: Python API, per article `markdown_to_pofile(md, po_filepath=po, save=True)` "
        "and `pofile_to_markdown(md, po, save=out)` (mdpo has no directory mode; its CLI "
        "would add a process per file). It does not know YAML front matter: it extracts the "
        "front matter as a heading.",
        "translate-toolkit: `md2po -i articles -o po` and `po2md -i po -t articles -o out` "
        "(directory mode, default options: front matter extracted, {n} placeholders, output "
        "reflowed at 80 columns), called through `translate.convert.md2po.main()` in-process.",
        "CommonMark identity round trip: each example extracted to a catalog, every msgstr "
        "set to its msgid, rebuilt; source and result rendered with markdown-it-py "
        "(commonmark preset) with soft line breaks rendered as a space for every tool; "
        "HTML-exact compares the two HTML strings; whitespace-normalized also collapses "
        "whitespace runs and drops whitespace next to tags. Ours: "
        "`toolkit.markdown.blocks.parse` + `toolkit.markdown.reassemble.rebuild(doc, [block.text ...])`. po4a: "
        "`po4a-updatepo` / `po4a-translate -f text -o markdown`; mdpo: the API above; "
        "translate-toolkit: md2po / po2md on the example file. A crash is an exception, a "
        f"non-zero exit or no output; a timeout is no answer within {args.timeout:g} s "
        "(po4a hangs on unclosed code fences).",
    ]
    if any(t.scale != 1.0 for t in timings.values()):
        for tool, t in timings.items():
            if t.scale != 1.0:
                notes.append(
                    f"² {NAMES[tool]}: measured on the first {t.measured_on:,} articles and "
                    f"extrapolated linearly to {n:,} (times {t.scale:g})."
                )
    asked = set(args.tools.split(","))
    missing = [NAMES[k] for k in ("po4a", "mdpo", "ttk") if k in asked and k not in versions]
    if missing:
        notes.append("Not run (could not be installed): " + ", ".join(missing) + ".")
    body = markdown_table(headers, rows) + "\n\n" + "\n".join(f"- {x}" for x in notes)
    return body + "\n"


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--po4a-articles",
        type=int,
        default=None,
        help="time po4a on the first N articles only and extrapolate (default: all)",
    )
    parser.add_argument(
        "--po4a-config",
        type=int,
        nargs="*",
        default=[100, 200],
        help="article counts at which to time po4a's config mode (none: skip)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--venvs",
        type=Path,
        default=Path(os.environ.get("BENCH_VENVS", str(OUT / "venvs"))),
    )
    parser.add_argument("--skip-fidelity", action="store_true")
    parser.add_argument("--skip-archive", action="store_true")
    parser.add_argument(
        "--tools", default="ours,po4a,mdpo,ttk", help="comma-separated subset of the tools"
    )
    args = parser.parse_args(argv)
    use_repo_toolkit()
    started = machine()
    t0 = time.perf_counter()
    work = args.out / "compare"
    (args.out / "logs").mkdir(parents=True, exist_ok=True)

    log("setup: virtual environments and po4a")
    pythons: dict[str, Path] = {}
    tools = set(args.tools.split(","))
    for name in VENV_SPECS.keys() & tools:
        try:
            pythons[name] = ensure_venv(name, args.venvs)
        except subprocess.CalledProcessError as exc:
            log(f"{name}: could not be installed ({exc}); skipped")
    po4a = ensure_po4a() if "po4a" in tools else None

    env_ours = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    )
    env_tool = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    workers: dict[str, Worker] = {
        "ours": Worker(Path(sys.executable), "ours", env_ours, args.out / "logs" / "ours.log")
    }
    for name, python in pythons.items():
        workers[name] = Worker(python, name, env_tool, args.out / "logs" / f"{name}.log")
    versions = {"ours": _checkout()}
    for name, worker in workers.items():
        if name != "ours":
            versions[name] = str(worker.must({"op": "version"})["version"])
    if po4a:
        versions["po4a"] = po4a

    archive = work / "archive"
    log(f"archive: {args.articles} articles")
    fresh_dir(archive)
    words = write_archive(archive, args.articles)

    timings: dict[str, ArchiveResult] = {}
    config_runs: list[tuple[int, float]] = []
    if not args.skip_archive:
        log("ours (all cores and --jobs 1), mdpo, translate-toolkit: extract / rebuild")
        steps: dict[str, Steps] = {
            "ours": OursSteps(archive, work / "ours", None),
            "ours1": OursSteps(archive, work / "ours-jobs-1", 1),
        }
        for name in ("mdpo", "ttk"):
            if name in workers:
                steps[name] = WorkerSteps(workers[name], archive, work / name)
        timings.update(time_interleaved(steps, args.repeat))
        if po4a:
            limit = args.po4a_articles or args.articles
            log(f"po4a: extract / rebuild, one process per article ({limit} articles)")
            timings["po4a"] = time_po4a(archive, work / "po4a", limit)
            if args.po4a_config:
                log(f"po4a: config mode at {args.po4a_config} articles")
                config_runs = time_po4a_config(archive, work / "po4a", args.po4a_config)

    fidelity: dict[str, Fidelity] = {}
    corpus = shared_dir() / "corpus" / "commonmark-0.31.2-examples.json"
    examples: list[dict[str, Any]] = json.loads(corpus.read_text(encoding="utf-8"))
    if not args.skip_fidelity:
        cmp = Comparator()
        for name, worker in workers.items():
            log(f"{name}: CommonMark identity round trip")
            fidelity[name] = fidelity_worker(worker, examples, cmp, args.timeout)
        if po4a:
            log("po4a: CommonMark identity round trip")
            fidelity["po4a"] = fidelity_po4a(examples, cmp, args.timeout)
    for worker in workers.values():
        worker.stop()

    text = report(args, versions, timings, fidelity, config_runs, words, len(examples), started)
    text = f"## Side by side\n\n{text}\nTotal run time {time.perf_counter() - t0:.0f} s.\n"
    (args.out / "compare.md").write_text(text, encoding="utf-8")
    raw = {
        "versions": versions,
        "timings": {k: _raw_timing(v) for k, v in timings.items()},
        "po4a_config": config_runs,
        "fidelity": {k: v.__dict__ for k, v in fidelity.items()},
    }
    (args.out / "compare.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    print(text)
    return 0


def _checkout() -> str:
    """The commit measured, naming toolkit files that differ from it."""
    git = ["git", "-C", str(ROOT)]
    sha = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if sha.returncode != 0:
        return "(this checkout)"
    status = subprocess.run(
        [*git, "status", "--porcelain", "toolkit"], capture_output=True, text=True
    ).stdout.splitlines()
    changed = [line[3:] + (" untracked" if line.startswith("??") else "") for line in status]
    return f"@ {sha.stdout.strip()}" + (f" + {', '.join(changed)}" if changed else "")


def _raw_timing(result: ArchiveResult) -> dict[str, Any]:
    return {
        "extract": [t.__dict__ for t in result.extract.runs],
        "rebuild": [t.__dict__ for t in result.rebuild.runs],
        "scale": result.scale,
    }


if __name__ == "__main__":
    raise SystemExit(main())

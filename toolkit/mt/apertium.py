"""Apertium (rule-based, offline) through Debian's ``apertium`` command.

One process translates every text of a run: starting the pipeline costs ~0.16 s, so one call
per entry would spend more time starting than translating. Texts travel as paragraphs
separated by a blank line. A single newline is *not* a boundary for Apertium: tested with
eng-spa, "the red\\nhouse" comes back as "la casa\\nroja", a word moved across the line. A
blank line is a sentence end for its text deformatter (it inserts a virtual full stop), so
nothing crosses it. The output must have exactly one paragraph per input paragraph;
anything else raises EngineError rather than returning shifted translations.

The PyPI ``apertium`` binding is not used: it drifts from the installed data and hangs on
large input.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from functools import cached_property, lru_cache

from toolkit.errors import EngineError
from toolkit.mt.base import EngineOptions

# BCP 47 primary subtags to the ISO 639-3 codes Apertium names its modes with.
APERTIUM_CODES = {
    "an": "arg",
    "ar": "ara",
    "ast": "ast",
    "br": "bre",
    "ca": "cat",
    "cy": "cym",
    "da": "dan",
    "de": "deu",
    "en": "eng",
    "eo": "epo",
    "es": "spa",
    "eu": "eus",
    "fr": "fra",
    "ga": "gle",
    "gl": "glg",
    "is": "isl",
    "it": "ita",
    "mt": "mlt",
    "nb": "nob",
    "nl": "nld",
    "nn": "nno",
    "oc": "oci",
    "pt": "por",
    "ro": "ron",
    "sc": "srd",
    "sv": "swe",
}

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
START_TIMEOUT = 30.0  # seconds, plus the time for the text below
CHARS_PER_SECOND_FLOOR = 2000  # ~35x slower than measured here: only a hang hits the timeout


def apertium_code(tag: str) -> str:
    primary = tag.replace("_", "-").split("-")[0].lower()
    return APERTIUM_CODES.get(primary, primary)


def mode_candidates(source: str, target: str) -> list[str]:
    """Mode names for a pair, most specific first (``eng-spa``; ``spa-eng_US`` for en-US)."""
    base = f"{apertium_code(source)}-{apertium_code(target)}"
    parts = target.replace("_", "-").split("-")
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return [f"{base}_{region}", base] if region else [base]


class ApertiumEngine:
    name = "apertium"

    def __init__(self, command: str = "apertium", timeout: float | None = None) -> None:
        self._command = command
        self._timeout = timeout
        self._mode: str | None = None
        self._progress: Callable[[int, int], None] | None = None

    def set_progress(self, callback: Callable[[int, int], None] | None) -> None:
        self._progress = callback

    def describe(self) -> str:
        """``apertium eng-spa 0.8.1``: the mode last used and its package's version."""
        if self._mode is None:
            return "apertium"
        first, second = self._mode.split("_")[0].split("-", 1)
        # The package of a pair holds both directions: apertium-eng-spa has spa-eng too.
        version = _package_version(f"apertium-{first}-{second}") or _package_version(
            f"apertium-{second}-{first}"
        )
        return " ".join(p for p in ("apertium", self._mode, version) if p)

    # --- finding the program and the mode -----------------------------------------------

    @cached_property
    def _executable(self) -> str:
        found = shutil.which(self._command)
        if found is None:
            raise EngineError(
                "apertium is not installed (on Debian or Ubuntu: "
                "apt-get install apertium apertium-eng-spa)"
            )
        return found

    @cached_property
    def modes(self) -> list[str]:
        """The translation modes installed, as ``apertium -l`` lists them."""
        try:
            done = subprocess.run(
                [self._executable, "-l"], capture_output=True, text=True, timeout=START_TIMEOUT
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise EngineError(f"cannot run apertium: {exc}") from None
        return done.stdout.split()

    def mode(self, source: str, target: str) -> str:
        candidates = mode_candidates(source, target)
        for name in candidates:
            if name in self.modes:
                return name
        base = candidates[-1]
        available = ", ".join(self.modes) or "none"
        raise EngineError(
            f"no Apertium mode {base} for {source}->{target} (installed: {available}); "
            f"on Debian or Ubuntu: apt-get install apertium apertium-{base}"
        )

    # --- translating -------------------------------------------------------------------------

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        mode = self.mode(source, target)
        self._mode = mode
        # Each line of each text is one paragraph; empty lines are not sent.
        lines = [text.split("\n") for text in texts]
        paragraphs = [line.strip() for text in lines for line in text if line.strip()]
        if not paragraphs:
            return list(texts)
        output = self._run(mode, paragraphs)
        pieces = _BLANK_LINE.split(output.strip("\n"))
        if len(pieces) != len(paragraphs):
            raise EngineError(
                f"apertium returned {len(pieces)} paragraphs for {len(paragraphs)}; "
                "refusing to guess which translation belongs to which entry"
            )
        it = iter(pieces)
        results: list[str] = []
        for text_lines in lines:
            out = []
            for line in text_lines:
                if not line.strip():
                    out.append(line)
                    continue
                lead = line[: len(line) - len(line.lstrip())]
                trail = line[len(line.rstrip()) :]
                out.append(lead + next(it).strip() + trail)
            results.append("\n".join(out))
        return results

    def _run(self, mode: str, paragraphs: list[str]) -> str:
        data = ("\n\n".join(paragraphs) + "\n").encode("utf-8")
        timeout = self._timeout or START_TIMEOUT + len(data) / CHARS_PER_SECOND_FLOOR
        with tempfile.TemporaryFile() as errors:
            try:
                proc = subprocess.Popen(
                    [self._executable, "-u", mode],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                )
            except OSError as exc:
                raise EngineError(f"cannot run apertium: {exc}") from None
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
            writer = threading.Thread(target=_feed, args=(proc, data), daemon=True)
            writer.start()
            try:
                output = self._read(proc, len(paragraphs))
                writer.join()
                code = proc.wait()
            finally:
                timed_out = not timer.is_alive()
                timer.cancel()
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            if timed_out and code != 0:
                raise EngineError(f"apertium {mode} did not finish within {timeout:g} s")
            if code != 0:
                errors.seek(0)
                detail = errors.read().decode("utf-8", "replace").strip().splitlines()
                last = detail[-1] if detail else f"exit status {code}"
                raise EngineError(f"apertium {mode} failed: {last}")
        try:
            return output.decode("utf-8")
        except UnicodeDecodeError:
            raise EngineError(f"apertium {mode} wrote output that is not UTF-8") from None

    def _read(self, proc: subprocess.Popen[bytes], total: int) -> bytes:
        """Read all output, reporting progress as finished paragraphs stream out."""
        assert proc.stdout is not None
        chunks: list[bytes] = []
        done = 0
        fd = proc.stdout.fileno()
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            if self._progress is not None:
                done += chunk.count(b"\n\n")
                self._progress(min(done, total), total)
        proc.stdout.close()
        if self._progress is not None:
            self._progress(total, total)
        return b"".join(chunks)


def _feed(proc: subprocess.Popen[bytes], data: bytes) -> None:
    assert proc.stdin is not None
    # A killed process closes the pipe early; the exit status reports that, not this thread.
    with contextlib.suppress(BrokenPipeError, OSError):
        proc.stdin.write(data)
    with contextlib.suppress(BrokenPipeError, OSError):
        proc.stdin.close()


@lru_cache(maxsize=16)
def _package_version(package: str) -> str:
    """The upstream version of a Debian package (``0.8.1`` of ``0.8.1-2``), or ''."""
    query = shutil.which("dpkg-query")
    if query is None:
        return ""
    try:
        done = subprocess.run(
            [query, "-W", "-f=${Version}", package], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    version = done.stdout.strip() if done.returncode == 0 else ""
    version = version.split(":", 1)[-1]  # epoch
    return version.rsplit("-", 1)[0] if "-" in version else version


def create(options: EngineOptions) -> ApertiumEngine:
    return ApertiumEngine()

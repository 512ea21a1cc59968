"""Generate ``toolkit/_unidata.py``: the Unicode tables gettext's PO writer wraps with.

``msgcat`` (GNU gettext 0.21 on Debian 12) wraps strings with libunistring 1.0's
``ulc_width_linebreaks_v2`` and ``uc_width``. To reproduce its output byte for byte we need
that library's own data, not Python's: its line-break classes (including gnulib's
adjustments to UAX #14, and the split classes it uses for LB30/LB30b) and its pair table.
This script reads them from the installed ``libunistring.so.2`` through ctypes, so it runs
only on a machine with that library (Debian 12: package ``libunistring2`` 1.0-2).

``--check`` afterwards compares the pure-Python break algorithm in ``toolkit.linebreak``
with the library's ``u8_possible_linebreaks_v2`` on random strings drawn from every class.

Usage: python scripts/gen_unidata.py [--check]
"""

from __future__ import annotations

import ctypes
import random
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "toolkit" / "_unidata.py"
NCLASSES = 33  # rows/columns of libunistring 1.0's pair table
# Classes outside the table; libunistring 1.0 numbering.
BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX = range(33, 43)
AL, ID = 20, 23
# What libunistring resolves at run time for a UTF-8 (non-CJK) text, and what we fold:
# CR and LF only ever reach the wrapper escaped, so they may as well be BK.
RESOLVE = {AI: AL, SA: AL, XX: AL, CB: ID, CR: BK, LF: BK}


def _lib() -> ctypes.CDLL:
    return ctypes.CDLL("libunistring.so.2")


def _symbol(lib: ctypes.CDLL, name: str, size: int) -> bytes:
    addr = ctypes.cast(getattr(lib, name), ctypes.c_void_p).value
    assert addr is not None
    return ctypes.string_at(addr, size)


def line_break_classes(lib: ctypes.CDLL) -> list[int]:
    """Class of every code point, from libunistring's three-level ``unilbrkprop`` table."""
    prop = _symbol(lib, "libunistring_unilbrkprop", 0x9B3C)
    level1 = struct.unpack("<15i", prop[:60])
    level2 = struct.unpack("<2048i", prop[60 : 60 + 8192])
    level3 = prop[60 + 8192 :]
    out = []
    for uc in range(0x110000):
        cls = XX
        i1 = uc >> 16
        if i1 < 15 and level1[i1] >= 0:
            i2 = level2[level1[i1] + ((uc >> 7) & 511)]
            if i2 >= 0:
                cls = level3[i2 + (uc & 127)]
        out.append(RESOLVE.get(cls, cls))
    # Guard against a different library layout: spot-check well-known classes.
    expect = {
        " ": SP,
        "a": AL,
        "-": 5,
        "/": 19,
        "(": 12,
        ")": 7,
        '"': 14,
        "\\": 18,
        "\u2014": 2,
        "\u4e00": ID,
        "\u200b": ZW,
        "\u0301": CM,
        "\u200d": 30,
        "\u2028": BK,
        "\u00a0": 1,
        "\u2060": 0,
        "\u05d0": 28,
        "\U0001f1e6": 29,
    }
    for ch, cls in expect.items():
        assert out[ord(ch)] == cls, (ch, out[ord(ch)], cls)
    return out


def pair_table(lib: ctypes.CDLL) -> list[str]:
    raw = _symbol(lib, "libunistring_unilbrk_table", NCLASSES * NCLASSES)
    assert set(raw) <= {1, 2, 3}
    cells = " DIP"  # libunistring: 1 direct, 2 indirect, 3 prohibited
    return ["".join(cells[raw[r * NCLASSES + c]] for c in range(NCLASSES)) for r in range(NCLASSES)]


def widths(lib: ctypes.CDLL) -> list[int]:
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    lib.uc_width.restype = ctypes.c_int
    # Control characters (-1) count as 0 in u8_width_linebreaks.
    return [max(lib.uc_width(uc, b"UTF-8"), 0) for uc in range(0x110000)]


def _ranges(values: list[int]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    vals: list[int] = []
    for uc, v in enumerate(values):
        if not vals or vals[-1] != v:
            starts.append(uc)
            vals.append(v)
    return starts, vals


def _int_lines(name: str, items: list[int]) -> list[str]:
    lines, cur = [f"{name} = ("], "   "
    for x in items:
        piece = f" {x},"
        if len(cur) + len(piece) > 99:
            lines.append(cur)
            cur = "   "
        cur += piece
    lines.append(cur)
    lines.append(")")
    return lines


def _bytes_lines(name: str, items: list[int]) -> list[str]:
    data = bytes(items).hex()
    lines = [f"{name} = bytes.fromhex("]
    lines += [f'    "{data[i : i + 88]}"' for i in range(0, len(data), 88)]
    lines.append(")")
    return lines


def generate() -> str:
    lib = _lib()
    lb_starts, lb_vals = _ranges(line_break_classes(lib))
    w_starts, w_vals = _ranges(widths(lib))
    table = pair_table(lib)
    out = [
        '"""Unicode tables for gettext-compatible wrapping (libunistring 1.0). Generated.',
        "",
        "Made by scripts/gen_unidata.py from the libunistring.so.2 that Debian 12's gettext 0.21",
        "links against. Line-break classes use libunistring's numbering (see toolkit.linebreak).",
        '"""',
        "",
        "# Line-break class of code points LB_STARTS[i] .. LB_STARTS[i + 1] - 1.",
        *_int_lines("LB_STARTS", lb_starts),
        *_bytes_lines("LB_CLASSES", lb_vals),
        "# Display width (0, 1, 2) of code points WIDTH_STARTS[i] .. WIDTH_STARTS[i + 1] - 1.",
        *_int_lines("WIDTH_STARTS", w_starts),
        *_bytes_lines("WIDTH_VALUES", w_vals),
        "# PAIR_TABLE[before][after]: D direct break, I break only across spaces, P prohibited.",
        "PAIR_TABLE = (",
        *[f'    "{row}",' for row in table],
        ")",
        "",
    ]
    return "\n".join(out)


def check(rounds: int = 300_000) -> int:
    """Compare toolkit.linebreak's break finder with libunistring's; return mismatches."""
    sys.path.insert(0, str(OUT.parent.parent))
    from toolkit import linebreak

    lib = _lib()
    fn = lib.u8_possible_linebreaks_v2
    fn.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]
    classes = line_break_classes(lib)
    by_class: dict[int, list[str]] = {}
    for uc, cls in enumerate(classes):
        if not 0xD800 <= uc < 0xE000 and chr(uc) not in "\r\n":
            by_class.setdefault(cls, []).append(chr(uc))
    rng = random.Random(1)
    alphabet = [ch for chars in by_class.values() for ch in rng.sample(chars, min(8, len(chars)))]
    alphabet += list(" abc-/.,\"\\'()!?\u00a0\u2014\u200d\u0301\U0001f1e6\U0001f1e7\u05d0")
    # Half the strings avoid the classes that need more than the pair table, so that both
    # of linebreak's paths are exercised.
    special = {BK, CM, ZW, 29, 30, 28}  # RI, ZWJ, HL
    plain = [ch for ch in alphabet if classes[ord(ch)] not in special]
    bad = 0
    for n in range(rounds):
        chars = plain if n % 2 else alphabet
        s = "".join(rng.choice(chars) for _ in range(rng.randint(1, 12)))
        b = s.encode()
        buf = ctypes.create_string_buffer(len(b))
        fn(b, len(b), b"UTF-8", buf)
        want_possible, want_mandatory, i = [], [], 0
        for k, ch in enumerate(s):
            if buf.raw[i] == 2:
                want_possible.append(k)
            elif buf.raw[i] == 3:
                want_mandatory.append(k)
            i += len(ch.encode())
        got = linebreak.break_opportunities(s.translate(linebreak.CLASS_MAP))
        if got != (want_possible, want_mandatory):
            bad += 1
            if bad <= 10:
                print("mismatch", repr(s), got, (want_possible, want_mandatory))
    print(f"{rounds} strings, {bad} mismatches")
    return bad


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(1 if check() else 0)
    OUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUT}")

"""Every regular expression in src/acuref, run on adversarial inputs at two sizes: a pattern whose time
grows faster than its input (backtracking) is listed with the input and the ratio.

    python bench/regex_sweep.py [--small 400] [--large 1600] [--include-csl]

Patterns are found in the source (ast: the first argument of re.compile/search/match/fullmatch/sub/
subn/findall/finditer/split when it is a string or an f-string without fields, and its flags when
they are re.X constants). Inputs are runs of one character or of a two-character unit built from
the pattern's own characters and common text characters, each once plainly and once ending in a
character that makes a match fail ("\\x00"). Each input is tried with search(); at the small size
first, and at the large size (4x) only when the small one takes over 1 ms, so a linear pattern costs
nothing. Ratio > 6 for a 4x input means worse than linear (quadratic gives about 16).
"""

from __future__ import annotations

import argparse
import ast
import re
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "acuref"
CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
FLAG_NAMES = {"I": re.I, "IGNORECASE": re.I, "M": re.M, "MULTILINE": re.M, "S": re.S, "DOTALL": re.S,
              "X": re.X, "VERBOSE": re.X, "A": re.A, "ASCII": re.A, "U": re.U, "UNICODE": re.U}
COMMON = list(" \t\n,.;:-_'\"()[]{}*@#aA1é&/\\")


def _flags(node) -> int:
    if isinstance(node, ast.Attribute) and node.attr in FLAG_NAMES:
        return FLAG_NAMES[node.attr]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


def _string(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string(node.left), _string(node.right)
        return left + right if left is not None and right is not None else None
    return None


def patterns(include_csl: bool) -> list[tuple[str, int, str, int]]:
    """(file, line, pattern, flags) for each literal pattern in the source."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        if not include_csl and "csl" in path.relative_to(SRC).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
                text = _string(node.args[0])
                if text is None:
                    continue
                flags = 0
                for kw in node.keywords:
                    if kw.arg == "flags":
                        flags |= _flags(kw.value)
                if node.func.attr == "compile" and len(node.args) > 1:
                    flags |= _flags(node.args[1])
                elif node.func.attr in ("sub", "subn", "split") and len(node.args) > 3 + (node.func.attr != "split"):
                    flags |= _flags(node.args[-1])
                elif node.func.attr in ("search", "match", "fullmatch", "findall", "finditer") and len(node.args) > 2:
                    flags |= _flags(node.args[2])
                out.append((str(path.relative_to(SRC.parent.parent)), node.lineno, text, flags))
    return out


def units(pattern: str) -> list[str]:
    chars = sorted({c for c in pattern if c.isprintable() or c in "\t\n"} | set(COMMON))
    singles = chars
    words = ["et al. ", "and ", "a ", "A. ", "1, ", "-1", "--", "**", "__", "[a]", "(a)", "a,", ". ", ", ", "\\a", " -", "- "]
    pairs = [a + b for a in chars for b in (" ", "a", ",", ".", "-") if a != b]
    return singles + words + pairs


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


LIMIT = 2.0  # seconds: a search stopped here counts as unbounded


def _time(regex, text: str, limit: float = LIMIT) -> float:
    """Seconds one search takes; LIMIT when it is stopped there (the re module checks signals while it
    backtracks)."""
    import signal

    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        regex.search(text)
    except _Timeout:
        return limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - start


def sweep(small: int, large: int, include_csl: bool, verbose: bool = False) -> list[tuple]:
    found = []
    for path, line, pattern, flags in patterns(include_csl):
        if verbose:
            print(f"{path}:{line}", flush=True)
        try:
            regex = re.compile(pattern, flags)
        except re.error:
            continue
        worst = None
        for unit in units(pattern):
            for end in ("", "\x00"):
                text = unit * (small // len(unit)) + end
                t_small = _time(regex, text)
                if t_small < 0.001:
                    continue
                t_large = _time(regex, unit * (large // len(unit)) + end) if t_small < LIMIT else LIMIT
                ratio = float("inf") if t_small >= LIMIT else t_large / max(t_small, 1e-9)
                if worst is None or ratio > worst[0]:
                    worst = (ratio, unit, end, t_small, t_large)
            if worst and worst[0] == float("inf"):
                break  # stopped at the time limit on the small input: exponential, no need to go on
        if worst and worst[0] > 6:
            found.append((path, line, pattern, *worst))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=400)
    parser.add_argument("--large", type=int, default=1600)
    parser.add_argument("--include-csl", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="name each pattern's place before trying it")
    args = parser.parse_args()
    rows = sweep(args.small, args.large, args.include_csl, args.verbose)
    for path, line, pattern, ratio, unit, end, t_small, t_large in rows:
        print(f"{path}:{line}: x{ratio:.1f} ({t_small * 1000:.1f} ms -> {t_large * 1000:.1f} ms) on {unit!r}*n{end!r}: {pattern}")
    print(f"{len(rows)} patterns grow faster than their input")


if __name__ == "__main__":
    main()

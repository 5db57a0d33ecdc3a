"""Shared fixtures: run the CLI in-process and capture stdout, stderr and the exit code."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED_STORE = ROOT / "data" / "references.toml"
SEED = FIXTURES / "seed" / "articles.txt"
#: the shared folder beside the checkout (real import files, dedupe sets); CI has it, a bare clone may not.
SHARED = ROOT.parent / "shared"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch) -> Path:
    """Caches (store and render) go to a fresh folder per test, never into the user's home."""
    folder = tmp_path_factory.mktemp("acuref-cache")
    monkeypatch.setenv("ACUREF_CACHE_DIR", str(folder))
    monkeypatch.delenv("ACUREF_NO_CACHE", raising=False)
    monkeypatch.setenv("ACUREF_CONFIG", str(folder / "no-config.toml"))  # never the user's own config file
    monkeypatch.delenv("ACUREF_STYLE", raising=False)
    monkeypatch.delenv("ACUREF_LOCALE", raising=False)
    return folder


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    """``cli("list", "--json")`` runs acuref in-process; cwd is an empty temp dir, no $ACUREF_STORE."""
    from acuref.cli import main

    monkeypatch.delenv("ACUREF_STORE", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def paths(cli, monkeypatch):
    """``paths(args)`` runs a command line twice, as users get it and with the fast path (acuref.cli.fast)
    off; gives (first result, second result, whether the fast path took the first line).

    ``prepare()`` runs before each run (a fresh store, standard input); ``observe()`` after each, and
    then each result is (CliResult, what observe returned), e.g. the store file as it was left."""
    from acuref.cli import fast

    real = fast.run

    def both(args, prepare=None, observe=None):
        ran: list[bool] = []

        def spy(a, *rest):
            try:
                result = real(a, *rest)
            except BaseException:
                ran.append(True)  # it took the line, and raised what main() reports
                raise
            ran.append(result is not None)
            return result

        results = []
        for runner in (spy, lambda a, *rest: None):
            if prepare is not None:
                prepare()
            monkeypatch.setattr(fast, "run", runner)
            result = cli(*args)
            results.append(result if observe is None else (result, observe()))
        monkeypatch.setattr(fast, "run", real)
        return results[0], results[1], ran == [True]

    return both


@pytest.fixture
def store_copy(tmp_path) -> Path:
    """A writable copy of the bundled store."""
    path = tmp_path / "store" / "references.toml"
    path.parent.mkdir()
    shutil.copy(BUNDLED_STORE, path)
    return path


@pytest.fixture(scope="session")
def bundled():
    """The bundled store, loaded once."""
    from acuref.store import load

    return load(BUNDLED_STORE)

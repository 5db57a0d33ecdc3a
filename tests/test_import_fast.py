"""A plain ``acuref import`` line runs without Typer (pasted references start fast) and exactly as Typer runs it."""

from __future__ import annotations

import pytest

from acuref.cli import fast

PASTED = ("Vates GE, Berger MS. Functional mapping of the cortex. J Neurosurg 2001;95:233-41.\n\n"
          "Kaptchuk, T. J. (2002). Acupuncture: Theory, efficacy, and practice. Annals of Internal Medicine, 136(5), 374–383.\n")


@pytest.mark.parametrize("args", [
    ["import", "--format", "text", "pasted.txt", "--dry-run", "--store", "refs.toml"],
    ["import", "pasted.txt", "--dry-run", "--json", "--store", "refs.toml"],
    ["import", "-f", "text", "pasted.txt", "--store", "refs.toml"],
    ["import", "pasted.txt", "missing.txt", "--store", "refs.toml"],
    ["import", "--format=text", "pasted.txt", "--merge", "--skip-invalid", "--encoding", "utf-8", "--store", "refs.toml"],
], ids=" ".join)
def test_fast_import_matches_typer(paths, tmp_path, args):
    (tmp_path / "pasted.txt").write_text(PASTED, encoding="utf-8")
    store = tmp_path / "refs.toml"
    fast_result, typer_result, fast_ran = paths(args, prepare=lambda: store.write_text("schema = 1\n", encoding="utf-8"),
                                                observe=lambda: store.read_text(encoding="utf-8"))
    assert fast_ran
    assert fast_result == typer_result
    (out, store) = fast_result
    assert out.out or out.err
    if "--dry-run" not in args and "missing.txt" not in args:
        assert "vates2001" in store and "kaptchuk2002" in store


@pytest.mark.parametrize("args", [["import"], ["import", "x.txt", "--dry-run", "--dry-run"],
                                  ["import", "x.txt", "--help"], ["import", "x.txt", "--frmat", "text"]], ids=" ".join)
def test_unusual_import_lines_go_to_typer(args):
    assert fast.run(args) is None


def test_the_import_options_typer_sees_are_the_ones_the_fast_parser_knows():
    from typer.main import get_command

    from acuref.cli.app import app

    command = get_command(app).commands["import"]
    options = {p.name: p for p in command.params if p.param_type_name == "option"}
    assert set(options) == set(fast.IMPORT)
    for name, spec in fast.IMPORT.items():
        param = options[name]
        assert tuple(param.opts) == spec.flags and param.is_flag == spec.flag and param.default == spec.default
        assert not param.multiple and not param.envvar
    (argument,) = [p for p in command.params if p.param_type_name == "argument"]
    assert argument.name == "files" and argument.nargs == -1


def test_pasting_into_stdin_takes_the_fast_path_and_reads_alike(paths, tmp_path, monkeypatch):
    import io

    def paste():
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PASTED.encode("utf-8"))))

    outputs = paths(["import", "-", "--format", "text", "--dry-run", "--store", tmp_path / "none.toml"], prepare=paste)
    assert outputs[2] and outputs[0] == outputs[1]
    assert outputs[0].code == 0 and "would add    vates2001" in outputs[0].out

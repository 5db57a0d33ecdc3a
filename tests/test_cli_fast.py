"""The Typer-free path of ``acuref cite`` and ``acuref dedupe`` agrees with the Typer commands, and really skips Typer."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from acuref.cli import fast

from conftest import ROOT

STORE = str(ROOT / "data" / "references.toml")

HANDLED = [
    ["cite", "deluze1992"],
    ["cite", "deluze1992", "hayhoe 2010", "--style", "apa", "--intext"],
    ["cite", "--style=apa", "deluze1992", "--both", "--json"],
    ["cite", "-s", "vancouver", "deluze1992", "zhang2014", "--to", "html"],
    ["cite", "deluze1992", "--locale", "en-GB", "--to", "md", "--store", STORE],
    ["cite", "deluze1992", "--json"],
    # errors raised by the library: the same message and exit code whichever path parsed the line
    ["cite", "nosuchkey"],
    ["cite", "zhang 2014"],
    ["cite", "deluze1992", "--style", "no-such-style-anywhere"],
    ["cite", "deluze1992", "--to", "pdf"],
    ["cite", "deluze1992", "--store", "missing.toml"],
]

TWICE_BIB = """@article{feng2021, author = {Feng, Y. and Fang, Y.}, title = {Acupuncture for chemotherapy-induced nausea},
  journal = {Medicine}, year = {2021}, volume = {100}, pages = {e24812}}
@article{feng2021b, author = {Feng, Y and Fang, Y}, title = {Acupuncture for Chemotherapy-Induced Nausea.},
  journal = {Medicine (Baltimore)}, year = {2021}, volume = {100}, pages = {e24812}}
@article{other, author = {Hayhoe, S.}, title = {Acupuncture for episodic tension-type headache}, year = {2010}}
"""

DEDUPE_HANDLED = [
    ["dedupe", "twice.bib"],
    ["dedupe", "twice.bib", "--json"],
    ["dedupe", "--format=bibtex", "twice.bib", "--exit-code"],
    ["dedupe", "--store", STORE, "--json"],
    ["dedupe", "twice.bib", "-f", "ris"],  # not RIS: the reader's error, with its exit code
    ["dedupe", "twice.bib", "--apply"],  # a file is only checked: a usage error raised by the body
    ["dedupe", "missing.bib"],
]

DECLINED = [
    ["dedupe", "twice.bib", "missing.bib"],
    ["dedupe", "-h"],
    ["dedupe", "twice.bib", "--jsn"],
    ["dedupe", "twice.bib", "--exit-code=1"],

    ["cite"],
    ["cite", "-h"],
    ["cite", "deluze1992", "--help"],
    ["cite", "deluze1992", "--stlye", "apa"],
    ["cite", "deluze1992", "--style"],
    ["cite", "deluze1992", "--intext=yes"],
    ["cite", "deluze1992", "-sapa"],
    ["cite", "deluze1992", "--style", "apa", "--style", "vancouver"],
    ["cite", "--", "deluze1992"],
    ["cite", "deluze1992", "--store="],
    ["cite", "deluze1992", "--style", "--json"],
    ["list", "--json"],
    [],
]


@pytest.mark.parametrize("args", HANDLED, ids=" ".join)
def test_fast_path_runs_plain_cite_lines_exactly_as_typer_does(paths, tmp_path, args):
    if "missing.toml" in args:
        args = [str(tmp_path / a) if a == "missing.toml" else a for a in args]
    fast_result, typer_result, fast_ran = paths(args)
    assert fast_ran
    assert fast_result == typer_result
    assert fast_result.out or fast_result.err


@pytest.mark.parametrize("args", DEDUPE_HANDLED, ids=" ".join)
def test_fast_path_runs_plain_dedupe_lines_exactly_as_typer_does(paths, tmp_path, args):
    (tmp_path / "twice.bib").write_text(TWICE_BIB, encoding="utf-8")
    fast_result, typer_result, fast_ran = paths(args)
    assert fast_ran
    assert fast_result == typer_result
    assert fast_result.out or fast_result.err


def test_fast_dedupe_results_are_the_expected_ones(paths, tmp_path):
    (tmp_path / "twice.bib").write_text(TWICE_BIB, encoding="utf-8")
    found, _, _ = paths(["dedupe", "twice.bib", "--json", "--exit-code"])
    assert found.code == 1
    assert [g["keys"] for g in json.loads(found.out)["groups"]] == [["feng2021", "feng2021b"]]
    missing, _, _ = paths(["dedupe", "missing.bib"])
    assert missing.code == 6 and "missing.bib" in missing.err
    on_file, _, _ = paths(["dedupe", "twice.bib", "--apply"])
    assert on_file.code == 2 and "only checked" in on_file.err


def test_fast_path_results_are_the_expected_ones(paths):
    ok, _, _ = paths(["cite", "--style=apa", "deluze1992", "--both", "--json"])
    data = json.loads(ok.out)
    assert data["citation"] == "(Deluze et al., 1992)"
    assert [e["key"] for e in data["bibliography"]] == ["deluze1992"]
    missing, _, _ = paths(["cite", "nosuchkey"])
    assert missing.code == 3 and missing.err.startswith("error: no reference matches 'nosuchkey'")
    ambiguous, _, _ = paths(["cite", "zhang 2014"])
    assert ambiguous.code == 3 and "zhang2014a" in ambiguous.err
    bad_format, _, _ = paths(["cite", "deluze1992", "--to", "pdf"])
    assert bad_format.code == 2 and bad_format.out == ""


def test_an_invalid_store_fails_alike_on_both_paths(paths, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\n[references.x]\ntype = "book"\n', encoding="utf-8")
    fast_result, typer_result, fast_ran = paths(["cite", "x", "--store", str(bad)])
    assert fast_ran and fast_result == typer_result
    assert fast_result.code == 4 and f"{bad}:2" in fast_result.err


@pytest.mark.parametrize("args", DECLINED, ids=lambda a: " ".join(a) or "(nothing)")
def test_anything_unusual_goes_to_typer(paths, args):
    assert fast.run(args) is None
    first, second, fast_ran = paths(args)
    assert not fast_ran and first == second


def test_typer_gives_the_usage_errors(cli):
    typo = cli("cite", "deluze1992", "--stlye", "apa")
    assert typo.code == 2 and "No such option: --stlye" in typo.err
    no_value = cli("cite", "deluze1992", "--style")
    assert no_value.code == 2 and "requires an argument" in no_value.err
    repeated = cli("cite", "deluze1992", "--style", "harvard-cite-them-right", "--style", "apa")
    assert repeated.code == 0 and repeated.out == cli("cite", "deluze1992", "--style", "apa").out


@pytest.mark.parametrize("name, specs", [("cite", fast.CITE), ("dedupe", fast.DEDUPE)])
def test_the_options_typer_sees_are_the_ones_the_fast_parser_knows(name, specs):
    """The parser's assumptions hold for the Typer command built from the same specs."""
    from typer.main import get_command

    from acuref.cli.app import app

    command = get_command(app).commands[name]
    options = {p.name: p for p in command.params if p.param_type_name == "option"}
    assert set(options) == set(specs)
    for option, spec in specs.items():
        param = options[option]
        assert tuple(param.opts) == spec.flags and param.secondary_opts == []
        assert param.is_flag == spec.flag and not param.multiple and param.nargs == 1
        assert param.default == spec.default and not param.envvar
    (argument,) = [p for p in command.params if p.param_type_name == "argument"]
    if name == "cite":
        assert argument.name == "keys" and argument.nargs == -1 and argument.required
    else:
        assert argument.name == "file" and argument.nargs == 1 and not argument.required


def _modules_after(args: list[str]) -> tuple[int, str, set[str]]:
    code = ("import sys\nfrom acuref.cli import main\nstatus = main(sys.argv[1:])\nsys.stdout.flush()\n"
            "print('\\nMODULES', ' '.join(sorted(m for m in sys.modules)))\nsys.exit(status)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)
    out, _, modules = done.stdout.rpartition("\nMODULES ")
    return done.returncode, out, set(modules.split())


HEAVY = {"typer", "click", "rich", "pydantic", "rapidfuzz", "docx", "markdown_it", "bibtexparser", "rispy",
         "tomli_w", "filelock", "acuref.dedupe", "acuref.formats", "acuref.manuscript", "acuref.exporting",
         "acuref.evidence", "acuref.cli.app", "acuref.cli.cite_cmds"}


def test_a_plain_cite_imports_no_typer_nor_anything_cite_does_not_need():
    code, out, modules = _modules_after(["cite", "deluze1992", "--style", "apa"])
    assert code == 0 and out.startswith("Deluze, C., Bosia, L.")
    assert modules & HEAVY == set()
    assert "acuref.render" in modules  # the check sees real imports
    code, _, modules = _modules_after(["cite", "deluze1992", "-sapa"])
    assert code == 0 and {"typer", "acuref.cli.app"} <= modules


def test_a_plain_dedupe_imports_no_typer_nor_pydantic(tmp_path):
    bib = tmp_path / "twice.bib"
    bib.write_text(TWICE_BIB, encoding="utf-8")
    code, out, modules = _modules_after(["dedupe", str(bib), "--json"])
    assert code == 0 and json.loads(out)["groups"][0]["keys"] == ["feng2021", "feng2021b"]
    assert modules & {"typer", "click", "pydantic", "acuref.cli.app", "acuref.cli.io_cmds"} == set()
    assert {"acuref.dedupe", "acuref.formats.bibtex"} <= modules  # the check sees real imports
    assert "bibtexparser" not in modules  # a plain file is split without it

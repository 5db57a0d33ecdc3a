"""What users of a CLI expect: --version, global options before the command, completion, config, closed pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from acuref import __version__
from tests.conftest import BUNDLED_STORE, ROOT

BIB = """@article{hayhoe2010x,
  author = {Hayhoe, S.},
  title = {A new trial of acupuncture for headache},
  journal = {Journal of Headache},
  year = {2031}
}
"""


# --- --version ------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(cli, flag):
    result = cli(flag)
    assert (result.code, result.out, result.err) == (0, f"acuref {__version__}\n", "")


def test_version_is_in_the_help(cli):
    result = cli("--help")
    assert result.code == 0
    assert "-V, --version  Print acuref's version and exit." in result.out


# --- global options before or after the command -----------------------------------------


def test_store_before_the_command_writes_that_store(cli, store_copy, tmp_path):
    bib = tmp_path / "new.bib"
    bib.write_text(BIB)
    result = cli("--store", store_copy, "import", bib)
    assert result.code == 0, result.err
    assert result.err.strip() == "1 added, 0 merged, 0 skipped"
    assert "hayhoe2010x" in store_copy.read_text()


@pytest.mark.parametrize("where", ["before", "after", "equals-before"])
def test_cite_fast_path_takes_global_options_anywhere(cli, where):
    options = {"before": ["--store", BUNDLED_STORE, "--style", "apa", "--json"],
               "after": [],
               "equals-before": [f"--store={BUNDLED_STORE}", "--style=apa", "--json"]}[where]
    tail = ["--store", BUNDLED_STORE, "--style", "apa", "--json"] if where == "after" else []
    result = cli(*options, "cite", "deluze1992", *tail)
    assert result.code == 0, result.err
    entry = json.loads(result.out)["bibliography"][0]
    assert entry["key"] == "deluze1992" and entry["text"].startswith("Deluze, C., Bosia, L., Zirbs, A.")


def test_global_options_before_cite_stay_on_the_fast_path(tmp_path):
    """``acuref --store X cite k`` runs without importing Typer, like ``acuref cite k --store X``."""
    code = ("import sys; from acuref.cli import main; "
            f"status = main(['--store', {str(BUNDLED_STORE)!r}, '--style', 'apa', 'cite', 'deluze1992']); "
            "print('typer' in sys.modules, status, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "ACUREF_NO_CACHE": "1"})
    assert proc.stderr.strip() == "False 0"
    assert proc.stdout.startswith("Deluze, C., Bosia, L., Zirbs, A., Chantraine, A., & Vischer, T. L. (1992).")


def test_an_option_after_the_command_wins(cli, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text('schema = 1\n\n[references.only2000]\ntype = "book"\ntitle = "Only"\nissued = 2000\n')
    result = cli("--store", BUNDLED_STORE, "list", "--json", "--store", other)
    assert [i["id"] for i in json.loads(result.out)] == ["only2000"]


def test_global_options_a_command_does_not_take_are_ignored(cli):
    """So a shell alias ``acuref --store ~/refs.toml --style apa`` works for every command."""
    result = cli("--store", BUNDLED_STORE, "--style", "apa", "styles", "apa", "--limit", "1", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == [{"id": "apa", "title": "APA Style 7th edition", "dependent": False}]
    result = cli("--style", "apa", "dedupe", "--store", BUNDLED_STORE, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["groups"] == []


def test_a_global_option_without_a_command_is_a_usage_error(cli):
    result = cli("--store", BUNDLED_STORE)
    assert result.code == 2
    assert "No such option: --store" in result.err


# --- closed pipes ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [["topics"], ["export"], ["export", "--to", "bibtex"], ["list", "--json"],
                                     ["list"], ["cite", "deluze1992", "hayhoe2010"]])
def test_a_closed_pipe_exits_quietly_with_0(command, tmp_path):
    """``acuref topics | head -1``: the reader has gone before acuref writes; no traceback, exit 0."""
    proc = subprocess.Popen([sys.executable, "-m", "acuref", *command, "--store", str(BUNDLED_STORE)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                            env={**os.environ, "ACUREF_NO_CACHE": "1"})
    proc.stdout.close()  # like `head` exiting before acuref prints
    err = proc.stderr.read().decode()
    assert proc.wait() == 0
    assert "Error" not in err and "Traceback" not in err and "Exception" not in err, err


def test_a_closed_pipe_through_head_in_a_shell(tmp_path):
    script = (f"set -o pipefail; {sys.executable} -m acuref export --to bibtex --store {BUNDLED_STORE} | head -1; "
              f"{sys.executable} -m acuref topics --store {BUNDLED_STORE} | head -1")
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("@")
    assert proc.stdout.splitlines()[1].split() == ["topic", "references"]
    assert all(line.startswith("warning: ") for line in proc.stderr.splitlines()), proc.stderr  # nothing about pipes


# --- the config file ------------------------------------------------------------------


@pytest.fixture
def config_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "conf" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("ACUREF_CONFIG", str(path))
    return path


def test_config_shows_defaults_and_where_they_come_from(cli, config_file):
    result = cli("config", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["config_file"] == str(config_file) and data["config_file_exists"] is False
    assert data["cache_dir"] == os.environ["ACUREF_CACHE_DIR"]
    settings = {s["name"]: s for s in data["settings"]}
    assert settings["store"]["source"] == "default" and settings["store"]["value"].endswith("references.toml")
    assert settings["style"] == {"name": "style", "value": "harvard-cite-them-right", "source": "default", "where": ""}
    assert settings["locale"] == {"name": "locale", "value": None, "source": "default", "where": ""}


def test_config_file_then_env_then_option(cli, config_file, tmp_path, monkeypatch):
    store = tmp_path / "mine.toml"
    store.write_text(BUNDLED_STORE.read_text())
    config_file.write_text('store = "../mine.toml"\nstyle = "vancouver"\nlocale = "en-GB"\n')
    result = cli("config")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"config file: {config_file}",
        f"cache folder: {os.environ['ACUREF_CACHE_DIR']}",
        f"store = {config_file.parent / '../mine.toml'}    # config: {config_file}",
        f"style = vancouver    # config: {config_file}",
        f"locale = en-GB    # config: {config_file}",
    ]
    monkeypatch.setenv("ACUREF_STYLE", "apa")
    monkeypatch.setenv("ACUREF_STORE", str(BUNDLED_STORE))
    lines = cli("config").out.splitlines()
    assert lines[2:4] == [f"store = {BUNDLED_STORE}    # env: ACUREF_STORE", "style = apa    # env: ACUREF_STYLE"]
    lines = cli("config", "--style", "nature", "--store", store).out.splitlines()
    assert lines[2:4] == [f"store = {store}    # option", "style = nature    # option"]


def test_config_style_and_store_are_used_by_cite_and_export(cli, config_file, tmp_path):
    store = tmp_path / "mine.toml"
    store.write_text(BUNDLED_STORE.read_text())
    config_file.write_text(f'store = "{store}"\nstyle = "apa"\n')
    configured = cli("cite", "deluze1992")  # the fast path
    explicit = cli("cite", "deluze1992", "--style", "apa", "--store", BUNDLED_STORE)
    assert configured.code == 0 and configured.out == explicit.out
    assert configured.out.startswith("Deluze, C., Bosia, L., Zirbs, A., Chantraine, A., & Vischer, T. L. (1992).")
    exported = cli("export", "--keys", "deluze1992")
    assert exported.out == explicit.out
    assert cli("cite", "deluze1992", "--style", "vancouver").out.startswith("1. Deluze C")


def test_a_project_store_found_upwards_beats_the_config_file(cli, config_file, tmp_path):
    config_file.write_text(f'store = "{BUNDLED_STORE}"\n')
    (tmp_path / "references.toml").write_text('[references.only2000]\ntype = "book"\ntitle = "Only"\nissued = 2000\n')
    assert [i["id"] for i in json.loads(cli("list", "--json").out)] == ["only2000"]


def test_a_malformed_config_file_is_an_error_naming_its_line(cli, config_file):
    config_file.write_text('style = "apa"\nstyel = "nature"\n')
    result = cli("cite", "deluze1992", "--store", BUNDLED_STORE)
    assert result.code == 5
    assert result.err.splitlines() == [f"error: the config file {config_file} has 1 problem",
                                       f"  {config_file}:2: unknown setting 'styel' (known: store, style, locale)"]
    config_file.write_text('style = apa\n')
    result = cli("config")
    assert result.code == 5 and result.err.splitlines() == [f"error: the config file {config_file} is not valid TOML",
                                                           f"  {config_file}:1:9: TOML syntax error: Invalid value"]


def test_config_folder_is_the_platforms(monkeypatch, tmp_path):
    from acuref.settings import config_path

    monkeypatch.delenv("ACUREF_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert config_path() == tmp_path / "xdg" / "acuref" / "config.toml"
    assert config_path({"ACUREF_CONFIG": "~/x.toml"}) == Path.home() / "x.toml"


def test_cache_folder_is_the_platforms(monkeypatch, tmp_path):
    from acuref.cachedir import cache_dir

    monkeypatch.delenv("ACUREF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache_dir() == tmp_path / "xdg" / "acuref"
    monkeypatch.setenv("ACUREF_NO_CACHE", "1")
    assert cache_dir() is None


# --- shell completion -----------------------------------------------------------------


def _complete(monkeypatch, capsys, shell: str, line: str) -> str:
    """What ``acuref`` prints when ``shell`` asks it to complete ``line`` (Typer's protocol, in-process)."""
    from acuref.cli import main

    monkeypatch.setenv("_ACUREF_COMPLETE", f"complete_{shell}")
    if shell == "bash":
        words = line.split(" ")
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.fixture
def completing(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACUREF_STORE", str(BUNDLED_STORE))
    return lambda shell, line: _complete(monkeypatch, capsys, shell, line)


def test_bash_completes_commands_options_keys_and_styles(completing):
    assert completing("bash", "acuref ci") == "cite\n"
    assert completing("bash", "acuref co").split() == ["config", "completion"]
    assert completing("bash", "acuref cite --lo") == "--locale\n"
    assert completing("bash", "acuref cite deluze") == "deluze1992\n"
    assert completing("bash", "acuref show delize") == "delize1992\n"  # aliases too
    assert completing("bash", "acuref cite --style harvard-cite-them-r").split() == [
        "harvard-cite-them-right", "harvard-cite-them-right-10th-edition", "harvard-cite-them-right-11th-edition",
        "harvard-cite-them-right-no-et-al"]
    assert completing("bash", "acuref export --keys deluze1992,hay") == "deluze1992,hayhoe2010\n"


def test_zsh_completes_with_descriptions(completing):
    out = completing("zsh", "acuref cite deluze")
    assert out.startswith("_arguments '*: :((\"deluze1992\":\"Deluze 1992 Electroacupuncture in fibromyalgia")
    assert completing("zsh", "acuref render --style vancouver-superscript-brackets-only-y") == \
        "_arguments '*: :((\"vancouver-superscript-brackets-only-year\"))'\n"


def test_fish_completes_keys_and_styles(completing):
    assert completing("fish", "acuref cite hayhoe").splitlines() == [
        "hayhoe2010\tHayhoe 2010 Postoperative benefits with electroacupuncture"]
    assert completing("fish", "acuref export --style nature-neuroscience-b").splitlines() == [
        "nature-neuroscience-brief-communication", "nature-neuroscience-brief-communications"]
    assert "cite\tFormat references for a bibliography" in completing("fish", "acuref ").replace("  ", " ")


def test_click_style_instruction_is_accepted(completing, monkeypatch, capsys):
    from acuref.cli import main

    monkeypatch.setenv("_ACUREF_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "acuref topi")
    monkeypatch.setenv("COMP_CWORD", "1")
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main([])
    assert capsys.readouterr().out == "topics\n"


@pytest.mark.parametrize("shell,marker", [("bash", "complete -o default -F _acuref_completion acuref"),
                                          ("zsh", "compdef _acuref_completion acuref"),
                                          ("fish", "complete --command acuref --no-files")])
def test_completion_scripts(cli, shell, marker):
    result = cli("completion", shell)
    assert result.code == 0 and marker in result.out and "_ACUREF_COMPLETE=complete_" + shell in result.out


def test_completion_script_works_in_bash(tmp_path):
    """Source the bash script in a real bash, ask it to complete, read COMPREPLY."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "acuref").write_text(f"#!/bin/sh\nexec {sys.executable} -m acuref \"$@\"\n")
    (bin_dir / "acuref").chmod(0o755)
    script = ("eval \"$(acuref completion bash)\"; COMP_WORDS=(acuref cite deluze); COMP_CWORD=2; "
              "_acuref_completion acuref deluze cite; printf '%s\\n' \"${COMPREPLY[@]}\"")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "ACUREF_STORE": str(BUNDLED_STORE),
           "ACUREF_NO_CACHE": "1"}
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.stdout == "deluze1992\n", proc.stderr


def test_unknown_shell_is_a_usage_error(cli):
    result = cli("completion", "tcsh")
    assert result.code == 2 and result.err == "error: unknown shell 'tcsh'; one of: bash, zsh, fish\n"


def test_a_read_only_cache_folder_only_costs_speed(cli, cache_dir):
    cache_dir.chmod(0o555)
    try:
        first = cli("cite", "deluze1992", "--store", BUNDLED_STORE)
        second = cli("cite", "deluze1992", "--store", BUNDLED_STORE, "--style", "apa")
        listing = list(cache_dir.iterdir())
    finally:
        cache_dir.chmod(0o755)
    assert (first.code, second.code) == (0, 0) and first.err == second.err == ""
    assert first.out.startswith("Deluze, C.") and listing == []


def test_keys_complete_for_the_commands_that_take_one(completing):
    for command in ("show", "edit", "set", "remove", "rename", "retractions"):
        assert completing("bash", f"acuref {command} deluze") == "deluze1992\n", command


def test_topics_designs_and_formats_complete(completing):
    assert completing("bash", "acuref list --topic electro") == "electroacupuncture\n"
    assert completing("bash", "acuref export --design rand") == "randomised-trial\n"
    assert completing("fish", "acuref list --design syst") == "systematic-review\tsystematic review/meta-analysis\n"
    assert completing("bash", "acuref cite deluze1992 --to m") == "md\n"


# --- docs as tests --------------------------------------------------------------------


def test_every_command_is_shown_in_the_readme():
    """sqlite-utils' habit: a command nobody can find in the docs is a command nobody uses."""
    import re

    from typer.main import get_command

    from acuref.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [n for n in sorted(get_command(app).commands) if not re.search(rf"acuref {re.escape(n)}\b", readme)]
    assert not missing, f"commands with no example in README.md: {missing}"


def test_the_readme_daily_workflow_uses_real_commands_and_options(cli):
    """Every line of the README's daily workflow parses: the command exists and takes those options."""
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Daily workflow", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    lines = [line.split("  #")[0].strip() for line in block.splitlines() if line.startswith("acuref ")]
    assert [shlex.split(line)[1] for line in lines] == ["add", "set", "cite", "check", "retractions"]
    for line in lines:
        words = shlex.split(line)[1:]
        options = [w.split("=")[0] for w in words if w.startswith("--")]
        result = cli(words[0], "--help")
        assert result.code == 0
        for option in options:
            assert option in result.out, (line, option)

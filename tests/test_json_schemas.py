"""Every ``--json`` output has a JSON Schema (src/acuref/schemas/), and real output validates against it."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

from tests.conftest import BUNDLED_STORE  # noqa: E402

DUPLICATES_BIB = """@article{feng2021, author = {Feng, Y. and Fang, Y.}, title = {Acupuncture for chemotherapy-induced nausea},
  journal = {Medicine}, year = {2021}, volume = {100}, pages = {e24812}}
@article{feng2021b, author = {Feng, Y and Fang, Y}, title = {Acupuncture for Chemotherapy-Induced Nausea.},
  journal = {Medicine (Baltimore)}, year = {2021}, volume = {100}, pages = {e24812}}
"""
DRAFT = "Electroacupuncture helped (Deluze et al., 1992), as did acupuncture (Hayhoe, 2010; Zhang et al, 2014).\n"


def _schemas() -> dict[str, dict]:
    folder = files("acuref") / "schemas"
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in folder.iterdir() if p.name.endswith(".schema.json")}


def _validator(name: str):
    schemas = _schemas()
    registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in schemas.values())
    cls = jsonschema.validators.validator_for(schemas[name])
    cls.check_schema(schemas[name])
    return cls(schemas[name], registry=registry)


def _json_commands() -> list[str]:
    from typer.main import get_command

    from acuref.cli.app import app

    return sorted(name for name, command in get_command(app).commands.items()
                  if any("--json" in p.opts for p in command.params))


def test_every_command_with_json_output_has_a_schema():
    missing = set(_json_commands()) - set(_schemas())
    assert not missing, f"--json output without a schema in src/acuref/schemas/: {sorted(missing)}"


def test_every_schema_is_a_valid_schema():
    for name in _schemas():
        _validator(name)


@pytest.fixture
def files_for_commands(tmp_path):
    bib = tmp_path / "dups.bib"
    bib.write_text(DUPLICATES_BIB)
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    return {"bib": bib, "draft": draft}


CASES = {
    "validate": ["validate"],
    "list": ["list", "--topic", "electroacupuncture"],
    "show": ["show", "deluze1992"],
    "search": ["search", "zhang", "2014"],
    "topics": ["topics"],
    "cite": ["cite", "deluze1992", "hayhoe2010", "--both"],
    "styles": ["styles", "vancouver"],
    "import": ["import", "{bib}", "--dry-run"],
    "dedupe": ["dedupe", "{bib}"],
    "check": ["check", "{draft}", "--uncited"],
    "summary": ["summary", "--topic", "electroacupuncture"],
    "config": ["config"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_output_validates(cli, files_for_commands, name):
    args = [a.format(**files_for_commands) for a in CASES[name]]
    result = cli(*args, "--json", "--store", BUNDLED_STORE) if name != "styles" else cli(*args, "--json")
    assert result.code in (0, 1), result.err
    data = json.loads(result.out)
    errors = sorted(_validator(name).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    assert data, "an empty output proves little: pick inputs that give one"


#: Commands that change the store or need the local web server: their outputs are validated in
#: tests/test_manage_json.py, against a store copy and tests/lookup_server.py.
VALIDATED_IN_MANAGE_JSON = {"add", "edit", "set", "remove", "rename", "retractions"}


def test_every_command_with_json_output_is_validated_somewhere():
    from pathlib import Path

    assert set(_json_commands()) <= set(CASES) | VALIDATED_IN_MANAGE_JSON
    manage = (Path(__file__).parent / "test_manage_json.py").read_text(encoding="utf-8")
    for name in VALIDATED_IN_MANAGE_JSON:
        assert f'check("{name}", ' in manage, name


def test_a_schema_rejects_a_wrong_shape():
    """The schemas are strict enough to catch a changed shape, not just 'any JSON'."""
    validator = _validator("cite")
    assert list(validator.iter_errors({"citation": None, "bibliography": [{"key": "a"}]}))
    assert list(_validator("config").iter_errors({"config_file": "x", "config_file_exists": True, "settings": []}))
    assert list(_validator("list").iter_errors([{"id": "a", "type": "book", "issued": {"date-parts": []}}]))

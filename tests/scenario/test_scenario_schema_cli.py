"""The committed JSON Schema matches the generator, accepts every shipped scenario, and the
`validate` / `schema` commands behave for every kind of argument."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.cli import main
from game.scenario.schema import build_schema

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
COMMITTED = ROOT / "docs" / "scenario.schema.json"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
EXAMPLE = HERE / "good" / "issue_example.yaml"


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_what_interdict_schema_prints(capsys) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == COMMITTED.read_text(encoding="utf-8"), (
        "docs/scenario.schema.json is stale: run `interdict schema > docs/scenario.schema.json`")
    assert json.loads(printed) == build_schema()


@pytest.mark.parametrize("path", [*SCENARIOS, EXAMPLE], ids=lambda p: p.stem)
def test_scenarios_validate_against_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []


def test_schema_rejects_what_the_validator_rejects() -> None:
    v = validator()
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for mutate in (
        lambda d: d["nations"]["usa"].update(budjet=1),
        lambda d: d["nations"]["usa"].update(corruption=1.5),
        lambda d: d["routes"]["go_fast"].update(mode="sea"),
        lambda d: d.pop("turns"),
        lambda d: d["events"]["hurricane_season"]["effects"][0].pop("multiply"),
        lambda d: d["events"]["hurricane_season"].update(trigger={"turn": 1, "chance": 0.5}),
        lambda d: d["events"]["hurricane_season"].update(trigger={"chance": 0}),
        lambda d: d["objectives"]["cut_flow"].update(metric="happiness"),
        lambda d: d["nations"].update(USA=d["nations"]["usa"]),
    ):
        data = yaml.safe_load(yaml.safe_dump(base))
        mutate(data)
        assert list(v.iter_errors(data)), mutate


def test_validate_ok_quiet_and_folders(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"OK {EXAMPLE}"
    assert len(out) == 2 and ": warning: locations.miami.at:" in out[1]
    assert main(["validate", "--quiet", str(EXAMPLE)]) == 0
    assert [line for line in capsys.readouterr().out.splitlines()
            if line.startswith("OK")] == []
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.yaml").write_text("format: 1\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a scenario", encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"OK {folder / 'a.yaml'}"
    assert all(line.startswith(str(folder / "b.yaml") + ":") for line in out[2:])
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 1
    assert capsys.readouterr().out == (
        f"{empty}:1:1: error: this folder holds no .yaml scenario files\n")


def test_validate_every_bad_argument_is_one_line_never_a_traceback(tmp_path: Path,
                                                                   capsys) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)))
    args = [str(tmp_path / "missing.yaml"), str(binary), "/dev/null"]
    assert main(["validate", *args]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines() == [
        f"{tmp_path / 'missing.yaml'}:1:1: error: file not found: check the path and the spelling",
        # (bytes 10 and 13, LF and CR, end lines 1 and 2, as YAML counts them)
        f"{binary}:3:115: error: the file is not UTF-8 text (byte 0x80 at byte offset 128): "
        "save it as UTF-8 in your editor",
        "/dev/null:1:1: error: not a regular file: name a .yaml file",
    ]


def test_validate_takes_a_scenario_id_like_run(monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["validate", "caribbean"]) == 0
    assert capsys.readouterr().out.splitlines() == ["OK scenarios/caribbean.yaml"]
    assert main(["validate", "carribean", "nowhere"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "carribean:1:1: error: no such file, and no shipped scenario has this id: name a .yaml "
        "file or a scenario id (did you mean 'caribbean'?)",
        "nowhere:1:1: error: no such file, and no shipped scenario has this id: name a .yaml "
        "file or a scenario id (scenario ids: " + ", ".join(p.stem for p in SCENARIOS) + ")",
    ]


def test_shipped_scenarios_validate_ok(capsys) -> None:
    if not SCENARIOS:
        pytest.skip("no scenarios yet")
    assert main(["validate", "--quiet", *map(str, SCENARIOS)]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if ": error: " in line] == []


# ---- docs/scenario-format.md stays true -----------------------------------------------------
DOC = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def test_doc_documents_every_key_of_every_section() -> None:
    from game.scenario import spec

    tables = {"TOP": spec.TOP, "MAP": spec.MAP, **{k: v for k, v in spec.SECTIONS.items()},
              "TRIGGER": spec.TRIGGER, "CONDITION": spec.CONDITION, "EFFECT": spec.EFFECT}
    missing = [f"{name}.{f.name}" for name, fields in tables.items() for f in fields
               if f"| `{f.name}` |" not in DOC]
    assert missing == []


def test_doc_lists_the_builtin_catalogue_and_effect_fields_and_metrics() -> None:
    from game.core.catalogue import BUILTIN_ASSET_TYPES
    from game.core.model import EFFECT_FIELDS, METRICS

    for a in BUILTIN_ASSET_TYPES.values():
        row = (f"| `{a.id}` | {a.name} | {', '.join(a.modes)} | {a.detection:g} | "
               f"{a.interdiction:g} | {a.cost:g} | {a.upkeep:g} | {a.lead_time} |")
        assert row in DOC, row
    for kind, fields in EFFECT_FIELDS.items():
        assert f"| `{kind}:` | " + ", ".join(f"`{n}` ({t})" for n, t in fields.items()) in DOC
    for metric, kinds in METRICS.items():
        assert f"| `{metric}` | {', '.join(kinds) if kinds else 'none (global)'} |" in DOC


def test_doc_worked_example_is_valid_and_matches_the_fixture() -> None:
    from game.scenario import check_text

    block = DOC.split("## Worked example: the tutorial", 1)[1].split("```yaml\n", 1)[1]
    block = block.split("```", 1)[0]
    scenario, diags = check_text(block, "doc")
    assert scenario is not None, [str(d) for d in diags]
    assert [d.severity for d in diags] == ["warning"]  # miami north of the bounds, as the doc says
    assert block.split("\n", 1)[1] == EXAMPLE.read_text(encoding="utf-8").split("\n", 2)[2]

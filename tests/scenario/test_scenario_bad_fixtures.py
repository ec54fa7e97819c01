"""Every file in tests/scenario/bad/ ends with the exact lines `interdict validate` must print
for it (`# expect: line:col: severity: message`, the file name is prepended here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario import check_file

BAD = Path(__file__).parent / "bad"
FIXTURES = sorted(BAD.glob("*.yaml"))


def expected_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", "replace")
    return [f"{path}:{line.split('# expect: ', 1)[1]}"
            for line in text.splitlines() if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_bad_fixture_prints_exactly_its_expected_lines(path: Path, capsys) -> None:
    expected = expected_lines(path)
    assert expected, f"{path.name} has no '# expect:' lines"
    scenario, diags = check_file(path)
    assert [str(d) for d in diags] == expected
    has_error = any(": error: " in line for line in expected)
    assert (scenario is None) == has_error
    code = main(["validate", str(path)])
    out = capsys.readouterr().out.splitlines()
    if has_error:
        assert code == 1
        assert out == expected
    else:
        assert code == 0
        assert out == [f"OK {path}", *expected]


# Every error class the issue names has at least one fixture here.
REQUIRED = {
    "YAML syntax errors": ["syntax_unclosed_flow", "syntax_colon_in_value", "syntax_tab",
                           "syntax_bad_indent"],
    # the syntax slips instructors make most, each located on the line to fix
    "YAML syntax in plain words": ["syntax_missing_colon", "syntax_missing_colon_top",
                                   "syntax_missing_colon_id", "syntax_indent_more",
                                   "syntax_unclosed_quote", "syntax_flow_separator",
                                   "syntax_list_and_mapping", "syntax_quote_ends_early",
                                   "syntax_quote_ends_early_flow",
                                   "syntax_quote_ends_early_text",
                                   "syntax_quote_ends_early_double", "syntax_op_unquoted",
                                   "op_unquoted_block", "syntax_dedent_key",
                                   "syntax_flow_missing_colon", "op_unquoted_flow",
                                   "syntax_block_indicator_text",
                                   "syntax_quote_ends_early_backslash",
                                   "syntax_quote_ends_early_line_start",
                                   "syntax_block_indicator_number", "syntax_reserved_start",
                                   "syntax_list_item_value", "syntax_reserved_start_flow",
                                   "syntax_indent_key_after_text",
                                   "syntax_indent_id_after_text",
                                   "syntax_missing_colon_flow_id",
                                   "syntax_missing_colon_flow_id_route",
                                   "syntax_missing_colon_flow_list",
                                   "syntax_missing_colon_id_list", "missing_colon_read_as_key"],
    # what a heuristic above must not take for a mistake (its advice would be wrong)
    "valid YAML next to a syntax error": ["syntax_indent_more_after_text",
                                          "syntax_indent_more_after_flow",
                                          "syntax_quote_in_text",
                                          "syntax_quote_in_plain_text",
                                          "syntax_text_with_brackets_in_flow",
                                          "syntax_list_item_with_brackets"],
    "percentages where fractions belong": ["percent_text", "share_as_percent",
                                           "objective_share_value"],
    "duplicate keys": ["duplicate_top_key", "duplicate_nested_key", "duplicate_id"],
    "unknown keys with did-you-mean": ["unknown_key_suggestion", "unknown_key_top",
                                       "enum_suggestion", "unknown_key_contained",
                                       "metric_word_order"],
    "wrong types": ["wrong_type_number", "wrong_type_text", "wrong_type_bool",
                    "wrong_type_mapping", "whole_number", "nothing_value", "color_unquoted",
                    "lonlat_missing_comma", "missing_comma_still_invalid"],
    "out of range": ["out_of_range_unit", "out_of_range_turns", "out_of_range_negative",
                     "not_finite", "huge_number", "format_version", "lonlat_range",
                     "bounds_order"],
    "dangling references": ["unknown_location", "unknown_location_no_suggestion",
                            "unknown_nation", "unknown_asset", "audience_unknown",
                            "kind_ref_without_kind"],
    "alliance members not nations": ["alliance_member_not_nation", "alliance_too_small",
                                     "listed_twice"],
    "market unreachable from sources": ["market_unreachable"],
    "route endpoints equal": ["route_loop"],
    "effect field its target kind lacks": ["effect_bad_field", "effect_bad_target",
                                           "effect_verbs"],
    "metric and scope not allowed": ["objective_bad", "condition_bad"],
    "ids": ["bad_id", "bad_scenario_id", "id_collision", "reserved_id"],
    "triggers": ["trigger_forms"],
    "unsafe YAML": ["python_tag", "custom_tag", "alias", "merge_key", "merge_key_required",
                    "deep_nesting"],
    # text that starts with *, & or !: the advice to quote it, when more than the token
    "text read as an alias, anchor or tag": ["alias_text", "tag_anchor_text"],
    "encoding": ["non_utf8", "control_char"],
    "not a scenario at all": ["save_not_scenario", "top_list", "orders_not_scenario"],
    "files outside the scenario folder": ["briefing_absolute", "briefing_escape",
                                          "briefing_missing", "briefing_both"],
    "warnings": ["warnings_only", "market_unreachable", "route_across_land"],
    "every error reported": ["many_errors", "asset_type_incomplete"],
}


def test_every_error_class_has_a_fixture() -> None:
    names = {p.stem for p in FIXTURES}
    missing = {cls: [n for n in ns if n not in names] for cls, ns in REQUIRED.items()}
    assert {cls: ns for cls, ns in missing.items() if ns} == {}


def test_many_errors_are_all_reported_not_only_the_first() -> None:
    _, diags = check_file(BAD / "many_errors.yaml")
    assert len([d for d in diags if d.is_error]) == 4


@pytest.mark.parametrize("end", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_windows_line_ends_get_the_same_lines(end: str, tmp_path: Path) -> None:
    """A file saved by Notepad (CRLF) gets the messages of the same file with LF ends: a
    slip under a line ending in a quoted value was reported as "this \\" ends the text early"
    on the line above."""
    wrong = []
    for path in FIXTURES:
        data = path.read_bytes()
        if b"\r" in data or b"byte offset" in data:  # (the offset counts the \r bytes)
            continue
        other = tmp_path / path.name
        other.write_bytes(data.replace(b"\n", end.encode()))
        got = [str(d).replace(str(other), str(path), 1) for d in check_file(other)[1]]
        if got != expected_lines(path):
            wrong.append(path.name)
    assert wrong == []


def test_a_bad_byte_is_located_whatever_the_line_ends(tmp_path: Path) -> None:
    lines = ["format: 1", "id: x", 'title: "X"', "turns: 10", "map:", "  bounds: [\udce9]"]
    for end in ("\n", "\r\n", "\r"):
        p = tmp_path / "bad.yaml"
        p.write_bytes(end.join(lines).encode("utf-8", "surrogateescape") + end.encode())
        offset = len(end.join(lines[:5]).encode()) + len(end) + len("  bounds: [")
        assert [str(d) for d in check_file(p)[1]] == [
            f"{p}:6:12: error: the file is not UTF-8 text (byte 0xe9 at byte offset {offset}): "
            "save it as UTF-8 in your editor"]

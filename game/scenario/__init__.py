"""Scenario files: safe YAML reading, validation with file:line:col diagnostics, the model
builder and the JSON Schema. See docs/scenario-format.md."""

from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.loader import (
    SCENARIOS_DIR,
    check_file,
    check_text,
    find_scenario,
    load_scenario,
    load_scenario_text,
    load_yaml_data,
    looks_like_path,
    scenario_files,
)

__all__ = [
    "SCENARIOS_DIR",
    "Diagnostic",
    "ScenarioError",
    "check_file",
    "check_text",
    "find_scenario",
    "load_scenario",
    "load_scenario_text",
    "load_yaml_data",
    "looks_like_path",
    "scenario_files",
]

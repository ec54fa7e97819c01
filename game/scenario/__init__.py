"""Scenario files: safe YAML reading, validation with file:line:col diagnostics, the model
builder and the JSON Schema. See docs/scenario-format.md."""

from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.loader import (
    check_file,
    check_text,
    load_scenario,
    load_scenario_text,
    load_yaml_data,
)

__all__ = [
    "Diagnostic",
    "ScenarioError",
    "check_file",
    "check_text",
    "load_scenario",
    "load_scenario_text",
    "load_yaml_data",
]

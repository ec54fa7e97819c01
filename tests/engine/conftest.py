import os
from pathlib import Path

import pytest

from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
LONG = os.environ.get("INTERDICT_LONG_TESTS") == "1"


def examples(short: int, long: int) -> int:
    return long if LONG else short


_CACHE: dict = {}


def scenario(name: str):
    if name not in _CACHE:
        _CACHE[name] = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    return _CACHE[name]


@pytest.fixture(params=[p.stem for p in SCENARIO_FILES])
def any_scenario(request):
    return scenario(request.param)

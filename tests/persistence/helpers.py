"""Shared helpers for the persistence tests: seeded games on the real scenarios."""

from __future__ import annotations

from pathlib import Path

from game.ai.session import Game, Seat
from game.core.orders import BlueOrders, Funding, InstructorAction
from game.core.state import state_to_data
from game.persistence.games import remember_scenario_text
from game.scenario import load_scenario_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def new_game(path: Path = TUTORIAL, seed: int = 1, **kw) -> Game:
    """A new game whose scenario text is captured once, as the UI and headless runs should:
    the save then embeds exactly that text even if someone edits the file meanwhile."""
    text = path.read_text(encoding="utf-8")
    scenario = load_scenario_text(text, str(path), path.parent)
    game = Game.new(scenario, seed=seed, **kw)
    remember_scenario_text(game, text, path.name)
    return game


def play(path: Path = TUTORIAL, seed: int = 1, turns: int | None = None, **kw) -> Game:
    game = new_game(path, seed=seed, **kw)
    game.play(turns)
    return game


def human_tutorial_game(turns: int = 4, seed: int = 3) -> Game:
    """A tutorial game where the US is played by students (with rationale and a hostile
    text) and the white cell fires an event and writes an inject."""
    game = new_game(TUTORIAL, seed=seed, seats={"usa": Seat.person()})
    for t in range(1, turns + 1):
        orders = BlueOrders(
            nation="usa", funding=Funding(intelligence=10.0, governance=5.0),
            sharing={"colombia": "full" if t % 2 else "partial"},
            rationale=f"Turn {t}: share <b>everything</b> & watch the coast",
        )
        assert game.submit("usa", orders) == []
        if t == 2:
            assert game.instructor(InstructorAction(
                kind="inject", reason="test the press line",
                title="<script>alert('x')</script>Press leak", text="A reporter calls.",
            )) == []
            assert game.instructor(InstructorAction(
                kind="fire_event", reason="hurricane early", event="hurricane_season")) == []
        game.end_turn()
    return game


def snapshot(game: Game) -> dict:
    """Everything that defines a game, as plain data, for exact comparisons."""
    return {
        "scenario": game.scenario.id,
        "seed": game.seed,
        "seats": game.seat_data(),
        "state": state_to_data(game.state),
        "shadow": state_to_data(game.shadow) if game.shadow is not None else None,
        "history": [r.to_data() for r in game.history],
        "standing": {k: v.to_data() for k, v in game.standing.items()},
        "pending": {k: v.to_data() for k, v in game.pending.items()},
        "pending_instructor": [a.to_data() for a in game.pending_instructor],
        "baseline": game.baseline,
    }


def hand_over_month(game: Game, t: int) -> None:
    """Month `t` (1-4) of a tutorial class of two delegations, before its end: Colombia is
    called away in month 2 before its orders are in (the computer plays it from then on); the
    US has its month-2 orders in when it is handed to the computer, and takes its seat back
    in month 4."""
    if t == 2:
        assert game.instructor(InstructorAction(
            "seat", "Colombia called away", target="nation:colombia",
            value="ai:baseline")) == []
    if t in (1, 2, 4):
        assert game.submit("usa", BlueOrders(nation="usa", rationale=f"US month {t}")) == []
    if t == 1:
        assert game.submit("colombia", BlueOrders(nation="colombia",
                                                  rationale="Colombia month 1")) == []
    if t == 2:
        assert game.instructor(InstructorAction(
            "seat", "US called away", target="nation:usa", value="ai:baseline")) == []
    if t == 4:
        assert game.instructor(InstructorAction(
            "seat", "US back", target="nation:usa", value="human")) == []

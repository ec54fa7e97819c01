"""UI tests run the real pygame UI without a screen: the dummy video and audio drivers are
set before pygame is imported anywhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
LONG = os.environ.get("INTERDICT_LONG_TESTS") == "1"


def new_app(tmp_path, size: tuple[int, int] = (1280, 800)):
    """The game window at `size` (dummy video driver), its land mask ready."""
    from game.ui.app import App
    from game.ui.mapview import wait_land_mask

    a = App(size, fixed_dt=1 / 60, saves_dir=tmp_path / "saves")
    wait_land_mask()
    return a


@pytest.fixture
def app(tmp_path):
    yield new_app(tmp_path)
    pygame.quit()


def played(app, scenario: str = "caribbean", turns: int | None = None, *,
           seed: int | None = None, autosave: bool = False, ended: bool = False):
    """A game of a shipped scenario with every seat on the computer (the scenario's seed
    unless `seed`), `turns` turns played (the whole game by default), set as the app's
    session; `ended`: ended there, as when the instructor ends a game early."""
    from game.scenario import load_scenario
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(str(SCENARIOS / f"{scenario}.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc, seed), saves_dir=app.saves_dir, autosave=autosave)
    app.session = s
    for _ in range(sc.turns if turns is None else turns):
        s.end_turn()
    if ended:
        s.turn_limit = len(s.reports)
    return s


def confirm(app) -> None:
    """Press the action button of the confirmation dialog on screen."""
    import pygame_gui

    dlg, _fn = app.pending_confirm
    app.step([pygame.event.Event(pygame_gui.UI_CONFIRMATION_DIALOG_CONFIRMED, ui_element=dlg)])


def enter_white_cell(app) -> None:
    """Open the white cell as the instructor does (Ctrl+W's way), confirming when asked: a
    delegation's own screen always asks."""
    from game.ui.scenes.instructor import open_white_cell

    open_white_cell(app)
    if app.scene.name != "instructor":
        confirm(app)
    assert app.scene.name == "instructor"


def tutorial_with_us_only_event(folder: Path):
    """The tutorial with its Month 3 event (new_cutter_funds, "Congress funds a cutter
    deployment") shown to the United States only: the scenario, loaded from a file in
    `folder` (a game reads its scenario's file)."""
    from game.scenario import load_scenario

    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    trigger = "    trigger: {turn: 3}\n"
    assert text.count(trigger) == 1  # new_cutter_funds
    path = folder / "us_only_event.yaml"
    path.write_text(text.replace(trigger, trigger + "    audience: [usa]\n"), encoding="utf-8")
    sc = load_scenario(str(path))
    assert sc.events["new_cutter_funds"].audience == ("usa",)
    return sc


def white_cell_month2(app):
    """caribbean, every seat on the computer, one month played; then, in month 2, the white
    cell sends a confidential inject to Colombia ("Port strike in Cartagena") and one to
    everyone ("Storm season"), sets the US budget to 80 and hands Colombia to the computer,
    each with its reason. The month is not ended."""
    from game.core.orders import InstructorAction

    s = played(app, "caribbean", 1)
    for act in (
        InstructorAction(kind="inject", reason="Test Colombia's reporting of the strike",
                         title="Port strike in Cartagena",
                         text="Dock workers strike; your boats cannot refuel.",
                         audience=("colombia",)),
        InstructorAction(kind="inject", reason="Set the scene", title="Storm season",
                         text="Small boats stay in port more often."),
        InstructorAction(kind="adjust", reason="Congress supplemental", target="nation:usa",
                         field="budget", verb="set", value=80.0),
        InstructorAction(kind="seat", reason="Colombia delegation called away",
                         target="nation:colombia", value="ai:baseline"),
    ):
        assert s.instructor_action(act) == []
    return s


def center(element) -> tuple[int, int]:
    return element.rect.center


def click_at(app, pos, button: int = 1) -> None:
    """A real click: move, press, release, then let the posted UI events arrive."""
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)])
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])
    app.step()
    app.step()


def click(app, element) -> None:
    assert element.alive(), "clicking a widget that is no longer on screen"
    click_at(app, center(element))


def key(app, k, mod: int = 0, unicode: str = "") -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)])
    app.step([pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0)])
    app.step()


def find_button(app, text: str):
    """The live UIButton whose label starts with `text`."""
    import pygame_gui

    for el in app.ui.get_sprite_group().sprites():
        if isinstance(el, pygame_gui.elements.UIButton) and el.alive() and \
                str(el.text).startswith(text) and el.visible:
            return el
    raise AssertionError(f"no button {text!r} on screen {app.scene.name}: "
                         f"{sorted(str(e.text) for e in app.ui.get_sprite_group().sprites() if isinstance(e, pygame_gui.elements.UIButton))}")


def type_text(app, text: str) -> None:
    for ch in text:
        app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)])
    app.step()


def into_turn(app, scenario: str = "tutorial") -> None:
    """From the title screen through seats, briefing and hand-over to the first seat's turn
    (a shipped scenario, default seats)."""
    from game.ui.scenes.title import TitleScene

    app.switch(TitleScene(app, preselect=str(SCENARIOS / f"{scenario}.yaml")))
    app.step()
    click(app, find_button(app, "Set up seats"))
    click(app, find_button(app, "Read the briefing"))
    click(app, find_button(app, "Begin"))
    click(app, app.scene.ready)
    assert app.scene.name == "turn"


def box_texts(app) -> list[str]:
    """The HTML of every live text box on screen."""
    import pygame_gui

    return [el.html_text for el in app.ui.get_sprite_group().sprites()
            if isinstance(el, pygame_gui.elements.UITextBox) and el.alive()]


def seat_alone(app, scenario: str, side: str):
    """A new game of a shipped scenario where `side` is the only human seat (every other side
    on the computer), opened at that seat's own screen; returns the Session."""
    from game.scenario import load_scenario
    from game.ui.scenes.turn import start_turn
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(str(SCENARIOS / f"{scenario}.yaml"))
    plan = SeatPlan.demo(sc)
    plan.seats[side] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir)
    start_turn(app)
    click(app, app.scene.ready)
    assert app.scene.side == side
    assert app.scene.name == ("red_turn" if side in sc.traffickers else "turn")
    return s

"""The seats screen's "All students" and "All computer" buttons, on the "Nations (Blue)"
heading row, set every nation at once (setting up three student delegations of mediterranean's
thirteen nations took ten menu changes): "All computer" gives each nation the computer player
its scenario names (passive for the background nations Mali and Libya), as its menu would."""

from __future__ import annotations

import itertools

import pytest
from conftest import click, find_button
from test_seats_scroll import menu_of, open_seats

from game.ui.session import BLUE_CHOICES, default_ai

PASSIVE = {"mali", "libya"}  # mediterranean's background nations (`ai: passive`)


def shown(scene, side: str) -> str:
    return str(menu_of(scene, side).selected_option[0])


@pytest.mark.parametrize("size", [(960, 600), (1280, 800), (1920, 1080)])
def test_the_buttons_fit_on_the_heading_row(app, size):
    scene = open_seats(app, "mediterranean", size)
    students = find_button(app, "All students")
    computer = find_button(app, "All computer")
    heading = scene.nations_heading
    assert str(heading.text) == "Nations (Blue)"  # whole, not shortened
    assert app.theme_font("@subheading").size("Nations (Blue)")[0] <= heading.rect.w - 6
    for a, b in itertools.combinations([heading.rect, students.rect, computer.rect], 2):
        assert not a.colliderect(b), (a, b)
    lst = scene.nation_list.rect
    for b in (students.rect, computer.rect):
        assert b.bottom <= lst.top and b.right <= lst.right and b.left >= heading.rect.right
        assert abs(b.centery - heading.rect.centery) <= 6  # on the heading's row
        font = app.theme_font("button")  # the labels fit their buttons
        assert font.size("All computer")[0] <= b.w - 12
    # and they stay clear of the traffickers' column
    assert computer.rect.right < scene.trafficker_list.rect.left - 20
    assert not app.internal_errors


def test_all_computer_then_all_students_on_mediterranean(app):
    scene = open_seats(app, "mediterranean", (960, 600))
    sc = scene.scenario
    assert len(sc.nations) == 13 and {n for n in sc.nations if sc.nations[n].ai == "passive"} \
        == PASSIVE
    red = {t: default_ai(sc, t) for t in sc.traffickers}
    assert set(red.values()) == {"ai:adaptive"}

    click(app, find_button(app, "All computer"))
    scene = app.scene
    assert scene.name == "seats"
    want = {n: ("ai:passive" if n in PASSIVE else "ai:baseline") for n in sc.nations}
    assert scene.plan.seats == {**want, **red}
    labels = dict(BLUE_CHOICES)
    assert {n: shown(scene, n) for n in sc.nations} == {n: labels[v] for n, v in want.items()}
    assert shown(scene, "mali") == "AI: passive (does nothing)"
    assert str(scene.summary.text) == \
        "No human seats: the AI plays every side (a demonstration game)"

    # then three student delegations from their menus, as a class sets up
    for side in ("spain", "morocco", "senegal"):
        scene.set_seat(side, "human")
    scene = app.scene
    assert str(scene.summary.text) == "3 human seats: Spain, Morocco, Senegal"

    click(app, find_button(app, "All students"))
    scene = app.scene
    assert scene.plan.seats == {**{n: "human" for n in sc.nations}, **red}
    assert {shown(scene, n) for n in sc.nations} == {"Human"}
    assert str(scene.summary.text).startswith("13 human seats: Spain, Portugal, France")

    # the game starts with the seats chosen
    click(app, find_button(app, "All computer"))
    scene = app.scene
    scene.set_seat("morocco", "human")
    click(app, find_button(app, "Read the briefing"))
    assert app.scene.name == "briefing"
    assert app.session.human_seats() == ["morocco"]
    assert app.session.plan.seats["libya"] == "ai:passive"
    assert not app.internal_errors


def test_a_human_trafficker_is_left_as_it_is(app):
    """The buttons set the nations only: a student Red team stays human."""
    scene = open_seats(app, "mediterranean", (1280, 800))
    red = next(iter(scene.scenario.traffickers))
    scene.set_seat(red, "human")
    click(app, find_button(app, "All computer"))
    assert app.scene.plan.seats[red] == "human"
    assert str(app.scene.summary.text) == "1 human seat: 'Ndrangheta"
    click(app, find_button(app, "All students"))
    assert app.scene.plan.seats[red] == "human"
    assert str(app.scene.summary.text).startswith("14 human seats: Spain,")
    assert not app.internal_errors

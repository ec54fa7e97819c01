"""The Blue seat's Access tab lists every partner in a scrolling list: in a small window a
nation can still grant access to each one (before, the boxes that did not fit were left out
without a word)."""

from __future__ import annotations

from conftest import click, find_button
from test_overflow_intel import open_intel
from test_red_scroll import inside, wheel_down_until


def test_every_partner_can_be_granted_access_in_a_small_window(app):
    s = open_intel(app, "caribbean", "guatemala")  # consent, three routes of its own
    click(app, find_button(app, "Access"))
    app.resize((960, 600))  # room for about seven of the nine boxes
    scene = app.scene
    # the partners in its alliance with joint operations: a grant lets in no one else
    partners = [p for p in s.partners("guatemala") if p not in ("mexico", "venezuela")]
    assert len(partners) == 9
    assert list(scene.access_boxes.values()) == partners
    view = scene.access_list.rect.copy()
    assert scene.access_list.vert_scroll_bar_active
    box = max(scene.access_boxes, key=lambda b: b.relative_rect.y)
    last = scene.access_boxes[box]
    assert last == partners[-1] and last not in s.draft("guatemala").grant_access
    assert not inside(box.rect, view)
    wheel_down_until(app, view, lambda: inside(box.rect, view))
    click(app, box)
    assert last in s.draft("guatemala").grant_access
    assert last in s.draft("guatemala").to_orders().grant_access
    assert not app.internal_errors

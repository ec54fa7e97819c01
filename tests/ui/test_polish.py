"""Finishing touches: widget fonts that grow with the window, no pygame banner on
`interdict play`, a multi-line rationale box that takes typing, and injects for chosen seats."""

from __future__ import annotations

import subprocess
import sys

import pygame
import pygame_gui
from conftest import ROOT

from game.ui.scenes.title import TitleScene


def _label_sizes(app) -> dict[str, int]:
    return {str(e.text): e.font.get_point_size() for e in app.ui.get_sprite_group().sprites()
            if isinstance(e, pygame_gui.elements.UILabel) and e.alive()}


def test_widget_fonts_grow_with_the_window_and_labels_are_not_clipped(app):
    app.switch(TitleScene(app))
    app.step()
    small = _label_sizes(app)
    assert small["Scenarios"] == 16  # @subheading at 1280x800: the theme's own size
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)])
    big = _label_sizes(app)
    assert big["Scenarios"] == round(16 * 1.2)
    assert all(big[k] > small[k] for k in small if k in big)
    for e in app.ui.get_sprite_group().sprites():  # every label's box fits its text's height
        if isinstance(e, pygame_gui.elements.UILabel) and e.alive() and e.text:
            assert e.rect.h >= e.font.size(str(e.text))[1], e.text
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1280, 800), w=1280, h=800)])
    assert _label_sizes(app)["Scenarios"] == 16
    assert not app.internal_errors


def test_play_prints_no_pygame_banner(tmp_path):
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-c", "import game.ui.app; print('ready')"], cwd=ROOT,
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "ready\n"  # no "pygame-ce 2.5.8 (SDL ...)" line before it

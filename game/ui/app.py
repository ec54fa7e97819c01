"""The game window: the app loop, scenes, error dialogs and `interdict play`.

One `App` owns the window, the pygame_gui `UIManager` (themed from `assets/theme.json`),
the fonts and the current scene; there are no module-level singletons. A frame is
`App.step(events)`: events go to the UI manager first, then to the scene; the scene and the
manager update; the scene draws under the widgets and may draw over them. Tests drive the
real UI by calling `step()` with posted events and a fixed clock (`App(fixed_dt=1/60)`).

Nothing a scene does can crash the program: any exception in a scene's handler is caught
here, logged (with its traceback) to the log, and shown in a dialog; the game state is
immutable, so a half-done handler leaves nothing broken behind.
"""

from __future__ import annotations

import io
import logging
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pygame
import pygame_gui

from game.core.errors import InterdictError
from game.ui import gui_fixes
from game.ui import palette as P
from game.ui.fonts import Fonts
from game.ui.mapview import TileCache, preload_land_mask

gui_fixes.install()  # pygame_gui's slow theming ids inside scrolling lists (see the module)

log = logging.getLogger("interdict.ui")

ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"
THEME = ASSETS / "theme.json"
MIN_SIZE = (960, 600)
MAX_SIDE = 8192


def parse_size(text: str | None) -> tuple[int, int]:
    if not text:
        return (1280, 800)
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise InterdictError(f"--size expects WIDTHxHEIGHT such as 1280x800, not {text!r}") from None
    if w < MIN_SIZE[0] or h < MIN_SIZE[1] or w > MAX_SIDE or h > MAX_SIDE:
        raise InterdictError(
            f"--size {text}: the window must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]} and at "
            f"most {MAX_SIDE}x{MAX_SIDE}")
    return (w, h)


def font_scale(size: tuple[int, int]) -> float:
    """1.0 up to 1280x800, growing to 1.2 at 1920x1080 and above."""
    return max(1.0, min(1.2, size[0] / 1280, size[1] / 800))


def themed(scale: float) -> dict:
    """The theme of `assets/theme.json` with every font size multiplied by `scale`, so the
    widgets' text grows with the window like the map's (chosen at start-up and again when a
    resize changes the scale)."""
    import json

    theme = json.loads(THEME.read_text(encoding="utf-8")) if THEME.exists() else {}
    # pygame_gui reads no font from "defaults": give it to every kind of widget that has none
    # of its own, so that labels and buttons grow with the window too
    base = (theme.get("defaults") or {}).get("font")
    if isinstance(base, dict):
        for kind in WIDGET_KINDS:
            block = theme.setdefault(kind, {})
            if isinstance(block, dict) and "font" not in block:
                block["font"] = dict(base)
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and "size" in font:
            font["size"] = str(max(8, round(float(font["size"]) * scale)))
    # list rows grow with their text (pygame_gui's rows are 20 px whatever the font)
    misc = theme.setdefault("selection_list", {}).setdefault("misc", {})
    misc.setdefault("list_item_height", str(round(20 * scale)))
    return theme


# the pygame_gui theme blocks of the widgets the game uses
WIDGET_KINDS = ("label", "button", "drop_down_menu", "text_entry_line", "text_box",
                "selection_list", "tool_tip", "window", "check_box")


def theme_font_sizes(theme: dict) -> set[tuple[int, str]]:
    """(point size, style) of every font the theme names, for preloading."""
    out = set()
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and "size" in font:
            style = "bold" if font.get("bold") == "1" else "italic" if font.get(
                "italic") == "1" else "regular"
            out.add((int(font["size"]), style))
    return out


def html_escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


class Scene:
    """A screen of the game. Widgets are created in `build()` (called again after every
    window resize, so a scene keeps its state in plain attributes, never in widgets).
    Buttons are registered with an action; pressing one posts pygame_gui's event, which
    the app routes back to `handle()`, which calls the action."""

    name = "scene"
    map_keys = False  # True: arrow keys go to the scene even when a widget has focus

    def __init__(self, app: App) -> None:
        self.app = app
        self.actions: dict[object, Callable[[], None]] = {}

    @property
    def ui(self) -> pygame_gui.UIManager:
        return self.app.ui

    # to override
    def build(self) -> None: ...

    def update(self, dt: float) -> None: ...

    def draw(self, surface: pygame.Surface) -> None: ...

    def draw_over(self, surface: pygame.Surface) -> None: ...

    def on_event(self, event: pygame.event.Event) -> None: ...

    def leave(self) -> None: ...

    # helpers
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.actions.get(event.ui_element)
            if action is not None:
                action()
                return
        self.on_event(event)

    def button(self, rect, text: str, action: Callable[[], None], tooltip: str | None = None,
               object_id: str | None = None, container=None, enabled: bool = True):
        b = pygame_gui.elements.UIButton(
            pygame.Rect(rect), text, self.ui, container=container, tool_tip_text=tooltip,
            object_id=object_id)
        if not enabled:
            b.disable()
        self.actions[b] = action
        return b

    def label(self, rect, text: str, object_id: str | None = None, container=None):
        rect = pygame.Rect(rect)
        need = self.app.text_height(object_id)
        if rect.h < need:  # larger fonts at larger windows: grow the box about its centre
            rect = pygame.Rect(rect.x, rect.centery - need // 2, rect.w, need)
        if "\n" not in text:  # a narrow window shortens a long line instead of clipping it
            text = self.app.fit(text, rect.w - 6, object_id)
        return pygame_gui.elements.UILabel(rect, text, self.ui,
                                           container=container, object_id=object_id)

    def textbox(self, rect, html: str, object_id: str | None = None, container=None):
        return pygame_gui.elements.UITextBox(html, pygame.Rect(rect), self.ui,
                                             container=container, object_id=object_id)



def ellipsize(font, text: str, limit: int) -> str:
    """`text` if it fits `limit` pixels in `font`, else its longest beginning that fits with
    "…" after it."""
    if font.size(text)[0] <= limit:
        return text
    while len(text) > 2 and font.size(text + "…")[0] > limit:
        text = text[:-1]
    return text.rstrip() + "…"

class App:
    def __init__(self, size: tuple[int, int] = (1280, 800), *, instructor: bool = False,
                 fullscreen: bool = False, fixed_dt: float | None = None,
                 saves_dir: str | Path | None = None) -> None:
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        pygame.init()
        pygame.display.set_caption("Interdict")
        self.size = tuple(size)
        self.windowed_size = tuple(size)
        self.fullscreen = False
        self.screen = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.fonts = Fonts(font_scale(self.size))
        self.ui = self._manager()
        self.tiles = TileCache(max_tiles=160)  # shared by every map in this window
        self.instructor = instructor
        self.fixed_dt = fixed_dt
        self.clock = pygame.time.Clock()
        self.scene: Scene | None = None
        self.running = True
        self.errors: list[str] = []  # every error shown to the user (tests assert on it)
        self.internal_errors: list[str] = []  # tracebacks of bugs caught by the guard
        self.dialog = None
        self.frame = 0
        if saves_dir is None:
            from game.persistence.autosave import default_saves_dir

            saves_dir = default_saves_dir()
        self.saves_dir = Path(saves_dir)
        self.session = None  # the current game (game.ui.session.Session), once started
        self.turn_limit: int | None = None  # `interdict play --turns N`: games end after N
        self.frame_times: list[float] = []
        self.pending_confirm = None  # (dialog, action) awaiting "confirmed"
        self._echoes: list[tuple[int, int]] = []  # sizes we set ourselves
        self.skip_animation = False
        if fullscreen:
            self.toggle_fullscreen()
        preload_land_mask()

    def _manager(self) -> pygame_gui.UIManager:
        """A UIManager themed for the current window size (font sizes x `fonts.scale`)."""
        scale = self.fonts.scale
        theme = themed(scale)
        ui = pygame_gui.UIManager(self.size, theme)
        base = theme_font_sizes(theme)
        # text boxes use <b> and <i>; headings use bold: preload so nothing loads mid-frame
        sizes = {(p, st) for p, _ in base for st in ("regular", "bold", "italic")}
        sizes.add((18, "bold"))  # <font size=5> in text boxes (briefing title)
        sizes -= base
        ui.preload_fonts([{"name": "noto_sans", "point_size": p, "style": st,
                           "antialiased": "1"} for p, st in sorted(sizes)])
        self.theme_scale = scale
        self._theme = theme
        self._text_heights: dict[str | None, int] = {}
        return ui

    def theme_font(self, object_id: str | None = None) -> pygame.font.Font:
        """A pygame font matching the theme font of `object_id` (for measuring text)."""
        block = self._theme.get(object_id or "", {}) or {}
        font = block.get("font") or self._theme.get("label", {}).get("font") or \
            self._theme.get("defaults", {}).get("font", {})
        return self.fonts.get_px(int(font.get("size", 14)), font.get("bold") == "1")

    def text_height(self, object_id: str | None) -> int:
        """The height a one-line label needs for the theme font of `object_id`."""
        h = self._text_heights.get(object_id)
        if h is None:
            h = self.theme_font(object_id).get_height() + 2
            self._text_heights[object_id] = h
        return h

    def text_box_height(self, html: str, width: int, object_id: str | None = None) -> int:
        """The height a text box `width` pixels wide needs to show `html` without scrolling,
        as pygame_gui lays it out (a box built, measured and removed)."""
        probe = pygame_gui.elements.UITextBox(html, pygame.Rect(0, 0, width, -1), self.ui,
                                              object_id=object_id)
        height = probe.rect.h
        probe.kill()
        return height

    def first_fitting(self, texts: Sequence[str], width: int,
                      object_id: str | None = None) -> str:
        """The first of `texts` (longest wording first) that fits `width` pixels in the theme
        font of `object_id`, else the last."""
        font = self.theme_font(object_id)
        return next((t for t in texts if font.size(t)[0] <= width), texts[-1])

    def fit(self, text: str, width: int, object_id: str | None = None) -> str:
        """`text` shortened to fit `width` pixels in the theme font of `object_id`: a path
        "A > B > C > D" loses its middle stops first ("A > … > D"), then the first stop's end
        ("Golden Tri… > … > D": where it goes is kept whole longest); anything else its end."""
        font = self.theme_font(object_id)
        limit = width - 10
        if font.size(text)[0] <= limit:
            return text
        parts = text.split(" > ")
        for drop in range(0, len(parts) - 1):  # drop 0, 1, 2, ... stops from the middle
            keep_head = (len(parts) - drop) // 2
            kept = [*parts[:keep_head], *(["…"] if drop else []), *parts[keep_head + drop:]]
            cand = " > ".join(kept)
            if drop and font.size(cand)[0] <= limit:
                return cand
            if len(parts[0]) > 12:  # a long first stop ("Golden Triangle SEZ (Bokeo)") is
                rest = " > " + " > ".join(kept[1:])  # shortened before a stop is dropped
                room = limit - font.size(rest)[0]
                if room >= font.size(parts[0][:10] + "…")[0]:
                    return ellipsize(font, parts[0], room) + rest
        if len(parts) > 1:
            tail = " > " + ("… > " if len(parts) > 2 else "") + parts[-1]
            room = limit - font.size(tail)[0]
            if room >= font.size("Abc…")[0]:
                return ellipsize(font, parts[0], room) + tail
        return ellipsize(font, text, limit)

    # ----- scenes -----------------------------------------------------------------------------
    def switch(self, scene: Scene) -> None:
        if self.scene is not None:
            self.guard(self.scene.leave)
        self.ui.clear_and_reset()
        self.dialog = None
        self.scene = scene
        scene.actions = {}
        s = self.session
        if self.turn_limit and s is not None and s.turn_limit is None:  # a game just begun
            s.turn_limit = min(self.turn_limit, s.scenario.turns)
        self.guard(scene.build)

    def rebuild(self) -> None:
        """Re-create the current scene's widgets (after a resize)."""
        self.ui.clear_and_reset()
        self.dialog = None
        if self.scene is not None:
            self.scene.actions = {}
            self.guard(self.scene.build)

    # ----- errors -------------------------------------------------------------------------------
    def guard(self, fn: Callable, *args) -> object:
        try:
            return fn(*args)
        except InterdictError as exc:
            self.show_error("Problem", exc.lines())
        except Exception as exc:  # never crash: log, show, carry on
            log.error("internal error in %s: %s", getattr(fn, "__qualname__", fn),
                      traceback.format_exc())
            self.internal_errors.append(traceback.format_exc())
            self.show_error("Something went wrong", [
                f"{type(exc).__name__}: {exc}",
                "The game was not changed. You can carry on; the details are in the log.",
            ])
        return None

    def show_error(self, title: str, lines: Iterable[str]) -> None:
        lines = [str(s) for s in lines]
        self.errors.append("\n".join([title, *lines]))
        self.message(title, lines)

    def show_help(self) -> None:
        """F1: what this screen is for, and the keys (game/ui/help.py), in a dialog."""
        from game.ui.help import help_html

        title, body = help_html(getattr(self.scene, "name", None))
        w, h = min(820, self.size[0] - 80), min(640, self.size[1] - 80)
        rect = pygame.Rect((self.size[0] - w) // 2, (self.size[1] - h) // 2, w, h)
        if self.dialog is not None and self.dialog.alive():
            self.dialog.kill()
        self.dialog = pygame_gui.windows.UIMessageWindow(rect, body, self.ui, window_title=title,
                                                         always_on_top=True)

    def confirm(self, title: str, text: str, action: str, fn: Callable[[], object],
                size: tuple[int, int] = (460, 220)) -> None:
        """Ask before doing `fn`: a dialog with `text`, whose `action` button runs it."""
        rect = pygame.Rect((0, 0), size)
        rect.center = (self.size[0] // 2, self.size[1] // 2)
        dlg = pygame_gui.windows.UIConfirmationDialog(
            rect, text, self.ui, action_short_name=action, window_title=title,
            always_on_top=True)
        self.pending_confirm = (dlg, fn)

    def message(self, title: str, lines: Iterable[str]) -> None:
        lines = list(lines)
        w = min(760, self.size[0] - 80)
        per_line = max(30, (w - 40) // 8)
        rows = sum(1 + len(s) // per_line for s in lines)
        h = min(max(200, 120 + 25 * rows), 460, self.size[1] - 80)
        rect = pygame.Rect((self.size[0] - w) // 2, (self.size[1] - h) // 2, w, h)
        bullet = "• " if len(lines) > 1 else ""  # several problems: one bullet each
        html = "<br>".join(bullet + html_escape(s) for s in lines)
        try:
            if self.dialog is not None and self.dialog.alive():
                self.dialog.kill()
            self.dialog = pygame_gui.windows.UIMessageWindow(
                rect, html, self.ui, window_title=title, always_on_top=True)
        except Exception:  # a broken dialog must not hide the original problem
            log.error("could not show dialog: %s", traceback.format_exc())

    # ----- window ---------------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1])))
        if size == self.size and self.screen.get_size() == size:
            return
        self.size = size
        if not self.fullscreen:
            self.windowed_size = size
        flags = pygame.FULLSCREEN if self.fullscreen else pygame.RESIZABLE
        self.screen = pygame.display.set_mode(size, flags)
        # set_mode reports its own size change (WINDOWSIZECHANGED): ignore that echo
        self._echoes = [*self._echoes[-3:], tuple(size)]
        self.fonts.scale = font_scale(size)  # map labels and drawn text grow with the window
        if self.fonts.scale != self.theme_scale:  # so do the widgets' fonts: a new theme
            self.ui.clear_and_reset()
            self.ui = self._manager()
        else:
            self.ui.set_window_resolution(size)
        self.rebuild()

    def toggle_fullscreen(self) -> None:
        if self.fullscreen:
            self.fullscreen = False
            self.resize(self.windowed_size)
            self.screen = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        else:
            self.fullscreen = True
            info = pygame.display.get_desktop_sizes() or [self.size]
            size = info[0]
            self.size = (0, 0)
            self.resize(size)

    # ----- the frame ------------------------------------------------------------------------
    def step(self, events: Iterable[pygame.event.Event] | None = None,
             pump: bool = True) -> None:
        """One frame: events (given ones, then the queue), update, draw, flip."""
        if self.fixed_dt is not None:
            dt = self.fixed_dt
        else:
            dt = self.clock.tick(60) / 1000.0
        evs = list(events or [])
        if pump:
            evs.extend(pygame.event.get())
        for ev in evs:
            self.dispatch(ev)
        if self.scene is not None:
            self.guard(self.scene.update, dt)
        self.guard(self.ui.update, dt)
        self.draw()
        self.frame += 1

    def draw(self) -> None:
        self.screen.fill(P.PANEL)
        if self.scene is not None:
            self.guard(self.scene.draw, self.screen)
        self.guard(self.ui.draw_ui, self.screen)
        if self.scene is not None:
            self.guard(self.scene.draw_over, self.screen)
        if self.paused_table():
            self._draw_paused()
        pygame.display.flip()

    def paused_table(self) -> bool:
        return bool(self.session is not None and getattr(self.session, "paused", False)
                    and getattr(self.scene, "name", "") != "instructor")

    def _draw_paused(self) -> None:
        shade = pygame.Surface(self.size, pygame.SRCALPHA)
        shade.fill((5, 10, 18, 190))
        self.screen.blit(shade, (0, 0))
        f = self.fonts.get(40, bold=True)
        t = f.render("PAUSED BY THE WHITE CELL", True, P.TEXT)
        self.screen.blit(t, t.get_rect(center=(self.size[0] // 2, self.size[1] // 2 - 20)))
        t2 = self.fonts.get(16).render("The instructor resumes with Ctrl+W.", True, P.TEXT_DIM)
        self.screen.blit(t2, t2.get_rect(center=(self.size[0] // 2, self.size[1] // 2 + 30)))

    def dispatch(self, ev: pygame.event.Event) -> None:
        et = ev.type
        if et == pygame.QUIT:
            self.running = False
            return
        if et == pygame.VIDEORESIZE:
            self.guard(self.resize, ev.size)
            return
        if et == pygame.WINDOWSIZECHANGED:
            size = (ev.x, ev.y)
            if size in self._echoes:
                self._echoes.remove(size)
            elif size != self.size:
                self.guard(self.resize, size)
            return
        if et == pygame.KEYDOWN and ev.key == pygame.K_F11:
            self.guard(self.toggle_fullscreen)
            return
        if et == pygame.KEYDOWN and ev.key == pygame.K_F1:
            self.guard(self.show_help)
            return
        if et == pygame.KEYDOWN and ev.key == pygame.K_w and getattr(ev, "mod", 0) & pygame.KMOD_CTRL:
            if self.session is not None:
                from game.ui.scenes.instructor import open_white_cell

                self.guard(open_white_cell, self)
            return
        if et == pygame_gui.UI_CONFIRMATION_DIALOG_CONFIRMED and self.pending_confirm:
            dlg, fn = self.pending_confirm
            if ev.ui_element is dlg:
                self.pending_confirm = None
                self.guard(fn)
                return
        if self.paused_table() and et in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN,
                                          pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL,
                                          pygame.MOUSEMOTION):
            return  # the white cell paused the table: only Ctrl+W gets through
        consumed = bool(self.guard(self.ui.process_events, ev))
        if self.dialog is not None and not self.dialog.alive():
            self.dialog = None
        if self.dialog is not None and et in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN,
                                              pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL):
            if et == pygame.KEYDOWN and ev.key in (pygame.K_RETURN, pygame.K_ESCAPE):
                self.dialog.kill()
                self.dialog = None
            return  # a dialog is modal
        if consumed and et in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL):
            return
        if et == pygame.KEYDOWN and self._text_focus() and not (
                self.scene is not None and self.scene.map_keys and ev.key in ARROWS):
            return
        if self.scene is not None:
            self.guard(self.scene.handle, ev)

    def _text_focus(self) -> bool:
        focus = self.ui.get_focus_set() or set()
        return any(isinstance(e, (pygame_gui.elements.UITextEntryLine,
                                  pygame_gui.elements.UITextEntryBox)) for e in focus)

    def run_frames(self, n: int, events: Iterable[pygame.event.Event] | None = None) -> None:
        self.step(events)
        for _ in range(n - 1):
            self.step()

    def run(self) -> int:
        while self.running:
            self.step()
        return 0

    def screenshot(self, path: str | Path) -> None:
        from game.persistence.files import write_bytes_atomic  # atomic, never a half file

        buf = io.BytesIO()
        pygame.image.save(self.screen, buf, "screenshot.png")
        write_bytes_atomic(Path(path), buf.getvalue())


ARROWS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN)


def cmd_play(args) -> int:
    """`interdict play`: open the window (or, with --demo --screenshot, play and exit)."""
    size = parse_size(getattr(args, "size", None))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from game.ui.scenes.title import TitleScene

    app = App(size, instructor=bool(getattr(args, "instructor", False)),
              fullscreen=bool(getattr(args, "fullscreen", False)))
    app.turn_limit = getattr(args, "turns", None)
    try:
        if getattr(args, "demo", False):
            from game.ui.demo import run_demo

            return run_demo(app, args)
        if getattr(args, "load", None):
            from game.ui.scenes.turn import start_turn
            from game.ui.session import Session

            try:
                app.session = Session.from_save(args.load, instructor=app.instructor,
                                                saves_dir=app.saves_dir)
            except InterdictError as exc:  # a bad save: say why on the title screen
                app.switch(TitleScene(app))
                app.show_error("This save cannot be opened", exc.lines())
            else:
                start_turn(app)
        else:
            app.switch(TitleScene(app, preselect=getattr(args, "scenario", None),
                                  seed=getattr(args, "seed", None)))
        if getattr(args, "screenshot", None):
            app.run_frames(5)
            app.screenshot(args.screenshot)
            return 0
        return app.run()
    finally:
        pygame.quit()

"""A multi-line text box for the rationale that never raises while typing.

pygame_gui's `UITextEntryBox` (0.6.14) breaks when a selection is replaced or deleted: its
layout's `delete_selected_text` removes whole rows or raises `IndexError("No selected
rows.")`, and the next keystroke can then crash inside `insert_text` (pygame_gui issues
#705 and #717, open). This subclass does those edits on the text itself and re-lays the box
out from it, keeps the text plain (no `<`, `>` or `&`, which the box would read as markup),
caps its length, and, should any other edit still fail inside pygame_gui, puts back the text
as it was before that keystroke instead of letting the error out.
"""

from __future__ import annotations

import logging

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox, UITextEntryBox

log = logging.getLogger("interdict.ui")

MARKUP = "<>&"


class TextArea(UITextEntryBox):
    def __init__(self, rect, manager, text: str = "", limit: int = 500, **kw) -> None:
        super().__init__(pygame.Rect(rect), "", manager, **kw)
        self.limit = limit
        self.failures = 0  # edits pygame_gui could not do (put back; tests look at it)
        if text:
            self.set_text(plain(text)[:limit])

    def _relayout(self, text: str, pos: int) -> None:
        """Lay the whole box out again from `text`, the cursor at `pos`."""
        UITextBox.set_text(self, text)
        self.edit_position = max(0, min(pos, len(text)))
        self.select_range = [0, 0]
        if self.text_box_layout is not None:
            self.text_box_layout.set_cursor_position(self.edit_position)
        self.cursor_has_moved_recently = True

    def _selection(self) -> tuple[int, int] | None:
        lo, hi = sorted(self.select_range)
        return (lo, hi) if hi > lo else None

    # the two edits that are broken in pygame_gui: done on the text, then re-laid out
    def _delete_selected_text(self) -> None:
        sel = self._selection()
        if sel is None:
            return
        lo, hi = sel
        self._relayout(self.html_text[:lo] + self.html_text[hi:], lo)

    def _replace_selected_text_with_character(self, character: str) -> None:
        lo, hi = self._selection() or (self.edit_position, self.edit_position)
        self._relayout(self.html_text[:lo] + character + self.html_text[hi:], lo + 1)

    def _process_entered_character(self, character: str) -> bool:
        if character in MARKUP or (len(self.html_text) >= self.limit
                                   and self._selection() is None):
            return False
        return super()._process_entered_character(character)

    def process_event(self, event: pygame.event.Event) -> bool:
        before, pos = self.html_text, self.edit_position
        try:
            return super().process_event(event)
        except Exception:  # a pygame_gui layout bug: keep the text as it was
            log.warning("text box edit failed; text kept as it was", exc_info=True)
            self.failures += 1
            self._relayout(before, pos)
            pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_CHANGED, {
                "text": self.html_text, "ui_element": self,
                "ui_object_id": self.most_specific_combined_id}))
            return True


def plain(text: str) -> str:
    return "".join(ch for ch in str(text) if ch not in MARKUP)

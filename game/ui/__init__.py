"""The pygame front end. pygame prints a support banner when it is first imported unless
this variable is set; `interdict play` should print nothing of the kind, so it is set here,
before any module of this package imports pygame."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

"""F1 help: what the screen in front of you is for, then the keys. One window, any screen.

The keys table is the one in docs/ui.md ("Keys"); a test keeps the two the same.
"""

from __future__ import annotations

from game.core.resolve import LEAK_EVASION, RESERVE_CARRY

# the rules' numbers in words, from the engine's constants
_RESERVE = "Half" if RESERVE_CARRY == 0.5 else f"{RESERVE_CARRY:.0%}"
_EVASION = f"only {LEAK_EVASION:.0%}"

# (key, where, does): the same rows as docs/ui.md's table
KEYS: tuple[tuple[str, str, str], ...] = (
    ("Mouse wheel, + / -", "map", "zoom in / out (about the cursor)"),
    ("Drag, arrow keys", "map", "pan"),
    ("Home", "map", "reset the view"),
    ("Click", "map", "select a route or location"),
    ("Tab", "turn", "next tab"),
    ("Ctrl+Z", "turn", "undo the seat's last change"),
    ("Enter", "title, seats, briefing, hand-over, report", "the screen's main button"),
    ("Esc", "observer, white cell, dialogs", "back / close"),
    ("Space, Enter, Esc", "resolution", "skip the animation"),
    ("Ctrl+W", "any screen of a game", "white cell (with a confirmation unless `--instructor`)"),
    ("F1", "anywhere", "help: what the screen is for, and these keys"),
    ("F11", "anywhere", "full screen on / off"),
)

_BLUE_TURN = (
    "Your nation's turn. Work through the tabs, then press <b>End turn</b>; the line above it "
    "says what is still missing.",
    "<b>Funding</b>: split this turn's budget (in points). <i>Operations</i> pays the upkeep "
    "of the assets you deploy; money above the upkeep is not spent. <i>Intelligence</i> "
    "sharpens your flow estimates and your detection; <i>Governance</i> lowers your "
    "corruption and violence, but late: the first turn of spending changes nothing, and the "
    "effect grows over five to ten turns. <i>Capacity building</i> strengthens a partner; "
    "the <i>Alliance fund</i> raises interoperability; <i>Procurement</i> buys assets that "
    f"arrive after their lead time. {_RESERVE} of what you leave unspent is kept as a "
    "reserve.",
    "<b>Intel</b>: what you share with each partner (none, partial, full). Sharing helps "
    "partners find loads; the tab shows the chance each turn that it leaks through a corrupt "
    "partner. A leak tells the traffickers where your assets are that turn: your assets keep "
    f"{_EVASION} of their detection power, and the traffickers steer their loads around them. "
    "Your trust in the partner falls only if the leak is discovered.",
    "<b>Operations</b>: pick a route in the list or on the map, then place assets with + and "
    "-. An asset works only on routes of its modes. Another nation's routes need an alliance "
    "with joint operations, and their host's sovereignty decides: <i>open</i> (you may "
    "operate there), <i>consent</i> (only with its grant) or <i>closed</i> (no foreign "
    "forces).",
    "<b>Access</b>: which partners may operate in your territory, and where your own forces "
    "may operate. A grant stays until you change it, and counts for the delegations that play "
    "after you this turn.",
    "<b>Why</b>: a sentence or two on your reasons, for the debrief.",
    "Press one corridor and the traffickers move to another within a few turns: the "
    "<i>balloon effect</i>. Route widths are the flows <i>you believe</i> from your "
    "intelligence, not the truth. Ctrl+Z undoes your last change.",
    "<b>The numbers</b>: <i>t</i> is tons of cocaine (a load is half a ton). An asset's "
    "<i>detection</i> is its chance (0 to 1) of spotting one load on its own; it "
    "<i>seizes up to</i> so many tons of what is spotted. A route's <i>est.</i> is the tons "
    "you estimate pass it a month, <i>cap.</i> the most it can carry. Corruption, "
    "governance, violence and <i>trust</i> run from 0 (none) to 1 (total); "
    "<i>interoperability</i> (0 to 1) is how well an alliance's forces work together on one "
    "route.",
)

_RED_TURN = (
    "Your trafficking organisation's turn. Press <b>End turn</b> when your shipments are set.",
    "<b>Shipments</b>: tons per path from your sources to your markets, within what you "
    "have to ship. The cheapest paths are where patrols look first; spreading out costs more "
    "but risks less.",
    "<b>Money</b>: a bribe raises a nation's corruption this turn, and a little of it sticks "
    "(its patrols seize less; intelligence shared with it leaks more); adaptations (semi-submersibles, encrypted "
    "communications, light aircraft, tunnels) cut detection for good; dormant routes can be "
    "opened for next turn.",
    "<b>Why</b>: your reasons, for the debrief. You see a nation's patrols only when its "
    "shared intelligence leaked to you last turn.",
)

CONTEXT: dict[str, tuple[str, tuple[str, ...]]] = {
    "title": ("The title screen", (
        "Choose a scenario on the left; its briefing and map show on the right. <b>Set up "
        "seats</b> to start a game, or <b>Load a save</b> to continue or look back at one.",)),
    "seats": ("Seats", (
        "For each nation and trafficker, choose <i>Human</i> (a delegation plays it at this "
        "computer, in turn) or a computer player. The seed fixes every random draw: the same "
        "scenario, seed and decisions give the same game.",)),
    "briefing": ("The briefing", (
        "The situation, the alliances and each side's objectives. Read it together before the "
        "first turn.",)),
    "handover": ("The hand-over", (
        "Pass the computer to the delegation named on the card. Its screen stays hidden until "
        "it presses the button, so each delegation sees only its own information.",)),
    "turn": ("A nation's turn", _BLUE_TURN),
    "red_turn": ("A trafficker's turn", _RED_TURN),
    "resolution": ("The turn resolves", (
        "Rings flash where a seizure happens and leave a marker sized by the tons seized. "
        "Shipments themselves are not shown to the table (the white cell sees the true flows). "
        "Space skips to the report.",)),
    "report": ("The turn report", (
        "What happened this turn: tons seized, delivered, detected and shipped against the "
        "turn before, the comparison with doing nothing, leaks, events, and where the seizures "
        "happened.",
        "<i>Detected</i> loads were spotted; only those within reach of interdiction assets "
        "can be <i>seized</i>, and some still get away. In the table by nation, violence and "
        "corruption run from 0 (none) to 1 (total).",
        "<i>Hindsight</i> compares what the actual placement of every Blue nation's assets "
        "could expect to seize with what the best placement of the same assets could have, "
        "had the flows been known.",
        "The mouse wheel scrolls the table by nation when it does not fit.",)),
    "observer": ("The observer view", (
        "The public picture for the class projector: the map, last turn's headline and the "
        "news. No side's secrets are shown.",)),
    "instructor": ("The white cell", (
        "The instructor's controls, with the true flows on the map. Write a reason first: "
        "every action is recorded with it. Fire an event, send an inject to chosen seats, "
        "change a budget, hand a side to the computer or back to students, adjudicate a "
        "seizure, pause the table, or save a snapshot.",)),
    "debrief": ("The debrief", (
        "The whole game: charts per turn, each objective's result against its target, and a "
        "timeline of events and decisions for the hot wash. <b>Export</b> writes the "
        "after-action report.",
        "The charts: <i>Flows</i>, what got through against doing nothing; <i>Hindsight</i>, "
        "what the placements could expect to seize against the best placement of the same "
        "assets had the flows been known; <i>Routes</i>, where the flow went; "
        "<i>Violence</i> and <i>Corruption</i> by nation (0 to 1); <i>Cohesion</i>, how far "
        "each alliance's members trust one another (0 to 1), which leaks lower.",)),
    "history": ("Looking back", (
        "Step through the turns with the arrows or the Left and Right keys. <b>Resume from "
        "here</b> plays on from the turn shown as a new game; the original is never "
        "changed.",)),
    "load": ("Loading a save", (
        "Choose a save to continue it, step through its turns, or write its after-action "
        "report.",)),
}


def help_html(scene_name: str | None) -> tuple[str, str]:
    """(window title, HTML body) of the help for the screen `scene_name`."""
    title, paras = CONTEXT.get(scene_name or "", ("Interdict", ()))
    keys = "<br>".join(f"<b>{k}</b> ({where}): {does.replace('`', '')}"
                       for k, where, does in KEYS)
    body = "<br><br>".join([*paras, "<b>Keys</b><br>" + keys])
    return f"Help: {title}", body

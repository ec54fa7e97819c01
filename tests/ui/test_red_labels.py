"""The Red seat's shipment rows: every path's label tells it apart from the others."""

from __future__ import annotations

import pytest


def test_red_path_labels_stay_distinct_when_shortened():
    from game.ui.scenes.red import distinct_path_labels

    def fit(_i, text, reserve, width=34):  # a stand-in for the font: 34 characters, middle first
        limit = width - reserve // 10
        if len(text) <= limit:
            return text
        parts = text.split(" > ")
        return " > ".join([parts[0], "…", parts[-1]]) if len(parts) > 2 else text[:limit - 1] + "…"

    names = ["Tumaco > Puerto Chiapas > Culiacan > Arizona",
             "Tumaco > Lazaro Cardenas > Culiacan > Arizona",
             "Buenaventura > Colon > Miami"]
    labels = distinct_path_labels(names, fit)
    # the two Tumaco paths keep the stop only they pass; the short one is untouched
    assert labels == ["Tumaco > Puerto Chiapas > Arizona", "Tumaco > Lazaro Cardenas > Arizona",
                      "Buenaventura > Colon > Miami"]
    # the same stops by two routes (say by sea and by air): numbered
    same = ["Tumaco > Puerto Chiapas > Culiacan > Arizona"] * 2
    assert distinct_path_labels(same, fit) == [
        "Tumaco > … > Arizona (1)", "Tumaco > … > Arizona (2)"]


def progressive_fit(room: list[int]):
    """A stand-in for the app's fit: path i has room[i] characters (a dormant path less, for
    its note), less a character per 10 px reserved; middle stops go first, one at a time."""
    def fit(i, text, reserve):
        limit = room[i] - reserve // 10
        if len(text) <= limit:
            return text
        parts = text.split(" > ")
        for drop in range(1, len(parts) - 1):
            head = (len(parts) - drop) // 2
            cand = " > ".join([*parts[:head], "…", *parts[head + drop:]])
            if len(cand) <= limit:
                return cand
        return text[:limit - 1] + "…"
    return fit


def test_duplicate_labels_are_numbered_one_two_three_per_label():
    from game.ui.scenes.red import distinct_path_labels

    # three paths through the same stops; the middle one (dormant) has less room, so with
    # room kept for a number it shortens further than the others: it was numbered "(2)" among
    # them, leaving "(1)" and "(3)" on the two that still read alike
    same = ["Bangkok > Laem Chabang > Osaka > Tokyo"] * 3
    assert distinct_path_labels(same, progressive_fit([34, 28, 34])) == [
        "Bangkok > … > Osaka > Tokyo (1)", "Bangkok > … > Tokyo",
        "Bangkok > … > Osaka > Tokyo (2)"]
    # one path has a stop of its own and keeps it; only the two alike are numbered (all three
    # were numbered before, and the first lost its "Kobe")
    names = ["Bangkok > Laem Chabang > Kobe > Tokyo",
             "Bangkok > Laem Chabang > Osaka > Tokyo",
             "Bangkok > Laem Chabang > Osaka > Tokyo"]
    assert distinct_path_labels(names, progressive_fit([24, 24, 24])) == [
        "Bangkok > Kobe > Tokyo", "Bangkok > … > Tokyo (1)", "Bangkok > … > Tokyo (2)"]
    # a further shortened label that is another path's own: both numbered, 1 and 2
    names = [*same, "Bangkok > Chiang Mai > Nagoya Port Area > Tokyo"]
    labels = distinct_path_labels(names, progressive_fit([34, 28, 34, 24]))
    assert labels == ["Bangkok > … > Osaka > Tokyo (1)", "Bangkok > … > Tokyo (1)",
                      "Bangkok > … > Osaka > Tokyo (2)", "Bangkok > … > Tokyo (2)"]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("size", [(960, 600), (1280, 800), (1920, 1080)])
def test_every_red_seat_reads_its_paths_apart_at_every_size(app, size):
    """As drawn (the label widgets' own text): no two paths of a trafficker read the same,
    and none is numbered twice ("(1) (2)")."""
    import re

    from conftest import SCENARIOS, seat_alone

    from game.scenario import load_scenario

    for sid in ("andes", "caribbean", "mediterranean", "southeast_asia"):
        for tid in load_scenario(str(SCENARIOS / f"{sid}.yaml")).traffickers:
            seat_alone(app, sid, tid)
            app.resize(size)
            texts = [str(lab.text).removesuffix("  (dormant)")
                     for key, lab in app.scene.flow_labels.items()
                     if not key.endswith("#t")]  # the paths' names, not their tons
            assert len(set(texts)) == len(texts), (sid, tid, texts)
            assert not any(re.search(r"\(\d+\) \(\d+\)", t) for t in texts), (sid, tid, texts)
    assert not app.internal_errors


def test_a_long_first_stop_is_shortened_before_the_stops_that_tell_paths_apart(app):
    font = app.theme_font()
    text = "Golden Triangle SEZ (Bokeo) > Chiang Rai > Bangkok"
    width = font.size(text)[0] - 20  # just too narrow for the whole name
    short = app.fit(text, width)
    assert short.endswith("… > Chiang Rai > Bangkok") and short.startswith("Golden Triangle")
    assert font.size(short)[0] <= width - 10
    # a short first stop stays whole: the middle stops go first, as before
    assert app.fit("Cali > Buenaventura > Tumaco > Esmeraldas > Guayaquil",
                   font.size("Cali > … > Esmeraldas > Guayaquil")[0] + 10) == \
        "Cali > … > Esmeraldas > Guayaquil"

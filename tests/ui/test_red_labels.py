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

    # three paths through the same stops; the middle one (dormant) has less room: all three
    # are numbered, in the one wording that fits them all (none left unnumbered beside a "(1)")
    same = ["Bangkok > Laem Chabang > Osaka > Tokyo"] * 3
    assert distinct_path_labels(same, progressive_fit([34, 28, 34])) == [
        "Bangkok > … > Tokyo (1)", "Bangkok > … > Tokyo (2)", "Bangkok > … > Tokyo (3)"]
    # one path has a stop of its own and keeps it; the two alike keep theirs, and are numbered
    names = ["Bangkok > Laem Chabang > Kobe > Tokyo",
             "Bangkok > Laem Chabang > Osaka > Tokyo",
             "Bangkok > Laem Chabang > Osaka > Tokyo"]
    assert distinct_path_labels(names, progressive_fit([28, 28, 28])) == [
        "Bangkok > … > Kobe > Tokyo", "Bangkok > Osaka > Tokyo (1)",
        "Bangkok > Osaka > Tokyo (2)"]
    # a fourth path between the same ends keeps its own stop
    names = [*same, "Bangkok > Chiang Mai > Nagoya Port Area > Tokyo"]
    labels = distinct_path_labels(names, progressive_fit([34, 28, 34, 24]))
    assert labels == ["Bangkok > Osaka > Tokyo (1)", "Bangkok > Osaka > Tokyo (2)",
                      "Bangkok > Osaka > Tokyo (3)", "… > Chiang Mai > Tokyo"]
    # other stops that read the same once shortened: both numbered, each in its own wording
    names = ["Callao > Cusco > Santos (export)", "Callao > Cusco > Santos", "Lima > Santos"]
    assert distinct_path_labels(names, progressive_fit([30, 30, 30])) == [
        "Callao > Cusco > Santos (1)", "Callao > Cusco > Santos (2)", "Lima > Santos"]


CLAN_DEL_GOLFO = [  # caribbean's Clan del Golfo: four paths from Urabá to Texas
    "Urabá > La Mosquitia > Quintana Roo coast > Texas border crossings",
    "Urabá > La Mosquitia > San Pedro Sula > Petén > Puerto Chiapas > Texas border crossings",
    "Urabá > Colón > La Mosquitia > Quintana Roo coast > Texas border crossings",
    "Urabá > Colón > La Mosquitia > San Pedro Sula > Petén > Puerto Chiapas > "
    "Texas border crossings",
    "Urabá > Colón > South Florida",
    "Urabá > Kingston > South Florida"]


@pytest.mark.parametrize(("room", "expected"), [
    (50, ["Urabá > … > Quintana Roo coast > Texas border…",
          "Urabá > … > Petén > … > Texas border crossings",
          "Urabá > Colón > Quintana Roo coast > Texas border…",
          "Urabá > Colón > Petén > Texas border crossings"]),
    (36, ["Urabá > Quintana Roo coast > Texas…", "Urabá > Petén > Texas border…",
          "… > Colón > Quintana Roo… > Texas…", "Urabá > Colón > Petén > Texas…"])])
def test_paths_between_the_same_ends_keep_the_stops_that_tell_them_apart(room, expected):
    """Each keeps the fewest stops that no other path from Urabá to Texas passes all of
    (Quintana Roo coast; Petén; with Colón, the same two), its ends shortened first (Texas
    border crossings: "Texas border…", "Texas…"; Urabá, where every path starts, may go);
    the paths that fit are whole; nothing numbered."""
    from game.ui.scenes.red import distinct_path_labels

    labels = distinct_path_labels(CLAN_DEL_GOLFO, progressive_fit([room] * 6))
    assert labels == [*expected, "Urabá > Colón > South Florida",
                      "Urabá > Kingston > South Florida"]


CARIBBEAN = {  # as drawn: (window size, trafficker): its paths" labels, in order
    ((1280, 800), "sinaloa"): [
        "Tumaco > Puerto Chiapas > Arizona… (1)",
        "Tumaco > Guayaquil > Arizona border crossings",
        "Tumaco > Lázaro Cárdenas > Arizona…  (dormant)",
        "Tumaco > Puerto Chiapas > Arizona… (2)  (dormant)",
        "Tumaco > Puerto Chiapas > Texas border…",
        "Tumaco > Puerto San José > … > Texas border…",
        "Buenaventura > Lázaro Cárdenas > Arizona…",
        "Buenaventura > Puntarenas > Arizona… (1)",
        "Buenaventura > Puntarenas > Arizona… (2)  (dormant)",
        "Buenaventura > … > Texas border crossings",
    ],
    ((1280, 800), "clan_del_golfo"): [
        "Urabá > … > Quintana Roo coast > Texas border…",
        "Urabá > … > Petén > … > Texas border crossings",
        "Urabá > Colón > … > Quintana Roo coast > Texas…",
        "Urabá > Colón > Petén > Texas border crossings",
        "Urabá > Colón > South Florida  (dormant)",
        "Urabá > Kingston > South Florida",
    ],
    ((1280, 800), "caribbean_networks"): [
        "Catatumbo > … > Curaçao > … > South Florida  (dormant)",
        "… > Falcón coast > Santo Domingo > South Florida",
        "Catatumbo > Apure airstrips > South Florida  (dormant)",
        "… > Santo Domingo > Puerto Rico > South Florida",
        "Catatumbo > Quintana Roo coast > Texas border…",
        "Catatumbo > San Pedro Sula > Texas border…",
        "Catatumbo > Petén > Texas border crossings  (dormant)",
    ],
    ((960, 600), "sinaloa"): [
        "Tumaco > Puerto Chiapas > Arizona… (1)",
        "Tumaco > Guayaquil > Arizona border crossings",
        "Tumaco > Lázaro Cárdenas > Arizona…  (dormant)",
        "Tumaco > Puerto Chiapas > Arizona… (2)  (dormant)",
        "Tumaco > Puerto Chiapas > Texas border…",
        "Tumaco > Puerto San José > … > Texas border…",
        "Buenaventura > Lázaro Cárdenas > Arizona…",
        "Buenaventura > Puntarenas > Arizon… (1)",
        "Buenaventura > Puntarenas > Arizon… (2)  (dormant)",
        "Buenaventura > … > Texas border crossings",
    ],
    ((960, 600), "clan_del_golfo"): [
        "Urabá > … > Quintana Roo coast > Texas border…",
        "Urabá > … > Petén > … > Texas border crossings",
        "Urabá > Colón > … > Quintana Roo coast > Texas…",
        "Urabá > Colón > Petén > Texas border crossings",
        "Urabá > Colón > South Florida  (dormant)",
        "Urabá > Kingston > South Florida",
    ],
    ((960, 600), "caribbean_networks"): [
        "Catatumbo > Curaçao > South Florida  (dormant)",
        "… > Falcón… > Santo Domingo > South Florida",
        "… > Apure airstrips > … > South Florida  (dormant)",
        "… > Santo Domingo > Puerto Rico > South Flor…",
        "Catatumbo > … > Quintana Roo coast > Texas…",
        "Catatumbo > San Pedro Sula > Texas border…",
        "Catatumbo > Petén > Texas border…  (dormant)",
    ],
}


def drawn_labels(app) -> list[str]:
    """The Red seat's path labels as drawn (the label widgets' own text), in order."""
    return [str(lab.text) for key, lab in app.scene.flow_labels.items()
            if not key.endswith("#t")]  # the paths' names, not their tons


@pytest.mark.parametrize("size", [(1280, 800), (960, 600)])
def test_caribbean_traffickers_read_their_paths_apart_by_their_stops(app, size):
    """Clan del Golfo's four paths to Texas read by the stops that tell them apart (they
    read "Urabá > … > Texas border crossings", then the same with "(1)" and "(2)"); only
    the same stops twice (by sea and by air) are numbered, both of them."""
    from conftest import seat_alone

    for tid in ("sinaloa", "clan_del_golfo", "caribbean_networks"):
        seat_alone(app, "caribbean", tid)
        app.resize(size)
        assert drawn_labels(app) == CARIBBEAN[size, tid], (size, tid)
    assert not app.internal_errors


@pytest.mark.parametrize("size", [(960, 600), (1280, 800), (1920, 1080)])
def test_every_red_seat_reads_its_paths_apart_at_every_size(app, size):
    """As drawn: no two paths of a trafficker read the same, even with the dormant note gone
    (opened); none is numbered twice ("(1) (2)"); a numbered wording is numbered 1, 2, 3...
    on every path it is shown for, and no path shows it unnumbered; a path shortened keeps
    one of its stops between the ends if another path has the same ends."""
    import re

    from conftest import SCENARIOS, seat_alone

    from game.scenario import load_scenario

    for sid in ("andes", "caribbean", "mediterranean", "southeast_asia"):
        for tid in load_scenario(str(SCENARIOS / f"{sid}.yaml")).traffickers:
            seat_alone(app, sid, tid)
            app.resize(size)
            texts = [t.removesuffix("  (dormant)") for t in drawn_labels(app)]
            where = (sid, tid, texts)
            assert len(set(texts)) == len(texts), where
            assert not any(re.search(r"\(\d+\) \(\d+\)", t) for t in texts), where
            numbered: dict[str, list[int]] = {}
            for t in texts:
                if m := re.fullmatch(r"(.*) \((\d+)\)", t):
                    numbered.setdefault(m[1], []).append(int(m[2]))
            for base, ks in numbered.items():
                assert sorted(ks) == list(range(1, len(ks) + 1)), where
                assert base not in texts, where
            names = [name for _k, name, _u in app.session.red_paths(tid)]
            for name, text in zip(names, texts, strict=True):
                first, *mid, last = name.split(" > ")
                peers = [n for n in names if n != name and n.split(" > ")[0] == first
                         and n.split(" > ")[-1] == last]
                if text != name and mid and peers:
                    # the stop, or its first words ("Chaco…" for "Chaco airstrips")
                    assert any(s.split()[0] in text for s in mid), (name, text, where)
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

"""The Red seat's shipment rows: every path's label tells it apart from the others."""

from __future__ import annotations


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

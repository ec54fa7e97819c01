"""Child process for test_crash_safety: saves the same file over and over, printing the
sequence number of each save once it is complete (the file has been renamed into place)."""

from __future__ import annotations

import sys

from game.persistence.files import write_text_atomic
from game.persistence.saves import dump_save_text, make_save_data


def main(path: str, count: int) -> None:
    history = [
        {"turn": t, "orders": {"blue": {"usa": {"deploy": {f"r{i}": 1 for i in range(40)}}}},
         "report": {"seized": t * 1.5, "by_route": {f"r{i}": [i, t, 0.25] for i in range(60)}}}
        for t in range(1, 25)
    ]
    for n in range(1, count + 1):
        data = make_save_data(
            game_id="crash1", scenario_id="demo", scenario_title="Demo",
            scenario_file="demo.yaml", scenario_text="id: demo\n" * 200, seed=n, turns=24,
            seats={"usa": {"control": "ai", "policy": "baseline"}}, history=history,
            state={"n": n, "stock": [float(i) / 7 for i in range(3000)]},
            created=None, saved=None,
        )
        write_text_atomic(path, dump_save_text(data))
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

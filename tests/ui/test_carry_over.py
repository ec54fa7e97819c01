"""A seat's turn starts from its last orders: the same deployments (where still legal),
operations funding their upkeep and no more, the rest of the budget split as last turn without
its one-off purchases, the same sharing and access. Before, every turn started from the
default split with nothing deployed."""

from __future__ import annotations

import pytest
from conftest import SCENARIOS

from game.scenario import load_scenario
from game.ui.session import SeatPlan, Session


@pytest.fixture
def us_alone(tmp_path) -> Session:
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    plan = SeatPlan.demo(sc)
    plan.seats["usa"] = "human"
    return Session.new(sc, plan, saves_dir=tmp_path, autosave=False)


def _play_turn(s: Session) -> None:
    assert s.submit("usa") == []
    s.end_turn()


def test_the_next_turn_starts_from_the_last_orders(us_alone):
    s = us_alone
    assert s.deploy("usa", "go_fast", "patrol_ship", 2) == []
    assert s.deploy("usa", "go_fast", "uav", 1) == []
    s.set_funding("usa", "governance", 30.0)
    assert s.buy("usa", "uav", 1) == []
    s.set_sharing("usa", "colombia", "full")
    before = s.draft("usa").to_orders()
    _play_turn(s)

    d = s.draft("usa")
    assert d.deploy == {"go_fast": {"patrol_ship": 2, "uav": 1}}
    assert d.buy == {} and d.funding["procurement"] == 0.0
    assert d.sharing["colombia"] == "full"
    budget = s.budget("usa")
    assert sum(d.funding.values()) == pytest.approx(budget)
    # operations pay the upkeep, no more; the other categories keep last turn's proportions
    upkeep = s.upkeep("usa")
    assert upkeep == 2 * 4.0 + 1 * 1.0 and d.funding["operations"] == pytest.approx(upkeep)
    f = before.funding
    others = (f.intelligence + f.governance + sum(f.capacity_building.values())
              + sum(f.alliance_fund.values()))
    assert f.procurement > 0 and f.operations > upkeep  # last turn: a purchase, a surplus
    assert d.funding["governance"] == pytest.approx((budget - upkeep) * f.governance / others)
    assert d.funding["intelligence"] == pytest.approx((budget - upkeep) * f.intelligence / others)
    assert s.validate("usa") == []



def test_an_access_request_made_after_the_host_played_waits_for_its_next_turn(tmp_path):
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    plan = SeatPlan.demo(sc)
    plan.seats["usa"] = plan.seats["colombia"] = "human"
    s = Session.new(sc, plan, saves_dir=tmp_path, autosave=False)
    assert s.submit("usa") == []  # the United States has played this month...
    s.request_access("colombia", "usa")  # ...when Colombia asks it
    s.request_access("usa", "colombia")  # Colombia has not played: it reads this one now
    assert s.requests_for("usa") == ["colombia"] and s.requests_for("colombia") == ["usa"]
    assert s.submit("colombia") == []
    s.end_turn()
    assert s.requests_for("usa") == ["colombia"]  # still there for the US's next turn
    assert s.requests_for("colombia") == []

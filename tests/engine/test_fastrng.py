"""game.core.fastrng draws exactly what numpy draws: the same binomial numbers, the same
generator states afterwards, the same generators for a seed, turn and stream."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import fastrng
from game.core.fastrng import binomial, binomial_flat, binomial_many, seed_words, turn_rngs
from game.core.resolve import resolve
from game.core.rng import turn_rng
from tests.engine.conftest import examples

SETTINGS = settings(max_examples=examples(100, 2000), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

P_EDGES = [0.0, 1.0, 0.5, 5e-324, 1e-300, 1e-12, 1e-6, 1e-3, 0.4999999999999999,
           0.5000000000000001, 0.9999999, 1 - 1e-12, 1 - 2**-53, 0.01, 0.3]
probs = st.one_of(st.sampled_from(P_EDGES), st.floats(0.0, 1.0), st.floats(0.01, 0.5))
counts = st.one_of(st.integers(0, 20), st.integers(0, 20), st.integers(0, 1000),
                   st.integers(0, 10**6))
seeds = st.integers(0, 2**63 - 1)


@st.composite
def arrays(draw, max_len=64):
    m = draw(st.integers(0, max_len))
    n = draw(st.lists(counts, min_size=m, max_size=m))
    p = draw(st.lists(probs, min_size=m, max_size=m))
    return np.array(n, dtype=np.int64), np.array(p, dtype=np.float64)


def _twins(seed: int, k: int = 1, turn: int = 1):
    """k generators and an identical copy of each."""
    a = [turn_rng(seed + i, turn, "resolve") for i in range(k)]
    b = [turn_rng(seed + i, turn, "resolve") for i in range(k)]
    return a, b


def _state(gen):
    return gen.bit_generator.state


def _check_many(ref_gens, gens, ns, ps, got):
    """got == numpy's draws game by game, and every generator in numpy's state."""
    if not isinstance(ps, list):
        ps = [ps] * len(ns)
    for g, (rg, n, p) in enumerate(zip(ref_gens, ns, ps)):
        want = rg.binomial(n, p)
        assert np.array_equal(got[g], want), (g, n, p, got[g], want)
        assert got[g].dtype == np.int64
    assert [_state(g) for g in gens] == [_state(g) for g in ref_gens]


# --- binomial ------------------------------------------------------------------------------

@SETTINGS
@given(seeds, arrays())
def test_binomial_equals_numpy(seed, np_):
    n, p = np_
    (a,), (b,) = _twins(seed)
    want = a.binomial(n, p)
    got = binomial(b, n, p)
    assert np.array_equal(got, want) and got.dtype == np.int64 and got.shape == want.shape
    assert _state(a) == _state(b)
    assert np.array_equal(a.random(3), b.random(3))


@SETTINGS
@given(seeds, arrays(max_len=16), probs)
def test_binomial_with_one_p(seed, np_, p):
    n, _ = np_
    (a,), (b,) = _twins(seed)
    assert np.array_equal(binomial(b, n, p), a.binomial(n, p))
    assert _state(a) == _state(b)


# --- binomial_many and binomial_flat ----------------------------------------------------------

@SETTINGS
@given(seeds, st.lists(arrays(max_len=40), min_size=1, max_size=12))
def test_binomial_many_equals_numpy(seed, games):
    ns = [n for n, _ in games]
    ps = [p for _, p in games]
    ref, gens = _twins(seed, len(games))
    _check_many(ref, gens, ns, ps, binomial_many(gens, ns, ps))


@SETTINGS
@given(seeds, st.lists(st.lists(st.integers(0, 30), max_size=40), min_size=1, max_size=12),
       st.sampled_from([0.45, 0.3, 1.0, 0.0, 0.9]))
def test_binomial_many_with_one_p(seed, games, p):
    ns = [np.array(g, dtype=np.int64) for g in games]
    ref, gens = _twins(seed, len(ns))
    _check_many(ref, gens, ns, p, binomial_many(gens, ns, p))


@SETTINGS
@given(seeds, st.lists(st.integers(0, 40), min_size=1, max_size=20), st.data())
def test_binomial_flat_in_game_sized_calls(seed, sizes, data):
    """The game's calls: a few elements per game, n mostly 0-20, p 0.01-0.5."""
    M = sum(sizes)
    n = np.array(data.draw(st.lists(st.integers(0, 20), min_size=M, max_size=M)), np.int64)
    p = np.array(data.draw(st.lists(st.floats(0.01, 0.5), min_size=M, max_size=M)))
    bounds = [0, *np.cumsum(sizes).tolist()]
    ref, gens = _twins(seed, len(sizes))
    got = binomial_flat(gens, n, p, bounds)
    _check_many(ref, gens, [n[a:b] for a, b in pairwise(bounds)],
                [p[a:b] for a, b in pairwise(bounds)], [got[a:b] for a, b in pairwise(bounds)])


def test_binomial_many_many_games_many_elements():
    rs = np.random.default_rng(5)
    ns = [rs.integers(0, 21, int(rs.integers(0, 31))) for _ in range(100)]
    ps = [rs.uniform(0.0, 1.0, x.size) ** 2 for x in ns]
    ref, gens = _twins(77, 100)
    _check_many(ref, gens, ns, ps, binomial_many(gens, ns, ps))


def test_empty_and_odd_arguments():
    ref, gens = _twins(3, 3)
    e = np.zeros(0, dtype=np.int64)
    ns = [e, np.array([4, 0, 3]), e]
    ps = [np.zeros(0), np.array([0.2, 0.7, 0.0]), np.zeros(0)]
    _check_many(ref, gens, ns, ps, binomial_many(gens, ns, ps))
    assert binomial_many([], [], []) == []
    # not flat arrays: numpy draws, game by game, still the same
    ns2 = [np.array([[3, 4], [5, 6]]), np.array([7])]
    ps2 = [0.3, np.array([0.2])]
    ref, gens = _twins(4, 2)
    got = binomial_many(gens, ns2, ps2)
    for r, g, n, p in zip(ref, got, ns2, ps2):
        assert np.array_equal(g, r.binomial(n, p))
    assert [_state(g) for g in gens] == [_state(g) for g in ref]
    # binomial_flat: bounds as an array, one p for all, and bounds that do not fit
    n = np.array([3, 0, 5, 7, 2, 9, 4])
    ref, gens = _twins(5, 3)
    got = binomial_flat(gens, n, 0.35, np.array([0, 2, 2, 7]))
    _check_many(ref, gens, [n[:2], n[2:2], n[2:]], 0.35, [got[:2], got[2:2], got[2:]])
    with pytest.raises(ValueError):
        binomial_flat(gens, n, 0.35, [0, 2, 6])
    # a scalar call and other generators
    (a,), (b,) = _twins(9)
    assert int(binomial(b, 12, 0.4)) == a.binomial(12, 0.4) and _state(a) == _state(b)
    mt_a, mt_b = (np.random.Generator(np.random.MT19937(1)) for _ in range(2))
    n = np.arange(8)
    assert np.array_equal(binomial_many([mt_b], [n], [np.full(8, 0.3)])[0],
                          mt_a.binomial(n, np.full(8, 0.3)))


@pytest.mark.parametrize("bad", [(-1, 0.5), (3, -0.1), (3, 1.5), (3, float("nan"))])
def test_invalid_arguments_raise_as_numpy_does(bad):
    n_bad, p_bad = bad
    ns = [np.array([5, 6, 7, 8]), np.array([5, n_bad, 7, 8]), np.array([1, 2, 3, 4])]
    ps = [np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.1, p_bad, 0.3, 0.4]),
          np.array([0.1, 0.2, 0.3, 0.4])]
    ref, gens = _twins(11, 3)
    with pytest.raises(ValueError) as want:
        [r.binomial(n, p) for r, n, p in zip(ref, ns, ps)]
    with pytest.raises(ValueError) as got:
        binomial_many(gens, ns, ps)
    assert str(got.value) == str(want.value)
    assert [_state(g) for g in gens] == [_state(g) for g in ref]
    (a,), (b,) = _twins(12)
    with pytest.raises(ValueError):
        binomial(b, ns[1], ps[1])
    assert _state(a) == _state(b)


# --- the rare paths: restarts, comparisons closer than the tolerance ----------------------------

_M64 = (1 << 64) - 1


def _set_output(gen, k: int, out64: int) -> None:
    """Make the k-th next 64-bit output of gen's PCG64 (k >= 1) equal out64: PCG64 steps its
    state s -> s * MULT + inc and outputs rotr64(hi ^ lo, hi >> 58) of the new state."""
    st_ = gen.bit_generator.state
    hi = (st_["state"]["state"] >> 64) & _M64
    rot = hi >> 58
    x = ((out64 << rot) | (out64 >> (64 - rot))) & _M64 if rot else out64
    s = (hi << 64) | (hi ^ x)
    inc = st_["state"]["inc"]
    for _ in range(k):
        s = ((s - inc) * fastrng._PCG_MULT_INV) & fastrng._M128
    st_["state"]["state"] = s
    gen.bit_generator.state = st_


def _uniform_bits(u: float) -> int:
    """The 64-bit output whose next_double is u (u a multiple of 2**-53 in [0, 1))."""
    m = int(u * 2**53)
    assert m * 2.0**-53 == u
    return m << 11


def test_set_output_helper():
    g = turn_rng(1, 1, "resolve")
    _set_output(g, 3, _uniform_bits(0.75))
    assert g.random(4)[2] == 0.75


def _game(n, p, k, u):
    """Arrays of a game whose k-th element draws with uniform u (the elements before it all
    draw once: n > 0, 0 < p, n p <= 30)."""
    return np.array(n, dtype=np.int64), np.array(p, dtype=np.float64), k, u


def _run_crafted(games, *, has_uint32=False):
    """binomial_many and numpy on generators whose chosen draws are crafted."""
    ref, gens = _twins(99, len(games))
    for gs in (ref, gens):
        for g, (_n, _p, k, u) in zip(gs, games):
            if k is not None:
                _set_output(g, k + 1, _uniform_bits(u))
            if has_uint32:
                s = g.bit_generator.state
                s["has_uint32"], s["uinteger"] = 1, 123456789
                g.bit_generator.state = s
    ns = [g[0] for g in games]
    ps = [g[1] for g in games]
    _check_many(ref, gens, ns, ps, binomial_many(gens, ns, ps))


RESTART = (1 - 2**-53)  # n = 1000, p = 0.001: X would pass its bound 15: a restart


@pytest.mark.parametrize("has_uint32", [False, True])
def test_restart_mid_game(has_uint32):
    """A restart takes back the uniforms after it (in its own game only) and numpy draws on;
    a BTPE element (n p > 30) comes after it in one game."""
    filler = [3, 5, 2, 8, 1, 4]
    fp = [0.2, 0.1, 0.4, 0.05, 0.3, 0.25]
    games = [
        _game(filler, fp, None, None),
        _game([*filler[:2], 1000, *filler[2:]], [*fp[:2], 0.001, *fp[2:]], 2, RESTART),
        _game([1000, *filler, 500], [0.999, *fp, 0.4], 0, RESTART),  # mirrored, then BTPE
        _game([*filler, 1000], [*fp, 0.001], 6, RESTART),  # the game's last element
        _game(filler, fp, None, None),
    ]
    _run_crafted(games, has_uint32=has_uint32)


def test_huge_n_tiny_p():
    """n p small with n far beyond 2**32: px_0 = (1 - p)**n needs numpy's own formula."""
    ns = [np.array([5 * 10**10, 10**12, 3, 2**62, 7]) for _ in range(6)]
    ps = [np.array([5e-17, 1e-12, 0.2, 1e-18, 0.4]) for _ in range(6)]
    for seed in range(20):
        ref, gens = _twins(1000 * seed, 6)
        _check_many(ref, gens, ns, ps, binomial_many(gens, ns, ps))


def test_btpe_elements_between_inversions():
    filler = [3, 5, 2, 8, 1, 4]
    fp = [0.2, 0.1, 0.4, 0.05, 0.3, 0.25]
    games = [_game([*filler, 200, 300, 0, 5, 700, *filler], [*fp, 0.3, 0.5, 0.4, 0.0, 0.8, *fp],
                   None, None),
             _game(filler, fp, None, None),
             _game([100, 6, 7], [0.6, 0.2, 0.9], None, None)]
    _run_crafted(games)


def _qn_libm(n: int, r: float) -> float:
    """C's px_0 (numpy >= 2.4: exp(n log1p(-r)), before: exp(n log(1 - r)))."""
    return math.exp(n * (math.log1p(-r) if fastrng._LOG1P else math.log(1.0 - r)))


def _qn_numpy(n: int, r: float) -> float:
    """px_0 as the vectorised path computes it (numpy's SIMD exp and log1p/log)."""
    a = np.array([r])
    return float(np.exp(n * (np.log1p(-a) if fastrng._LOG1P else np.log(1.0 - a)))[0])


def _c_inversion(n: int, r: float, steps: int):
    """C's px_0, px_1, ...: U passes step x iff U_x > px_x, U_x = U - px_0 - ... - px_(x-1)."""
    q = 1.0 - r
    px = _qn_libm(n, r)
    out = [px]
    for x in range(1, steps):
        px = ((n - x + 1) * r * px) / (x * q)
        out.append(px)
    return out


def _near(v: float, k: int = 3):
    """Multiples of 2**-53 (what next_double gives) around v."""
    m = math.floor(v * 2**53)
    return [(m + d) * 2.0**-53 for d in range(-k, k + 2) if 0 <= m + d < 2**53]


def test_comparisons_at_the_edge():
    """Uniforms on and around the thresholds of the first comparisons, where numpy's exp and
    log differ from libm's: the close comparisons are recomputed exactly."""
    rs = np.random.default_rng(3)
    cases = []
    while len(cases) < 12:  # (n, r) where numpy's exp/log1p and libm's give different px_0
        n = int(rs.integers(1, 40))
        r = float(rs.uniform(0.01, min(0.5, 30 / n)))
        if _qn_numpy(n, r) != _qn_libm(n, r):
            cases.append((n, r))
    cases += [(2, 0.5), (4, 0.5), (1, 0.25), (8, 0.125)]  # exact binary thresholds
    filler = [3, 5, 2, 8, 1, 4, 6, 2]
    fp = [0.2, 0.1, 0.4, 0.05, 0.3, 0.25, 0.15, 0.35]
    games = []
    for n, r in cases:
        px = _c_inversion(n, r, 3)
        for t in (px[0], px[0] + px[1], px[0] + px[1] + px[2]):
            for u in _near(t):
                k = len(games) % len(filler)
                games.append(_game([*filler[:k], n, *filler[k:]], [*fp[:k], r, *fp[k:]], k, u))
    for i in range(0, len(games), 40):
        _run_crafted(games[i:i + 40])


@settings(max_examples=examples(200, 5000), deadline=None)
@given(st.integers(1, 10**6), st.floats(1e-9, 0.5), st.floats(0.0, 1.0))
def test_vectorised_comparisons_within_tolerance(n, r, u):
    """The vectorised recurrence stays within 1e-11 of C's: far inside _TOL (1e-9)."""
    if n * r > 30:
        r = 30 / n
    px = _c_inversion(n, r, 40)
    q = 1.0 - r
    p0 = _qn_numpy(n, r)
    s, a = r / q, (n + 1.0) * (r / q)
    uk, pk, dk = u, p0, u - p0
    for x in range(40):
        if x:
            uk -= px[x - 1]
            pk *= (a / x - s)
            dk -= pk
        if x > min(n, n * r + 10 * math.sqrt(n * r * q + 1)):
            break
        assert abs((uk - px[x]) - dk) < 1e-11


# --- turn_rngs --------------------------------------------------------------------------------

STREAMS = ["resolve", "observe", "ai:usa", "ai:cartel_del_sur", "event:hurricane", "", "ü"]


@SETTINGS
@given(st.lists(seeds, min_size=1, max_size=20), st.integers(1, 100), st.sampled_from(STREAMS))
def test_turn_rngs_equal_turn_rng(seed_list, turn, stream):
    want = [turn_rng(s, turn, stream) for s in seed_list]
    got = turn_rngs(seed_list, turn, stream)
    assert [_state(g) for g in got] == [_state(g) for g in want]
    for a, b in zip(want, got):
        assert np.array_equal(a.random(3), b.random(3))
        assert a.integers(1000) == b.integers(1000)


def test_turn_rngs_edge_seeds_and_turns():
    odd = [0, 1, 2**32 - 1, 2**32, 2**63 - 1, 2**64 - 1, -1, -(2**40), 2**64 + 5, 2**70,
           np.int64(12), np.uint64(2**63 + 3)]
    for turn in (0, 1, 24, 2**32 - 1, 2**32, 2**40):
        for stream in ("resolve", "observe"):
            want = [_state(turn_rng(s, turn, stream)) for s in odd]
            assert [_state(g) for g in turn_rngs(odd, turn, stream)] == want, (turn, stream)
    assert np.array_equal(seed_words([5], 3, "x")[0],
                          np.random.SeedSequence([5, 3, fastrng.stream_key("x")])
                          .generate_state(4, np.uint64))
    assert turn_rngs([], 1, "resolve") == []


# --- a real game: the draws resolve makes in caribbean ----------------------------------------

class _Recorder:
    """Wraps a generator; records each call (method, arguments copied, result copied)."""

    def __init__(self, gen, log):
        self._gen, self._log = gen, log

    def __getattr__(self, name):
        attr = getattr(self._gen, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            out = attr(*args, **kwargs)
            self._log.append((name, [np.array(a, copy=True) if isinstance(a, np.ndarray) else a
                                     for a in args], dict(kwargs), np.array(out, copy=True)))
            return out
        return call


def _caribbean_logs():
    """Per turn, per game (real and shadow): the seed, turn and calls of its resolve."""
    from game.core.lockstep import same_arrays, stack
    from game.core.state import TOT_BASELINE, TOT_DELIVERED
    from tests.lockstep.recorded import recorded

    out = []
    for rec in recorded("caribbean", (1, 2, 3)):
        games = []
        for s, o, after, sh, sho, sh_after in zip(rec.states, rec.orders, rec.after,
                                                  rec.shadow_states, rec.shadow_orders,
                                                  rec.shadow_after):
            ct = s.c_tot.copy()
            ct[TOT_BASELINE] = float(sh_after.c_tot[TOT_DELIVERED])
            for state, orders, want in ((s.replace_arrays(c_tot=ct), o, after),
                                        (sh, sho, sh_after)):
                log: list = []
                nxt, _ = resolve(state, orders, _Recorder(
                    turn_rng(state.seed, state.turn, "resolve"), log))
                assert same_arrays(stack([nxt]), stack([want])) == []  # recorded faithfully
                games.append((state.seed, state.turn, log))
        out.append(games)
    return out


def test_caribbean_draws():
    logs = _caribbean_logs()
    calls = 0
    for games in logs:
        # one game at a time, as resolve draws
        for seed, turn, log in games:
            gen = turn_rng(seed, turn, "resolve")
            for name, args, kwargs, want in log:
                if name == "binomial":
                    got = binomial(gen, *args, **kwargs)
                    calls += 1
                else:
                    got = getattr(gen, name)(*args, **kwargs)
                assert np.array_equal(got, want)
        # all games at once, as the lockstep engine draws: call after call
        gens = [turn_rng(seed, turn, "resolve") for seed, turn, _ in games]
        for j in range(max(len(log) for _, _, log in games)):
            at = [g for g, (_, _, log) in enumerate(games) if j < len(log)]
            bino = [g for g in at if games[g][2][j][0] == "binomial"]
            got = binomial_many([gens[g] for g in bino],
                                [games[g][2][j][1][0] for g in bino],
                                [games[g][2][j][1][1] for g in bino]) if bino else []
            for g, x in zip(bino, got):
                assert np.array_equal(x, games[g][2][j][3])
            for g in at:
                name, args, kwargs, want = games[g][2][j]
                if name != "binomial":
                    assert np.array_equal(getattr(gens[g], name)(*args, **kwargs), want)
        for gen, (seed, turn, log) in zip(gens, games):
            ref = turn_rng(seed, turn, "resolve")
            for name, args, kwargs, _ in log:
                getattr(ref, name)(*args, **kwargs)
            assert _state(gen) == _state(ref)
    assert calls > 500

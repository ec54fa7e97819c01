"""Cheaper random draws that give exactly numpy's bits.

The lockstep engine plays many games at once, each with its own generators (game/core/rng.py),
and must draw exactly what the single game draws. Here:

- `binomial_many(gens, ns, ps)` / `binomial_flat(gens, n, p, bounds)`: for every game g,
  `gens[g].binomial(n_g, p_g)`: the same numbers and the same generator states afterwards,
  from one `random` call per game and numpy's inversion algorithm run once over every
  element of every game;
- `binomial(gen, n, p)`: the same for one game; small arrays go through numpy's scalar
  calls, which draw the same at a tenth of the array call's fixed cost;
- `turn_rngs(seeds, turn, stream)`: the generators `turn_rng` makes, for many seeds at once
  (SeedSequence's hash runs over all seeds in numpy; PCG64 seeds itself from its words).

How `Generator.binomial(n, p)` draws (numpy/random/src/distributions/distributions.c), per
element in order: nothing when n == 0 or p == 0; with r = p (or r = 1 - p when p > 0.5, the
result then being n - X) and n r <= 30 the inversion: one uniform U (`next_double`, what
`Generator.random` returns), X the first x with U_x <= px_x, where U_0 = U,
U_x = U_(x-1) - px_(x-1), px_0 = exp(n log1p(-r)) (numpy < 2.4: exp(n log(1 - r)); which one
is found out at import) and px_x = ((n - x + 1) r px_(x-1)) / (x (1 - r)); when X would pass
min(n, n r + 10 sqrt(n r (1 - r) + 1)) it restarts with a new uniform. n r > 30 uses BTPE
(several uniforms, rejection).

`binomial_flat` draws every game's inversion uniforms with one `random` call per game, then
runs the comparisons vectorised with numpy's exp and log (which may differ from the C
library's in the last bits) and a cheaper recurrence. X only depends on the comparisons, and
every comparison whose two sides are more than `_TOL` (1e-9) apart is decided as in C: the
two computations differ by less than 1e-11. The few elements with a closer comparison or a
long tail are recomputed one by one in Python floats with `math.exp`/`math.log` (the same C
library calls, the same IEEE operations in the same order as C). A restart (X past its
bound, about one draw in 10^14) needs more uniforms than the one it was given: its game's
generator is stepped back (PCG64 is an invertible LCG) to before that element's uniform,
and numpy draws the game's elements from there on. So does it from a game's first BTPE
element on. The fast paths need PCG64 bit generators (what `turn_rng` makes); other
generators are simply handed to numpy.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, pairwise

import numpy as np
from numpy.random.bit_generator import ISeedSequence

from game.core.rng import stream_key, turn_rng

_PCG64 = np.random.PCG64
_Generator = np.random.Generator
_exp, _log, _log1p, _sqrt = math.exp, math.log, math.log1p, math.sqrt

# a comparison decided by the vectorised path must have its sides at least this far apart
_TOL = 1e-9
# live elements at or below this count finish one by one in Python
_TAIL = 6
# the vectorised steps stop here (only a restart needs more: the bound is at most 86)
_KMAX = 100
# single-game calls on at most this many elements make scalar numpy calls
_SMALL = 6
# binomial_flat makes scalar calls when there are at most this many draws a game
_SCALAR = 1

_M128 = (1 << 128) - 1
_PCG_MULT = 0x2360ED051FC65DA44385DF649FCCF645  # PCG_DEFAULT_MULTIPLIER_128
_PCG_MULT_INV = pow(_PCG_MULT, -1, 1 << 128)


# --- the exact element-by-element inversion ------------------------------------------------

def _pcg64_first_output(out64: int) -> np.random.Generator:
    """A generator whose first 64-bit output is out64 (PCG64 steps s -> s * MULT + inc, then
    outputs rotr64(hi ^ lo, hi >> 58) of the new state s = hi:lo)."""
    bg = _PCG64(0)
    st = bg.state
    hi = st["state"]["state"] >> 64
    rot = hi >> 58
    m64 = (1 << 64) - 1
    x = ((out64 << rot) | (out64 >> (64 - rot))) & m64 if rot else out64
    s = (hi << 64) | (hi ^ x)
    st["state"]["state"] = ((s - st["state"]["inc"]) * _PCG_MULT_INV) & _M128
    bg.state = st
    return _Generator(bg)


def _numpy_uses_log1p() -> bool:
    """Whether numpy's inversion computes px_0 as exp(n log1p(-p)) (numpy >= 2.4, gh-29522)
    or as exp(n log(1 - p)). With n = 5e10 and p = 5e-17 the first is 0.9999975 and the
    second 1.0: a uniform of 1 - 2**-53 gives X >= 1 with the first, 0 with the second."""
    gen = _pcg64_first_output((1 << 64) - 1)
    return gen.binomial(5 * 10**10, 5e-17) > 0


_LOG1P = _numpy_uses_log1p()


def _invert_one(n: int, r: float, u: float) -> int:
    """numpy's random_binomial_inversion(n, r) given its first uniform `u`; -1 if it would
    draw another one (a restart). Python ints and floats: the same IEEE operations as C."""
    q = 1.0 - r
    px = _exp(n * (_log1p(-r) if _LOG1P else _log(q)))
    np_ = n * r
    bound = min(n, np_ + 10.0 * _sqrt(np_ * q + 1))  # x > bound  <=>  x > (int64)bound
    x = 0
    while u > px:
        x += 1
        if x > bound:
            return -1
        u -= px
        px = ((n - x + 1) * r * px) / (x * q)
    return x


def _rewind(gen, steps: int) -> None:
    """Step a PCG64 generator back by `steps` 64-bit outputs (its 32-bit buffer untouched)."""
    if steps <= 0:
        return
    bg = gen.bit_generator
    st = bg.state
    s, inc = st["state"]["state"], st["state"]["inc"]
    for _ in range(steps):
        s = ((s - inc) * _PCG_MULT_INV) & _M128
    st["state"]["state"] = s
    bg.state = st


def _scalar_draws(gen, nl: list, pl: list) -> list:
    """gen.binomial(nl, pl) for valid lists, by numpy's scalar calls (the same draws)."""
    draw = gen.binomial
    return [draw(a, b) if a and b else 0 for a, b in zip(nl, pl)]


# --- the vectorised inversion ----------------------------------------------------------------

def _invert(n: np.ndarray, r: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, list]:
    """The inversion for many elements, each given its first uniform: (x, redo), redo the
    positions whose x must come from `_invert_one` instead (a comparison closer than _TOL,
    a restart, or the long tail). n int64, 0 <= r <= 0.5, n * r <= 30.

    Not numpy's arithmetic, but within 1e-11 of it: px_0 = exp(n log1p(-r)) with numpy's
    exp and log1p (a few ULP from libm's), px_k = px_(k-1) (a / k - s) with s = r / (1 - r)
    and a = (n + 1) s, and d_k = d_(k-1) - px_k, d_0 = u - px_0, for C's U_k - px_k."""
    M = n.size
    q = 1.0 - r
    p0 = np.exp(n * (np.log1p(-r) if _LOG1P else np.log(q)))
    d = u - p0
    idx = (d > 0.0).nonzero()[0]
    passed = [idx]  # the elements with x >= k, for k = 1, 2, ...
    seen = [d]  # every comparison made, and for k >= 1 its elements
    seen_i = []
    if idx.size > _TAIL:
        s = r[idx] / q[idx]
        a = (n[idx] + 1.0) * s
        pk = p0[idx]
        dk = d[idx]
        k = 0.0
        while k < _KMAX:  # (only a restart goes on so long)
            k += 1.0
            f = a / k
            f -= s
            pk *= f
            dk = dk - pk
            seen.append(dk)
            seen_i.append(idx)
            sel = (dk > 0.0).nonzero()[0]
            if sel.size < idx.size:
                idx = idx[sel]
                if sel.size <= _TAIL:
                    break
                a, s, pk, dk = a[sel], s[sel], pk[sel], dk[sel]
            passed.append(idx)
    x = np.bincount(np.concatenate(passed), minlength=M)
    redo = [idx]  # the tail
    # a restart: x passed min(n, np + 10 sqrt(npq + 1)), which is at least min(n, 10)
    cand = (x > np.minimum(n, 10)).nonzero()[0]
    if cand.size:
        nc, rc = n[cand], r[cand]
        npc = nc * rc
        bound = np.minimum(nc, npc + 10.0 * np.sqrt(npc * q[cand] + 1.0))
        redo.append(cand[x[cand] > bound])
    dd = np.concatenate(seen) if len(seen) > 1 else d
    close = np.abs(dd) <= _TOL
    if close.any():
        ii = np.concatenate([np.arange(M), *seen_i])
        redo.append(ii[close])
    redo = np.concatenate(redo) if len(redo) > 1 else redo[0]
    return x, sorted(set(redo.tolist()))


# --- public draws ----------------------------------------------------------------------------

def binomial(gen: np.random.Generator, n, p) -> np.ndarray:
    """Exactly `gen.binomial(n, p)` (the numbers and `gen`'s state afterwards), as an int64
    array of the broadcast shape of n and p (numpy returns a Python int for two scalars).

    numpy's array call costs about 5 µs whatever its size (it checks its arguments with
    several numpy calls); its scalar call costs 0.4 µs and draws the same (the same C
    function on the same generator, element after element). So a 1-D int n (p an array of
    its shape, or a float) of at most _SMALL elements is drawn with scalar calls (for the
    elements with n != 0 and p != 0), after checking every element as the array call does."""
    if type(n) is not np.ndarray or n.ndim != 1 or n.size > _SMALL or n.dtype.kind != "i":
        return np.asarray(gen.binomial(n, p))
    m = n.size
    if type(p) is np.ndarray and p.shape == n.shape and p.dtype.kind == "f":
        pl = p.tolist()
    elif isinstance(p, float):
        pl = [float(p)] * m
    else:
        return np.asarray(gen.binomial(n, p))
    nl = n.tolist()
    if m and (min(nl) < 0 or not all(0.0 <= x <= 1.0 for x in pl)):
        return np.asarray(gen.binomial(n, p))  # numpy says what is wrong
    return np.array(_scalar_draws(gen, nl, pl), dtype=np.int64)


def binomial_many(gens: Sequence[np.random.Generator], ns: Sequence, ps) -> list[np.ndarray]:
    """`[np.asarray(g.binomial(n, p)) for g, n, p in zip(gens, ns, ps)]` in one go, each
    game with its own generator and arrays; `ps` may also be one float for every element of
    every game. Fast for 1-D int n and float p arrays of equal lengths (else numpy draws)."""
    G = len(gens)
    if G == 0:
        return []
    shared = isinstance(ps, (float, int, np.floating, np.integer))
    try:
        lens = list(map(len, ns))
        nf = np.concatenate(ns)
        if shared:
            pf = float(ps)
        else:
            try:
                same = lens == list(map(len, ps))
            except TypeError:  # some games' p is one number
                same = False
            if same:
                pf = np.concatenate(ps)
            else:
                try:
                    per_game = np.array(ps, dtype=np.float64)
                except ValueError:  # arrays of several lengths
                    per_game = None
                if per_game is not None and per_game.shape == (G,):  # one number a game
                    pf = np.repeat(per_game, lens)
                else:
                    parts = [np.asarray(p, dtype=np.float64) for p in ps]
                    if any(a.shape != (m,) and a.ndim for a, m in zip(parts, lens)):
                        raise ValueError
                    pf = np.concatenate([a if a.ndim else np.full(m, a)
                                         for a, m in zip(parts, lens)])
        if nf.ndim != 1 or nf.dtype.kind != "i" or np.ndim(pf) > 1:
            raise ValueError
    except (TypeError, ValueError):  # not 1-D int arrays: numpy draws, game by game
        if shared:
            ps = [ps] * G
        return [np.asarray(g.binomial(n, p)) for g, n, p in zip(gens, ns, ps)]
    bounds = [0, *accumulate(lens)]
    out = binomial_flat(gens, nf, pf, bounds)
    return [out[a:b] for a, b in pairwise(bounds)]


def binomial_flat(gens: Sequence[np.random.Generator], n: np.ndarray, p,
                  bounds: Sequence[int]) -> np.ndarray:
    """The draws of `binomial_many` with every game's elements in one flat array: game g's
    are n[bounds[g]:bounds[g + 1]] (and p's, or p is one float), len(bounds) == G + 1.
    Returns the flat int64 results. Equal to gens[g].binomial on each game's slice in turn
    (an invalid n or p raises numpy's error at the first game that has one)."""
    G = len(gens)
    bounds = bounds if type(bounds) is list else [int(b) for b in bounds]
    n = np.asarray(n)
    pf = np.asarray(p, dtype=np.float64)
    if pf.ndim == 0:
        pf = np.full(n.shape, pf)
    M = n.size
    if n.ndim != 1 or pf.shape != n.shape or len(bounds) != G + 1 or bounds[0] != 0 \
            or bounds[-1] != M:
        raise ValueError("binomial_flat: n and p flat, of one size, bounds 0 .. n.size")
    if n.dtype.kind != "i" or {type(g.bit_generator) for g in gens} - {_PCG64}:
        return _numpy_flat(gens, n, pf, bounds)
    nf = n.astype(np.int64, copy=False)
    if M == 0:
        return np.zeros(0, dtype=np.int64)
    mirror = pf > 0.5
    r = np.where(mirror, 1.0 - pf, pf)
    if not np.minimum(r, nf).min() >= 0.0:  # r < 0 or NaN: p outside [0, 1]; or n < 0
        return _numpy_flat(gens, n, pf, bounds)
    fi = (nf * pf).nonzero()[0]  # the elements that draw: n != 0 and p != 0 (n p >= p > 0)
    A = fi.size
    out = np.zeros(M, dtype=np.int64)
    if not A:
        return out
    # starts[g]: game g's first element that draws, among fi
    starts = bounds if A == M else [0, A] if G == 1 else np.searchsorted(fi, bounds).tolist()
    if A <= _SCALAR * G:  # few draws a game: numpy's scalar calls are cheaper (see binomial)
        nl, pl = nf[fi].tolist(), pf[fi].tolist()
        res = []
        for g, (a, b) in zip(gens, pairwise(starts)):
            if b > a:
                draw = g.binomial
                res += [draw(nl[k], pl[k]) for k in range(a, b)]
        out[fi] = res
        return out
    rn = r * nf
    cut = None
    if rn.max() > 30.0:  # each game draws here only up to its first BTPE element
        btpe = rn > 30.0
        game = np.repeat(np.arange(G), np.diff(bounds))
        first = np.full(G, M, dtype=np.int64)
        np.minimum.at(first, game[btpe], btpe.nonzero()[0])
        fi = fi[fi < first[game[fi]]]
        cut = first.tolist()
        A = fi.size
        starts = [0, A] if G == 1 else np.searchsorted(fi, bounds).tolist()
    if A:
        u = np.empty(A)
        for g, (a, b) in zip(gens, pairwise(starts)):
            if b > a:
                g.random(out=u[a:b])
        na, ra = nf[fi], r[fi]
        x, redo = _invert(na, ra, u)
        fix = {}  # game -> (active element of its first restart, uniforms drawn after it)
        for k in redo:
            v = _invert_one(int(na[k]), float(ra[k]), float(u[k]))
            if v >= 0:
                x[k] = v
                continue
            g = bisect_right(starts, k) - 1  # starts[g] <= k < starts[g + 1]
            if g not in fix or fix[g][0] > k:
                fix[g] = (k, starts[g + 1] - k)
        mf = mirror[fi]
        out[fi] = np.where(mf, na - x, x) if mf.any() else x
        for g, (k, drawn) in fix.items():
            # a restart at active element k of game g: take back the uniforms drawn from
            # k's on, and let numpy draw the game's elements from k's on
            _rewind(gens[g], drawn)
            e, end = int(fi[k]), bounds[g + 1]
            out[e:end] = _scalar_draws(gens[g], nf[e:end].tolist(), pf[e:end].tolist())
            if cut is not None:
                cut[g] = M
    if cut is not None:  # from a game's first BTPE element on, numpy draws
        for g, c in enumerate(cut):
            if c < M:
                end = bounds[g + 1]
                out[c:end] = _scalar_draws(gens[g], nf[c:end].tolist(), pf[c:end].tolist())
    return out


def _numpy_flat(gens, n, p, bounds) -> np.ndarray:
    """binomial_flat's draws made by numpy, game by game."""
    parts = [np.asarray(g.binomial(n[a:b], p[a:b])) for g, (a, b) in zip(gens, pairwise(bounds))]
    return np.concatenate(parts).astype(np.int64, copy=False) if parts else \
        np.zeros(0, dtype=np.int64)


# --- generators for many seeds -------------------------------------------------------------

_MASK32 = 0xFFFFFFFF
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = np.uint32(0xCA01F9DD), np.uint32(0x4973F715)


def _consts(init: int, mult: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The (xor, multiply) constants of `count` successive hashmix calls: the hash constant
    before and after each call's update."""
    h, xs, ms = init, [], []
    for _ in range(count):
        xs.append(h)
        h = (h * mult) & _MASK32
        ms.append(h)
    return (np.array(xs, dtype=np.uint32)[:, None], np.array(ms, dtype=np.uint32)[:, None])


# SeedSequence.mix_entropy with a 4-word pool and at most 4 entropy words makes 16 hashmix
# calls (4 to fill the pool, 12 to mix it); generate_state(4, uint64) hashes 8 words.
_A_XOR, _A_MUL = _consts(_INIT_A, _MULT_A, 16)
_B_XOR, _B_MUL = _consts(_INIT_B, _MULT_B, 8)
_OTHERS = [[d for d in range(4) if d != s] for s in range(4)]


def _hashmix(v: np.ndarray, lo: int, hi: int, xor: np.ndarray, mul: np.ndarray) -> np.ndarray:
    v = v ^ xor[lo:hi]
    v *= mul[lo:hi]
    v ^= v >> 16
    return v


class SeedWords(ISeedSequence):
    """The four 64-bit words a SeedSequence would give PCG64 (`generate_state(4, uint64)`),
    already computed: PCG64 seeds itself from them exactly as from the SeedSequence."""

    __slots__ = ("words",)

    def __init__(self, words: np.ndarray) -> None:
        self.words = words

    def generate_state(self, n_words, dtype=np.uint32):
        if n_words != 4 or np.dtype(dtype) != np.uint64:
            raise ValueError("SeedWords only seeds PCG64")
        return self.words


def seed_words(seeds: Sequence[int], turn: int, stream: str) -> np.ndarray:
    """(G, 4) uint64: `SeedSequence([seed & (2**64 - 1), turn, stream_key(stream)])
    .generate_state(4, np.uint64)` for every seed, computed for all seeds at once.
    turn must be in [0, 2**32)."""
    s = np.array([int(x) & 0xFFFFFFFFFFFFFFFF for x in seeds], dtype=np.uint64)
    lo = (s & np.uint64(_MASK32)).astype(np.uint32)
    hi = (s >> np.uint64(32)).astype(np.uint32)
    big = hi != 0  # a seed of 2**32 or more is two entropy words
    t = np.uint32(turn)
    key = np.uint32(stream_key(stream))
    zero = np.uint32(0)
    # entropy words: [lo, turn, key] (+ a 0, the hash of an absent word) or [lo, hi, turn, key]
    ent = np.empty((4, s.size), dtype=np.uint32)
    ent[0] = lo
    ent[1] = np.where(big, hi, t)
    ent[2] = np.where(big, t, key)
    ent[3] = np.where(big, key, zero)
    pool = _hashmix(ent, 0, 4, _A_XOR, _A_MUL)
    c = 4
    for src in range(4):
        dst = _OTHERS[src]
        h = _hashmix(pool[src][None, :], c, c + 3, _A_XOR, _A_MUL)
        c += 3
        v = _MIX_L * pool[dst] - _MIX_R * h
        v ^= v >> 16
        pool[dst] = v
    words = _hashmix(pool[[0, 1, 2, 3, 0, 1, 2, 3]], 0, 8, _B_XOR, _B_MUL)
    w = words.astype(np.uint64)
    out = w[0::2] | (w[1::2] << np.uint64(32))  # little-endian pairs
    return np.ascontiguousarray(out.T)


def turn_rngs(seeds: Sequence[int], turn: int, stream: str) -> list[np.random.Generator]:
    """`[turn_rng(s, turn, stream) for s in seeds]`: the same generators (same PCG64 state,
    so the same draws), made for all seeds at once. Their `bit_generator.seed_seq` is a
    `SeedWords`, not a SeedSequence (nothing in the game spawns from it)."""
    turn = int(turn)
    if not 0 <= turn <= _MASK32:
        return [turn_rng(s, turn, stream) for s in seeds]
    if not len(seeds):
        return []
    return [_Generator(_PCG64(SeedWords(w))) for w in seed_words(seeds, turn, stream)]

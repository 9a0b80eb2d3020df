#!/usr/bin/env python3
"""Reference values for the anytime-valid confidence sequences (docs/canary.md, "Anytime-valid judges"), written
from the papers with nothing but Python's standard library; ConfidenceSequenceTests.cs pins what this prints.

Two arms with means m1, m2, one observation's variances v1, v2 and counts n1, n2. The estimate m1 - m2 has variance
V = v1/n1 + v2/n2 and information I = 1/V. Robbins' one-sided normal mixture (Howard, Ramdas, McAuliffe, Sekhon
2021), in information time: the mixture martingale of S = ((m1 - m2) - theta) I is
    M(s) = sqrt(4 rho / (I + rho)) exp(s^2 / (2 (I + rho))) Phi(s / sqrt(I + rho)),
and with probability at least 1 - alpha it stays below 1 / alpha at every look at once (Ville), so
(m1 - m2) - theta <= s* / I, where M(s*) = 1 / alpha; the same holds below. Each bound is one-sided at alpha.
rho = 250 / (v1 + v2), the information of two arms of 250 observations (where the boundary is tightest).
Rate arm: mean s/n, variance p~(1 - p~) with p~ = (s + 1) / (n + 2). Log-rate arm: mean ln p~, variance (1 - p~) / p~.

Percentile q of one arm's n sorted values x(1) <= ... <= x(n), at level p = q / 100 (Howard and Ramdas 2022): each
value falls strictly below the true percentile with probability at most p, so the count k of such values is bounded by
Robbins' one-sided beta-binomial mixture (Howard et al. 2021, the sub-Bernoulli mixture; confseq's BetaBinomialMixture
with g = p, h = 1 - p, is_one_sided): with s = k - n p and v = p (1 - p) n,
    ln M = (v / (g h)) ln(g + h) - ((v + h s) / (h (g + h))) ln g - ((v - g s) / (g (g + h))) ln h
           + ln B_x((r + v - g s) / (g (g + h)), (r + v + h s) / (h (g + h))) - ln B_x(r / (g (g + h)), r / (h (g + h))),
x = h / (g + h), B_x the incomplete beta function, r = 249 p (1 - p) (tightest near 250 values, as rho above). With
probability at least 1 - alpha, M stays below 1 / alpha at every n at once, so fewer than K values lie below the
percentile, K the fewest k whose M reaches 1 / alpha (1e-7 past it in logarithms, MARGIN; found here by counting
up from n p): upper bound x(K) when
K <= n, else +inf. The same with p and 1 - p swapped bounds the values above it: lower bound x(n - K' + 1) when
K' <= n, else -inf. The incomplete beta is summed here as the positive series x^a (1 - x)^b / a * 2F1(a + b, 1; a + 1; x)
(the C# takes a continued fraction: two methods, one answer); it reproduces confseq's own test values
(test/uniform_boundaries_unittest.cpp: ln M(10, 100) = -0.07134019 and the bound 28.41238 for g = 0.2, v_opt = 100).

A rate's promotion bound (rate_increase; RateIncreaseTests.cs pins it): for true rates (p1, p2) the product of arm 1's
mixture on its non-events at 1 - p1 and arm 2's on its events at p2 is a martingale; a change is ruled out when the
least product along its line (p1 = p2 + d, or (1 + d) p2), inside two exact one-arm fences, reaches 1 / alpha. Found
here by a grid and a golden-section search for that least product; the C# floors stretches of the line instead.
"""
import bisect
import functools
import math
import random

TUNED_FOR = 250
MARGIN = 1e-7  # a beta-binomial mixture crosses this far (in logarithms) past 1 / alpha: it only widens a bound


def radius(variance, rho, alpha):
    i = 1 / variance

    def mixture(s):
        phi = 0.5 * math.erfc(-s / math.sqrt(2 * (i + rho)))
        return math.sqrt(4 * rho / (i + rho)) * math.exp(s * s / (2 * (i + rho))) * phi

    # Grow a bracket from one standard deviation of S, then halve it: M rises with s.
    lo, hi = 0.0, math.sqrt(i)
    while mixture(hi) < 1 / alpha:
        lo, hi = hi, 2 * hi
    for _ in range(300):
        mid = (lo + hi) / 2
        if mixture(mid) < 1 / alpha:
            lo = mid
        else:
            hi = mid
    return hi / i


def difference(arm1, arm2, alpha):
    (m1, v1, n1), (m2, v2, n2) = arm1, arm2
    r = radius(v1 / n1 + v2 / n2, TUNED_FOR / (v1 + v2), alpha)
    return (m1 - m2 - r, m1 - m2 + r)


def rate_arm(s, n):
    p = (s + 1) / (n + 2)
    return (s / n, p * (1 - p), n)


def log_rate_arm(s, n):
    p = (s + 1) / (n + 2)
    return (math.log(p), (1 - p) / p, n)


def sample_arm(values):
    m = sum(values) / len(values)
    return (m, max(sum((x - m) ** 2 for x in values) / (len(values) - 1), 1e-6), len(values))


def log_mean_arm(arm):
    m, v, n = arm
    return (math.log(m), v / (m * m), n)


def log_beta(a, b):
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def log_incomplete_beta(a, b, x, complement=True):
    if complement and x > a / (a + b):
        # B_x(a, b) = B(a, b) - B_(1-x)(b, a): the series is summed below the beta's mean, where its terms shrink (once:
        # at the mean itself rounding could send it back and forth).
        whole = log_beta(a, b)
        return whole + math.log(-math.expm1(log_incomplete_beta(b, a, 1 - x, False) - whole))
    total, term, j = 1.0, 1.0, 0
    while True:
        ratio = (a + b + j) / (a + 1 + j) * x
        term *= ratio
        total += term
        j += 1
        if ratio < 1 and term < total * 1e-17:
            break
    return a * math.log(x) + b * math.log1p(-x) - math.log(a) + math.log(total)


def beta_binomial_log_mixture(s, v, r, g, h):
    x = h / (g + h)
    return (v / (g * h) * math.log(g + h) - (v + h * s) / (h * (g + h)) * math.log(g)
            - (v - g * s) / (g * (g + h)) * math.log(h)
            + log_incomplete_beta((r + v - g * s) / (g * (g + h)), (r + v + h * s) / (h * (g + h)), x)
            - log_incomplete_beta(r / (g * (g + h)), r / (h * (g + h)), x))


def first_crossing(n, p, alpha, tuned=TUNED_FOR):
    g, h = p, 1 - p
    r = (tuned - 1) * g * h
    k = math.floor(n * p)
    while k <= n and beta_binomial_log_mixture(k - n * p, g * h * n, r, g, h) < math.log(1 / alpha) + MARGIN:
        k += 1
    return k


def percentile(values, q, alpha, tuned=TUNED_FOR):
    x = sorted(values)
    n = len(x)
    p = q / 100
    below, above = first_crossing(n, p, alpha, tuned), first_crossing(n, 1 - p, alpha, tuned)
    upper = x[below - 1] if below <= n else math.inf
    lower = x[n - above] if above <= n else -math.inf
    return (lower, upper)


def crosses(k, n, p, alpha, tuned=TUNED_FOR):
    g, h = p, 1 - p
    return beta_binomial_log_mixture(k - n * p, g * h * n, (tuned - 1) * g * h, g, h) >= math.log(1 / alpha) + MARGIN


def rate(k, n, alpha, tuned=TUNED_FOR):
    """One arm's rate, each bound one-sided at alpha: the rates whose mixture (on the events for the lower bound, on
    the non-events for the upper) has not crossed, found by halving between a rate ruled out and the observed one."""
    def halve(out, keep, rules):
        for _ in range(200):
            mid = (out + keep) / 2
            if rules(mid):
                out = mid
            else:
                keep = mid
        return out
    observed = k / n
    lower = 0.0 if k == 0 else halve(1e-15, observed, lambda p: crosses(k, n, p, alpha, tuned))
    upper = 1.0 if k == n else halve(1 - 1e-15, observed, lambda p: crosses(n - k, n, 1 - p, alpha, tuned))
    return (lower, upper)


def rate_increase(k1, n1, k2, n2, relative, alpha, fence=0.01, tuned1=TUNED_FOR, tuned2=TUNED_FOR):
    """The least change (p1 - p2, or p1 / p2 - 1) whose every pair of rates on its line, inside the fences (p1 above
    arm 1's exact lower bound, p2 below arm 2's upper bound, each at fence * alpha), has the product of arm 1's mixture
    on its non-events and arm 2's on its events at 1 / ((1 - 2 fence) alpha). Unlike the C#, which floors stretches of
    the line, this finds the least product itself: a grid, then a golden-section search around the grid's least point.
    That estimate lies at or above the true least product, so this change lies at or below the true one: the C#'s bound
    (a floor, so never below the truth) must not be smaller."""
    if n1 == 0 or n2 == 0 or (relative and k2 == 0):
        return math.inf if relative else 1.0
    thr = math.log(1 / (alpha * (1 - 2 * fence))) + MARGIN
    low1 = rate(k1, n1, fence * alpha, tuned1)[0]
    high2 = rate(k2, n2, fence * alpha, tuned2)[1]

    def g(p1):  # evidence that arm 1 lies below p1
        if p1 <= 0:
            return 0.0 if k1 == 0 else -math.inf
        if p1 >= 1:
            return math.inf if k1 < n1 else 0.0
        p1 = min(p1, 0.99)  # nearer 1 the series takes long, and the least lies far below there
        return beta_binomial_log_mixture((n1 - k1) - n1 * (1 - p1), p1 * (1 - p1) * n1, (tuned1 - 1) * p1 * (1 - p1), 1 - p1, p1)

    def h(p2):  # evidence that arm 2 lies above p2; below 1e-4 the series takes long, and the least lies far above there
        p2 = max(p2, 1e-4)
        return beta_binomial_log_mixture(k2 - n2 * p2, p2 * (1 - p2) * n2, (tuned2 - 1) * p2 * (1 - p2), p2, 1 - p2)

    def least(x):
        r = math.exp(x)
        lo = max(0.0, low1 / r if relative else low1 - x)
        hi = min(high2, 1 / r if relative else 1 - x)
        if lo > hi:
            return math.inf
        f = (lambda p2: g(r * p2) + h(p2)) if relative else (lambda p2: g(p2 + x) + h(p2))
        grid = [lo + (hi - lo) * i / 100 for i in range(101)]
        values = [f(p) for p in grid]
        i = min(range(len(grid)), key=lambda j: values[j])
        a, b = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
        best = values[i]
        for _ in range(40):
            c, d = b - 0.6180339887498949 * (b - a), a + 0.6180339887498949 * (b - a)
            fc, fd = f(c), f(d)
            best = min(best, fc, fd)
            if fc < fd:
                b = d
            else:
                a = c
        return best

    p1, p2 = k1 / n1, k2 / n2
    lo = (-40.0 if k1 == 0 else math.log(p1 / p2)) if relative else p1 - p2
    hi = lo + (0.5 if relative else 0.05)
    while least(hi) < thr:
        lo, hi = hi, hi + 2 * (hi - lo)
    for _ in range(32):
        mid = (lo + hi) / 2
        if least(mid) >= thr:
            hi = mid
        else:
            lo = mid
    return math.exp(hi) - 1 if relative else hi


def percentile_increase(first, second, q, relative, alpha, fence=0.01, tuned1=TUNED_FOR, tuned2=TUNED_FOR):
    """The least change (q1 - q2, or q1 / q2 - 1) whose every pair of percentiles with q1 - q2 at least it (inside three
    fences: arm 1's lower bound and arm 2's two bounds, each at fence * alpha) has the product of arm 1's mixture on its
    count of samples below q1 (rate p) and arm 2's on its count above q2 (rate 1 - p) at 1 / ((1 - 3 fence) alpha).
    Arm 1's count only rises with q1, so each q2 is tried with q1 = max(fence, q2 + d); both counts are constant between
    samples, so every sample value in the fences and every midpoint is tried (the C# floors runs of them instead)."""
    x, y = sorted(first), sorted(second)
    p = q / 100
    thr = math.log(1 / (alpha * (1 - 3 * fence))) + MARGIN
    low1 = percentile(x, q, fence * alpha, tuned1)[0]
    low2, high2 = percentile(y, q, fence * alpha, tuned2)
    if relative:
        low2 = max(low2, 0.0)
    g, h = p, 1 - p

    @functools.lru_cache(maxsize=None)
    def below(k):
        return beta_binomial_log_mixture(k - len(x) * p, g * h * len(x), (tuned1 - 1) * g * h, g, h)

    @functools.lru_cache(maxsize=None)
    def above(k):
        return beta_binomial_log_mixture(k - len(y) * h, g * h * len(y), (tuned2 - 1) * g * h, h, g)

    def ruled_out(d):
        r = math.exp(d) if relative else 1.0
        line = (lambda v: r * v) if relative else (lambda v: v + d)
        back = (lambda v: v / r) if relative else (lambda v: v - d)
        marks = sorted({low2, high2} | {v for v in y if low2 <= v <= high2} | {back(v) for v in x if low2 <= back(v) <= high2})
        points = list(marks) + [a if math.isinf(a) else b if math.isinf(b) else (a + b) / 2 for a, b in zip(marks, marks[1:])]
        for t in points:
            k1 = bisect.bisect_left(x, max(low1, line(t)))
            k2 = len(y) - bisect.bisect_right(y, t)
            if below(k1) + above(k2) < thr:
                return False
        return True

    def linear(v):
        rank = (len(v) - 1) * p
        i = math.floor(rank)
        return v[i] + (rank - i) * (v[min(i + 1, len(v) - 1)] - v[i])

    lo = math.log(linear(x) / linear(y)) if relative else linear(x) - linear(y)
    step = 0.25 if relative else 0.25 * max(abs(linear(x)), abs(linear(y)))
    hi = lo + step
    while not ruled_out(hi):
        if hi - lo > 1e9 * step:
            return math.inf
        lo, hi = hi, hi + 2 * (hi - lo)
    for _ in range(50):
        mid = (lo + hi) / 2
        if ruled_out(mid):
            hi = mid
        else:
            lo = mid
    return math.exp(hi) - 1 if relative else hi


def confseq_best_rho_one_sided(v, alpha):
    """confseq's tuning (uniform_boundaries.h: OneSidedNormalMixture::best_rho), to reproduce its test values."""
    alpha = 2 * alpha
    return v / (2 * math.log(1 / alpha) + math.log(1 + 2 * math.log(1 / alpha)))


if __name__ == "__main__":
    for v, rho, alpha in [(0.001, 1000.0, 0.05), (0.25, 2.0, 0.05), (1e-6, 500.0, 0.01), (0.0005, 2000.0, 0.1)]:
        print(f"radius({v}, {rho}, {alpha}) = {radius(v, rho, alpha)!r}")
    for s1, n1, s2, n2, alpha in [(60, 2000, 40, 2000, 0.05), (0, 500, 3, 800, 0.05), (480, 500, 450, 500, 0.1)]:
        print(f"rate difference {s1}/{n1} - {s2}/{n2} at {alpha} = {difference(rate_arm(s1, n1), rate_arm(s2, n2), alpha)!r}")
        print(f"log-rate difference {s1}/{n1} - {s2}/{n2} at {alpha} = {difference(log_rate_arm(s1, n1), log_rate_arm(s2, n2), alpha)!r}")
    rng = random.Random(7)
    a = [round(rng.lognormvariate(5.7, 0.5), 3) for _ in range(40)]
    b = [round(rng.lognormvariate(5.6, 0.5), 3) for _ in range(30)]
    print("a =", a)
    print("b =", b)
    for q, alpha in [(50, 0.05), (95, 0.025), (99, 0.025)]:
        print(f"percentile(a + b, {q}, {alpha}) = {percentile(a + b, q, alpha)!r}")
    rho = confseq_best_rho_one_sided(100, 0.05)
    print(f"confseq one-sided normal mixture: ln M(10, 100) = {0.5 * math.log(4 * rho / (100 + rho)) + 100 / (2 * (100 + rho)) + math.log(0.5 * math.erfc(-10 / math.sqrt(2 * (100 + rho))))!r}, bound(100) = {radius(1 / 100, rho, 0.05) * 100!r} (rho {rho!r})")
    r = max(rho - 0.2 * 0.8, 1e-3 * 0.2 * 0.8)
    print(f"confseq one-sided beta-binomial mixture (g 0.2, h 0.8): ln M(10, 100) = {beta_binomial_log_mixture(10, 100, r, 0.2, 0.8)!r}")
    for n, p, alpha in [(100, 0.95, 0.025), (250, 0.95, 0.025), (2000, 0.99, 0.025), (5000, 0.5, 0.05), (1000000, 0.99, 0.025)]:
        g, h = p, 1 - p
        k = first_crossing(n, p, alpha)
        ln_m = [beta_binomial_log_mixture(j - n * p, g * h * n, (TUNED_FOR - 1) * g * h, g, h) for j in (k - 1, k) if j <= n]
        print(f"first crossing of n = {n}, p = {p}, alpha = {alpha}: {k}; ln M at {k - 1} and {k}: {ln_m!r}")
    for k, n, alpha in [(0, 100, 0.025), (2, 100, 0.025), (20, 1000, 0.025), (5, 5000, 0.025), (100, 5000, 0.05), (2000, 100000, 0.025)]:
        print(f"rate({k}, {n}, {alpha}) = {rate(k, n, alpha)!r}")
    c = [100 + (i * 7919) % 2000 for i in range(2000)]  # 100 .. 2099, shuffled
    for q, alpha in [(50, 0.05), (95, 0.025), (99, 0.025)]:
        print(f"percentile(c, {q}, {alpha}) = {percentile(c, q, alpha)!r} (c: 100 + (i * 7919) % 2000 for i < 2000)")
    print(f"log difference at 0.05 = {difference(sample_arm([math.log(x) for x in a]), sample_arm([math.log(x) for x in b]), 0.05)!r}")
    print(f"log-mean difference (a, b) at 0.05 = {difference(log_mean_arm(sample_arm(a)), log_mean_arm(sample_arm(b)), 0.05)!r}")
    print(f"mean difference (a, b) at 0.05 = {difference(sample_arm(a), sample_arm(b), 0.05)!r}")
    for k1, n1, k2, n2, relative, alpha in [(4, 200, 4, 200, False, 0.05), (4, 200, 4, 200, True, 0.05), (12, 300, 3, 150, False, 0.05),
                                            (0, 120, 6, 240, False, 0.1), (9, 100, 30, 400, True, 0.05), (6, 150, 9, 450, True, 0.1)]:
        print(f"rate_increase({k1}, {n1}, {k2}, {n2}, {relative}, {alpha}) = {rate_increase(k1, n1, k2, n2, relative, alpha)!r}")
    u = [round(100 + (i * 7919) % 1000 / 10, 1) for i in range(400)]  # 100.0 .. 199.9
    v = [round(95 + (i * 104729) % 1000 / 11, 1) for i in range(350)]  # 95.0 .. 185.8
    for q, relative, alpha in [(95, False, 0.05), (95, True, 0.05), (50, False, 0.1), (90, True, 0.05)]:
        print(f"percentile_increase(u, v, {q}, {relative}, {alpha}) = {percentile_increase(u, v, q, relative, alpha)!r}, "
              f"(v, u) = {percentile_increase(v, u, q, relative, alpha)!r} (u: 100 + (i * 7919) % 1000 / 10 for i < 400, "
              f"v: 95 + (i * 104729) % 1000 / 11 for i < 350, each rounded to 0.1)")
    # Arms tuned apart (a threshold's BaselineRatio): the larger arm's beta-binomial mixtures tightest at 250 times the ratio.
    for k, n, alpha, t in [(200, 10000, 0.025, 2500), (3, 400, 0.05, 1000)]:
        print(f"rate({k}, {n}, {alpha}) tuned {t} = {rate(k, n, alpha, t)!r}")
    print(f"percentile(c, 95, 0.025) tuned 2500 = {percentile(c, 95, 0.025, 2500)!r}")
    for k1, n1, k2, n2, relative, alpha, t1, t2 in [(20, 1000, 200, 10000, False, 0.05, 250, 2500), (6, 300, 60, 3000, True, 0.05, 250, 2500),
                                                    (30, 400, 8, 100, False, 0.1, 1000, 250)]:
        print(f"rate_increase({k1}, {n1}, {k2}, {n2}, {relative}, {alpha}) tuned ({t1}, {t2}) = {rate_increase(k1, n1, k2, n2, relative, alpha, tuned1=t1, tuned2=t2)!r}")
    for q, relative, alpha, t1, t2 in [(95, False, 0.05, 250, 2500), (90, True, 0.05, 875, 250)]:
        print(f"percentile_increase(u, v, {q}, {relative}, {alpha}) tuned ({t1}, {t2}) = {percentile_increase(u, v, q, relative, alpha, tuned1=t1, tuned2=t2)!r}")

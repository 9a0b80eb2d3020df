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

Percentile q of one arm's n sorted values x(1) <= ... <= x(n), at level p = q / 100: the share of values at or below the
true percentile is a rate with variance p(1 - p); its radius r is the mixture's with V = p(1 - p) / n and
rho = 250 / (p(1 - p)). Lower bound x(ceil(n (p - r))) when n (p - r) > 0, else -inf; upper bound x(floor(n (p + r)) + 1)
when n (p + r) < n, else +inf (1-based order statistics).
"""
import math
import random

TUNED_FOR = 250


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


def percentile(values, q, alpha):
    x = sorted(values)
    n = len(x)
    p = q / 100
    v = p * (1 - p)
    r = radius(v / n, TUNED_FOR / v, alpha)
    below, above = n * (p - r), n * (p + r)
    lower = x[math.ceil(below) - 1] if below > 0 else -math.inf
    upper = x[math.floor(above)] if above < n else math.inf
    return (lower, upper)


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
    c = [100 + (i * 7919) % 2000 for i in range(2000)]  # 100 .. 2099, shuffled
    for q, alpha in [(50, 0.05), (95, 0.025), (99, 0.025)]:
        print(f"percentile(c, {q}, {alpha}) = {percentile(c, q, alpha)!r} (c: 100 + (i * 7919) % 2000 for i < 2000)")
    print(f"log difference at 0.05 = {difference(sample_arm([math.log(x) for x in a]), sample_arm([math.log(x) for x in b]), 0.05)!r}")
    print(f"log-mean difference (a, b) at 0.05 = {difference(log_mean_arm(sample_arm(a)), log_mean_arm(sample_arm(b)), 0.05)!r}")
    print(f"mean difference (a, b) at 0.05 = {difference(sample_arm(a), sample_arm(b), 0.05)!r}")

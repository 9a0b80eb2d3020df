#!/usr/bin/env python3
"""Reference values for the anytime-valid confidence sequences (docs/canary.md, "Anytime-valid judges"), written
from the papers with nothing but Python's standard library; ConfidenceSequenceTests.cs pins what this prints.

Radius (Howard, Ramdas, McAuliffe, Sekhon 2021; Robbins' normal mixture, two-sided): with probability at least
1 - alpha, for every n at once, |S_n - n mu| <= sqrt((n v + rho) (ln((n v + rho) / rho) + 2 ln(2 / alpha))), where v
is one observation's variance and rho = v * 250 (the boundary is tightest near 250 observations).
Mean: mean +- radius / n. Rate: the mean of 0/1 outcomes with v = p~(1 - p~), p~ = (s + 1) / (n + 2), clipped to [0, 1].
"""
import math

TUNED_FOR = 250


def radius(n, v, alpha):
    rho = v * TUNED_FOR
    return math.sqrt((n * v + rho) * (math.log((n * v + rho) / rho) + 2 * math.log(2 / alpha)))


def mean(m, v, n, alpha):
    r = radius(n, v, alpha) / n
    return (m - r, m + r)


def rate(s, n, alpha):
    shrunk = (s + 1) / (n + 2)
    lo, hi = mean(s / n, shrunk * (1 - shrunk), n, alpha)
    return (max(0.0, lo), min(1.0, hi))


if __name__ == "__main__":
    for n, v, alpha in [(1, 0.25, 0.05), (100, 0.25, 0.05), (1000, 0.25, 0.05), (10000, 0.0196, 0.025), (250, 1.0, 0.1)]:
        print(f"radius({n}, {v}, {alpha}) = {radius(n, v, alpha)!r}")
    for s, n, alpha in [(20, 1000, 0.025), (0, 500, 0.025), (480, 500, 0.025), (200, 5000, 0.025)]:
        print(f"rate({s}, {n}, {alpha}) = {rate(s, n, alpha)!r}")
    print(f"mean(5.7, 0.25, 2000, 0.025) = {mean(5.7, 0.25, 2000, 0.025)!r}")

#!/usr/bin/env python3
"""The beta-binomial mixture's logarithm at billions of trials, to 50 digits (BetaBinomialMixtureTests pins what this
prints): the reference the C# Log is held to, which loses digits to rounding there (terms of about n ln n cancel to a
few units) and must allow for it, never lie above the exact value.

The mixture (docs/canary.md, "Percentiles"; confidence_sequences.py with the series) at success probability p tuned
for 250 trials: r = 249 p (1 - p), priors a0 = r / p, b0 = r / (1 - p), and after k successes in n trials
    ln M = ln B_(1-p)(a0 + n - k, b0 + k) - ln B_(1-p)(a0, b0) - k ln p - (n - k) ln(1 - p).
The incomplete beta's integrand is a narrow peak at billions of trials, so it is integrated here directly, in
logarithms, around its mode (mpmath's quadrature at 50 digits), where the C# takes a continued fraction.
Needs mpmath (Debian's python3-mpmath).
"""
import mpmath as mp

mp.mp.dps = 50


def log_incomplete_beta(a, b, x):
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    log_integrand = lambda t: (a - 1) * mp.log(t) + (b - 1) * mp.log(1 - t)
    mode = (a - 1) / (a + b - 2)
    spread = mp.sqrt(mode * (1 - mode) / (a + b))
    low, high = max(mp.mpf(0), mode - 60 * spread), min(x, mode + 60 * spread)
    top = log_integrand(min(mode, x))
    points = [low] + [t for t in (mode - 5 * spread, mode - spread, mode, mode + spread, mode + 5 * spread) if low < t < high] + [high]
    return top + mp.log(mp.quad(lambda t: mp.exp(log_integrand(t) - top), points))


def log_mixture(k, n, p, tuned_for=250):
    p = mp.mpf(p)
    r = (tuned_for - 1) * p * (1 - p)
    a0, b0 = r / p, r / (1 - p)
    return (log_incomplete_beta(a0 + n - k, b0 + k, 1 - p) - mp.log(mp.betainc(a0, b0, 0, 1 - p))
            - k * mp.log(p) - (n - k) * mp.log(1 - p))


if __name__ == "__main__":
    # Two and four standard deviations above the expected count, where the mixture is near its crossing.
    for n in (10**6, 10**9, 10**11, 10**12):
        for p in ("0.02", "0.5"):
            sd = mp.sqrt(n * mp.mpf(p) * (1 - mp.mpf(p)))
            for z in (2, 4):
                k = int(mp.nint(n * mp.mpf(p) + z * sd))
                print(f"[DataRow({k}L, {n}L, {p}, {mp.nstr(log_mixture(k, n, p), 17)})]")

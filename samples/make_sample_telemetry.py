#!/usr/bin/env python3
"""Writes samples/telemetry.csv: deterministic request telemetry for the quick start.

support-assistant 2.1.0 (candidate) against 2.0.0 (baseline), three slices. The candidate is more
accurate, errs less and stays inside the interactive latency budget, but its time to first token on
interactive traffic has a slow tail: the sample pack's TTFT guardrail (a warning) fails, so
`gate --sample` ends in WARN with exit code 0. Rerun after changing it: python3 samples/make_sample_telemetry.py
"""
import math
import os
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(20261125)
SLICES = [("interactive", 0.5), ("billing", 0.25), ("search", 0.25)]
ROLES = {
    # role: accuracy, error rate, TTFT tail share, cost per request
    "candidate": (0.91, 0.012, 0.03, 0.0040),
    "baseline": (0.86, 0.020, 0.01, 0.0031),
}
LATENCY_MEDIAN = {"interactive": 220.0, "billing": 480.0, "search": 350.0}


def pick_slice():
    x = rng.random()
    for name, share in SLICES:
        if x < share:
            return name
        x -= share
    return SLICES[-1][0]


def boolean(value):
    return "true" if value else "false"


def row(role, i, start):
    accuracy, error_rate, tail, cost = ROLES[role]
    slice_ = pick_slice()
    latency = LATENCY_MEDIAN[slice_] * math.exp(rng.gauss(0, 0.35))
    ttft = 90 * math.exp(rng.gauss(0, 0.25))
    if slice_ == "interactive" and rng.random() < tail:
        ttft += rng.uniform(120, 260)
    input_tokens = rng.randint(200, 1500)
    output_tokens = rng.randint(50, 600)
    labeled = rng.random() < 0.7
    correct = boolean(rng.random() < accuracy) if labeled else ""
    hallucinated = boolean(rng.random() < 0.015) if labeled else ""
    error = boolean(rng.random() < error_rate)
    cost_usd = cost * (input_tokens + 3 * output_tokens) / 1200
    timestamp = (start + timedelta(seconds=i * 2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f"{timestamp},{role},support-assistant,{slice_},{latency:.1f},{ttft:.1f},{input_tokens},{output_tokens},"
            f"{correct},{hallucinated},{error},{cost_usd:.6f},{latency / 1000 * 0.8:.4f}")


def main():
    start = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
    lines = ["timestamp,role,model,slice,latency_ms,ttft_ms,input_tokens,output_tokens,correct,hallucinated,error,cost_usd,gpu_seconds"]
    for i in range(1500):
        lines.append(row("baseline", i, start))
        lines.append(row("candidate", i, start))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "telemetry.csv")
    with open(path, "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

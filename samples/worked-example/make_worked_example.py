#!/usr/bin/env python3
"""Writes the worked example's inputs (docs/standard-pack.md): a document-search service choosing between two
options against the model it serves now. Seeded, so the files are the same on every run.

  large-70b/    scale:  the largest available model — P95 about 3 s, about $20,000 a month, barely more accurate
  ft-13b-rag/   hybrid: a fine-tuned 13B model with a vector database — +15 points, 200 ms, under $500 a month

Both are judged against the current model (baseline rows and results). Traffic: 1.8M queries a month, of which
each telemetry file holds a 400-request sample per role. Evidence is written unsigned; sign it with
`policyengine evidence sign` (the commands are printed) — the committed files are signed.
"""
import csv
import json
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLICES = ["contracts", "hr-policies", "engineering-docs", "finance"]
MONTHLY_QUERIES = 1_800_000
AS_OF = "2026-11-25T12:00:00Z"

BASELINE = dict(p95=900, ttft95=300, monthly_usd=6_000, accuracy=0.70, hallucination=0.05, overconfidence=0.08,
                output_tokens=260, gpu_seconds=0.9, errors=0.006)
OPTIONS = {
    "large-70b": dict(lever="scale", p95=3000, ttft95=900, monthly_usd=20_000, accuracy=0.72, hallucination=0.055,
                      overconfidence=0.18, output_tokens=300, gpu_seconds=2.5, errors=0.008,
                      business=[0.72, 0.68, 0.72, 0.69], business_hallucination=[0.05, 0.06, 0.05, 0.06],
                      business_calibration=[0.17, 0.19, 0.18, 0.18], evidence=["safety-review"]),
    "ft-13b-rag": dict(lever="hybrid", p95=200, ttft95=80, monthly_usd=480, accuracy=0.85, hallucination=0.02,
                       overconfidence=0.02, output_tokens=250, gpu_seconds=0.3, errors=0.004,
                       business=[0.86, 0.84, 0.85, 0.83], business_hallucination=[0.02, 0.02, 0.01, 0.03],
                       business_calibration=[0.03, 0.04, 0.03, 0.04], evidence=["safety-review", "data-provenance"]),
}
BASELINE_BUSINESS = [0.70, 0.68, 0.72, 0.69]
BASELINE_BUSINESS_HALLUCINATION = [0.05, 0.05, 0.04, 0.06]
BASELINE_BUSINESS_CALIBRATION = [0.08, 0.09, 0.07, 0.08]
ISSUERS = {"safety-review": "red-team@contoso.example", "data-provenance": "privacy@contoso.example"}
KEYS = {"safety-review": ("red-team.pem", "red-team-2026"), "data-provenance": ("privacy.pem", "privacy-2026")}


def rows(role, figures, rng, count=400):
    """Requests whose P95 latency and TTFT, cost per query, accuracy and calibration are the figures given."""
    sigma = 0.35
    scale = math.exp(1.645 * sigma)  # P95 of a lognormal with median 1
    cost = figures["monthly_usd"] / MONTHLY_QUERIES
    for i in range(count):
        # The model states a confidence; it is right that often less its overconfidence, so calibration error ≈ the figure.
        confidence = min(1.0, max(0.0, rng.gauss(figures["accuracy"] + figures["overconfidence"], 0.12)))
        correct = rng.random() < confidence - figures["overconfidence"]
        yield {
            "role": role,
            "model": "doc-search",
            "slice": SLICES[i % len(SLICES)],
            "latency_ms": round(figures["p95"] / scale * math.exp(rng.gauss(0, sigma)), 1),
            "ttft_ms": round(figures["ttft95"] / scale * math.exp(rng.gauss(0, sigma)), 1),
            "input_tokens": rng.randint(600, 1400),
            "output_tokens": max(1, int(rng.gauss(figures["output_tokens"], 40))),
            "correct": "true" if correct else "false",
            "hallucinated": "true" if rng.random() < figures["hallucination"] else "false",
            "confidence": round(confidence, 3),
            "error": "true" if rng.random() < figures["errors"] else "false",
            "cost_usd": round(cost * (0.8 + 0.4 * rng.random()), 6),
            "gpu_seconds": round(figures["gpu_seconds"] * (0.8 + 0.4 * rng.random()), 4),
        }


def results(role, business, hallucination, calibration, academic, production, adversarial):
    out = [
        {"role": role, "layer": "academic", "metric": "accuracy", "value": academic, "samples": 2000},
        {"role": role, "layer": "production-offline", "metric": "task_success", "value": production, "samples": 1500},
        {"role": role, "layer": "adversarial", "metric": "accuracy", "value": adversarial, "samples": 600},
        {"role": role, "layer": "business", "metric": "accuracy", "value": round(sum(business) / len(business), 4), "samples": 1600},
    ]
    for s, a, h, c in zip(SLICES, business, hallucination, calibration):
        out += [
            {"role": role, "layer": "business", "slice": s, "metric": "accuracy", "value": a, "samples": 400},
            {"role": role, "layer": "business", "slice": s, "metric": "hallucination_rate", "value": h, "samples": 400},
            {"role": role, "layer": "business", "slice": s, "metric": "calibration_error", "value": c, "samples": 400},
        ]
    return out


def write(name, option, seed):
    folder = HERE / name
    folder.mkdir(exist_ok=True)
    rng = random.Random(seed)
    telemetry = list(rows("candidate", option, rng)) + list(rows("baseline", BASELINE, rng))
    with open(folder / "telemetry.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(telemetry[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(telemetry)
    rollout = {"$schema": "../../../docs/schemas/rollout.schema.json", "model": "doc-search", "version": name,
               "lever": option["lever"], "stage": "full", "asOf": AS_OF}
    (folder / "rollout.json").write_text(json.dumps(rollout, indent=2) + "\n")
    lift = option["accuracy"] - BASELINE["accuracy"]
    report = {"$schema": "../../../docs/schemas/evaluation-report.schema.json", "model": "doc-search", "version": name,
              "results": results("candidate", option["business"], option["business_hallucination"], option["business_calibration"],
                                 round(0.62 + lift, 4), round(0.66 + lift, 4), round(0.58 + lift / 2, 4))
              + results("baseline", BASELINE_BUSINESS, BASELINE_BUSINESS_HALLUCINATION, BASELINE_BUSINESS_CALIBRATION, 0.62, 0.66, 0.58)}
    (folder / "evaluation-report.json").write_text(json.dumps(report, indent=2) + "\n")
    items = [{"kind": kind, "subject": {"model": "doc-search", "version": name}, "issuer": ISSUERS[kind],
              "issuedAt": "2026-11-10T09:00:00Z", "digest": "sha256:" + format(rng.getrandbits(256), "064x")}
             for kind in option["evidence"]]
    (folder / "evidence.json").write_text(json.dumps({"$schema": "../../../docs/schemas/evidence.schema.json", "items": items}, indent=2) + "\n")
    for kind in option["evidence"]:
        key, key_id = KEYS[kind]
        print(f"policyengine evidence sign samples/worked-example/{name}/evidence.json --key samples/keys/{key} --key-id {key_id} --issuer {ISSUERS[kind]}")


if __name__ == "__main__":
    for seed, (name, option) in enumerate(OPTIONS.items(), start=7):
        write(name, option, seed)

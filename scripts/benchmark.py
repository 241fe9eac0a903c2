"""Speed and memory of the engine and pages, as ratios to a trivial view (/healthz).

Run with `make bench`. Targets live here, not in timed tests: a busy CI machine must not fail the
suite. Prints one line per measurement.
"""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netdecide.settings_test")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from options.engine import assess  # noqa: E402
from options.kb import knowledge_base  # noqa: E402
from options.profile import Profile  # noqa: E402

ANSWERS = (
    "site=small_intestine&grade=g2&ki67=5&stage=metastatic&liver_dominant=yes&bone_mets=no"
    "&functional=carcinoid_syndrome&sstr=positive&resectability=unresectable&fitness=good"
    "&progression=progressing&prior=ssa"
)
# Regression guards, as multiples of /healthz measured in the same run (in-process, no network).
# Measured 2026-11-22: results ≈ 175×, API ≈ 15×, compare ≈ 65× (the results page renders all
# twelve options with inline glossary terms; about 35 ms on this machine).
TARGETS = {"/assess/results/": 250, "/api/v1/assessment": 30, "/assess/compare/": 100}


def per_call(fn, repeat: int) -> float:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        samples.append((time.perf_counter() - start) / repeat)
    return statistics.median(samples)


def main() -> int:
    kb = knowledge_base()
    profile = Profile(site="pancreas", grade="g2", stage="metastatic", sstr="positive", progression="progressing")
    engine = per_call(lambda: assess(profile, kb), 500)
    print(f"engine: {engine * 1e6:.0f} µs per assessment")

    tracemalloc.start()
    assess(profile, kb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"engine: {peak / 1024:.0f} KiB peak memory per assessment")

    client = Client()
    baseline = per_call(lambda: client.get("/healthz"), 200)
    print(f"/healthz: {baseline * 1e3:.2f} ms")
    failed = False
    for path, limit in TARGETS.items():
        cost = per_call(lambda path=path: client.get(f"{path}?{ANSWERS}"), 20)
        ratio = cost / baseline
        ok = ratio <= limit
        failed |= not ok
        print(f"{path}: {cost * 1e3:.2f} ms = {ratio:.1f}× /healthz (target ≤ {limit}×) {'ok' if ok else 'OVER'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

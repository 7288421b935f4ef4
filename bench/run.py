"""Run every benchmark, print one table and write it as JSON (``bench/results.json``)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    "latency",
    "fanout",
    "planning",
    "dispatcher_start",
    "startup",
    "qa_latency",
    "qa_accuracy",
)


def main() -> int:
    sys.path.insert(0, str(HERE))
    results = []
    for name in BENCHMARKS:
        outcome = importlib.import_module(name).main()
        results += outcome if isinstance(outcome, list) else [outcome]
    width = max(len(str(r["name"])) for r in results)
    print(f"{'benchmark':<{width}}  {'result':>12}  {'goal':>10}  ratio  pass")
    for r in results:
        value = f"{r['value']} {r['unit']}"
        sense = ">=" if r.get("higher_is_better") else "<"
        goal = f"{sense} {r['goal']} {r['unit']}"
        print(
            f"{r['name']:<{width}}  {value:>12}  {goal:>10}  {r['ratio_to_goal']:>5}  "
            f"{'yes' if r['pass'] else 'NO'}"
        )
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

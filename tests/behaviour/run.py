"""Print the behavioural suite's pass rate per capability (and, with --failures N, failing examples).

    python -m tests.behaviour [--failures N] [--capability NAME] [--seed S] [--floors]
    python -m tests.behaviour --blind [--failures N] [--capability NAME]   (the blind battery, blind.py)
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from .suite import SEED, describe, failures, generate, rates, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", type=int, default=0, metavar="N", help="show N failing cases per capability")
    ap.add_argument("--capability", action="append", default=[], help="run only this capability (repeatable)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--floors", action="store_true", help="also print a FLOORS dict of the measured rates, rounded down")
    ap.add_argument("--blind", action="store_true", help="run the blind battery (blind.py) instead of the suite")
    args = ap.parse_args(argv)

    rate_table, show, seed = rates, describe, args.seed
    if args.blind:
        from . import blind

        rate_table, show = blind.rates, blind.describe
        seed = blind.SEED if args.seed == SEED else args.seed
        all_cases = generate(seed, blind.BLIND_CAPABILITIES)
    else:
        all_cases = generate(seed)
    cases = [c for c in all_cases if not args.capability or c.capability in args.capability]
    if not cases:
        print("no cases (unknown capability?)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    results = run(cases)
    elapsed = time.perf_counter() - t0
    table = rate_table(results)
    print(f"{'capability':<20}{'cases':>7}{'passed':>8}{'rate':>7}")
    for name, (n, ok, rate) in table.items():
        print(f"{name:<20}{n:>7}{ok:>8}{rate:>7.2f}")
    total, passed = sum(v[0] for v in table.values()), sum(v[1] for v in table.values())
    print(f"{'overall':<20}{total:>7}{passed:>8}{passed / total:>7.2f}   ({elapsed:.1f}s, seed {seed})")
    if args.floors:
        print("\nFLOORS: dict[str, float] = {")
        for name, (_, _, rate) in table.items():
            print(f'    "{name}": {math.floor(rate * 100 + 1e-9) / 100:.2f},')
        print("}")
        print(f"OVERALL_FLOOR = {math.floor(passed / total * 100 + 1e-9) / 100:.2f}")
    if args.failures:
        for name in table:
            shown = failures(results, name, args.failures)
            if shown:
                print(f"\n== {name}: {len(shown)} of {table[name][0] - table[name][1]} failures")
                for r in shown:
                    print(show(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())

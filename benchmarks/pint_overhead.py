"""pint's overhead against plain Fraction and integer-cent arithmetic (issue 2 §3).

Applies the e-parcours DAC rate (800 000 € per 300 000 inhabitants) to N bassin populations,
four ways, and prints a table (µs per operation). ``--quick`` runs a small N while developing.

    python benchmarks/pint_overhead.py [--quick]
"""

from __future__ import annotations

import sys
import timeit

from segur_numerique import CENT_HALF_UP, Euro
from segur_numerique.core.units import apply_rate, count, magnitude_in, parse_rate, unit_registry


def main() -> None:
    n = 2_000 if "--quick" in sys.argv else 20_000
    repeat = 3
    populations = [250_000 + 37 * i for i in range(n)]
    dac = parse_rate("800 000 € per 300 000 inhabitants")
    per_inhabitant = magnitude_in(dac, "euro / inhabitant")
    ureg = unit_registry()

    def through_pint() -> None:
        for p in populations:
            apply_rate(dac, count(p, "inhabitant"), CENT_HALF_UP)

    def pint_raw() -> None:
        for p in populations:
            (dac * ureg.Quantity(p, "inhabitant")).to("euro")

    def fraction_then_euro() -> None:
        for p in populations:
            Euro.round(per_inhabitant * p, CENT_HALF_UP)

    def fraction_only() -> None:
        for p in populations:
            per_inhabitant * p

    def integer_cents() -> None:
        num, den = per_inhabitant.numerator * 100, per_inhabitant.denominator
        for p in populations:
            (2 * num * p + den) // (2 * den)

    setup_cost = timeit.timeit(unit_registry.__wrapped__, number=5) / 5
    rows = [
        ("pint registry build (once)", setup_cost * 1e6),
        (
            "parse_rate('800 000 € per 300 000 inhabitants')",
            min(
                timeit.repeat(
                    lambda: parse_rate("800 000 € per 300 000 inhabitants"),
                    number=200,
                    repeat=repeat,
                )
            )
            / 200
            * 1e6,
        ),
    ]
    for name, fn in (
        ("apply_rate via pint → Euro (checked)", through_pint),
        ("pint Quantity × Quantity .to('euro')", pint_raw),
        ("Fraction × int → Euro.round", fraction_then_euro),
        ("Fraction × int (magnitude only)", fraction_only),
        ("integer cents, half up", integer_cents),
    ):
        best = min(timeit.repeat(fn, number=1, repeat=repeat))
        rows.append((name, best / n * 1e6))
    base = rows[4][1]
    print(f"pint overhead, N = {n} operations, best of {repeat}")
    print(f"{'operation':<50} {'µs/op':>10} {'× Fraction→Euro':>16}")
    print("-" * 78)
    for name, us in rows:
        print(f"{name:<50} {us:>10.2f} {us / base:>16.1f}")


if __name__ == "__main__":
    main()

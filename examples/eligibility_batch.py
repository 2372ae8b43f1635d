"""Eligibility of a small population, one by one (with reasons) and as a table (batch).

Uses the ILLUSTRATIVE, NOT OFFICIAL assumption set for the SUN-ES forfaits: the official grid
and degression are unknown (supply them in a parameter file for real results).
"""

from __future__ import annotations

import datetime as dt

import segur_numerique as sn
from segur_numerique.sun_es import forfait


def main() -> None:
    ids = sn.sun_es.prerequisite_checklist().ids
    population = [
        sn.entities.Establishment("750712184", "750100042", "public", ["mco", "dialysis"], 42_000,
                         own_lab=True, operating_theatre=True, sun_es_prerequisites=ids),
        sn.entities.Establishment("130000017", "130000025", "espic", ["ssr"], 3_000,
                         own_imaging=True, sun_es_prerequisites=ids[:3]),
        sn.entities.Establishment("2A0000014", "2A0000022", "clcc", ["mco"], 18_500,
                         own_imaging=True, sun_es_prerequisites=ids),
    ]  # fmt: skip

    print("SUN-ES eligibility, one by one, with reasons")
    for est in population:
        for domain in sn.sun_es.Domain:
            verdict = sn.sun_es.establishment_eligibility(est, domain)
            why = "; ".join(r.text.en for r in verdict.failed) or "all criteria met"
            print(f"  {est.finess_geographique} {domain.value:<28} {verdict.eligible!s:<5} {why}")

    print("\nThe same population as a polars table (batch), with forfaits at stake in window F2")
    print("(ILLUSTRATIVE, NOT OFFICIAL grid)")
    rules = sn.illustrative_assumptions()
    table = sn.sun_es.establishments_table(population, backend="polars")
    out = sn.sun_es.eligibility_table(table, rules=rules, window="F2")
    columns = ["finess_geographique", *(sn.sun_es.forfait_column(d) for d in sn.sun_es.Domain)]
    print(out.select(columns))
    for est, row in zip(population, out.iter_rows(named=True), strict=True):
        if sn.sun_es.establishment_eligibility(est, "volet1.imaging").eligible:
            one = forfait(activity=est.activity_2019, domain="imaging", window="F2", rules=rules)
            assert one.amount.cents == row["forfait_volet1_imaging_cents"]

    shared = sn.funding_scaling.allocate_table(
        out, sn.Euro("100000"), where="eligible_volet1_discharge_documents"
    )
    print("\n100 000 € shared pro rata of 2019 activity among the domain-1 eligible:")
    print(shared.select("finess_geographique", "activity_2019", "allocation_cents"))

    print("\nOther programmes")
    grappe = sn.entities.Grappe(
        "EHPAD du 13", [sn.entities.Esms(f"13{i:07d}", "500") for i in range(16)]
    )
    print("  ESMS numérique:", sn.esms_numerique.grappe_eligibility(grappe).reasons[1].text.en)
    dpi = sn.entities.ReferencedSolution("DPI X", "hopital", "HOP-DPI-VA1", "DSR 1.2",
                                dt.date(2022, 5, 1), True)  # fmt: skip
    order = sn.sons.Order("750100042", "HOP-DPI-VA1", dt.date(2021, 12, 1))
    print("  SONS:", sn.sons.order_eligibility(order, dpi).failed[0].text.en)
    project = sn.e_parcours.Project("DAC Provence", "dac", dt.date(2020, 12, 31))
    print("  e-parcours:", sn.e_parcours.project_eligibility(project).reasons[0].text.en)


if __name__ == "__main__":
    main()

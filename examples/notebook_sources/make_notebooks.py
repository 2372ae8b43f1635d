"""Write the example notebooks from the cells below (run: ``python examples/notebook_sources/make_notebooks.py``).

Kept out of the package and out of ``examples/*.py`` (which CI runs as scripts); the notebooks it
writes, ``examples/*.ipynb``, are executed in CI by ``.ci/run_examples.py``. After writing them,
run ``ruff format examples/*.ipynb`` (CI checks their formatting).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def md(text: str) -> Any:
    """A Markdown cell."""
    return new_markdown_cell(text)  # type: ignore[no-untyped-call]


def code(text: str) -> Any:
    """A code cell."""
    return new_code_cell(text)  # type: ignore[no-untyped-call]


EXAMPLES = Path(__file__).resolve().parent.parent

ANALYST = [
    md(
        "# A national SUN-ES simulation (analyst)\n\n"
        "> **ILLUSTRATIVE, NOT OFFICIAL.** The 3,000 establishments below are **synthetic** "
        "(random, seeded: about France's count, not real establishments), and the SUN-ES targets, "
        "forfait grid and degression are the library's **illustrative assumption sets**: the "
        "official values were never published. Every result lists the illustrative values it "
        "used. Replace them with a parameter file if you hold the official guides.\n\n"
        "What this notebook shows: the window timeline, a national simulation in **one call** "
        "(eligibility with its reasons, targets met, forfait at stake and paid, CRO bonus, window "
        "after a missed deadline), the totals by region against the **sourced** envelopes, the "
        "forfaits by window, an explicit what-if scaling to the volet 1 envelope, and a what-if "
        "comparison of two rule sets. Only public names are used (`import segur_numerique as sn`)."
    ),
    code(
        "import datetime as dt\n"
        "\n"
        "import matplotlib.pyplot as plt\n"
        "import polars as pl\n"
        "\n"
        "import segur_numerique as sn\n"
        "\n"
        "rules = sn.illustrative_assumptions()  # official data + illustrative (NOT official) sets"
    ),
    md(
        "## The windows (fenêtres) F1-F4\n\nThe dates are sourced; each window "
        "lasts 10 months: 2 of applications, instruction to month 4, 6 to reach "
        "the targets. Windows overlap."
    ),
    code(
        "ax = sn.calendars.plot_timeline(rules=rules, lang='en', mark=dt.date(2022, 4, 15))\n"
        "ax.set_title('SUN-ES volet 1 windows (15 April 2022 marked)')\n"
        "plt.show()"
    ),
    md(
        "## 3,000 synthetic establishments\n\nOne row per establishment: the batch eligibility "
        "schema plus the window applied to, the date it can reach its targets (a fifth are late), "
        "its region and its indicator counts. Seeded: the same numbers on every run."
    ),
    code(
        "establishments = sn.sun_es.synthetic_establishments(3000, rules=rules)\n"
        "establishments.select('finess_geographique', 'region', 'window', 'ready_on', "
        "'activity_2019', 'discharge_letter_numerator', 'discharge_letter_denominator').head()"
    ),
    md(
        "## The national simulation, in one call\n\nEach step is the one-by-one rule "
        "(`sn.sun_es.simulate`'s own steps), called once per group of establishments the rules "
        "cannot tell apart; a property test checks the table against `simulate` row by row, to "
        "the cent. Amounts are **integer cents**."
    ),
    code(
        "result = sn.sun_es.national_simulation(establishments, rules=rules)\n"
        "print(len(result.illustrative_keys), 'illustrative (NOT official) values used')\n"
        "result.table.head(8)"
    ),
    code(
        "by_domain = result.totals('domain')\n"
        "by_domain.with_columns(\n"
        "    (pl.col('total_cents') // 100).alias('total_euros')  # whole euros, for reading\n"
        ")"
    ),
    md(
        "## Totals by region against the sourced envelopes\n\nOnly sourced values: the "
        "volet 1 envelope (158 M€) and the regional envelopes found in sources (partial list, "
        "scopes differ). The gap is **shown, not closed**: nothing is scaled down by default."
    ),
    code(
        "gaps = pl.DataFrame(result.envelope_table())\n"
        "gaps.select('scope', 'status', 'envelope_cents', 'simulated_cents', 'gap_cents')"
    ),
    code(
        "ax = result.plot_envelopes(lang='en')\n"
        "ax.set_title('Simulated (ILLUSTRATIVE grid) vs sourced envelopes, M€')\n"
        "plt.show()"
    ),
    md(
        "## Forfait by window\n\nThe degression makes later windows pay less; establishments "
        "that miss their deadline are reassigned (`effective_window`), or get nothing when no "
        "window is left."
    ),
    code(
        "by_window = result.totals('effective_window')\n"
        "labels = [w or 'none' for w in by_window['effective_window'].to_list()]\n"
        "fig, ax = plt.subplots(figsize=(7, 3.5))\n"
        "ax.bar(labels, [c / 1e8 for c in by_window['forfait_at_stake_cents'].to_list()], "
        "label='at stake')\n"
        "ax.bar(labels, [c / 1e8 for c in by_window['total_cents'].to_list()], width=0.5, "
        "label='paid (incl. CRO bonus)')\n"
        "ax.set_ylabel('M€')\n"
        "ax.set_title('Forfaits by window after reassignment (ILLUSTRATIVE grid)')\n"
        "ax.legend()\n"
        "plt.show()"
    ),
    md(
        "## What if the total had to fit 158 M€?\n\nA **what-if** whose policy you name: "
        "no source says how an envelope is shared when the forfaits exceed it."
    ),
    code(
        "scaled = sn.whatif.scale_to_envelope(\n"
        "    result, result.envelopes[0], policy='pro_rata_largest_remainder'\n"
        ")\n"
        "assert scaled.table['scaled_total_cents'].sum() == result.envelopes[0].amount.cents\n"
        "print(scaled.explanation.render('en'))"
    ),
    md(
        "## What if the degression were steeper?\n\nA variant rule set, validated before use; "
        "the baseline is untouched. Run the national simulation under both."
    ),
    code(
        "steeper = sn.whatif.with_overrides(\n"
        "    {'sun_es.degression.F2': '80 %', 'sun_es.degression.F3': '60 %', "
        "'sun_es.degression.F4': '40 %'},\n"
        "    name='steeper degression',\n"
        "    rules=rules,\n"
        ")\n"
        "variant = sn.sun_es.national_simulation(establishments, rules=steeper)\n"
        "before, after = result.envelopes[0].simulated, variant.envelopes[0].simulated\n"
        "print('total:', before.format('en'), '->', after.format('en'), '(', (after - before).format('en'), ')')"
    ),
]

VENDOR = [
    md(
        "# Validating a product's SUN-ES indicators (software vendor)\n\n"
        "> **ILLUSTRATIVE.** The log below is **synthetic**, and the measurement period, stay "
        "types, send delays and targets come from the library's **illustrative, not official** "
        "assumption sets.\n\n"
        "A vendor's product computes the volet 1 indicators of its clients. Here we compute them "
        "from the same stay and document log with the library, see exactly which stays and "
        "documents do not count and why, compare with the product's figures, and save the case as "
        "a conformance scenario that the vendor's CI runs (`segur-numerique verify`, or pytest)."
    ),
    code(
        "import datetime as dt\n"
        "import tempfile\n"
        "from pathlib import Path\n"
        "\n"
        "import pandas as pd\n"
        "\n"
        "import segur_numerique as sn\n"
        "\n"
        "rules = sn.illustrative_assumptions()\n"
        "parameters = sn.sun_es.LogParameters.from_rules(rules, 'F1')\n"
        "parameters.period"
    ),
    md(
        "## A synthetic log\n\nTwo tables, as the product holds them. Some rows are "
        "built to fail each counting rule (no qualified INS, never sent, sent too "
        "late, outside the period)."
    ),
    code(
        "FINESS = '750100042'\n"
        "d = dt.date\n"
        "stays, documents = [], []\n"
        "for i in range(40):\n"
        "    discharge = d(2022, 1, 3) + dt.timedelta(days=4 * i)\n"
        "    stays.append({'stay_id': f'S{i:03d}', 'finess': FINESS, 'activity': 'MCO',\n"
        "                  'admission': discharge - dt.timedelta(days=3), 'discharge': discharge})\n"
        "    ins = 'qualified' if i % 7 else 'provisional'        # every 7th: no qualified INS\n"
        "    sent = None if i % 11 == 5 else discharge + dt.timedelta(days=1 if i % 13 else 20)\n"
        "    documents.append({'document_id': f'L{i:03d}', 'stay_id': f'S{i:03d}', 'type': 'discharge_letter',\n"
        "                      'produced': discharge, 'sent': sent, 'ins_status': ins})\n"
        "    if i % 2 == 0:\n"
        "        documents.append({'document_id': f'P{i:03d}', 'stay_id': f'S{i:03d}',\n"
        "                          'type': 'discharge_prescription', 'produced': discharge,\n"
        "                          'sent': discharge, 'ins_status': 'qualified'})\n"
        "    documents.append({'document_id': f'I{i:03d}', 'stay_id': f'S{i:03d}', 'type': 'imaging_report',\n"
        "                      'produced': discharge - dt.timedelta(days=1),\n"
        "                      'sent': discharge if i % 3 else None, 'ins_status': 'qualified'})\n"
        "# one stay discharged after the measurement period\n"
        "stays.append({'stay_id': 'S999', 'finess': FINESS, 'activity': 'MCO',\n"
        "              'admission': d(2022, 7, 10), 'discharge': d(2022, 7, 12)})\n"
        "stays, documents = pd.DataFrame(stays), pd.DataFrame(documents)\n"
        "documents.head()"
    ),
    md(
        "## The indicators from the log\n\nIn Jupyter the result shows its headline, the status "
        "of every rule value it read (here *illustrative, not official*: a warning says so), "
        "the rates by establishment and, folded, its explanation."
    ),
    code("result = sn.sun_es.indicators_from_logs(stays, documents, parameters)\nresult"),
    code(
        "counts = pd.DataFrame(\n"
        "    [{'indicator': c.indicator, 'numerator': c.numerator, 'denominator': c.denominator,\n"
        "      'rate': None if c.rate is None else f'{c.rate.numerator}/{c.rate.denominator}'}\n"
        "     for c in result.establishment(FINESS).counts]\n"
        ")\n"
        "counts"
    ),
    md("## What does not count, and why"),
    code(
        "exclusions = pd.DataFrame(\n"
        "    [{'kind': e.kind, 'id': e.id, 'indicator': e.indicator, 'reason': e.reason.label().en}\n"
        "     for e in result.exclusions]\n"
        ")\n"
        "exclusions.groupby(['indicator', 'reason']).size().rename('rows').to_frame()"
    ),
    md(
        "## Compare with the product's own figures\n\nSuppose the product counted "
        "the 5 letters sent on time whose INS was only *provisional*: its numerator is 5 too "
        "high. The exclusions above name them (reason: no qualified INS)."
    ),
    code(
        "product = {'discharge_letter': 32, 'discharge_prescription': 20, 'imaging_report': 26}\n"
        "library = {c.indicator: c.numerator for c in result.establishment(FINESS).counts}\n"
        "diff = pd.DataFrame({'product': product, 'library': {k: library[k] for k in product}})\n"
        "diff['difference'] = diff['product'] - diff['library']\n"
        "diff"
    ),
    md(
        "## Against the (illustrative) F1 targets\n\nThe rates against the targets of the "
        "window, as a chart (green: met, red: not), then the evaluation of each domain; the "
        "result explains itself (unfold *Explication*)."
    ),
    code("result.plot(targets=sn.sun_es.targets_from_rules(rules), lang='en');"),
    code(
        "profile = sn.sun_es.EstablishmentProfile(\n"
        "    FINESS, has_operating_theatre=False, has_own_lab=False, has_own_imaging=True\n"
        ")\n"
        "volet = result.evaluate(profile, rules, window='F1')\n"
        "print('domains met:', volet.met_domains)\n"
        "volet"
    ),
    md(
        "## Save the case as a conformance scenario\n\nThe vendor's CI runs it with "
        "`segur-numerique verify` or plain `pytest` (the plugin collects "
        "`scenario_*.toml` files)."
    ),
    code(
        "letter = result.establishment(FINESS).counts_for('discharge_letter')\n"
        "indicator = volet.domain('discharge_documents').required[0]\n"
        "scenario = f'''format = \"segur_numerique.scenario/v1\"\n"
        'name = "Discharge letters of the synthetic log against the F1 target"\n'
        'programme = "sun_es"\n'
        'computation = "sun_es.indicator"\n'
        'rules = "illustrative"\n'
        'inputs = {{ indicator = "discharge_letter", numerator = {letter.numerator}, denominator = {letter.denominator}, window = "F1" }}\n'
        "expected = {{ met = {str(indicator.met).lower()}, missing = {indicator.missing} }}\n"
        "'''\n"
        "folder = Path(tempfile.mkdtemp())\n"
        "(folder / 'scenario_discharge_letters.toml').write_text(scenario, encoding='utf-8')\n"
        "for verdict in sn.kit.verify_paths([folder]):\n"
        "    print(verdict.render('en', explain=False))"
    ),
]


def write(name: str, cells: list[object]) -> None:
    """Write one notebook (Python 3 kernel, no outputs)."""
    notebook = new_notebook(cells=cells)  # type: ignore[no-untyped-call]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.validate(notebook)
    nbformat.write(notebook, EXAMPLES / name)  # type: ignore[no-untyped-call]


def main() -> None:
    """Write both notebooks."""
    write("analyst_national_simulation.ipynb", ANALYST)
    write("vendor_indicator_validation.ipynb", VENDOR)


if __name__ == "__main__":
    main()

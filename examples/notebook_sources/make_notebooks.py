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
        "> **ILLUSTRATIVE, NOT OFFICIAL.** The establishments below are **synthetic** (random, "
        "seeded), and the SUN-ES targets, forfait grid and degression are the library's "
        "**illustrative assumption sets**: the official values were never published. Every "
        "explanation marks those values *illustrative, not official*. Replace them with a "
        "parameter file if you hold the official guides.\n\n"
        "What this notebook shows: the window timeline, the degressive forfait by window, a "
        "simulation of 300 establishments, the allocation of an envelope by region (exact to the "
        "cent), and a what-if comparison."
    ),
    code(
        "import datetime as dt\n"
        "import random\n"
        "from collections import defaultdict\n"
        "\n"
        "import matplotlib.pyplot as plt\n"
        "import pandas as pd\n"
        "\n"
        "import segur_numerique as sn\n"
        "from segur_numerique.funding_scaling.allocation import allocate\n"
        "from segur_numerique.sun_es.evaluation import IndicatorCounts\n"
        "from segur_numerique.sun_es.funding import forfait\n"
        "from segur_numerique.calendars import plot_timeline\n"
        "\n"
        "rules = sn.illustrative_assumptions()  # official data + illustrative (NOT official) sets"
    ),
    md(
        "## The windows (fenêtres) F1-F4\n\nThe dates are sourced; each window "
        "lasts 10 months: 2 of applications, instruction to month 4, 6 to reach "
        "the targets. Windows overlap."
    ),
    code(
        "ax = plot_timeline(rules=rules, lang='en', mark=dt.date(2022, 4, 15))\n"
        "ax.set_title('SUN-ES volet 1 windows (15 April 2022 marked)')\n"
        "plt.show()"
    ),
    md(
        "## The degressive forfait by window (illustrative grid)\n\n"
        "The same establishment (2019 activity 25,000) gets less in a later window."
    ),
    code(
        "windows = ['F1', 'F2', 'F3', 'F4']\n"
        "domains = ['discharge_documents', 'biology', 'imaging']\n"
        "forfaits = pd.DataFrame(\n"
        "    {\n"
        "        d: [forfait(activity=25_000, domain=d, window=w, rules=rules).amount.cents // 100\n"
        "            for w in windows]\n"
        "        for d in domains\n"
        "    },\n"
        "    index=windows,\n"
        ")\n"
        "forfaits.plot.bar(title='Forfait by window, € (ILLUSTRATIVE grid, not official)', rot=0)\n"
        "plt.show()\n"
        "forfaits"
    ),
    md(
        "## 300 synthetic establishments\n\nRandom but seeded: the notebook gives "
        "the same numbers on every run."
    ),
    code(
        "REGIONS = {\n"
        "    'Île-de-France': ['75', '92', '93', '94'], 'Auvergne-Rhône-Alpes': ['69', '38', '63'],\n"
        "    'Occitanie': ['31', '34'], 'Hauts-de-France': ['59', '62'], 'Grand Est': ['67', '57'],\n"
        "    'Bretagne': ['35', '29'], 'Corse': ['2A', '2B'],\n"
        "}\n"
        "PREREQUISITES = ['identity_vigilance', 'security_policy', 'risk_analysis', 'cyber_audit', 'dmp_mssante']\n"
        "rng = random.Random(2021)\n"
        "\n"
        "def synthetic(i: int) -> tuple[str, sn.sun_es.SimulationCase]:\n"
        "    region = rng.choice(list(REGIONS))\n"
        "    dep = rng.choice(REGIONS[region])\n"
        "    est = sn.entities.Establishment(\n"
        "        f'{dep}{rng.randrange(10**7):07d}', f'{dep}{i:07d}', rng.choice(['public', 'private', 'espic']),\n"
        "        ['mco'] + (['ssr'] if rng.random() < 0.3 else []), rng.randrange(500, 150_000),\n"
        "        own_lab=rng.random() < 0.5, own_imaging=rng.random() < 0.6,\n"
        "        operating_theatre=rng.random() < 0.4,\n"
        "        sun_es_prerequisites=PREREQUISITES if rng.random() < 0.9 else PREREQUISITES[:3],\n"
        "    )\n"
        "    counts = []\n"
        "    for indicator in ['discharge_letter', 'discharge_prescription', 'operative_report',\n"
        "                      'biology_report', 'imaging_report']:\n"
        "        den = rng.randrange(100, 5000)\n"
        "        counts.append(IndicatorCounts(indicator, int(den * rng.uniform(0.2, 0.95)), den))\n"
        "    window = rng.choices(windows, weights=[4, 3, 2, 1])[0]\n"
        "    return region, sn.sun_es.SimulationCase(est, window, name=f'ES {i:03d}', counts=counts)\n"
        "\n"
        "cases = [synthetic(i) for i in range(300)]\n"
        "results = [(region, sn.sun_es.simulate(case, rules=rules)) for region, case in cases]\n"
        "table = pd.DataFrame(\n"
        "    [\n"
        "        {\n"
        "            'name': r.case.label, 'region': region, 'window': r.effective_window,\n"
        "            'activity_2019': r.case.establishment.activity_2019,\n"
        "            'domains_met': sum(1 for d in r.domains if d.met),\n"
        "            'total_cents': r.total.cents,  # money stays exact: integer cents\n"
        "        }\n"
        "        for region, r in results\n"
        "    ]\n"
        ")\n"
        "table.head()"
    ),
    code(
        "by_window = table.groupby('window')['total_cents'].agg(['count', 'sum'])\n"
        "by_window['sum_euros'] = [sn.Euro.from_cents(int(c)).format('en') for c in by_window['sum']]\n"
        "by_window"
    ),
    md(
        "One establishment's full explanation renders as collapsible HTML "
        "(illustrative values flagged):"
    ),
    code("results[0][1].explanation"),
    md(
        "## Allocating the volet 1 envelope by region\n\n"
        "Pro rata of the regions' 2019 activity (largest remainder): the shares add "
        "up **exactly** to 158 M€. An illustration of the mechanism, not the "
        "official regional split."
    ),
    code(
        "activity = defaultdict(int)\n"
        "for region, case in cases:\n"
        "    activity[region] += case.establishment.activity_2019\n"
        "envelope = rules.get('sun_es.volet1.envelope')\n"
        "allocation = allocate(envelope, dict(activity))\n"
        "assert allocation.total == envelope\n"
        "shares = pd.Series({s.beneficiary: s.amount.cents / 100 / 1e6 for s in allocation.shares})\n"
        "shares.sort_values().plot.barh(title='Volet 1 envelope by region, M€ (illustration)')\n"
        "plt.show()\n"
        "print(allocation.total.format('en'), '=', envelope.format('en'))"
    ),
    md(
        "## What if the degression were steeper?\n\nA variant rule set, validated "
        "before use; the baseline is untouched. `compare` gives a table of "
        "differences."
    ),
    code(
        "steeper = sn.whatif.with_overrides(\n"
        "    {'sun_es.degression.F2': '80 %', 'sun_es.degression.F3': '60 %', 'sun_es.degression.F4': '40 %'},\n"
        "    name='steeper degression',\n"
        "    rules=rules,\n"
        ")\n"
        "comparison = sn.whatif.compare(rules, steeper, [case for _, case in cases[:40]],\n"
        "                        variant_name='steeper')\n"
        "frame = comparison.to_frame()\n"
        "totals = frame[frame['quantity'] == 'total']\n"
        "print('total change:', sn.Euro.from_cents(int(totals['delta_cents'].sum())).format('en'))\n"
        "comparison"
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

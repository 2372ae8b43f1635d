"""Every missing value a command needs, on standard error at once, with what to do.

The shared report of :func:`~segur_numerique.rules.compact.needed_values` for ``simulate``,
``indicators`` and ``documents audit``.
"""

from __future__ import annotations

import sys

from segur_numerique.cli import EXIT_BAD_INPUT, error_line, tr
from segur_numerique.core.text import Lang, Text, counted, is_singular, printable
from segur_numerique.rules.compact import NeededValue


def report_missing(needed: tuple[NeededValue, ...], lang: Lang, file: str | None) -> int:
    """Print every missing value on standard error, one a line, with what to do; return 2."""
    count = counted(
        len(needed),
        lang,
        fr=("valeur inconnue", "valeurs inconnues"),
        en=("unknown value", "unknown values"),
    )
    head = tr(
        lang,
        fr=f"{count} (sans source officielle) "
        + ("nécessaire" if is_singular(len(needed), lang) else "nécessaires")
        + " : fournissez-les avec --parameters FICHIER, ou --illustrative pour les jeux "
        "illustratifs (NON officiels)",
        en=f"{count} (no official source) needed: supply them with --parameters FILE, or use "
        "--illustrative for the illustrative (NOT official) sets",
    )
    lines = [error_line(head, lang)]
    lines += [
        printable(f"  {v.key} — {v.label.in_(lang)} [{v.unit.value}]")
        + ("" if v.needed_for == v.label.en else printable(f": {v.needed_for}"))
        for v in needed
    ]
    lines.append(
        Text(
            fr="  (trouvées en poursuivant le calcul avec les valeurs illustratives : de vraies "
            "valeurs peuvent en demander d'autres, par exemple plus de tranches)",
            en="  (found by carrying on with the illustrative values: real values may need "
            "others, e.g. more bands)",
        ).in_(lang)
    )
    command = f"segur-numerique parameters template {file or 'FILE'} -o my-values.toml"
    lines.append(
        Text(fr=f"  Un fichier à remplir : {command}", en=f"  A file to fill: {command}").in_(lang)
    )
    sys.stderr.write("\n".join(lines) + "\n")
    return EXIT_BAD_INPUT

"""``segur-numerique documents audit``: whether each CDA document counts for SUN-ES, and why not.

Exit codes: 0 when every document was read (a document that does not count is a result, not an
error); 2 when a file could not be read, after reporting the others.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

from segur_numerique.cli import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    add_json_option,
    cli_lang,
    emit,
    emit_json,
    error_line,
    tr,
)
from segur_numerique.cli.log_inputs import add_rules_options, log_parameters_needed, log_rules
from segur_numerique.cli.missing import report_missing
from segur_numerique.cli.parsing import add_lang_option
from segur_numerique.core.outputs import write_atomically
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.errors import MissingParameterError, NotYetKnownError
from segur_numerique.sun_es.documents.audit import DocumentAudit, audit_documents, reason_label
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.submissions import read_submissions
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.targets import WINDOWS

_CSV_COLUMNS = ("file", "document_id", "type", "indicator", "stay_id", "counts", "reason")


def register(subparsers: Any) -> None:
    """Add the ``documents`` sub-command (``documents audit``)."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "documents",
        help=tr(
            lang,
            fr="lire des documents CDA R2 et dire si chacun compte pour SUN-ES",
            en="read CDA R2 documents and say whether each counts for SUN-ES",
        ),
        description=tr(
            lang,
            fr="Lire des documents CDA R2 (fichiers, dossiers, archives zip) envoyés au DMP.",
            en="Read CDA R2 documents (files, folders, zip archives) sent to the DMP.",
        ),
    )
    sub = parser.add_subparsers(dest="documents_command", required=True, metavar="COMMAND")
    audit = sub.add_parser(
        "audit",
        lang=lang,
        help=tr(
            lang,
            fr="une table de verdicts : l'indicateur pour lequel chaque document compte, ou "
            "pourquoi il ne compte pas",
            en="a table of verdicts: the indicator each document counts for, or why not",
        ),
        description=tr(
            lang,
            fr="Lire les documents, les joindre aux séjours et au journal des envois, et dire "
            "pour chaque document s'il compte pour un indicateur du volet 1 de SUN-ES, ou la "
            "raison pour laquelle il ne compte pas (docs : reference/document-verdicts).",
            en="Read the documents, join them to the stays and the submission log, and say "
            "per document whether it counts for a SUN-ES volet 1 indicator, or the reason it "
            "does not (docs: reference/document-verdicts).",
        ),
    )
    _audit_arguments(audit, lang)
    audit.set_defaults(run=run)


def _audit_arguments(audit: argparse.ArgumentParser, lang: Lang) -> None:
    audit.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=tr(
            lang,
            fr="fichiers CDA, dossiers, archives zip",
            en="CDA files, folders, zip archives",
        ),
    )
    audit.add_argument(
        "--submissions",
        metavar="FILE",
        help=tr(lang, fr="journal des envois au DMP (CSV)", en="DMP submission log (CSV)"),
    )
    audit.add_argument(
        "--stays",
        metavar="FILE",
        help=tr(lang, fr="journal des séjours (.csv/.parquet)", en="stays log (.csv/.parquet)"),
    )
    audit.add_argument(
        "--window",
        choices=WINDOWS,
        default="F1",
        help=tr(lang, fr="fenêtre de financement (F1)", en="funding window (F1)"),
    )
    add_rules_options(audit, lang)
    audit.add_argument(
        "--test-ins-as-qualified",
        action="store_true",
        help=tr(
            lang,
            fr="MODE TEST : lire les racines d'INS de test (1.2.250.1.213.1.4.10/.11) comme "
            "qualifiées",
            en="TEST MODE: read the test INS roots (1.2.250.1.213.1.4.10/.11) as qualified",
        ),
    )
    add_json_option(audit, lang)
    audit.add_argument(
        "--csv",
        metavar="FILE",
        help=tr(
            lang,
            fr="écrire aussi les verdicts dans FILE (atomiquement)",
            en="also write the verdicts to FILE (atomically)",
        ),
    )
    audit.add_argument(
        "--force",
        action="store_true",
        help=tr(lang, fr="écraser le fichier --csv", en="overwrite the --csv file"),
    )
    add_lang_option(audit, lang)


def verdicts_csv(result: DocumentAudit) -> str:
    """The verdicts as CSV text (one row per document)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for v in result.verdicts:
        writer.writerow(
            (
                v.file,
                v.document_id,
                v.type,
                v.indicator or "",
                v.stay_id or "",
                "yes" if v.counts else "no",
                v.reason or "",
            )
        )
    return out.getvalue()


def _text(result: DocumentAudit, lang: Lang) -> str:
    fr = lang == "fr"
    rows = [
        (
            "fichier" if fr else "file",
            "type",
            "indicateur" if fr else "indicator",
            "compte" if fr else "counts",
            "raison" if fr else "reason",
        )
    ]
    rows += [
        (
            v.file.rsplit("/", 1)[-1],
            v.type,
            v.indicator or "—",
            ("oui" if fr else "yes") if v.counts else ("non" if fr else "no"),
            "" if v.reason is None else f"{v.reason} ({reason_label(v.reason).in_(lang)})",
        )
        for v in result.verdicts
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    if result.reading.test_ins_as_qualified:
        lines.append(
            "ATTENTION : mode test, les INS de test sont lus comme qualifiés"
            if fr
            else "WARNING: test mode, test INS are read as qualified"
        )
    if result.unchecked:
        lines.append(
            (
                "Non vérifié par le calcul des indicateurs : "
                if fr
                else "Not checked by the indicator pipeline: "
            )
            + ", ".join(result.unchecked)
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Read, audit and print the verdicts."""
    lang = check_lang(args.lang)
    rules = log_rules(args)
    reading = read_documents(
        args.paths, rules=rules, test_ins_as_qualified=args.test_ins_as_qualified
    )
    submissions = read_submissions(args.submissions) if args.submissions else ()
    try:
        parameters = LogParameters.from_rules(rules, args.window) if args.stays else None
    except NotYetKnownError:
        raise
    except MissingParameterError:  # every missing value at once, not one a run
        return report_missing(log_parameters_needed(rules, args.window), lang, "--all")
    result = audit_documents(reading, parameters, stays=args.stays, submissions=submissions)
    if args.csv:
        write_atomically(args.csv, verdicts_csv(result), force=args.force)
    if args.json:
        emit_json(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        emit(_text(result, lang))
    for error in reading.errors:
        sys.stderr.write(error_line(str(error), lang) + "\n")
    return EXIT_OK if reading.ok else EXIT_BAD_INPUT

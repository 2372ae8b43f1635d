"""Figures read with their provenance, for the catalogue and the published outcomes.

A figure (an envelope, a period, a count) is a rule value read as known on a date, possibly in one
of its alternatives; its note and its status go into the explanation as assumptions, so a reader
sees which figures are not confirmed and which version of a conflicting one was used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.provenance import Status
from segur_numerique.core.text import Text
from segur_numerique.rules.model import RuleSet


def read_figure(
    rules: RuleSet, key: str | None, on: dt.date | None, choices: Mapping[str, str]
) -> tuple[ParameterRead | None, Text | None]:
    """Read ``key`` as known on ``on`` (the alternative named in ``choices``), with its note.

    ``(None, None)`` when there is no key (a programme without a published figure).

    >>> from segur_numerique import load_rules
    >>> read, note = read_figure(load_rules(), "sun_es.envelope.total", None, {})
    >>> read.value, note
    (Euro('210000000.00'), None)
    """
    if key is None:
        return None, None
    read = rules.read(key, on=on, alternative=choices.get(key))
    return read, rules.value(key).as_known_on(on=on).note


def figure_notes(*pairs: tuple[ParameterRead | None, Text | None]) -> tuple[Text, ...]:
    """The notes of the figures read (pairs from :func:`read_figure`), in order."""
    return tuple(note for read, note in pairs if read is not None and note is not None)


def reads_explanation(
    rule: str,
    title: Text,
    outcome: Text,
    *,
    result: object,
    reads: tuple[ParameterRead, ...],
    notes: tuple[Text, ...],
    inputs: tuple[InputValue, ...] = (),
) -> Explanation:
    """Where figures come from: each read, and an assumption for each one not confirmed.

    A figure that is secondary, inferred or conflicting is flagged (with the version used for a
    conflicting one); ``notes`` follow the flags.
    """
    flagged = tuple(
        Text(
            fr=f"{r.key} : statut « {r.status.label().fr} »"
            + (f", version « {r.alternative} » retenue" if r.alternative else ""),
            en=f"{r.key}: status '{r.status.label().en}'"
            + (f", version '{r.alternative}' used" if r.alternative else ""),
        )
        for r in reads
        if r.status is not Status.CONFIRMED
    )
    return Explanation(
        rule=rule,
        title=title,
        outcome=outcome,
        result=result,
        inputs=inputs,
        parameters=reads,
        assumptions=flagged + notes,
    )


def check_choices(rules: RuleSet, choices: Mapping[str, str]) -> None:
    """Refuse a choice of alternative for a key that is not a rule value (a typo).

    >>> from segur_numerique import load_rules
    >>> check_choices(load_rules(), {"segur.medico_social.envelop": "630M"})
    Traceback (most recent call last):
    ...
    segur_numerique.errors.UnknownRuleError: unknown rule value 'segur.medico_social.envelop'; did you mean segur.medico_social.envelope, ...?
    """
    for key in choices:
        rules.value(key)  # raises UnknownRuleError on a typo

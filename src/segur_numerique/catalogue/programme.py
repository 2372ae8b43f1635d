"""The programme catalogue: the Ségur Numérique tree and its neighbours (rules digest, Ségur Numérique §1 [docs: explanation/rules/segur]).

The tree is fixed by the rules (:mod:`segur_numerique.catalogue.tree`); the numbers are not written here. Every envelope, period and
share is read from the rule data (``catalogue/programmes.toml``, ``sun_es/outcomes.toml``) with its
provenance, so a :class:`Programme` says where each figure comes from, how sure it is
(confirmed, secondary, inferred, conflicting) and which version of a conflicting figure it uses::

    Ségur Numérique (2 Md€)
    ├── sanitaire (1,4 Md€, 2021-2023)
    │   ├── SONS (465 M€, paid to software vendors)
    │   └── SUN-ES (210 M€, 2021-2024, paid to health establishments)
    │       ├── volet 1 (158 M€): domain 1 (123 M€), domain 2 (11 M€), domain 3 (24 M€)
    │       └── volet 2 (52 M€)
    ├── médico-social (600 M€ or 630 M€, conflicting)
    │   └── ESMS numérique (the same envelope)
    └── avenant 9 usage incentives (300 M€, secondary; outside the 1,4 + 0,6 split)
    HOP'EN (420 M€, 2019-2023), predecessor of SUN-ES
    e-parcours (150 M€ via the FIR, 2018-2022, extended to end 2023: secondary)

>>> sun_es = lookup("sun_es")
>>> sun_es.label.fr, sun_es.english_name
('SUN-ES (Ségur Usage Numérique en Établissements de santé)', 'SUN-ES (Ségur digital usage in health establishments)')
>>> sun_es.envelope.value, sun_es.children
(Euro('210000000.00'), ('sun_es.volet1', 'sun_es.volet2'))
>>> lookup("sun-es")
Traceback (most recent call last):
...
segur_numerique.errors.UnknownProgrammeError: unknown programme 'sun-es'; did you mean sun_es, sons, sun_es.volet2?
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping

import attrs

from segur_numerique.catalogue.tree import SPECS, SPECS_BY_KEY, Payee, ProgrammeSpec
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.provenance import Source, Status, Unit
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.errors import UnknownProgrammeError
from segur_numerique.rules.figures import (
    check_choices,
    figure_notes,
    read_figure,
    reads_explanation,
)
from segur_numerique.rules.loading import load_rules, resolve_rules
from segur_numerique.rules.model import RuleSet


@attrs.frozen
class Programme:
    """A programme of the catalogue, with its figures read from the rule data.

    Attributes:
        key: a stable dotted key (``sun_es.volet1``).
        label: the French label (``label.fr``) and the English name (``label.en``).
        payee: who receives the money.
        parent: the key of the enclosing programme, if any.
        children: the keys of its parts, in catalogue order.
        envelope: the envelope as read (with provenance), if the sources give one.
        period: the period as read, if the sources give one.
        duration: the duration in years as read, when only a duration is sourced (Ségur).
        share: the share of the parent's envelope as published, if any.
        description: one sentence on what the programme is.
        notes: the notes of the figures read (approximations, why a default was chosen).
        as_known_on: the date the figures were read on (``None``: latest versions).
    """

    key: str
    label: Text
    payee: Payee
    parent: str | None
    children: tuple[str, ...]
    envelope: ParameterRead | None
    period: ParameterRead | None
    duration: ParameterRead | None
    share: ParameterRead | None
    description: Text | None
    notes: tuple[Text, ...]
    as_known_on: dt.date | None = None

    @property
    def french_label(self) -> str:
        """The French label."""
        return self.label.fr

    @property
    def english_name(self) -> str:
        """The English name."""
        return self.label.en

    @property
    def reads(self) -> tuple[ParameterRead, ...]:
        """Every rule value read for this programme."""
        return tuple(
            r for r in (self.envelope, self.period, self.duration, self.share) if r is not None
        )

    @property
    def sources(self) -> tuple[Source, ...]:
        """The documents behind its figures, each once, in order of first use."""
        seen: dict[Source, None] = {}
        for read in self.reads:
            for source in read.sources:
                seen.setdefault(source, None)
        return tuple(seen)

    @property
    def explanation(self) -> Explanation:
        """Where the programme's figures come from, as an :class:`Explanation`."""
        shown = (
            render_value(self.envelope.value, "fr") if self.envelope else "enveloppe non publiée",
            render_value(self.envelope.value, "en") if self.envelope else "no published envelope",
        )
        return reads_explanation(
            f"catalogue.programme.{self.key}",
            self.label,
            Text(
                fr=f"{self.label.fr} : {shown[0]} ; bénéficiaires : {self.payee.label().fr}",
                en=f"{self.label.en}: {shown[1]}; payee: {self.payee.label().en}",
            ),
            result=self.envelope.value if self.envelope else None,
            reads=self.reads,
            notes=self.notes,
            inputs=(InputValue("programme", self.key), InputValue("on", self.as_known_on)),
        )

    def render(self, lang: Lang = "fr") -> str:
        """One line: label, envelope, period, status flags."""
        lang = check_lang(lang)
        parts = [self.label.in_(lang)]
        for read in self.reads:
            flag = "" if read.status is Status.CONFIRMED else f" [{read.status.label().in_(lang)}]"
            shown = render_value(read.value, lang)
            if read.unit is Unit.YEARS:
                shown += " ans" if lang == "fr" else " years"
            parts.append(f"{shown}{flag}")
        return " — ".join(parts)

    def to_json(self) -> dict[str, JsonValue]:
        """The programme as a JSON object (figures with their provenance)."""
        return {
            "key": self.key,
            "label": self.label.to_json(),
            "payee": self.payee.value,
            "parent": self.parent,
            "children": list(self.children),
            "envelope": self.envelope.to_json() if self.envelope else None,
            "period": self.period.to_json() if self.period else None,
            "duration": self.duration.to_json() if self.duration else None,
            "share": self.share.to_json() if self.share else None,
            "description": self.description.to_json() if self.description else None,
            "notes": [n.to_json() for n in self.notes],
            "as_known_on": encode_value(self.as_known_on),
        }


def programme_keys() -> tuple[str, ...]:
    """The keys of the catalogue, parents before their children.

    >>> programme_keys()[:3]
    ('segur', 'segur.sanitaire', 'sons')
    """
    return tuple(s.key for s in SPECS)


def _build(
    spec: ProgrammeSpec, rules: RuleSet, on: dt.date | None, choices: Mapping[str, str]
) -> Programme:
    envelope = read_figure(rules, spec.envelope, on, choices)
    period = read_figure(rules, spec.period, on, choices)
    duration = read_figure(rules, spec.duration, on, choices)
    share = read_figure(rules, spec.share, on, choices)
    return Programme(
        key=spec.key,
        label=spec.label,
        payee=spec.payee,
        parent=spec.parent,
        children=tuple(s.key for s in SPECS if s.parent == spec.key),
        envelope=envelope[0],
        period=period[0],
        duration=duration[0],
        share=share[0],
        description=spec.description,
        notes=figure_notes(envelope, period, duration, share),
        as_known_on=on,
    )


def lookup(
    key: str,
    *,
    on: dt.date | None = None,
    choices: Mapping[str, str] | None = None,
    rules: RuleSet | None = None,
) -> Programme:
    """The programme called ``key``, its figures read from ``rules`` as known on ``on``.

    Args:
        key: a key of :func:`programme_keys` (``"sun_es"``, ``"hopen"``...).
        rules: the rule set (default: the official data).
        on: read the figures as known on this date (default: the latest versions).
        choices: for conflicting figures, the alternative to use, by rule key
            (``{"segur.medico_social.envelope": "630M"}``); others use their documented default.

    Raises:
        UnknownProgrammeError: no programme has that key (the error suggests close keys).
        MissingParameterError: a figure is not yet known on ``on``.

    >>> lookup("segur.medico_social").envelope.alternative
    '600M'
    >>> lookup("esms_numerique", choices={"segur.medico_social.envelope": "630M"}).envelope.value
    Euro('630000000.00')
    """
    rules = resolve_rules(rules)
    spec = SPECS_BY_KEY.get(key)
    if spec is None:
        close = tuple(difflib.get_close_matches(key, list(SPECS_BY_KEY), n=3, cutoff=0.5))
        raise UnknownProgrammeError(key, suggestions=close)
    rules = rules or load_rules()
    check_choices(rules, choices or {})
    return _build(spec, rules, on, choices or {})


def all_programmes(
    *,
    on: dt.date | None = None,
    choices: Mapping[str, str] | None = None,
    rules: RuleSet | None = None,
) -> tuple[Programme, ...]:
    """Every programme of the catalogue, parents before children (see :func:`lookup`).

    Programmes whose figures are not yet known on ``on`` are left out (HOP'EN is known from
    2019, SUN-ES from August 2021...).

    >>> [p.key for p in all_programmes() if p.parent is None]
    ['segur', 'hopen', 'e_parcours']
    >>> [p.key for p in all_programmes(on=dt.date(2019, 6, 1))]
    ['hopen', 'e_parcours']
    """
    rules = resolve_rules(rules)
    check_choices(rules, choices or {})
    found = []
    for spec in SPECS:
        keys = [k for k in (spec.envelope, spec.period, spec.duration, spec.share) if k]
        if on is not None and any(rules.value(k).versions[0].since > on for k in keys):
            continue
        found.append(_build(spec, rules, on, choices or {}))
    return tuple(found)


def programme_tree(programmes_: tuple[Programme, ...], lang: Lang = "fr") -> str:
    """The programmes as an indented tree, one line each (see :meth:`Programme.render`)."""
    by_key = {p.key: p for p in programmes_}

    def depth(p: Programme) -> int:
        return 0 if p.parent is None or p.parent not in by_key else 1 + depth(by_key[p.parent])

    return "\n".join("  " * depth(p) + p.render(lang) for p in programmes_)

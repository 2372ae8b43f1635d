"""Eligibility verdicts with reasons, shared by every programme.

Every verdict is an :class:`EligibilityResult`: ``eligible``, the ``reasons`` (every criterion
checked, met or not, in French and English) and an :class:`~segur_numerique.Explanation` whose
steps carry the rule values read (with their sources and status). :func:`build_reason` and
:func:`build_verdict` assemble them; the programmes build them through
:class:`segur_numerique.rules.verdicts.Verdict`, which records the reads as it goes.

>>> yes = build_reason("demo.ok", True, Text(fr="oui", en="yes"), title=Text(fr="Test", en="Test"))
>>> no = build_reason("demo.ko", False, Text(fr="non", en="no"), title=Text(fr="Test", en="Test"))
>>> verdict = build_verdict("demo", "scope", "someone", Text(fr="Démo", en="Demo"), [yes, no])
>>> verdict.eligible, [r.code for r in verdict.failed], verdict.explanation.outcome.en
(False, ['demo.ko'], 'not eligible: no')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.headline import ELIGIBLE, NOT_ELIGIBLE, Fact, Headline, Table, table
from segur_numerique.core.text import Lang, Text
from segur_numerique.core.values import JsonValue


@attrs.frozen
class Reason:
    """One criterion of an eligibility verdict, met or not.

    Attributes:
        code: a stable identifier (``sun_es.own_lab``).
        met: whether the criterion holds.
        text: what was checked and what was found, in French and English.
        explanation: the step, with the rule values read.
    """

    code: str
    met: bool
    text: Text
    explanation: Explanation

    def to_json(self) -> dict[str, JsonValue]:
        """``{"code", "met", "text"}``."""
        return {"code": self.code, "met": self.met, "text": self.text.to_json()}


@attrs.frozen(repr=False)
class EligibilityResult(HtmlResult):
    """A verdict: eligible or not, with every reason and the explanation.

    Attributes:
        programme: ``sun_es``, ``hopen``, ``esms_numerique``, ``sons`` or ``e_parcours``.
        scope: what the verdict is about (``volet1.biology``, ``grappe``, ``order``...).
        subject: who (a FINESS, a grappe name, a client).
        eligible: true when every reason is met.
        reasons: every criterion checked.
        explanation: the explanation tree (one child per reason).
    """

    programme: str
    scope: str
    subject: str
    eligible: bool
    reasons: tuple[Reason, ...]
    explanation: Explanation

    @property
    def failed(self) -> tuple[Reason, ...]:
        """The reasons not met (empty when eligible)."""
        return tuple(r for r in self.reasons if not r.met)

    def _headline(self) -> Headline:
        title = Text(
            fr=f"Éligibilité {self.programme} — {self.scope}",
            en=f"Eligibility {self.programme} — {self.scope}",
        )
        return Headline(
            title=title,
            verdict=self.eligible,
            name=self.scope,
            verdict_name="eligible",
            yes=ELIGIBLE,
            no=NOT_ELIGIBLE,
            facts=(Fact("subject", Text(fr="sujet", en="subject"), self.subject),),
        )

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[object, ...]] = [(r.met, r.code, r.text) for r in self.reasons]
        header = (
            Text(fr="rempli", en="met"),
            Text(fr="critère", en="criterion"),
            Text(fr="motif", en="reason"),
        )
        return (table(Text(fr="Critères", en="Criteria"), header, rows),)

    def render(self, lang: Lang = "fr") -> str:
        """The explanation as text (``"fr"`` or ``"en"``)."""
        return self.explanation.render(lang)

    def to_json(self) -> dict[str, JsonValue]:
        """The verdict, its reasons and its explanation as JSON."""
        return {
            "programme": self.programme,
            "scope": self.scope,
            "subject": self.subject,
            "eligible": self.eligible,
            "reasons": [r.to_json() for r in self.reasons],
            "explanation": self.explanation.to_json(),
        }


def build_reason(
    code: str,
    met: bool,
    text: Text,
    *,
    title: Text,
    inputs: Iterable[InputValue] = (),
    parameters: Iterable[ParameterRead] = (),
    assumptions: Iterable[Text] = (),
) -> Reason:
    """A criterion and its explanation step; the step's basis is the sources of ``parameters``."""
    params = tuple(parameters)
    return Reason(
        code=code,
        met=met,
        text=text,
        explanation=Explanation(
            rule=code,
            title=title,
            outcome=text,
            result=met,
            basis=tuple(dict.fromkeys(s for p in params for s in p.sources)),
            inputs=tuple(inputs),
            parameters=params,
            assumptions=tuple(assumptions),
        ),
    )


_ELIGIBLE = Text(fr="éligible", en="eligible")


def build_verdict(
    programme: str,
    scope: str,
    subject: str,
    title: Text,
    reasons: Sequence[Reason],
    *,
    inputs: Iterable[InputValue] = (),
    assumptions: Iterable[Text] = (),
) -> EligibilityResult:
    """The verdict on ``reasons``: eligible when every one is met, else the failed ones, joined."""
    eligible = all(r.met for r in reasons)
    failed = [r for r in reasons if not r.met]
    if eligible:
        outcome = _ELIGIBLE
    else:
        outcome = Text(
            fr="non éligible : " + " ; ".join(r.text.fr for r in failed),
            en="not eligible: " + "; ".join(r.text.en for r in failed),
        )
    return EligibilityResult(
        programme=programme,
        scope=scope,
        subject=subject,
        eligible=eligible,
        reasons=tuple(reasons),
        explanation=Explanation(
            rule=f"{programme}.eligibility.{scope}",
            title=title,
            outcome=outcome,
            result=eligible,
            inputs=tuple(inputs),
            assumptions=tuple(assumptions),
            children=tuple(r.explanation for r in reasons),
        ),
    )

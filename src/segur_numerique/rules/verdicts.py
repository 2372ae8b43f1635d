"""Eligibility verdicts built step by step: the rule apart from its explanation.

In the style of Catala's trace context (``begin_trace``/``end_trace``): a :class:`Verdict` opens
one :class:`Step` per criterion; the step records the inputs it looks at and every rule value it
reads (through a :class:`~segur_numerique.rules.model.ReadRecorder`), and :meth:`Step.conclude` closes
it with the outcome and the reason text. The rule code only decides ``met`` and fills a
:class:`~segur_numerique.core.text.Text` template; the explanation is assembled here.

>>> import datetime as dt
>>> from segur_numerique import load_rules
>>> check = Verdict("demo", "deadline", "DAC Sud", Text(fr="Démo", en="Demo"), load_rules())
>>> step = check.step("demo.deadline", Text(fr="Date limite", en="Deadline"))
>>> submitted = step.input("submitted_on", dt.date(2020, 12, 31))
>>> deadline = step.read_as("e_parcours.deadline.dac_submission", dt.date)
>>> reason = step.conclude(
...     submitted <= deadline, Text(fr="avant le {d}", en="by {d}").format(d=deadline)
... )
>>> result = check.result()
>>> result.eligible, reason.text.en, [p.key for p in reason.explanation.parameters]
(True, 'by 2020-12-31', ['e_parcours.deadline.dac_submission'])
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import attrs

from segur_numerique.core.explanation import InputValue, ParameterRead
from segur_numerique.core.text import Text
from segur_numerique.core.verdict import EligibilityResult, Reason, build_reason, build_verdict
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import ReadRecorder, RuleSet

_T = TypeVar("_T")


def rule_set(rules: RuleSet | None) -> RuleSet:
    """``rules``, or the shipped rule set when ``None`` (:func:`~segur_numerique.rules.loading.resolve_rules`)."""
    return resolve_rules(rules)


@attrs.define
class Step:
    """One criterion being checked: its inputs, the rule values it reads, its assumptions.

    Made by :meth:`Verdict.step`; :meth:`conclude` closes it into a :class:`Reason` of the verdict.
    """

    code: str
    title: Text
    recorder: ReadRecorder
    verdict: Verdict
    inputs: list[InputValue] = attrs.Factory(list)
    assumptions: list[Text] = attrs.Factory(list)

    def input(self, name: str, value: _T, *, defaulted: bool = False) -> _T:
        """Record the input ``name`` (``defaulted``: chosen by the library) and return ``value``."""
        self.inputs.append(InputValue(name, value, defaulted))
        return value

    def read(self, key: str, *, alternative: str | None = None) -> ParameterRead:
        """Read ``key`` as known on the verdict's date, recording the read."""
        read = self.recorder.rules.read(key, on=self.recorder.on, alternative=alternative)
        self.recorder.reads.append(read)
        return read

    def read_as(self, key: str, kind: type[_T]) -> _T:
        """Read ``key``, checked to be a ``kind`` (see :meth:`RuleSet.read_as`), recording it."""
        return self.recorder.read_as(key, kind)

    def record(self, *reads: ParameterRead) -> None:
        """Record reads made elsewhere (a read shared by two steps, a checklist...)."""
        self.recorder.reads.extend(reads)

    def assume(self, text: Text) -> None:
        """Record an assumption the step made."""
        self.assumptions.append(text)

    def conclude(self, met: bool, text: Text) -> Reason:
        """Close the step: whether the criterion is ``met``, and what was found (``text``)."""
        reason = build_reason(
            self.code,
            met,
            text,
            title=self.title,
            inputs=self.inputs,
            parameters=self.recorder.reads,
            assumptions=self.assumptions,
        )
        self.verdict.reasons.append(reason)
        return reason


@attrs.define
class Verdict:
    """An eligibility verdict being built: its steps, in order, and its own inputs.

    Attributes:
        programme: the programme's id (``sun_es``...).
        scope: what the verdict is about (``volet1.biology``, ``order``...).
        subject: who (a FINESS, a grappe name, a client).
        title: the verdict's title.
        rules: the rule set read.
        on: read the rules as known on this date (latest when ``None``).
    """

    programme: str
    scope: str
    subject: str
    title: Text
    rules: RuleSet
    on: dt.date | None = None
    reasons: list[Reason] = attrs.Factory(list)
    inputs: list[InputValue] = attrs.Factory(list)
    assumptions: list[Text] = attrs.Factory(list)

    def step(self, code: str, title: Text) -> Step:
        """Open the step of the criterion ``code``."""
        return Step(code, title, ReadRecorder(self.rules, self.on), self)

    def input(self, name: str, value: object, *, defaulted: bool = False) -> None:
        """Record an input of the verdict as a whole."""
        self.inputs.append(InputValue(name, value, defaulted))

    def assume(self, text: Text) -> None:
        """Record an assumption of the verdict as a whole."""
        self.assumptions.append(text)

    def result(self) -> EligibilityResult:
        """The verdict: eligible when every step concluded met."""
        return build_verdict(
            self.programme,
            self.scope,
            self.subject,
            self.title,
            self.reasons,
            inputs=self.inputs,
            assumptions=self.assumptions,
        )

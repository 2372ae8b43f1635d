"""ESMS numérique amorçage (2021): the forfaits per ESMS of a seeding project (review-2 N2).

A regional operator (e-santé Occitanie, relaying the ARS Occitanie call; ``secondary``): «25k€
par ESMS, pour les projets d'acquisition d'une nouvelle solution « dossier usager informatisé »
incluant les prestations associées, dans la limite de 30 ESMS par projet ; 10k€ par ESMS, pour les
projets de mise en conformité [...] d'une solution existante et l'accompagnement à l'usage, dans
la limite de 30 ESMS par projet ; 20k€ par ESMS, pour les équipements et infrastructures, en
donnant priorité aux plus petits projets - ceux de 15 ESMS.»

One project is of one kind here; the source does not say how a project mixing kinds is limited
(a caller adds the results of its parts). The 30-ESMS limit is applied to the two kinds the source
attaches it to; the equipment forfait has no limit in the source. Amounts are exact (no rounding).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Text, counted
from segur_numerique.core.validators import check_count
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import ReadRecorder, RuleSet
from segur_numerique.rules.verdicts import rule_set


class AmorcageProjectKind(enum.Enum):
    """The three kinds of amorçage project the 2021 call funds by forfait per ESMS."""

    NEW_DUI = "new_dui"
    """Acquiring a new DUI solution, associated services included (25 k€, at most 30 ESMS)."""
    CONFORMITY = "conformity"
    """Bringing an existing solution into conformity, with usage support (10 k€, at most 30 ESMS)."""
    EQUIPMENT = "equipment"
    """Equipment and infrastructure (20 k€; priority to projects of 15 ESMS; no limit stated)."""

    @classmethod
    def parse(cls, value: AmorcageProjectKind | str, *, where: str) -> AmorcageProjectKind:
        """``value`` as a kind; an unknown name is a typed error listing the names."""
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            names = ", ".join(k.value for k in cls)
            raise InvalidInputError(
                f"unknown amorçage project kind {value!r}; expected one of {names}", where=where
            ) from None

    def label(self) -> Text:
        """The kind in French and English."""
        return {
            AmorcageProjectKind.NEW_DUI: Text(
                fr="acquisition d'une nouvelle solution DUI", en="acquiring a new DUI solution"
            ),
            AmorcageProjectKind.CONFORMITY: Text(
                fr="mise en conformité d'une solution existante",
                en="bringing an existing solution into conformity",
            ),
            AmorcageProjectKind.EQUIPMENT: Text(
                fr="équipements et infrastructures", en="equipment and infrastructure"
            ),
        }[self]


@attrs.frozen(repr=False)
class AmorcageFunding(HtmlResult):
    """The amorçage funding of one project, with its explanation.

    Attributes:
        kind: the kind of project.
        essms: the ESMS of the project.
        funded_essms: those funded (at most 30 for a new DUI or a conformity project).
        forfait: the forfait per ESMS.
        amount: forfait × funded ESMS.
    """

    kind: AmorcageProjectKind
    essms: int
    funded_essms: int
    forfait: Euro
    amount: Euro
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(
                fr=f"Amorçage ESMS numérique — {self.kind.label().fr}",
                en=f"ESMS numérique amorçage — {self.kind.label().en}",
            ),
            value=self.amount,
            facts=(
                Fact(
                    "funded_essms",
                    Text(fr="ESMS financés", en="ESMS funded"),
                    f"{self.funded_essms}/{self.essms}",
                ),
                Fact("forfait", Text(fr="forfait par ESMS", en="forfait per ESMS"), self.forfait),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The funding and its explanation as a JSON object."""
        return {
            "kind": self.kind.value,
            "essms": self.essms,
            "funded_essms": self.funded_essms,
            "forfait": encode_value(self.forfait),
            "amount": encode_value(self.amount),
            "explanation": self.explanation.to_json(),
        }


_NO_LIMIT = Text(
    fr="La source ne fixe pas de limite d'ESMS pour le forfait équipements (priorité aux projets "
    "de 15 ESMS) : tous les ESMS du projet sont comptés.",
    en="The source sets no ESMS limit for the equipment forfait (priority to projects of 15 "
    "ESMS): every ESMS of the project is counted.",
)
_ONE_KIND = Text(
    fr="Un projet d'un seul type ; la source ne dit pas comment limiter un projet mêlant "
    "plusieurs types.",
    en="A project of one kind; the source does not say how a project mixing kinds is limited.",
)


def amorcage_funding(
    kind: AmorcageProjectKind | str,
    essms: int,
    *,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> AmorcageFunding:
    """The 2021 amorçage funding of a project of ``essms`` ESMS of one ``kind`` (review-2 N2).

    >>> from segur_numerique import load_rules
    >>> amorcage_funding("new_dui", 40, rules=load_rules()).amount
    Euro('750000.00')
    >>> amorcage_funding("equipment", 40, rules=load_rules()).amount
    Euro('800000.00')

    Raises:
        InvalidInputError: an unknown kind or a negative or non-integer number of ESMS.
    """
    rules = resolve_rules(rules)
    project = AmorcageProjectKind.parse(kind, where="kind")
    check_count(essms, where="essms")
    rec = ReadRecorder(rule_set(rules), on)
    forfait = rec.read_as(f"esms_numerique.amorcage.forfait.{project.value}", Euro)
    assumptions: tuple[Text, ...]
    if project is AmorcageProjectKind.EQUIPMENT:
        funded, assumptions = essms, (_NO_LIMIT, _ONE_KIND)
    else:
        limit = rec.read_as("esms_numerique.amorcage.max_essms_per_project", int)
        funded, assumptions = min(essms, limit), (_ONE_KIND,)
    amount = forfait * funded
    explanation = Explanation(
        rule="esms_numerique.amorcage.funding",
        title=Text(
            fr="Financement d'amorçage ESMS numérique (2021)",
            en="ESMS numérique amorçage funding (2021)",
        ),
        outcome=Text(
            fr=f"{amount.format('fr')} = {forfait.format('fr')} × "
            + counted(funded, "fr", fr=("ESMS financé", "ESMS financés"), en=("", ""))
            + f" sur {essms} ({project.label().fr})",
            en=f"{amount.format('en')} = {forfait.format('en')} × {funded} ESMS funded of "
            f"{essms} ({project.label().en})",
        ),
        result=amount,
        inputs=(InputValue("kind", project.value), InputValue("essms", essms)),
        parameters=tuple(rec.reads),
        assumptions=assumptions,
    )
    return AmorcageFunding(project, essms, funded, forfait, amount, explanation)

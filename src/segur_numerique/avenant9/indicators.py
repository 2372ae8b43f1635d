"""Avenant 9 digital usage indicators of médecins libéraux, and the VSM thresholds (rules digest, avenant 9 §6 [docs: explanation/rules/avenant9]).

Thresholds only: whether a doctor's share reaches each threshold. The points of the indicators
(only the DMP's 40 points are known) and the euro amounts are the funding module's job
(``avenant9/funding.toml``).

* DMP usage: at least 20 % of consultations with a document sent to the patient's DMP;
* messaging with patients: at least 5 % of consultations;
* e-prescription: at least 50 % of prescriptions of health products;
* carte Vitale app (ApCV): at least 5 % of the FSE (feuilles de soins électroniques);
* volet de synthèse médicale (VSM): fed into the DMP for at least 50 % (lower tier) or 90 %
  (upper tier) of the médecin traitant's ALD patients.

All are secondary (press and consultants); every explanation says so.

>>> from segur_numerique import load_rules
>>> r = evaluate_indicator("dmp", 21, 100, rules=load_rules())
>>> r.rate, r.threshold, r.met
(Fraction(21, 100), Fraction(1, 5), True)
>>> evaluate_vsm(45, 50, rules=load_rules()).tier.value
'upper'
"""

from __future__ import annotations

import enum
from fractions import Fraction

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_count
from segur_numerique.core.values import JsonValue, encode_value, format_ratio
from segur_numerique.errors import IndicatorCountError, InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


@attrs.frozen
class Indicator:
    """An avenant 9 usage indicator: what it counts, and the keys of its threshold and points."""

    id: str
    label: Text
    numerator: Text
    denominator: Text

    @property
    def threshold_key(self) -> str:
        """``avenant9.indicator.<id>.threshold``."""
        return f"avenant9.indicator.{self.id}.threshold"

    @property
    def points_key(self) -> str:
        """``avenant9.indicator.<id>.points`` (unknown except for the DMP)."""
        return f"avenant9.indicator.{self.id}.points"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "dmp",
        Text(fr="Usage du DMP", en="DMP usage"),
        Text(fr="consultations avec un document versé au DMP", en="consultations with a document sent to the DMP"),
        Text(fr="consultations", en="consultations"),
    ),
    Indicator(
        "patient_messaging",
        Text(fr="Messagerie sécurisée avec les patients", en="Secure messaging with patients"),
        Text(fr="consultations suivies d'un échange par la messagerie de Mon espace santé", en="consultations with an exchange through the Mon espace santé messaging"),
        Text(fr="consultations", en="consultations"),
    ),
    Indicator(
        "e_prescription",
        Text(fr="e-prescription", en="e-prescription"),
        Text(fr="prescriptions de produits de santé faites par e-prescription", en="prescriptions of health products made by e-prescription"),
        Text(fr="prescriptions de produits de santé", en="prescriptions of health products"),
    ),
    Indicator(
        "vitale_app",
        Text(fr="Application carte Vitale", en="Carte Vitale app"),
        Text(fr="FSE faites avec l'application carte Vitale", en="FSE made with the carte Vitale app"),
        Text(fr="feuilles de soins électroniques (FSE)", en="electronic care sheets (FSE)"),
    ),
)  # fmt: skip
"""The four digital usage indicators of avenant 9 (2022-2023)."""

_BY_ID = {i.id: i for i in INDICATORS}


def _counts(numerator: object, denominator: object, where: str) -> tuple[int, int]:
    num = check_count(numerator, f"{where}.numerator", error=IndicatorCountError)
    den = check_count(denominator, f"{where}.denominator", error=IndicatorCountError)
    if num > den:
        raise IndicatorCountError(
            f"the numerator ({num}) is above the denominator ({den})", where=where
        )
    return num, den


@attrs.frozen(repr=False)
class IndicatorResult(HtmlResult):
    """An avenant 9 indicator compared with its threshold."""

    indicator: str
    numerator: int
    denominator: int
    rate: Fraction | None
    threshold: Fraction
    met: bool
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(
                fr=f"Indicateur avenant 9 {self.indicator}",
                en=f"Avenant 9 indicator {self.indicator}",
            ),
            name=self.indicator,
            value=self.rate,
            value_name="rate",
            verdict=self.met,
            facts=(
                Fact("threshold", Text(fr="seuil", en="threshold"), self.threshold),
                Fact(
                    "counts",
                    Text(fr="comptes", en="counts"),
                    f"{self.numerator}/{self.denominator}",
                ),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object."""
        return {
            "indicator": self.indicator,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": encode_value(self.rate),
            "threshold": encode_value(self.threshold),
            "met": self.met,
            "explanation": self.explanation.to_json(),
        }


def evaluate_indicator(
    indicator: str, numerator: int, denominator: int, *, rules: RuleSet | None = None
) -> IndicatorResult:
    """Whether a doctor's share reaches the indicator's threshold (a zero denominator never does)."""
    rules = resolve_rules(rules)
    try:
        definition = _BY_ID[indicator]
    except KeyError:
        raise InvalidInputError(
            f"unknown avenant 9 indicator {indicator!r}; expected one of {', '.join(_BY_ID)}",
            where="indicator",
        ) from None
    num, den = _counts(numerator, denominator, indicator)
    threshold, read = rules.read_as(definition.threshold_key, Fraction)
    rate = Fraction(num, den) if den else None
    met = rate is not None and rate >= threshold
    shown = {lang: "—" if rate is None else format_ratio(rate, lang) for lang in ("fr", "en")}
    explanation = Explanation(
        rule=f"avenant9.indicator.{definition.id}",
        title=Text(fr=f"Avenant 9 : {definition.label.fr}", en=f"Avenant 9: {definition.label.en}"),
        outcome=Text(
            fr=f"{shown['fr']} {'≥' if met else '<'} seuil {format_ratio(threshold, 'fr')} : "
            + ("atteint" if met else "non atteint"),
            en=f"{shown['en']} {'≥' if met else '<'} threshold {format_ratio(threshold, 'en')}: "
            + ("met" if met else "not met"),
        ),
        result=met,
        inputs=(InputValue("numerator", num), InputValue("denominator", den)),
        parameters=(read,),
        assumptions=(
            Text(
                fr=f"numérateur : {definition.numerator.fr} ; dénominateur : {definition.denominator.fr}",
                en=f"numerator: {definition.numerator.en}; denominator: {definition.denominator.en}",
            ),
        ),
    )
    return IndicatorResult(definition.id, num, den, rate, threshold, met, explanation)


class VsmTier(enum.Enum):
    """The tier of the volet de synthèse médicale forfait reached."""

    NONE = "none"
    LOWER = "lower"
    """At least the lower threshold (50 % of ALD patients)."""
    UPPER = "upper"
    """At least the upper threshold (90 % of ALD patients)."""


@attrs.frozen(repr=False)
class VsmResult(HtmlResult):
    """The share of ALD patients with a VSM in the DMP, and the tier reached."""

    patients_with_vsm: int
    ald_patients: int
    rate: Fraction | None
    tier: VsmTier
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(
                fr="Volet de synthèse médicale (avenant 9)", en="Medical summary (avenant 9)"
            ),
            value=self.rate,
            value_name="rate",
            facts=(
                Fact("tier", Text(fr="palier", en="tier"), self.tier),
                Fact(
                    "counts",
                    Text(fr="patients VSM / ALD", en="VSM / ALD patients"),
                    f"{self.patients_with_vsm}/{self.ald_patients}",
                ),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object."""
        return {
            "patients_with_vsm": self.patients_with_vsm,
            "ald_patients": self.ald_patients,
            "rate": encode_value(self.rate),
            "tier": self.tier.value,
            "explanation": self.explanation.to_json(),
        }


def evaluate_vsm(
    patients_with_vsm: int, ald_patients: int, *, rules: RuleSet | None = None
) -> VsmResult:
    """The VSM tier reached by a médecin traitant (thresholds ``avenant9.vsm.threshold.*``)."""
    rules = resolve_rules(rules)
    num, den = _counts(patients_with_vsm, ald_patients, "vsm")
    lower_threshold, lower = rules.read_as("avenant9.vsm.threshold.lower", Fraction)
    upper_threshold, upper = rules.read_as("avenant9.vsm.threshold.upper", Fraction)
    rate = Fraction(num, den) if den else None
    if rate is not None and rate >= upper_threshold:
        tier = VsmTier.UPPER
    elif rate is not None and rate >= lower_threshold:
        tier = VsmTier.LOWER
    else:
        tier = VsmTier.NONE
    names = {
        VsmTier.NONE: Text(fr="aucun palier", en="no tier"),
        VsmTier.LOWER: Text(fr="palier bas", en="lower tier"),
        VsmTier.UPPER: Text(fr="palier haut", en="upper tier"),
    }
    explanation = Explanation(
        rule="avenant9.vsm.tier",
        title=Text(
            fr="Avenant 9 : volet de synthèse médicale des patients en ALD",
            en="Avenant 9: volet de synthèse médicale of ALD patients",
        ),
        outcome=Text(
            fr=f"{'—' if rate is None else format_ratio(rate, 'fr')} des patients en ALD : "
            f"{names[tier].fr}",
            en=f"{'—' if rate is None else format_ratio(rate, 'en')} of ALD patients: "
            f"{names[tier].en}",
        ),
        result=tier.value,
        inputs=(
            InputValue("patients_with_vsm", num),
            InputValue("ald_patients", den),
        ),
        parameters=(lower, upper),
    )
    return VsmResult(num, den, rate, tier, explanation)


__all__ = [
    "INDICATORS",
    "Indicator",
    "IndicatorResult",
    "VsmResult",
    "VsmTier",
    "evaluate_indicator",
    "evaluate_vsm",
]

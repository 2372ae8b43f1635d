"""ESMS numérique funding: the 2022 national call and the 2021 amorçage forfaits (review-2 N1, N2).

**National call 2022** (communiqué republished by a press-review site, ``secondary``): «Pour les
49 premiers ESSMS, le montant des financements est le même que pour les projets déposés en
région. À partir du 50e ESSMS, les forfaits sont les suivants : 2 000 € par ESSMS pour la maîtrise
d'ouvrage, versés à 50 % au début du projet et à 50 % sur preuve d'atteinte des objectifs du
programme ; jusqu'à 1 000 € par ESSMS pour l'éditeur. En outre, si cet éditeur est référencé
Ségur, il bénéficie d'un financement complémentaire de 3 000 € par ESSMS.»

So in a project of ``n`` ESSMS (the national call takes grappes of 50 or more), ESSMS 1 to 49 are
funded at the regional amount, which no source gives (the caller supplies it: the per-ESSMS
parameter ``esms_numerique.amount.regional_per_essms``, or the total for those ESSMS), and only
ESSMS 50 to ``n`` (``n − 49`` of them) at the national forfaits. The vendor forfait is a ceiling
(«jusqu'à»): the computation uses it unless the caller gives the amount agreed.

**Amorçage 2021** (regional operator, ``secondary``): 25 k€ per ESMS for a new DUI, 10 k€ for
bringing an existing one into conformity, each «dans la limite de 30 ESMS par projet»; 20 k€ for
equipment and infrastructure, with no limit stated (priority to projects of 15 ESMS).

Amounts are exact (whole euros times counts); the one rounding declared is the start payment of
the maîtrise d'ouvrage forfait (half up to the cent), the payment on the targets being the rest.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, RoundingStep
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import CENT_HALF_UP
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_count
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError, MissingParameterError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import ReadRecorder, RuleSet
from segur_numerique.rules.verdicts import rule_set

REGIONAL_AMOUNT_KEY = "esms_numerique.amount.regional_per_essms"
"""The caller-supplied regional amount per ESSMS (an instance of the unknown ``esms_numerique.amount.*``)."""

_N = "esms_numerique.national_2022"


@attrs.frozen(repr=False)
class NationalGrappeFunding(HtmlResult):
    """The funding of a project in the 2022 national call, with its explanation.

    Attributes:
        essms: the number of ESSMS of the project.
        regional_rate_essms: the first ESSMS funded at the regional amount (at most 49).
        national_rate_essms: the ESSMS from the 50th, funded at the national forfaits.
        regional_amount: the regional funding of the first ESSMS (caller-supplied).
        moa: the maîtrise d'ouvrage forfaits (2,000 € × ESSMS from the 50th).
        moa_start_payment: its part paid at project start (50 %).
        moa_targets_payment: its part paid on proof that the targets are reached (the rest).
        vendor: the vendor forfaits (the ceiling, 1,000 € × ESSMS, unless the caller gave the amount).
        vendor_is_ceiling: true when ``vendor`` is the ceiling («jusqu'à»), not an agreed amount.
        segur_bonus: 3,000 € × ESSMS from the 50th if the vendor is Ségur-referenced, else 0.
    """

    essms: int
    regional_rate_essms: int
    national_rate_essms: int
    regional_amount: Euro
    moa: Euro
    moa_start_payment: Euro
    moa_targets_payment: Euro
    vendor: Euro
    vendor_is_ceiling: bool
    segur_bonus: Euro
    explanation: Explanation

    def _headline(self) -> Headline:
        vendor = (
            Text(fr="éditeur (plafond)", en="vendor (ceiling)")
            if self.vendor_is_ceiling
            else Text(fr="éditeur", en="vendor")
        )
        return Headline(
            title=Text(
                fr="Appel national ESMS numérique 2022", en="ESMS numérique 2022 national call"
            ),
            value=self.national_amount,
            value_name="national",
            facts=(
                Fact("essms", Text(fr="ESSMS", en="ESSMS"), self.essms),
                Fact(
                    "regional",
                    Text(fr="montant régional", en="regional amount"),
                    self.regional_amount,
                ),
                Fact("moa", Text(fr="maîtrise d'ouvrage", en="project owner"), self.moa),
                Fact("vendor", vendor, self.vendor),
                Fact("segur_bonus", Text(fr="bonus Ségur", en="Ségur bonus"), self.segur_bonus),
            ),
        )

    @property
    def national_amount(self) -> Euro:
        """The national forfaits: maîtrise d'ouvrage, vendor and Ségur bonus."""
        return self.moa + self.vendor + self.segur_bonus

    @property
    def total(self) -> Euro:
        """The project's funding in all (at most this when ``vendor_is_ceiling``)."""
        return self.regional_amount + self.national_amount

    def to_json(self) -> dict[str, JsonValue]:
        """The funding and its explanation as a JSON object."""
        out: dict[str, JsonValue] = {
            name: encode_value(getattr(self, name))
            for name in (
                "essms",
                "regional_rate_essms",
                "national_rate_essms",
                "regional_amount",
                "moa",
                "moa_start_payment",
                "moa_targets_payment",
                "vendor",
                "segur_bonus",
                "national_amount",
                "total",
            )
        }
        out["vendor_is_ceiling"] = self.vendor_is_ceiling
        out["explanation"] = self.explanation.to_json()
        return out


_FROM_50TH = Text(
    fr="Lecture de la source : les ESSMS 1 à {first} sont financés au montant régional, seuls "
    "les ESSMS {next} et suivants ({national}) aux forfaits nationaux ; le financement "
    "complémentaire Ségur fait partie de ces forfaits.",
    en="Reading of the source: ESSMS 1 to {first} are funded at the regional amount, only ESSMS "
    "{next} onwards ({national}) at the national forfaits; the Ségur complement is one of these "
    "forfaits.",
)
_REST = Text(
    fr="Le versement sur preuve d'atteinte des objectifs est le reste du forfait de maîtrise "
    "d'ouvrage (forfait − versement de début arrondi), pour que les deux tombent juste.",
    en="The payment on proof of the targets is the rest of the maîtrise d'ouvrage forfait "
    "(forfait − rounded start payment), so that both add up exactly.",
)
_CEILING = Text(
    fr="Forfait éditeur : plafond « jusqu'à » utilisé, le montant convenu n'étant pas donné ; "
    "le total est donc un maximum.",
    en="Vendor forfait: the 'up to' ceiling is used, no agreed amount being given; the total "
    "is therefore a maximum.",
)
_REGIONAL_GIVEN = Text(
    fr="Montant régional des premiers ESSMS fourni par l'appelant en total (formule régionale "
    "inconnue).",
    en="Regional amount of the first ESSMS supplied by the caller as a total (the regional "
    "formula is unknown).",
)
_REGIONAL_PER_ESSMS = Text(
    fr="Montant régional modélisé comme un forfait par ESSMS fourni par l'appelant (formule "
    "régionale inconnue : par ESSMS, par place ou par ETP).",
    en="Regional amount modelled as a forfait per ESSMS supplied by the caller (the regional "
    "formula is unknown: per ESSMS, per place or per FTE).",
)


_PENDING = Explanation(
    rule="esms_numerique.national_2022.funding",
    title=Text(fr="(en cours)", en="(pending)"),
    outcome=Text(fr="(en cours)", en="(pending)"),
)
"""A placeholder replaced, before the result is returned, by the real explanation."""


def _check_project(rec: ReadRecorder, essms: int) -> int:
    """The number of first ESSMS at the regional amount; refuses a project too small."""
    check_count(essms, where="essms")
    national_min = rec.read_as("esms_numerique.grappe.national_min_size", int)
    if essms < national_min:
        raise InvalidInputError(
            f"{essms} ESSMS: the national call takes projects of {national_min} ESSMS or more "
            "(a smaller grappe applies regionally, whose amounts are unknown)",
            where="essms",
        )
    return rec.read_as(f"{_N}.regional_amount_essms", int)


def _regional_amount(
    rec: ReadRecorder, count: int, total: Euro | None
) -> tuple[Euro, InputValue | None, Text]:
    """The regional funding of the first ``count`` ESSMS: the caller's total or per-ESSMS value."""
    if total is not None:
        if not isinstance(total, Euro) or total.cents < 0:
            raise InvalidInputError(
                f"expected a non-negative Euro amount, got {total!r}", where="regional_total"
            )
        return total, InputValue("regional_total", total), _REGIONAL_GIVEN
    try:
        per_essms = rec.read_as(REGIONAL_AMOUNT_KEY, Euro)
    except MissingParameterError:
        raise MissingParameterError(
            REGIONAL_AMOUNT_KEY,
            needed_for=f"the first {count} ESSMS of a 2022 national ESMS numérique project, "
            "funded at the regional amount no source gives (or pass regional_total)",
        ) from None
    return per_essms * count, None, _REGIONAL_PER_ESSMS


def _vendor_amount(rec: ReadRecorder, count: int, per_essms: Euro | None) -> tuple[Euro, bool]:
    """The vendor forfaits: the ceiling, or the caller's agreed amount checked against it."""
    ceiling = rec.read_as(f"{_N}.forfait.vendor_max", Euro)
    if per_essms is None:
        return ceiling * count, True
    if not isinstance(per_essms, Euro) or per_essms.cents < 0 or per_essms.cents > ceiling.cents:
        raise InvalidInputError(
            f"the vendor forfait per ESSMS must be an amount from 0 to {ceiling.format('en')} "
            f"(«jusqu'à»), got {per_essms!r}",
            where="vendor_per_essms",
        )
    return per_essms * count, False


def _segur_bonus(rec: ReadRecorder, count: int, referenced: bool) -> Euro:
    """The Ségur complement: 3,000 € per ESSMS if the vendor is Ségur-referenced, else 0."""
    if not isinstance(referenced, bool):
        raise InvalidInputError("must be true or false", where="vendor_segur_referenced")
    if not referenced:
        return Euro.zero()
    return rec.read_as(f"{_N}.forfait.vendor_segur_bonus", Euro) * count


def moa_start_cents(moa_cents: Any, start_share: Fraction) -> Any:
    """The start payment of the maîtrise d'ouvrage forfaits: ``moa × 50 %`` half up (int or column).

    The payment on the targets is the rest. The one definition: :func:`national_grappe_funding`
    and :func:`~segur_numerique.esms_numerique.funding_table` both call it.
    """
    return CENT_HALF_UP.scale_cents(moa_cents, start_share, where="moa")


def moa_start_share(rec: ReadRecorder) -> Fraction:
    """The start share of the maîtrise d'ouvrage forfait (50 %), checked against its complement."""
    start_share = rec.read_as(f"{_N}.payment.moa_start_share", Fraction)
    targets_share = rec.read_as(f"{_N}.payment.moa_targets_share", Fraction)
    if start_share + targets_share != 1:
        raise InvalidInputError(
            f"the payment shares sum to {start_share + targets_share}, not 1",
            where=f"{_N}.payment",
        )
    return start_share


def _moa_payments(rec: ReadRecorder, moa: Euro) -> tuple[Euro, Euro, RoundingStep]:
    """The start payment (50 %, rounded half up) and the payment on the targets (the rest)."""
    start_share = moa_start_share(rec)
    exact = moa.value * start_share
    start = Euro.from_cents(int(moa_start_cents(moa.cents, start_share)))
    step = RoundingStep(
        what=Text(fr="versement de début (maîtrise d'ouvrage)", en="start payment (project owner)"),
        exact=exact,
        rounded=start.value,
        policy=CENT_HALF_UP,
    )
    return start, moa - start, step


def _national_outcome(result: NationalGrappeFunding) -> Text:
    at_most = ("au plus ", "at most ") if result.vendor_is_ceiling else ("", "")
    return Text(
        fr=f"{at_most[0]}{result.total.format('fr')} : {result.regional_amount.format('fr')} "
        f"pour les {result.regional_rate_essms} premiers ESSMS (montant régional) + "
        f"{result.national_amount.format('fr')} pour {result.national_rate_essms} ESSMS à partir "
        f"du 50e (maîtrise d'ouvrage {result.moa.format('fr')}, dont "
        f"{result.moa_start_payment.format('fr')} au début ; éditeur "
        f"{result.vendor.format('fr')} ; Ségur {result.segur_bonus.format('fr')})",
        en=f"{at_most[1]}{result.total.format('en')}: {result.regional_amount.format('en')} for "
        f"the first {result.regional_rate_essms} ESSMS (regional amount) + "
        f"{result.national_amount.format('en')} for {result.national_rate_essms} ESSMS from the "
        f"50th (project owner {result.moa.format('en')}, of which "
        f"{result.moa_start_payment.format('en')} at start; vendor "
        f"{result.vendor.format('en')}; Ségur {result.segur_bonus.format('en')})",
    )


def national_grappe_funding(
    essms: int,
    *,
    vendor_segur_referenced: bool,
    vendor_per_essms: Euro | None = None,
    regional_total: Euro | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> NationalGrappeFunding:
    """The funding of a project of ``essms`` ESSMS in the 2022 national call (review-2 N1).

    ESSMS 1 to 49 get the regional amount: ``regional_total`` if given, else
    ``esms_numerique.amount.regional_per_essms`` × 49 (a caller parameter). ESSMS 50 onwards get
    2,000 € (maîtrise d'ouvrage, 50 % at start, 50 % on proof of the targets), the vendor
    forfait (the 1,000 € ceiling, or ``vendor_per_essms``) and, if ``vendor_segur_referenced``,
    3,000 €.

    >>> from segur_numerique import load_rules
    >>> result = national_grappe_funding(
    ...     60, vendor_segur_referenced=True, regional_total=Euro("0"), rules=load_rules()
    ... )
    >>> result.national_rate_essms, result.national_amount
    (11, Euro('66000.00'))
    >>> national_grappe_funding(60, vendor_segur_referenced=True, rules=load_rules())
    Traceback (most recent call last):
    ...
    segur_numerique.errors.MissingParameterError: parameter 'esms_numerique.amount.regional_per_essms' is unknown (no official source was found) (needed for the first 49 ESSMS of a 2022 national ESMS numérique project, funded at the regional amount no source gives (or pass regional_total)); supply it in a caller parameter file (see the how-to 'Supply the unknown values')

    Raises:
        MissingParameterError: the regional amount is neither supplied nor given.
        InvalidInputError: fewer ESSMS than the national call takes, a vendor amount above the
            ceiling, or a negative amount.
    """
    rules = resolve_rules(rules)
    rec = ReadRecorder(rule_set(rules), on)
    first = min(_check_project(rec, essms), essms)
    national = essms - first
    regional, regional_input, regional_note = _regional_amount(rec, first, regional_total)
    moa = rec.read_as(f"{_N}.forfait.moa", Euro) * national
    start, on_targets, rounding = _moa_payments(rec, moa)
    vendor, is_ceiling = _vendor_amount(rec, national, vendor_per_essms)
    bonus = _segur_bonus(rec, national, vendor_segur_referenced)
    inputs = (
        InputValue("essms", essms),
        InputValue("vendor_segur_referenced", vendor_segur_referenced),
        InputValue("vendor_per_essms", vendor_per_essms, defaulted=vendor_per_essms is None),
        *((regional_input,) if regional_input is not None else ()),
    )
    partial = NationalGrappeFunding(
        essms,
        first,
        national,
        regional,
        moa,
        start,
        on_targets,
        vendor,
        is_ceiling,
        bonus,
        _PENDING,
    )
    explanation = Explanation(
        rule="esms_numerique.national_2022.funding",
        title=Text(
            fr="Financement d'un projet ESMS numérique, appel national 2022",
            en="Funding of an ESMS numérique project, 2022 national call",
        ),
        outcome=_national_outcome(partial),
        result=partial.total,
        inputs=inputs,
        parameters=tuple(rec.reads),
        rounding=(rounding,),
        assumptions=(
            _FROM_50TH.format(first=first, next=first + 1, national=national),
            regional_note,
            _REST,
            *((_CEILING,) if is_ceiling else ()),
        ),
    )
    return attrs.evolve(partial, explanation=explanation)

"""The seven HOP'EN domains (rules digest, HOP'EN §4 [docs: explanation/rules/hopen]; hopen/domains.toml).

HOP'EN (Hôpital numérique ouvert sur son environnement, 2019-2023) funds an establishment once
its four prerequisites (P1-P4, see :func:`~segur_numerique.hopen.prerequisites_met`) **and** the
targets of the domains it chose are reached. The French name of each domain is rule data, read
with its provenance (a consultancy newsletter and a vendor page: status ``secondary``); the
English name is a translation kept here. The domains' targets and the forfait grid (40 k€ to
700 k€, secondary) are declared unknowns.

>>> [d.code for d in all_domains()]
['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']
>>> d6 = domain("D6")
>>> d6.label.fr, d6.label.en
('Communiquer et échanger avec les partenaires', 'Communicate and exchange with partners')
>>> d6.status.value
'secondary'
"""

from __future__ import annotations

import datetime as dt

import attrs

from segur_numerique.core.explanation import Explanation, ParameterRead
from segur_numerique.core.provenance import Status
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import UnknownChoiceError
from segur_numerique.rules.loading import load_rules, resolve_rules
from segur_numerique.rules.model import RuleSet

# English names: translations of the French names in hopen/domains.toml (not rule values).
_ENGLISH_NAMES: dict[str, str] = {
    "D1": "Share imaging, biology and pathology results",
    "D2": "Develop an interoperable electronic patient record (DPI) and the DMP",
    "D3": "Computerise prescriptions feeding the care plan",
    "D4": "Schedule resources and share the patient's agenda",
    "D5": "Steer medico-economic activity",
    "D6": "Communicate and exchange with partners",
    "D7": "Provide online services to users and patients",
}
DOMAIN_CODES: tuple[str, ...] = tuple(_ENGLISH_NAMES)
"""The codes of the seven HOP'EN domains, ``D1`` to ``D7``."""


@attrs.frozen
class Domain:
    """A HOP'EN domain: its code, its French name as read (with provenance) and its English name.

    Attributes:
        code: ``D1`` to ``D7``.
        name: the French name, read from ``hopen.domain.<code>`` with its sources and status.
        english_name: an English translation of the name.
        note: what the data says about the domain (D6 and D7 are new in HOP'EN), if anything.
    """

    code: str
    name: ParameterRead
    english_name: str
    note: Text | None = None

    @property
    def label(self) -> Text:
        """The domain's name: the official French name and its English translation."""
        return Text(fr=str(self.name.value), en=self.english_name)

    @property
    def status(self) -> Status:
        """How well the name is established (``secondary``: a consultancy and a vendor page)."""
        return self.name.status

    @property
    def explanation(self) -> Explanation:
        """Where the name comes from."""
        return Explanation(
            rule=f"catalogue.hopen.domain.{self.code}",
            title=Text(fr=f"HOP'EN domaine {self.code}", en=f"HOP'EN domain {self.code}"),
            outcome=self.label,
            result=self.code,
            parameters=(self.name,),
            assumptions=(
                *(
                    ()
                    if self.status is Status.CONFIRMED
                    else (
                        Text(
                            fr=f"{self.name.key} : statut « {self.status.label().fr} »",
                            en=f"{self.name.key}: status '{self.status.label().en}'",
                        ),
                    )
                ),
                *((self.note,) if self.note else ()),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The domain as a JSON object, its name with its provenance."""
        return {
            "code": self.code,
            "english_name": self.english_name,
            "name": self.name.to_json(),
            "note": self.note.to_json() if self.note else None,
        }


def domain(code: str, *, on: dt.date | None = None, rules: RuleSet | None = None) -> Domain:
    """One HOP'EN domain, ``D1`` to ``D7``, as known on ``on`` (latest when ``None``).

    Raises:
        UnknownChoiceError: ``code`` is not one of ``D1`` to ``D7``.
        MissingParameterError: ``on`` is before the programme (12 February 2019).

    >>> domain("D1").label.en
    'Share imaging, biology and pathology results'
    >>> domain("D8")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.UnknownChoiceError: code: unknown HOP'EN domain 'D8'; allowed values: D1, D2, D3, D4, D5, D6, D7
    """
    rules = resolve_rules(rules)
    if code not in _ENGLISH_NAMES:
        raise UnknownChoiceError(
            f"unknown HOP'EN domain {code!r}", allowed=DOMAIN_CODES, where="code"
        )
    rules = rules or load_rules()
    key = f"hopen.domain.{code}"
    note = rules.value(key).as_known_on(on=on).note
    return Domain(code, rules.read(key, on=on), _ENGLISH_NAMES[code], note)


def all_domains(*, on: dt.date | None = None, rules: RuleSet | None = None) -> tuple[Domain, ...]:
    """The seven HOP'EN domains D1-D7, in order, as known on ``on`` (rules digest, HOP'EN §4 [docs: explanation/rules/hopen]).

    >>> print(all_domains()[0].label.fr)
    Partager les résultats d'imagerie, de biologie et d'anatomo-pathologie
    """
    rules = resolve_rules(rules)
    return tuple(domain(code, on=on, rules=rules) for code in DOMAIN_CODES)

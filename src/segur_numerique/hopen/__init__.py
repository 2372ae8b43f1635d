"""HOP'EN (Hôpital numérique ouvert sur son environnement)."""

from segur_numerique.hopen.domains import (
    DOMAIN_CODES as DOMAIN_CODES,
)
from segur_numerique.hopen.domains import (
    Domain as Domain,
)
from segur_numerique.hopen.domains import (
    all_domains as all_domains,
)
from segur_numerique.hopen.domains import (
    domain as domain,
)
from segur_numerique.hopen.eligibility import (
    prerequisites_met as prerequisites_met,
)

__all__ = [
    "DOMAIN_CODES",
    "Domain",
    "all_domains",
    "domain",
    "prerequisites_met",
]

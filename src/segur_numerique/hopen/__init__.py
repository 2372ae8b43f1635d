"""HOP'EN (Hôpital numérique ouvert sur son environnement)."""

from segur_numerique.hopen.domains import (
    HOPEN_DOMAIN_CODES as DOMAIN_CODES,
)
from segur_numerique.hopen.domains import (
    HopenDomain as Domain,
)
from segur_numerique.hopen.domains import (
    hopen_domain as domain,
)
from segur_numerique.hopen.domains import (
    hopen_domains as all_domains,
)
from segur_numerique.hopen.eligibility import (
    hopen_prerequisites_met as prerequisites_met,
)

__all__ = [
    "DOMAIN_CODES",
    "Domain",
    "all_domains",
    "domain",
    "prerequisites_met",
]

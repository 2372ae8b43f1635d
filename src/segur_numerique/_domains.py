"""Transitional shim: the domain enums moved to ``sun_es.domains`` and ``e_parcours.kinds``."""

# ruff: noqa: PLC0414  (the explicit re-export form `import name as name`)

from segur_numerique.e_parcours.kinds import EParcoursKind as EParcoursKind
from segur_numerique.sun_es.domains import SunEsDomain as SunEsDomain

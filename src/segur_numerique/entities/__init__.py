"""Who the programmes fund: establishments, ESMS and their grappes, doctors, software vendors."""

from segur_numerique.entities.choices import (
    Activity as Activity,
)
from segur_numerique.entities.choices import (
    Couloir as Couloir,
)
from segur_numerique.entities.choices import (
    LegalStatus as LegalStatus,
)
from segur_numerique.entities.finess import (
    Finess as Finess,
)
from segur_numerique.entities.models import (
    Esms as Esms,
)
from segur_numerique.entities.models import (
    Establishment as Establishment,
)
from segur_numerique.entities.models import (
    Grappe as Grappe,
)
from segur_numerique.entities.models import (
    LiberalDoctor as LiberalDoctor,
)
from segur_numerique.entities.models import (
    ReferencedSolution as ReferencedSolution,
)
from segur_numerique.entities.models import (
    SoftwareVendor as SoftwareVendor,
)
from segur_numerique.entities.parsing import (
    load_establishments as load_establishments,
)
from segur_numerique.entities.parsing import (
    parse_establishments as parse_establishments,
)

__all__ = [
    "Activity",
    "Couloir",
    "Esms",
    "Establishment",
    "Finess",
    "Grappe",
    "LegalStatus",
    "LiberalDoctor",
    "ReferencedSolution",
    "SoftwareVendor",
    "load_establishments",
    "parse_establishments",
]

"""Avenant 9 to the convention médicale (forfait structure)."""

from segur_numerique.avenant9.funding import (
    Amount as Amount,
)
from segur_numerique.avenant9.funding import VsmTiers as VsmTiers
from segur_numerique.avenant9.funding import (
    indicator_amount as indicator_amount,
)
from segur_numerique.avenant9.funding import (
    points as points,
)
from segur_numerique.avenant9.funding import points_cents as points_cents
from segur_numerique.avenant9.funding import (
    volet1_forfait as volet1_forfait,
)
from segur_numerique.avenant9.funding import (
    vsm_forfait as vsm_forfait,
)
from segur_numerique.avenant9.indicators import (
    INDICATORS as INDICATORS,
)
from segur_numerique.avenant9.indicators import (
    Indicator as Indicator,
)
from segur_numerique.avenant9.indicators import (
    IndicatorResult as IndicatorResult,
)
from segur_numerique.avenant9.indicators import (
    VsmResult as VsmResult,
)
from segur_numerique.avenant9.indicators import (
    VsmTier as VsmTier,
)
from segur_numerique.avenant9.indicators import (
    evaluate_indicator as evaluate_indicator,
)
from segur_numerique.avenant9.indicators import (
    evaluate_vsm as evaluate_vsm,
)
from segur_numerique.avenant9.tables import amounts_table as amounts_table

__all__ = [
    "INDICATORS",
    "Amount",
    "Indicator",
    "IndicatorResult",
    "VsmResult",
    "VsmTier",
    "evaluate_indicator",
    "evaluate_vsm",
    "indicator_amount",
    "points",
    "volet1_forfait",
    "vsm_forfait",
]

"""The programme catalogue."""

from segur_numerique.catalogue.human_support import (
    human_support_split as human_support_split,
)
from segur_numerique.catalogue.programme import (
    Programme as Programme,
)
from segur_numerique.catalogue.programme import (
    all_programmes as all_programmes,
)
from segur_numerique.catalogue.programme import (
    lookup as lookup,
)
from segur_numerique.catalogue.programme import (
    programme_keys as programme_keys,
)
from segur_numerique.catalogue.programme import (
    programme_tree as programme_tree,
)
from segur_numerique.catalogue.tree import (
    Payee as Payee,
)

__all__ = [
    "Payee",
    "Programme",
    "all_programmes",
    "human_support_split",
    "lookup",
    "programme_keys",
    "programme_tree",
]

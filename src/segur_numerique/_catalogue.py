"""Transitional shim: the catalogue moved to ``catalogue.programme``, the outcomes to ``sun_es``."""

# ruff: noqa: PLC0414  (the explicit re-export form `import name as name`)

from segur_numerique.catalogue.programme import Programme as Programme
from segur_numerique.catalogue.programme import UnknownProgrammeError as UnknownProgrammeError
from segur_numerique.catalogue.programme import programme as programme
from segur_numerique.catalogue.programme import programme_keys as programme_keys
from segur_numerique.catalogue.programme import programme_tree as programme_tree
from segur_numerique.catalogue.programme import programmes as programmes
from segur_numerique.catalogue.tree import Payee as Payee
from segur_numerique.sun_es.outcomes import RegionalEnvelope as RegionalEnvelope
from segur_numerique.sun_es.outcomes import Window1Outcomes as Window1Outcomes
from segur_numerique.sun_es.outcomes import regional_envelopes as regional_envelopes
from segur_numerique.sun_es.outcomes import regional_total as regional_total
from segur_numerique.sun_es.outcomes import window1_outcomes as window1_outcomes

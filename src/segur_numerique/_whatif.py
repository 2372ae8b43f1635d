"""Transitional shim: overrides moved to ``rules/overrides.py``, comparisons to ``whatif.py``."""

# ruff: noqa: PLC0414 (a shim re-exports each name under its own name)
from segur_numerique.rules.overrides import WHATIF_SOURCE_DATE as WHATIF_SOURCE_DATE
from segur_numerique.rules.overrides import Override as Override
from segur_numerique.rules.overrides import OverrideError as OverrideError
from segur_numerique.rules.overrides import overridden_keys as overridden_keys
from segur_numerique.rules.overrides import parse_overrides as parse_overrides
from segur_numerique.rules.overrides import with_overrides as with_overrides
from segur_numerique.whatif import Comparison as Comparison
from segur_numerique.whatif import ComparisonError as ComparisonError
from segur_numerique.whatif import Difference as Difference
from segur_numerique.whatif import Outcome as Outcome
from segur_numerique.whatif import compare as compare

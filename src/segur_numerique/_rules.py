"""Transitional shim: the rule-set model and its loader moved to :mod:`segur_numerique.rules`."""
# ruff: noqa: PLC0414  (a transitional shim re-exports each name explicitly)

from segur_numerique.core.periods import Period as Period
from segur_numerique.rules.loading import load_rules as load_rules
from segur_numerique.rules.loading import load_rules_from as load_rules_from
from segur_numerique.rules.model import RULES_FORMAT as RULES_FORMAT
from segur_numerique.rules.model import Alternative as Alternative
from segur_numerique.rules.model import DatedValue as DatedValue
from segur_numerique.rules.model import ReadRecorder as ReadRecorder
from segur_numerique.rules.model import RuleScalar as RuleScalar
from segur_numerique.rules.model import RuleSet as RuleSet
from segur_numerique.rules.model import RuleValue as RuleValue
from segur_numerique.rules.model import UnknownValue as UnknownValue
from segur_numerique.rules.model import value_as as value_as
from segur_numerique.rules.parameters import illustrative_assumptions as illustrative_assumptions
from segur_numerique.rules.parameters import load_parameter_file as load_parameter_file
from segur_numerique.rules.parameters import parse_parameter_text as parse_parameter_text
from segur_numerique.rules.sums import SumCheck as SumCheck
from segur_numerique.rules.versions import _convert_value as _convert_value
from segur_numerique.rules.versions import _ratio as _ratio

"""Rules of the French Ségur Numérique health-IT funding programmes, as a typed domain model."""

from segur_numerique._errors import (
    AmountFormatError,
    ConflictingValueError,
    FloatRefusedError,
    InvalidInputError,
    MissingParameterError,
    RuleDataError,
    SegurError,
    UnknownRuleError,
)
from segur_numerique._explanation import (
    EXPLANATION_FORMAT,
    Explanation,
    InputValue,
    ParameterRead,
    RoundingStep,
    explanation_json_schema,
)
from segur_numerique._i18n import LANGUAGES, Lang, Text
from segur_numerique._money import Euro, Price, TaxBasis, VatRate, euro_sum
from segur_numerique._provenance import Origin, Source, Status, Unit
from segur_numerique._rounding import (
    CENT_HALF_UP,
    EURO_HALF_UP,
    RoundingMode,
    RoundingPolicy,
)
from segur_numerique._rules import (
    RULES_FORMAT,
    Alternative,
    DatedValue,
    Period,
    RuleSet,
    RuleValue,
    SumCheck,
    UnknownValue,
    illustrative_assumptions,
    load_parameter_file,
    load_rules,
    load_rules_from,
    parse_parameter_text,
)

__version__ = "0.1.0"

__all__ = [
    "CENT_HALF_UP",
    "EURO_HALF_UP",
    "EXPLANATION_FORMAT",
    "LANGUAGES",
    "RULES_FORMAT",
    "Alternative",
    "AmountFormatError",
    "ConflictingValueError",
    "DatedValue",
    "Euro",
    "Explanation",
    "FloatRefusedError",
    "InputValue",
    "InvalidInputError",
    "Lang",
    "MissingParameterError",
    "Origin",
    "ParameterRead",
    "Period",
    "Price",
    "RoundingMode",
    "RoundingPolicy",
    "RoundingStep",
    "RuleDataError",
    "RuleSet",
    "RuleValue",
    "SegurError",
    "Source",
    "Status",
    "SumCheck",
    "TaxBasis",
    "Text",
    "Unit",
    "UnknownRuleError",
    "UnknownValue",
    "VatRate",
    "__version__",
    "euro_sum",
    "explanation_json_schema",
    "illustrative_assumptions",
    "load_parameter_file",
    "load_rules",
    "load_rules_from",
    "parse_parameter_text",
]

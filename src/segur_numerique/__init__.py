"""Rules of the French Ségur Numérique health-IT funding programmes, as a typed domain model.

``import segur_numerique as sn`` gives the core types (money, rule values and their provenance,
explanations), the rule-set entry points and :func:`compute`, and one namespace per programme:
``sn.sun_es``, ``sn.sons``, ``sn.hopen``, ``sn.esms_numerique``, ``sn.avenant9``,
``sn.e_parcours``; the shared parts ``sn.calendar`` (windows, phases, deadlines, working days),
``sn.calendars`` (every programme's calendar), ``sn.funding_scaling``, ``sn.catalogue``,
``sn.entities``, ``sn.units``, ``sn.kit`` (the conformance kit), ``sn.whatif`` and ``sn.errors``.

Everything is loaded on first use (a module-level ``__getattr__``, as attrs does), so that
``import segur_numerique`` stays fast; ``benchmarks/import_time.py`` measures it.

>>> import segur_numerique as sn
>>> sn.Euro("875.00") * 2
Euro('1750.00')
>>> sn.sons.ttc
<function ttc at ...>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from segur_numerique.core.version import __version__

if TYPE_CHECKING:
    from segur_numerique import (
        avenant9 as avenant9,
    )
    from segur_numerique import (
        calendar as calendar,
    )
    from segur_numerique import (
        calendars as calendars,
    )
    from segur_numerique import (
        catalogue as catalogue,
    )
    from segur_numerique import (
        e_parcours as e_parcours,
    )
    from segur_numerique import (
        entities as entities,
    )
    from segur_numerique import (
        errors as errors,
    )
    from segur_numerique import (
        esms_numerique as esms_numerique,
    )
    from segur_numerique import (
        explorer as explorer,
    )
    from segur_numerique import (
        funding_scaling as funding_scaling,
    )
    from segur_numerique import (
        hopen as hopen,
    )
    from segur_numerique import (
        kit as kit,
    )
    from segur_numerique import (
        sons as sons,
    )
    from segur_numerique import (
        sun_es as sun_es,
    )
    from segur_numerique import (
        whatif as whatif,
    )
    from segur_numerique.core import units as units
    from segur_numerique.core.explanation import (
        EXPLANATION_FORMAT as EXPLANATION_FORMAT,
    )
    from segur_numerique.core.explanation import (
        Explanation as Explanation,
    )
    from segur_numerique.core.explanation import (
        InputValue as InputValue,
    )
    from segur_numerique.core.explanation import (
        ParameterRead as ParameterRead,
    )
    from segur_numerique.core.explanation import (
        RoundingStep as RoundingStep,
    )
    from segur_numerique.core.explanation import (
        explanation_json_schema as explanation_json_schema,
    )
    from segur_numerique.core.money import (
        Euro as Euro,
    )
    from segur_numerique.core.money import (
        Price as Price,
    )
    from segur_numerique.core.money import (
        TaxBasis as TaxBasis,
    )
    from segur_numerique.core.money import (
        VatRate as VatRate,
    )
    from segur_numerique.core.money import (
        euro_sum as euro_sum,
    )
    from segur_numerique.core.periods import (
        Period as Period,
    )
    from segur_numerique.core.provenance import (
        DatePrecision as DatePrecision,
    )
    from segur_numerique.core.provenance import (
        Origin as Origin,
    )
    from segur_numerique.core.provenance import (
        Source as Source,
    )
    from segur_numerique.core.provenance import (
        Status as Status,
    )
    from segur_numerique.core.provenance import (
        Unit as Unit,
    )
    from segur_numerique.core.rounding import (
        CENT_HALF_UP as CENT_HALF_UP,
    )
    from segur_numerique.core.rounding import (
        EURO_HALF_UP as EURO_HALF_UP,
    )
    from segur_numerique.core.rounding import (
        RoundingMode as RoundingMode,
    )
    from segur_numerique.core.rounding import (
        RoundingPolicy as RoundingPolicy,
    )
    from segur_numerique.core.text import (
        LANGUAGES as LANGUAGES,
    )
    from segur_numerique.core.text import (
        Lang as Lang,
    )
    from segur_numerique.core.text import (
        Text as Text,
    )
    from segur_numerique.core.verdict import (
        EligibilityResult as EligibilityResult,
    )
    from segur_numerique.core.verdict import (
        Reason as Reason,
    )
    from segur_numerique.kit.compute import (
        compute as compute,
    )
    from segur_numerique.rules.loading import (
        load_rules as load_rules,
    )
    from segur_numerique.rules.loading import (
        load_rules_from as load_rules_from,
    )
    from segur_numerique.rules.model import (
        RULES_FORMAT as RULES_FORMAT,
    )
    from segur_numerique.rules.model import (
        Alternative as Alternative,
    )
    from segur_numerique.rules.model import (
        DatedValue as DatedValue,
    )
    from segur_numerique.rules.model import (
        RuleSet as RuleSet,
    )
    from segur_numerique.rules.model import (
        RuleValue as RuleValue,
    )
    from segur_numerique.rules.model import (
        UnknownValue as UnknownValue,
    )
    from segur_numerique.rules.parameters import (
        illustrative_assumptions as illustrative_assumptions,
    )
    from segur_numerique.rules.parameters import (
        load_parameter_file as load_parameter_file,
    )
    from segur_numerique.rules.parameters import (
        parse_parameter_text as parse_parameter_text,
    )
    from segur_numerique.rules.sums import (
        CheckStatus as CheckStatus,
    )
    from segur_numerique.rules.sums import (
        SumCheck as SumCheck,
    )
    from segur_numerique.rules.sums import (
        SumCheckResult as SumCheckResult,
    )

#: Public name -> the module that defines it (loaded on first access).
_LAZY: dict[str, str] = {
    "EXPLANATION_FORMAT": "segur_numerique.core.explanation",
    "Explanation": "segur_numerique.core.explanation",
    "InputValue": "segur_numerique.core.explanation",
    "ParameterRead": "segur_numerique.core.explanation",
    "RoundingStep": "segur_numerique.core.explanation",
    "explanation_json_schema": "segur_numerique.core.explanation",
    "Euro": "segur_numerique.core.money",
    "Price": "segur_numerique.core.money",
    "TaxBasis": "segur_numerique.core.money",
    "VatRate": "segur_numerique.core.money",
    "euro_sum": "segur_numerique.core.money",
    "Period": "segur_numerique.core.periods",
    "DatePrecision": "segur_numerique.core.provenance",
    "Origin": "segur_numerique.core.provenance",
    "Source": "segur_numerique.core.provenance",
    "Status": "segur_numerique.core.provenance",
    "Unit": "segur_numerique.core.provenance",
    "CENT_HALF_UP": "segur_numerique.core.rounding",
    "EURO_HALF_UP": "segur_numerique.core.rounding",
    "RoundingMode": "segur_numerique.core.rounding",
    "RoundingPolicy": "segur_numerique.core.rounding",
    "LANGUAGES": "segur_numerique.core.text",
    "Lang": "segur_numerique.core.text",
    "Text": "segur_numerique.core.text",
    "EligibilityResult": "segur_numerique.core.verdict",
    "Reason": "segur_numerique.core.verdict",
    "compute": "segur_numerique.kit.compute",
    "load_rules": "segur_numerique.rules.loading",
    "load_rules_from": "segur_numerique.rules.loading",
    "Alternative": "segur_numerique.rules.model",
    "DatedValue": "segur_numerique.rules.model",
    "RULES_FORMAT": "segur_numerique.rules.model",
    "RuleSet": "segur_numerique.rules.model",
    "RuleValue": "segur_numerique.rules.model",
    "CheckStatus": "segur_numerique.rules.sums",
    "SumCheck": "segur_numerique.rules.sums",
    "SumCheckResult": "segur_numerique.rules.sums",
    "UnknownValue": "segur_numerique.rules.model",
    "illustrative_assumptions": "segur_numerique.rules.parameters",
    "load_parameter_file": "segur_numerique.rules.parameters",
    "parse_parameter_text": "segur_numerique.rules.parameters",
}
#: The public namespaces, loaded on first access (``units`` is :mod:`segur_numerique.core.units`).
_NAMESPACES: dict[str, str] = {
    "avenant9": "segur_numerique.avenant9",
    "calendar": "segur_numerique.calendar",
    "calendars": "segur_numerique.calendars",
    "catalogue": "segur_numerique.catalogue",
    "e_parcours": "segur_numerique.e_parcours",
    "entities": "segur_numerique.entities",
    "errors": "segur_numerique.errors",
    "esms_numerique": "segur_numerique.esms_numerique",
    "explorer": "segur_numerique.explorer",
    "funding_scaling": "segur_numerique.funding_scaling",
    "hopen": "segur_numerique.hopen",
    "kit": "segur_numerique.kit",
    "sons": "segur_numerique.sons",
    "sun_es": "segur_numerique.sun_es",
    "whatif": "segur_numerique.whatif",
    "units": "segur_numerique.core.units",
}


def __getattr__(name: str) -> Any:
    """Load a public name or namespace on first access (PEP 562)."""
    if name in _NAMESPACES:
        value = importlib.import_module(_NAMESPACES[name])
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'segur_numerique' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CENT_HALF_UP",
    "EURO_HALF_UP",
    "EXPLANATION_FORMAT",
    "LANGUAGES",
    "RULES_FORMAT",
    "Alternative",
    "CheckStatus",
    "DatePrecision",
    "DatedValue",
    "EligibilityResult",
    "Euro",
    "Explanation",
    "InputValue",
    "Lang",
    "Origin",
    "ParameterRead",
    "Period",
    "Price",
    "Reason",
    "RoundingMode",
    "RoundingPolicy",
    "RoundingStep",
    "RuleSet",
    "RuleValue",
    "Source",
    "Status",
    "SumCheck",
    "SumCheckResult",
    "TaxBasis",
    "Text",
    "Unit",
    "UnknownValue",
    "VatRate",
    "__version__",
    "avenant9",
    "calendar",
    "calendars",
    "catalogue",
    "compute",
    "e_parcours",
    "entities",
    "errors",
    "esms_numerique",
    "euro_sum",
    "explanation_json_schema",
    "explorer",
    "funding_scaling",
    "hopen",
    "illustrative_assumptions",
    "kit",
    "load_parameter_file",
    "load_rules",
    "load_rules_from",
    "parse_parameter_text",
    "sons",
    "sun_es",
    "units",
    "whatif",
]

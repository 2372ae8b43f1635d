"""SUN-ES (Ségur usage numérique en établissements de santé)."""

from segur_numerique.sun_es.batch import (
    eligibility_table as eligibility_table,
)
from segur_numerique.sun_es.batch import (
    eligible_column as eligible_column,
)
from segur_numerique.sun_es.batch import (
    establishments_table as establishments_table,
)
from segur_numerique.sun_es.batch import (
    forfait_column as forfait_column,
)
from segur_numerique.sun_es.calendar import (
    window as window,
)
from segur_numerique.sun_es.calendar import (
    window_pattern as window_pattern,
)
from segur_numerique.sun_es.cases import (
    SIMULATION_FORMAT as SIMULATION_FORMAT,
)
from segur_numerique.sun_es.cases import (
    SimulationCase as SimulationCase,
)
from segur_numerique.sun_es.cases import (
    SimulationInput as SimulationInput,
)
from segur_numerique.sun_es.cases import (
    load_case as load_case,
)
from segur_numerique.sun_es.cases import (
    parse_case as parse_case,
)
from segur_numerique.sun_es.cases import (
    sample_case as sample_case,
)
from segur_numerique.sun_es.cases import (
    simulation_json_schema as simulation_json_schema,
)
from segur_numerique.sun_es.dialysis import DialysisPeriodPolicy as DialysisPeriodPolicy
from segur_numerique.sun_es.dialysis import (
    DialysisSession as DialysisSession,
)
from segur_numerique.sun_es.dialysis import (
    DialysisStay as DialysisStay,
)
from segur_numerique.sun_es.dialysis import (
    DialysisStays as DialysisStays,
)
from segur_numerique.sun_es.dialysis import (
    SessionGroup as SessionGroup,
)
from segur_numerique.sun_es.dialysis import (
    dialysis_stays as dialysis_stays,
)
from segur_numerique.sun_es.documents.audit import DocumentAudit as DocumentAudit
from segur_numerique.sun_es.documents.audit import Verdict as Verdict
from segur_numerique.sun_es.documents.audit import audit_documents as audit_documents
from segur_numerique.sun_es.documents.audit import log_rows as log_rows
from segur_numerique.sun_es.documents.cda import CdaHeader as CdaHeader
from segur_numerique.sun_es.documents.cda import InsKind as InsKind
from segur_numerique.sun_es.documents.reading import DocumentReading as DocumentReading
from segur_numerique.sun_es.documents.reading import DocumentRecord as DocumentRecord
from segur_numerique.sun_es.documents.reading import read_documents as read_documents
from segur_numerique.sun_es.documents.safexml import MAX_DOCUMENT_BYTES as MAX_DOCUMENT_BYTES
from segur_numerique.sun_es.documents.samples import cda_samples_folder as cda_samples_folder
from segur_numerique.sun_es.documents.submissions import Submission as Submission
from segur_numerique.sun_es.documents.submissions import read_submissions as read_submissions
from segur_numerique.sun_es.domain_evaluation import (
    DomainResult as DomainResult,
)
from segur_numerique.sun_es.domain_evaluation import (
    VoletResult as VoletResult,
)
from segur_numerique.sun_es.domain_evaluation import (
    evaluate_domain as evaluate_domain,
)
from segur_numerique.sun_es.domain_evaluation import (
    evaluate_volet1 as evaluate_volet1,
)
from segur_numerique.sun_es.domains import (
    Domain as Domain,
)
from segur_numerique.sun_es.eligibility import (
    establishment_eligibility as establishment_eligibility,
)
from segur_numerique.sun_es.evaluation import (
    EstablishmentProfile as EstablishmentProfile,
)
from segur_numerique.sun_es.evaluation import (
    IndicatorCounts as IndicatorCounts,
)
from segur_numerique.sun_es.evaluation import (
    IndicatorResult as IndicatorResult,
)
from segur_numerique.sun_es.evaluation import (
    evaluate_indicator as evaluate_indicator,
)
from segur_numerique.sun_es.evaluation import meets_target as meets_target
from segur_numerique.sun_es.funding import (
    DomainPayment as DomainPayment,
)
from segur_numerique.sun_es.funding import (
    Forfait as Forfait,
)
from segur_numerique.sun_es.funding import (
    forfait as forfait,
)
from segur_numerique.sun_es.grid import (
    ForfaitGrid as ForfaitGrid,
)
from segur_numerique.sun_es.grid import (
    grid_row as grid_row,
)
from segur_numerique.sun_es.indicators import (
    INDICATORS as INDICATORS,
)
from segur_numerique.sun_es.indicators import (
    VOLET1 as VOLET1,
)
from segur_numerique.sun_es.indicators import (
    VOLET2 as VOLET2,
)
from segur_numerique.sun_es.indicators import (
    Basis as Basis,
)
from segur_numerique.sun_es.indicators import (
    Capability as Capability,
)
from segur_numerique.sun_es.indicators import (
    DocumentType as DocumentType,
)
from segur_numerique.sun_es.indicators import (
    DomainDefinition as DomainDefinition,
)
from segur_numerique.sun_es.indicators import (
    IndicatorDefinition as IndicatorDefinition,
)
from segur_numerique.sun_es.indicators import (
    InsStatus as InsStatus,
)
from segur_numerique.sun_es.indicators import (
    VoletDefinition as VoletDefinition,
)
from segur_numerique.sun_es.indicators import (
    domain_definition as domain_definition,
)
from segur_numerique.sun_es.indicators import (
    indicator_definition as indicator_definition,
)
from segur_numerique.sun_es.logs.compute import indicators_from_logs as indicators_from_logs
from segur_numerique.sun_es.logs.counts import (
    LogParameters as LogParameters,
)
from segur_numerique.sun_es.logs.counts import document_verdicts as document_verdicts
from segur_numerique.sun_es.logs.counts import (
    indicator_counts_frame as indicator_counts_frame,
)
from segur_numerique.sun_es.logs.csv_files import CsvFormat as CsvFormat
from segur_numerique.sun_es.logs.document_columns import DMP_STATUSES as DMP_STATUSES
from segur_numerique.sun_es.logs.document_columns import (
    OPTIONAL_DOCUMENT_COLUMNS as OPTIONAL_DOCUMENT_COLUMNS,
)
from segur_numerique.sun_es.logs.document_columns import DocumentCheck as DocumentCheck
from segur_numerique.sun_es.logs.exclusions import (
    Exclusion as Exclusion,
)
from segur_numerique.sun_es.logs.exclusions import (
    ExclusionReason as ExclusionReason,
)
from segur_numerique.sun_es.logs.inputs import (
    DOCUMENT_COLUMNS as DOCUMENT_COLUMNS,
)
from segur_numerique.sun_es.logs.inputs import (
    STAY_COLUMNS as STAY_COLUMNS,
)
from segur_numerique.sun_es.logs.results import (
    EstablishmentIndicators as EstablishmentIndicators,
)
from segur_numerique.sun_es.logs.results import (
    LogIndicators as LogIndicators,
)
from segur_numerique.sun_es.logs.validation import BadRow as BadRow
from segur_numerique.sun_es.national import national_simulation as national_simulation
from segur_numerique.sun_es.national_result import EnvelopeGap as EnvelopeGap
from segur_numerique.sun_es.national_result import NationalSimulation as NationalSimulation
from segur_numerique.sun_es.outcomes import (
    RegionalEnvelope as RegionalEnvelope,
)
from segur_numerique.sun_es.outcomes import (
    Window1Outcomes as Window1Outcomes,
)
from segur_numerique.sun_es.outcomes import (
    regional_envelopes as regional_envelopes,
)
from segur_numerique.sun_es.outcomes import (
    window1_outcomes as window1_outcomes,
)
from segur_numerique.sun_es.plots import plot_degression as plot_degression
from segur_numerique.sun_es.prerequisites import (
    PrerequisiteChecklist as PrerequisiteChecklist,
)
from segur_numerique.sun_es.prerequisites import (
    PrerequisiteItem as PrerequisiteItem,
)
from segur_numerique.sun_es.prerequisites import (
    prerequisite_checklist as prerequisite_checklist,
)
from segur_numerique.sun_es.reassignment import (
    Reassignment as Reassignment,
)
from segur_numerique.sun_es.reassignment import (
    Route as Route,
)
from segur_numerique.sun_es.reassignment import (
    reassign as reassign,
)
from segur_numerique.sun_es.simulation import (
    DomainOutcome as DomainOutcome,
)
from segur_numerique.sun_es.simulation import (
    Simulation as Simulation,
)
from segur_numerique.sun_es.simulation import (
    simulate as simulate,
)
from segur_numerique.sun_es.simulation import (
    simulation_outcome as simulation_outcome,
)
from segur_numerique.sun_es.synthetic import synthetic_establishments as synthetic_establishments
from segur_numerique.sun_es.targets import (
    Target as Target,
)
from segur_numerique.sun_es.targets import (
    TargetFall as TargetFall,
)
from segur_numerique.sun_es.targets import (
    TargetSet as TargetSet,
)
from segur_numerique.sun_es.targets import (
    TargetTrendCheck as TargetTrendCheck,
)
from segur_numerique.sun_es.targets import (
    check_targets_rise as check_targets_rise,
)
from segur_numerique.sun_es.targets import (
    target_from_rules as target_from_rules,
)
from segur_numerique.sun_es.targets import (
    targets_from_rules as targets_from_rules,
)
from segur_numerique.sun_es.volets import (
    split_volets as split_volets,
)

__all__ = [
    "DOCUMENT_COLUMNS",
    "INDICATORS",
    "SIMULATION_FORMAT",
    "STAY_COLUMNS",
    "VOLET1",
    "VOLET2",
    "Basis",
    "Capability",
    "DialysisPeriodPolicy",
    "DialysisSession",
    "DialysisStay",
    "DialysisStays",
    "DocumentType",
    "Domain",
    "DomainDefinition",
    "DomainOutcome",
    "DomainPayment",
    "DomainResult",
    "EstablishmentIndicators",
    "EstablishmentProfile",
    "Exclusion",
    "ExclusionReason",
    "Forfait",
    "ForfaitGrid",
    "IndicatorCounts",
    "IndicatorDefinition",
    "IndicatorResult",
    "InsStatus",
    "LogIndicators",
    "LogParameters",
    "PrerequisiteChecklist",
    "PrerequisiteItem",
    "Reassignment",
    "RegionalEnvelope",
    "Route",
    "SessionGroup",
    "Simulation",
    "SimulationCase",
    "SimulationInput",
    "Target",
    "TargetFall",
    "TargetSet",
    "TargetTrendCheck",
    "VoletDefinition",
    "VoletResult",
    "Window1Outcomes",
    "check_targets_rise",
    "dialysis_stays",
    "domain_definition",
    "eligibility_table",
    "eligible_column",
    "establishment_eligibility",
    "establishments_table",
    "evaluate_domain",
    "evaluate_indicator",
    "evaluate_volet1",
    "forfait",
    "forfait_column",
    "grid_row",
    "indicator_counts_frame",
    "indicator_definition",
    "indicators_from_logs",
    "load_case",
    "parse_case",
    "prerequisite_checklist",
    "reassign",
    "regional_envelopes",
    "sample_case",
    "simulate",
    "simulation_json_schema",
    "simulation_outcome",
    "split_volets",
    "target_from_rules",
    "targets_from_rules",
    "window",
    "window1_outcomes",
    "window_pattern",
]

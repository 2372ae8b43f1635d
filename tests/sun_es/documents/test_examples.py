"""The seven ANS examples give the verdicts their types and bodies call for."""

from __future__ import annotations

from typing import Any

import pytest

from segur_numerique.errors import SubmissionLogError
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.overrides import with_overrides
from segur_numerique.sun_es.documents.audit import audit_documents, log_rows
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.samples import SAMPLE_FILES, cda_samples_folder
from segur_numerique.sun_es.documents.submissions import read_submissions
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters

COUNTING = {
    "BIO-CR-BIO_2024.01_TSH_1.xml": "biology_report",
    "IMG_CR_IMG_2024.01.xml": "imaging_report",
    "LDL-SES_2022.01.xml": "discharge_letter",
    "eP-MED-DM_2024.01_PosoStruct.xml": "discharge_prescription",
}


def _submissions(test_mode: bool = True) -> Any:
    reading = read_documents([cda_samples_folder()], test_ins_as_qualified=test_mode)
    lines = ["document_id,submitted_at,dmp_status"]
    lines += [f"{r.header.document_id},{r.produced.isoformat()},accepted" for r in reading.records]
    return reading, read_submissions("\n".join(lines).encode())


def _by_file(audit: Any) -> dict[str, Any]:
    return {v.file.rsplit("/", 1)[-1]: v for v in audit.verdicts}


def test_reading_the_examples() -> None:
    reading = read_documents([cda_samples_folder()])
    assert reading.ok
    assert [r.header.file.rsplit("/", 1)[-1] for r in reading.records] == list(SAMPLE_FILES)
    types = {
        r.header.file.rsplit("/", 1)[-1]: (r.type.value, r.structured) for r in reading.records
    }
    assert types["BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml"] == ("biology_report_unstructured", False)
    assert types["BIO-CR-BIO_2024.01_TSH_1.xml"] == ("biology_report_structured", True)
    assert types["ANEST-CR-ANEST_2022.01.xml"] == ("other", None)
    assert {r.ins_status for r in reading.records} == {"test"}
    ldl = reading.records[SAMPLE_FILES.index("LDL-SES_2022.01.xml")].header
    assert ldl.author_finess == "750803447"
    assert (ldl.admission and ldl.admission.isoformat()) == "2019-10-29T11:17:00+01:00"
    img = reading.records[SAMPLE_FILES.index("IMG_CR_IMG_2024.01.xml")].header
    assert (img.version, img.encounter_finess) == (2, "920008059")


def test_test_mode_counts_the_four_documents(parameters: LogParameters, stays: Any) -> None:
    reading, subs = _submissions()
    audit = audit_documents(reading, parameters, stays=stays, submissions=subs)
    verdicts = _by_file(audit)
    for name, indicator in COUNTING.items():
        assert (verdicts[name].counts, verdicts[name].indicator) == (True, indicator), name
    assert verdicts["BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml"].reason == "biology_not_structured"
    assert verdicts["ANEST-CR-ANEST_2022.01.xml"].reason == "wrong_type"
    assert verdicts["ANEST-CR-ANEST_2022.01.xml"].indicator is None
    assert verdicts["VSM_1.4_2022.01.xml"].counts is False


def test_test_ins_never_counts_by_default(parameters: LogParameters, stays: Any) -> None:
    _, subs = _submissions()
    audit = audit_documents(
        read_documents([cda_samples_folder()]), parameters, stays=stays, submissions=subs
    )
    verdicts = _by_file(audit)
    for name in COUNTING:
        assert verdicts[name].reason == "test_ins", name


def test_not_sent_late_and_discharge_prescription(parameters: LogParameters, stays: Any) -> None:
    reading, _ = _submissions()
    ids = {r.header.file.rsplit("/", 1)[-1]: r.header.document_id for r in reading.records}
    subs = read_submissions(
        (
            "document_id,submitted_at,dmp_status\n"
            f"{ids['LDL-SES_2022.01.xml']},2020-06-01T10:00:00+02:00,accepted\n"
        ).encode()
    )
    audit = audit_documents(reading, parameters, stays=stays, submissions=subs)
    verdicts = _by_file(audit)
    assert verdicts["LDL-SES_2022.01.xml"].reason == "sent_after_deadline"
    assert verdicts["IMG_CR_IMG_2024.01.xml"].reason == "not_sent"


def test_an_encounter_of_one_day_matches_only_a_stay_discharged_that_day(
    parameters: LogParameters, stays: Any
) -> None:
    reading, subs = _submissions()
    prescription = reading.records[SAMPLE_FILES.index("eP-MED-DM_2024.01_PosoStruct.xml")]
    stay = {"stay_id": "S-LONG", "finess": "750512345", "activity": "MCO"}
    stay |= {"admission": prescription.produced, "discharge": prescription.produced}
    later = [s for s in stays if s["stay_id"] != "S-MED"]
    later.append(dict(stay, discharge=prescription.produced.replace(day=20)))
    # the encounter gives only the prescription's day: no stay of that discharge day matches
    audit = audit_documents(reading, parameters, stays=later, submissions=subs)
    assert _by_file(audit)["eP-MED-DM_2024.01_PosoStruct.xml"].reason == "no_matching_stay"
    by_id = read_documents([cda_samples_folder()], test_ins_as_qualified=True)
    joined = log_rows(by_id, stays=later, submissions=subs)
    assert len(joined.rows) == 5


def test_cda_path_equals_the_counts_path(parameters: LogParameters, stays: Any) -> None:
    reading, subs = _submissions()
    audit = audit_documents(reading, parameters, stays=stays, submissions=subs)
    joined = log_rows(reading, stays=stays, submissions=subs)
    direct = indicators_from_logs(stays, [dict(r) for r in joined.rows], parameters)
    assert audit.indicators is not None
    # the counts (the explanations name the reasons, and a test INS is a reason of its own)
    assert [(e.finess, e.counts) for e in audit.indicators.establishments] == [
        (e.finess, e.counts) for e in direct.establishments
    ]


def test_the_mapping_is_overridable(parameters: LogParameters, stays: Any) -> None:
    rules = with_overrides(
        {"sun_es.document.loinc.77436-4": "operative_report"}, rules=load_rules()
    )
    reading = read_documents([cda_samples_folder()], rules=rules, test_ins_as_qualified=True)
    anest = reading.records[0]
    assert (anest.type.value, anest.indicator) == ("operative_report", "operative_report")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "document_id,submitted_at,dmp_status\nX,yesterday,accepted\n",
            "row 2, column submitted_at",
        ),
        ("document_id,submitted_at,dmp_status\nX,2024-01-01,maybe\n", "row 2, column dmp_status"),
        (
            "document_id,submitted_at,dmp_status\n,2024-01-01,accepted\n",
            "row 2, column document_id",
        ),
        ("set_id,version,submitted_at,dmp_status\nS,two,2024-01-01,\n", "row 2, column version"),
        ("document_id,dmp_status\nX,accepted\n", "row 1"),
    ],
)
def test_bad_submission_rows(text: str, where: str) -> None:
    with pytest.raises(SubmissionLogError) as info:
        read_submissions(text.encode(), name="subs.csv")
    assert info.value.file == "subs.csv"
    assert info.value.where == where


def test_rejected_and_superseded_reach_the_pipeline(parameters: LogParameters, stays: Any) -> None:
    reading, _ = _submissions()
    letter = reading.records[SAMPLE_FILES.index("LDL-SES_2022.01.xml")].header
    subs = read_submissions(
        (
            "set_id,version,submitted_at,dmp_status\n"
            f"{letter.set_id},{letter.version},2019-12-03,rejected\n"
        ).encode()
    )
    audit = audit_documents(reading, parameters, stays=stays, submissions=subs)
    row = next(r for r in audit.rows if r["document_id"] == letter.document_id)
    assert (row["sent"], row["dmp_status"]) == (letter.effective_time.date(), "rejected")
    assert (row["set_id"], row["version"], row["author_finess"]) == (
        letter.set_id,
        1,
        "750803447",
    )
    verdict = _by_file(audit)["LDL-SES_2022.01.xml"]
    assert verdict.reason == "rejected_by_dmp"

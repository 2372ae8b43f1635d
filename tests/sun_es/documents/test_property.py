"""Documents → rows → indicators equals the counts path, for generated documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segur_numerique.sun_es.documents.audit import audit_documents, document_row
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.samples import SAMPLE_FILES, cda_samples_folder
from segur_numerique.sun_es.documents.submissions import Submission, index_submissions
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters

CODES = ["11490-0", "57833-6", "34874-8", "11502-2", "18748-4", "77436-4", "00000-0"]
ROOTS = ["1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.10", "1.2.3.4"]
TYPES = {
    "11490-0": "discharge_letter",
    "57833-6": "discharge_prescription",
    "34874-8": "operative_report",
    "11502-2": "biology_report_structured",
    "18748-4": "imaging_report",
}
BASE = dt.date(2022, 1, 1)


def _cda(i: int, code: str, root: str, structured: bool, day: int, stay: int) -> bytes:
    template = '<templateId root="1.2.250.1.213.1.1.1.55"/>' if structured else ""
    when = (BASE + dt.timedelta(days=day)).strftime("%Y%m%d")
    return f"""<ClinicalDocument xmlns="urn:hl7-org:v3">{template}
<id root="1.2.3" extension="D{i}"/><code code="{code}" codeSystem="2.16.840.1.113883.6.1"/>
<effectiveTime value="{when}1200+0100"/><setId root="1.2.3" extension="S{i}"/><versionNumber value="1"/>
<recordTarget><patientRole><id root="{root}" extension="1"/></patientRole></recordTarget>
<componentOf><encompassingEncounter><id root="1.2.250.1.71.4.2.1" extension="STAY{stay}"/>
<effectiveTime><low value="{when}"/><high value="{when}"/></effectiveTime></encompassingEncounter></componentOf>
<component><structuredBody/></component></ClinicalDocument>""".encode()


docs = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.sampled_from(ROOTS),
        st.booleans(),
        st.integers(0, 400),
        st.integers(0, 3),
        st.one_of(st.none(), st.integers(0, 60)),
    ),
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs)
def test_documents_path_equals_counts_path(
    tmp_path_factory: Any, parameters: LogParameters, generated: list[Any]
) -> None:
    folder: Path = tmp_path_factory.mktemp("cda")
    stays = [
        {
            "stay_id": f"STAY{k}",
            "finess": "750803447",
            "activity": "MCO",
            "admission": BASE,
            "discharge": BASE + dt.timedelta(days=500),
        }
        for k in range(4)
    ]
    expected = []
    subs = []
    for i, (code, root, structured, day, stay, delay) in enumerate(generated):
        (folder / f"d{i:02}.xml").write_bytes(_cda(i, code, root, structured, day, stay))
        produced = BASE + dt.timedelta(days=day)
        sent = None if delay is None else produced + dt.timedelta(days=delay)
        if sent is not None:
            subs.append(Submission(i + 2, f"1.2.3^D{i}", None, None, sent, "accepted"))
        kind = TYPES.get(code, "other")
        if kind == "biology_report_structured" and not structured:
            kind = "biology_report_unstructured"
        ins = {"1.2.250.1.213.1.4.8": "qualified", "1.2.3.4": "none"}.get(root, "none")
        expected.append(
            {
                "document_id": f"1.2.3^D{i}",
                "stay_id": f"STAY{stay}",
                "type": kind,
                "produced": produced,
                "sent": sent,
                "ins_status": ins,
            }
        )
    reading = read_documents([folder])
    audit = audit_documents(reading, parameters, stays=stays, submissions=subs)
    direct = indicators_from_logs(stays, expected, parameters)
    assert audit.indicators is not None
    # the counts (the explanations name the reasons, and a test INS is a reason of its own)
    assert [(e.finess, e.counts) for e in audit.indicators.establishments] == [
        (e.finess, e.counts) for e in direct.establishments
    ]
    counted = sum(v.counts for v in audit.verdicts)
    excluded = {e.id for e in direct.exclusions or () if e.kind == "document"}
    assert counted == len(expected) - len(excluded)


def test_a_row_keeps_the_type_and_carries_the_optional_columns() -> None:
    reading = read_documents([cda_samples_folder() / SAMPLE_FILES[-1]])
    record = reading.records[0]
    stay = {"stay_id": "S", "discharge": record.produced + dt.timedelta(days=3)}
    row = document_row(record, stay, index_submissions(()))
    assert (row["type"], row["stay_id"], row["sent"]) == ("discharge_prescription", "S", None)
    assert (row["set_id"], row["version"], row["author_finess"]) == (
        record.header.set_id,
        1,
        "750512345",
    )

"""``POST /documents/audit``: the verdict of every uploaded CDA R2 document.

The same library calls as ``segur-numerique documents audit``
(:func:`~segur_numerique.sun_es.documents.reading.read_documents`, then
:func:`~segur_numerique.sun_es.documents.audit.audit_documents`), on the files of one multipart
request saved in its temporary folder. As the command exits 2 after reporting the others when a
file cannot be read, the endpoint answers 422 (``application/problem+json``) carrying the files it
could not read *and* the audit of the others (member ``audit``); otherwise 200 and the audit.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from segur_numerique.core.text import plural_word
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.parameters import load_parameter_file
from segur_numerique.server.documents import dump
from segur_numerique.server.problems import PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_PREFIX
from segur_numerique.server.routes import json_response, without_folder
from segur_numerique.server.state import flag, state_of
from segur_numerique.server.uploads import UploadField, Uploads, call_with_uploads
from segur_numerique.sun_es.documents.audit import audit_documents
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.submissions import read_submissions
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.targets import WINDOWS


def _fields(max_cda_bytes: int) -> tuple[UploadField, ...]:
    return (
        UploadField("documents", (".xml", ".zip"), many=True, max_bytes=max_cda_bytes),
        UploadField("stays", (".csv", ".parquet"), required=False, rows=True),
        UploadField("submissions", (".csv",), required=False, rows=True),
        UploadField("parameters", (".toml",), required=False),
    )


async def documents_audit_endpoint(request: Request) -> Response:
    """``POST /documents/audit``: the verdict of every uploaded CDA document.

    Multipart ``documents`` (CDA files or zips), optional ``stays`` and ``submissions`` logs and
    a ``parameters`` file (TOML, as for ``POST /indicators``);
    queries ``window``, ``illustrative`` and ``test_ins_as_qualified``.
    """
    state = state_of(request)
    window = request.query_params.get("window", "F1")
    if window not in WINDOWS:
        raise InvalidInputError(
            f"expected one of {', '.join(WINDOWS)}, got {window!r}", where="query window"
        )
    base = state.illustrative if flag(request, "illustrative", False) else state.rules
    test_ins = flag(request, "test_ins_as_qualified", False)

    def run(uploads: Uploads) -> tuple[int, bytes]:
        parameters_file = uploads.one("parameters")
        rules = base if parameters_file is None else load_parameter_file(parameters_file, base=base)
        paths = [saved.path for saved in uploads.files.get("documents", ())]
        reading = read_documents(paths, rules=rules, test_ins_as_qualified=test_ins)
        submissions_file = uploads.one("submissions")
        submissions = read_submissions(submissions_file) if submissions_file else ()
        stays = uploads.one("stays")
        parameters = LogParameters.from_rules(rules, window) if stays else None
        audit = audit_documents(reading, parameters, stays=stays, submissions=submissions)
        document = audit.to_json()
        if reading.ok:
            return 200, without_folder(dump(document), uploads)
        count = len(reading.errors)
        problem: dict[str, JsonValue] = {
            "type": PROBLEM_TYPE_PREFIX + "DocumentReadError",
            "title": "Some documents could not be read",
            "status": 422,
            "detail": f"{count} {plural_word(count, 'en', 'file', 'files')} could not be read; "
            "the others are audited in `audit`",
            "instance": request.url.path,
            "error": "DocumentReadError",
            "errors": document["errors"],
            "audit": document,
        }
        return 422, without_folder(dump(problem), uploads)

    status, content = await call_with_uploads(
        request, state.limits, _fields(state.limits.max_cda_bytes), state.run, run
    )
    if status == 200:
        return json_response(content)
    return Response(content, status_code=status, media_type=PROBLEM_MEDIA_TYPE)

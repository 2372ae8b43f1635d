"""Request bodies and uploads, read within the limits: the only place a request touches the disk.

:func:`read_body` counts the body as it streams in (``Content-Length`` is checked first, to refuse
early, but never trusted alone). :func:`saved_uploads` parses a ``multipart/form-data`` body and
saves each file into a fresh per-request temporary directory under a name **the server** chooses
(``<field>-<n><suffix>``, the suffix one of the field's allowed kinds): a client's file name is
never used as a path, only shown (escaped) in messages. The directory is removed when the request
ends, whatever happens. :func:`call_with_uploads` is the generic upload endpoint: save, check
the row limits, call a library function on the saved paths in a worker thread.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO, TypeVar

import attrs
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from segur_numerique.core.text import plural_word, printable
from segur_numerique.errors import (
    InputFileError,
    InvalidInputError,
    RequestTooLargeError,
    UnsupportedMediaTypeError,
)
from segur_numerique.server.execution import Runner
from segur_numerique.server.limits import Limits

_T = TypeVar("_T")
FOLDER_PREFIX = "segur-upload-"
"""The name prefix of the per-request temporary directories (under the system's temp folder)."""
_CHUNK = 1024 * 1024
MAX_FIELDS = 32
"""The most non-file fields of one multipart body."""


def _too_large(limit: int, what: str) -> RequestTooLargeError:
    return RequestTooLargeError(f"the {what} is larger than {limit} bytes (the limit)", limit=limit)


async def _counted(request: Request, limit: int, what: str) -> AsyncGenerator[bytes, None]:
    """The body's chunks, refusing as soon as more than ``limit`` bytes have come in."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit, what)
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit, what)
        yield chunk


async def read_body(request: Request, limit: int, *, what: str = "request body") -> bytes:
    """The whole body, at most ``limit`` bytes (else :class:`RequestTooLargeError`)."""
    return b"".join([chunk async for chunk in _counted(request, limit, what)])


def media_type(request: Request) -> str:
    """The request's media type, lower case, without parameters (``""`` when absent)."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


@attrs.frozen
class UploadField:
    """A file field an endpoint reads.

    Attributes:
        name: the form field name.
        suffixes: the file kinds accepted, by suffix (``.csv``, ``.parquet``...), first is default.
        required: the request must hold it.
        many: the field may hold several files.
        max_bytes: the most bytes of one file (``None``: the upload limit only).
        rows: count the rows of each file against :attr:`Limits.max_rows`.
    """

    name: str
    suffixes: tuple[str, ...]
    required: bool = True
    many: bool = False
    max_bytes: int | None = None
    rows: bool = False


@attrs.frozen
class SavedUpload:
    """One uploaded file, saved: its server-chosen path and the client's (escaped) name."""

    field: str
    path: Path
    client_name: str
    size: int


@attrs.frozen
class Uploads:
    """The saved files by field, and the text fields, of one multipart request."""

    files: Mapping[str, tuple[SavedUpload, ...]]
    texts: Mapping[str, str]
    folder: Path

    def one(self, field: str) -> Path | None:
        """The path of the single file of ``field`` (``None`` when it was not sent)."""
        found = self.files.get(field, ())
        return found[0].path if found else None


def _suffix(client_name: str, spec: UploadField) -> str:
    """The kind of an uploaded file, from its name's suffix (never a path): one of the field's."""
    base = PureWindowsPath(PurePosixPath(client_name).name).name.lower()
    if not spec.suffixes:
        return ""
    if "." not in base:
        return spec.suffixes[0]
    suffix = "." + base.rsplit(".", 1)[1]
    if suffix in spec.suffixes:
        return suffix
    raise UnsupportedMediaTypeError(
        f"expected a {' or '.join(spec.suffixes)} file, got {printable(client_name)!r}",
        where=spec.name,
    )


def _copy(source: IO[bytes], target: Path, limit: int | None, where: str) -> int:
    size = 0
    with target.open("xb") as out:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if limit is not None and size > limit:
                raise RequestTooLargeError(
                    f"the file is larger than {limit} bytes (the limit)", limit=limit, where=where
                )
            out.write(chunk)
    return size


def count_rows(path: Path) -> int:
    """The data rows of a CSV (lines after the header) or Parquet log (its metadata)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq  # noqa: PLC0415 (optional: the `parquet` extra)

        try:
            return int(pq.read_metadata(path).num_rows)
        except Exception:  # pyarrow's own error kinds; the log reader names the problem
            return 0
    lines = 0
    last = b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return max(lines + (last != b"\n") - 1, 0)


def _check_rows(saved: SavedUpload, limits: Limits) -> None:
    rows = count_rows(saved.path)
    if rows > limits.max_rows:
        raise RequestTooLargeError(
            f"{saved.client_name!r} has {rows} rows, more than {limits.max_rows} (the limit)",
            limit=limits.max_rows,
            where=saved.field,
        )


def save_form(
    items: Sequence[tuple[str, str | UploadFile]],
    fields: Sequence[UploadField],
    limits: Limits,
    folder: Path,
    text_fields: Sequence[str] = (),
) -> Uploads:
    """Save the files of a parsed form into ``folder`` (blocking: run it in a thread).

    A text field must be one of ``text_fields``; a file field one of ``fields``.
    """
    specs = {f.name: f for f in fields}
    files: dict[str, list[SavedUpload]] = {}
    texts: dict[str, str] = {}
    for name, item in items:
        if isinstance(item, str):
            if name in specs:
                raise InvalidInputError("expected a file, got a text field", where=name)
            if name not in text_fields:
                raise InvalidInputError(
                    f"unexpected text field; expected {', '.join(text_fields) or 'none'}",
                    where=name,
                )
            texts[name] = item
            continue
        spec = specs.get(name)
        if spec is None:
            raise InvalidInputError(
                f"unexpected file field; expected {', '.join(specs) or 'none'}", where=name
            )
        if files.get(name) and not spec.many:
            raise InvalidInputError("one file expected, got several", where=name)
        client = printable(item.filename or "")
        target = folder / f"{name}-{len(files.get(name, ()))}{_suffix(client, spec)}"
        size = _copy(item.file, target, spec.max_bytes, name)
        saved = SavedUpload(name, target, client, size)
        if spec.rows:
            _check_rows(saved, limits)
        files.setdefault(name, []).append(saved)
    missing = [f.name for f in fields if f.required and f.name not in files]
    if missing:
        raise InvalidInputError(
            f"missing file {plural_word(len(missing), 'en', 'field', 'fields')}: "
            f"{', '.join(missing)}",
            where="form",
        )
    return Uploads({k: tuple(v) for k, v in files.items()}, texts, folder)


@contextlib.asynccontextmanager
async def saved_uploads(
    request: Request,
    limits: Limits,
    fields: Sequence[UploadField],
    run: Runner,
    *,
    text_fields: Sequence[str] = (),
) -> AsyncIterator[Uploads]:
    """Parse the multipart body and save its files in a per-request temporary directory.

    ``run`` runs a blocking callable off the event loop (the server's time-limited runner).
    The directory and the parser's spooled files are removed when the block ends.
    """
    if media_type(request) != "multipart/form-data":
        raise UnsupportedMediaTypeError(
            f"expected multipart/form-data, got {media_type(request) or 'no media type'}",
            where="Content-Type",
        )
    parser = MultiPartParser(
        request.headers,
        _counted(request, limits.max_upload_bytes, "upload"),
        max_files=limits.max_files,
        max_fields=MAX_FIELDS,
        max_part_size=limits.max_body_bytes,
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise InputFileError(
            f"malformed multipart body: {exc.message}", file="request body"
        ) from None
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    try:
        items = list(form.multi_items())
        yield await run(
            lambda: save_form(items, fields, limits, folder, text_fields), where="upload"
        )
    finally:
        await form.close()
        shutil.rmtree(folder, ignore_errors=True)


async def call_with_uploads(
    request: Request,
    limits: Limits,
    fields: Sequence[UploadField],
    run: Runner,
    call: Callable[[Uploads], _T],
    *,
    text_fields: Sequence[str] = (),
) -> _T:
    """The generic upload endpoint: save the files, then ``call(uploads)`` in a worker thread.

    ``call`` is a library function reading the saved paths (e.g. the logs of
    :func:`~segur_numerique.sun_es.logs.compute.indicators_from_logs`); the files are removed
    when it returns or fails.
    """
    async with saved_uploads(request, limits, fields, run, text_fields=text_fields) as uploads:
        return await run(lambda: call(uploads), where=request.url.path)


@contextlib.contextmanager
def body_as_upload(data: bytes, field: str, suffix: str) -> Iterator[Uploads]:
    """A request body saved as the one file of ``field`` in a per-request temporary directory."""
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    try:
        path = folder / f"{field}-0{suffix}"
        path.write_bytes(data)
        yield Uploads({field: (SavedUpload(field, path, "request body", len(data)),)}, {}, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

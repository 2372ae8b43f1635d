"""Where CDA documents are read from: files, folders (recursive) and zip archives.

Folders are walked recursively in sorted order (deterministic); in a folder, the ``*.xml`` files
and the ``*.zip`` archives are read, any other file is left alone (a ``README.txt`` next to the
documents is not an error). A file named explicitly is always read. Zip archives are read member
by member into memory, never extracted to disk; their ``*.xml`` members are read, in the
archive's order. Guards (each limit a documented constant, caller-overridable through
:class:`ArchiveLimits`): no member path escaping the archive (absolute, ``..``, drive letters),
at most :data:`MAX_ARCHIVE_MEMBERS` members, at most ``max_bytes`` per member (read, not trusted
from the archive's directory) and :data:`MAX_ARCHIVE_TOTAL_BYTES` in all (a zip bomb is stopped
at the limit, not inflated).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

import attrs

from segur_numerique.errors import (
    DocumentReadError,
    DocumentTooLargeError,
)
from segur_numerique.sun_es.documents.safexml import MAX_DOCUMENT_BYTES, read_bounded

MAX_ARCHIVE_MEMBERS = 100_000
"""The most members a zip archive may hold."""
MAX_ARCHIVE_TOTAL_BYTES = 4 * 1024**3
"""The most bytes read from one zip archive's members in all (4 GiB, uncompressed)."""


@attrs.frozen
class ArchiveLimits:
    """The size limits of a reading (bytes per document, members and bytes per archive)."""

    max_bytes: int = MAX_DOCUMENT_BYTES
    max_members: int = MAX_ARCHIVE_MEMBERS
    max_total_bytes: int = MAX_ARCHIVE_TOTAL_BYTES


@attrs.frozen
class Blob:
    """The bytes of one document, named by its file (``archive.zip!member`` in an archive)."""

    name: str
    data: bytes


Item = Blob | DocumentReadError
"""A document's bytes, or why a file could not be read."""


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in (".xml", ".zip")


def _walk(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and _is_document(p))


def iter_sources(paths: Iterable[str | Path], limits: ArchiveLimits) -> Iterator[Item]:
    """The documents of ``paths`` one at a time (a folder recursively), or the reading errors."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _walk(path)
        elif path.is_file():
            files = [path]
        else:
            yield DocumentReadError("no such file or folder", file=str(path))
            continue
        for file in files:
            if file.suffix.lower() == ".zip":
                yield from _archive(file, limits)
            else:
                yield _file(file, limits)


def _file(file: Path, limits: ArchiveLimits) -> Item:
    try:
        return Blob(str(file), read_bounded(file, max_bytes=limits.max_bytes, name=str(file)))
    except DocumentReadError as exc:
        return exc
    except OSError as exc:
        return DocumentReadError(f"cannot read: {exc.strerror or exc}", file=str(file))


def _unsafe_member(name: str) -> str | None:
    """Why a member name is unsafe (``None``: it is safe)."""
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "an absolute path or a Windows path"
    if ".." in PurePosixPath(name).parts:
        return "a path escaping the archive ('..')"
    if "\x00" in name:
        return "a NUL character in its name"
    return None


def _archive(file: Path, limits: ArchiveLimits) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield DocumentReadError(f"not a readable zip archive: {exc}", file=str(file))
        return
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            yield DocumentReadError(
                f"{len(infos)} members, more than the limit of {limits.max_members}",
                file=str(file),
            )
            return
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            name = f"{file}!{info.filename}"
            why = _unsafe_member(info.filename)
            if why is not None:
                yield DocumentReadError(f"unsafe member name: {why}", file=name)
                continue
            if not info.filename.lower().endswith(".xml"):
                continue
            budget = min(limits.max_bytes, limits.max_total_bytes - total)
            item = _member(archive, info, name, budget, limits)
            if isinstance(item, Blob):
                total += len(item.data)
            yield item
            if isinstance(item, DocumentTooLargeError) and budget < limits.max_bytes:
                return


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: int, limits: ArchiveLimits
) -> Item:
    try:
        with archive.open(info) as handle:
            data = handle.read(budget + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        return DocumentReadError(f"cannot read the member: {exc}", file=name)
    if len(data) > budget:
        if budget < limits.max_bytes:
            return DocumentTooLargeError(
                f"the archive's members exceed {limits.max_total_bytes} bytes in all "
                "(zip bomb guard): the rest of the archive is not read",
                file=name,
            )
        return DocumentTooLargeError(
            f"the member is larger than the limit of {limits.max_bytes} bytes", file=name
        )
    return Blob(name, data)

"""Large text files (stay and document logs) checked by streaming, with the rules of the boundary.

:func:`segur_numerique.core.inputs.read_text` reads a whole file; a log can be gigabytes, so
:func:`check_text_file` reads it in chunks and applies the same rules (size limit, byte-order
marks, UTF-8, NUL bytes) before a dataframe engine scans the file itself.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from segur_numerique.core.inputs import check_bom
from segur_numerique.errors import InputFileError

_MAX_HEADER = 1 << 20
"""The first line is kept up to this many characters (a header is a few hundred)."""


def check_text_file(
    path: Path,
    *,
    what: str,
    max_bytes: int,
    hint: str = "",
    encoding: str = "utf-8",
    sink: BinaryIO | None = None,
) -> str:
    r"""Stream a (large) text file through the rules of :func:`read_text`; return its first line.

    Read in chunks, never whole: a regular file (not ``/dev/zero``, not a pipe), at most
    ``max_bytes``, UTF-8 (a UTF-8 byte-order mark is allowed, left out of the first line), no NUL
    byte. ``hint`` ends the message of a decoding error. Another ``encoding`` (a Python codec name,
    e.g. ``cp1252``) decodes the file with that codec instead; ``sink``, if given, receives the
    decoded text re-encoded as UTF-8, chunk by chunk (a streaming transcoding: the file is never
    whole in memory).

    Raises:
        InputFileError: naming the file, and the byte offset, line and column of a bad byte.
    """
    file = str(path)
    if not path.is_file():
        raise InputFileError(f"the {what} is not a regular file", file=file)
    decoder = codecs.getincrementaldecoder(encoding)()
    label = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
    offset, lines, start, first = 0, 1, 0, ""  # start: the offset of the current line
    with _open(path, what, file) as stream:
        while chunk := stream.read(1 << 20):
            if offset == 0:
                check_bom(chunk, what, file)
            if offset + len(chunk) > max_bytes:
                raise InputFileError(f"the {what} is larger than {max_bytes} bytes", file=file)
            pending = decoder.getstate()[0]
            nul = chunk.find(b"\x00")
            try:
                text = decoder.decode(chunk[:nul] if nul >= 0 else chunk, final=nul >= 0)
            except UnicodeDecodeError as exc:
                at = exc.start - len(pending)
                raise InputFileError(
                    f"not valid {label} text (byte 0x{(pending + chunk)[exc.start]:02x}){hint}",
                    file=file,
                    where=_position(offset, lines, start, chunk, at),
                ) from None
            if nul >= 0:
                raise InputFileError(
                    f"a NUL byte: not a text file ({what})",
                    file=file,
                    where=_position(offset, lines, start, chunk, nul),
                )
            if sink is not None:
                sink.write(text.encode("utf-8"))
            first += text if "\n" not in first and len(first) < _MAX_HEADER else ""
            lines += chunk.count(b"\n")
            start = offset + chunk.rfind(b"\n") + 1 if b"\n" in chunk else start
            offset += len(chunk)
    if pending := decoder.getstate()[0]:
        raise InputFileError(
            f"not valid {label} text (the file ends inside a character){hint}",
            file=file,
            where=f"byte {offset - len(pending)}, line {lines}",
        )
    return first.removeprefix("\ufeff").split("\n", 1)[0].removesuffix("\r")


def _open(path: Path, what: str, file: str) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputFileError(f"cannot read the {what}: {exc.strerror or exc}", file=file) from None


def _position(offset: int, lines: int, start: int, chunk: bytes, at: int) -> str:
    """Where byte ``at`` of ``chunk`` is; the chunk starts on line ``lines``, begun at ``start``."""
    newline = chunk.rfind(b"\n", 0, at)
    column = at - newline if newline >= 0 else offset + at - start + 1
    line = lines + chunk.count(b"\n", 0, at)
    return f"byte {offset + at}, line {line}, column {column}"

"""Output files written atomically, and standard output written in one piece.

A file is written to a temporary file in the same folder, flushed to disk (``fsync``) and then
renamed over the target (``os.replace``): a full disk or a crash leaves the old file intact and no
partial file behind. An existing file is kept unless ``force`` is given. Errors name the file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from segur_numerique.errors import OutputFileError

__all__ = ["OutputFileError", "write_atomically", "write_atomically_with", "write_stdout"]


def write_atomically(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically; return the path.

    Raises:
        OutputFileError: ``path`` exists and ``force`` is false, or writing failed (the message
            names the file and the system's reason, e.g. "No space left on device").
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return write_atomically_with(path, lambda stream: stream.write(payload), force=force)


def write_atomically_with(
    path: str | Path, write: Callable[[BinaryIO], object], *, force: bool = False
) -> Path:
    """Like :func:`write_atomically`, ``write`` writing the content to a binary stream.

    For a large content written by a library (a dataframe's CSV or Parquet writer), so that it
    is never held whole in memory.

    Raises:
        OutputFileError: as :func:`write_atomically`.
    """
    target = Path(path)
    if target.exists() and not force:
        raise OutputFileError("the file exists; use --force to overwrite it", file=str(target))
    if target.is_dir():
        raise OutputFileError("is a folder, not a file", file=str(target))
    folder = target.parent if str(target.parent) else Path(".")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        os.chmod(temporary, _mode_for(target))  # mkstemp makes 0600: give the usual mode
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        reason = exc.strerror or str(exc)
        raise OutputFileError(f"cannot write the file: {reason}", file=str(target)) from None
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    return target


def _mode_for(target: Path) -> int:
    """The mode of the file being replaced, or 0666 less the umask for a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)  # reading the umask needs setting it; restored at once
        os.umask(umask)
        return 0o666 & ~umask


def write_stdout(text: str) -> None:
    """Write ``text`` and a newline to standard output in one call, then flush.

    Raises:
        OutputFileError: standard output cannot be written (e.g. redirected to a full disk).
    """
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFileError(
            f"cannot write: {exc.strerror or exc}", file="<standard output>"
        ) from None

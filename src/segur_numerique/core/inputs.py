"""The input boundary: every user file and request is read, decoded and parsed here.

One place refuses what a file can do wrong before any value is looked at: too large (``/dev/zero``
is read at most ``max_bytes + 1`` bytes), not UTF-8 (file and byte offset named), NUL bytes,
nesting too deep, integers or strings too long, ``NaN``/``Infinity``, lone surrogates, duplicate
keys. Every problem is an :class:`~segur_numerique.errors.InputFileError` naming the file and the
line, column or path, never a raw Python error.

Only the standard library is used (``json``, ``tomllib``): the checks are hooks and one walk
over the parsed value, too small to justify a dependency, and the same for both formats.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from segur_numerique.errors import InputFileError, InvalidInputError

MAX_INPUT_BYTES = 16 * 1024 * 1024
"""The default size limit of an input file (16 MiB)."""
MAX_DEPTH = 64
"""The deepest nesting of tables and arrays accepted."""
MAX_INT_DIGITS = 18
"""The most digits of an integer (9.2e18 as an integer is refused: no input count is that big)."""
MAX_STRING_CHARS = 100_000
"""The longest string accepted."""

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_UTF8_BOM = b"\xef\xbb\xbf"


def _name(source: str | Path | bytes, name: str | None) -> str:
    if name is not None:
        return name
    return "<input>" if isinstance(source, bytes) else str(source)


def _read_bytes(path: Path, *, what: str, max_bytes: int, file: str) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputFileError(
            f"cannot read the file ({what}): {exc.strerror or exc}", file=file
        ) from None
    except MemoryError:  # pragma: no cover (max_bytes is bounded)
        raise InputFileError(f"the {what} is too large to read", file=file) from None
    return data


def _line_column(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def check_bom(data: bytes, what: str, file: str) -> None:
    """Refuse a UTF-16 or UTF-32 byte-order mark (a UTF-8 one is allowed)."""
    for bom, kind in _BOMS:
        if data.startswith(bom):
            raise InputFileError(
                f"the {what} is {kind} text (byte-order mark); save it as UTF-8", file=file
            )


def read_text(
    source: str | Path | bytes,
    *,
    what: str,
    max_bytes: int = MAX_INPUT_BYTES,
    encoding: str | None = None,
    name: str | None = None,
) -> str:
    r"""The text of a file (or of ``bytes``), decoded and checked.

    ``encoding`` defaults to UTF-8; a UTF-8 byte-order mark is stripped (documented here: it is
    allowed, and removed before parsing, so TOML and JSON do not trip over it); a UTF-16 or UTF-32
    one is refused with a hint.

    >>> read_text(b"\xef\xbb\xbfa = 1", what="parameter file")
    'a = 1'
    >>> read_text(b"name = 'Caf\xe9'", what="parameter file", name="p.toml")
    Traceback (most recent call last):
    segur_numerique.errors.InputFileError: p.toml: byte 11, line 1, column 12: not valid UTF-8 text (byte 0xe9; Latin-1 or Windows-1252? save the file as UTF-8)

    Raises:
        InputFileError: the file cannot be read, is larger than ``max_bytes``, holds a NUL byte
            or is not valid text in the encoding.
    """
    file = _name(source, name)
    data = (
        source
        if isinstance(source, bytes)
        else _read_bytes(Path(source), what=what, max_bytes=max_bytes, file=file)
    )
    if len(data) > max_bytes:
        raise InputFileError(f"the {what} is larger than {max_bytes} bytes", file=file)
    chosen = (encoding or "utf-8").lower().replace("_", "-")
    if chosen in ("utf-8", "utf8"):
        check_bom(data, what, file)
        data = data.removeprefix(_UTF8_BOM)
    nul = data.find(b"\x00")
    if nul >= 0 and chosen in ("utf-8", "utf8"):
        raise InputFileError(
            f"a NUL byte: not a text file ({what})", file=file, where=f"byte {nul}"
        )
    try:
        return data.decode(chosen)
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        hint = "; Latin-1 or Windows-1252? save the file as UTF-8" if bad >= 0x80 else ""
        raise InputFileError(
            f"not valid {encoding or 'UTF-8'} text (byte 0x{bad:02x}{hint})",
            file=file,
            where=f"byte {exc.start}, {_line_column(data, exc.start)}",
        ) from None
    except LookupError:
        raise InputFileError(f"unknown encoding {encoding!r}", file=file) from None


class _RefusedError(Exception):
    """Raised by a parse hook; turned into an :class:`InputFileError` by the caller."""


def _check_int_text(text: str) -> int:
    digits = text.lstrip("+-").replace("_", "")
    if len(digits) > MAX_INT_DIGITS:
        raise _RefusedError(f"an integer of {len(digits)} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _check_float_text(text: str) -> float:
    # A number with a fraction in a JSON/TOML file stays a float on purpose: never used as an
    # amount or a rate, it is refused downstream by a typed FloatRefusedError that names the field
    # and says to write a string ('75 %', '1234.56'). Reading it as a Decimal here would silently
    # accept binary-looking numbers as money. Only its finiteness is checked here.
    value = float(text)
    if not math.isfinite(value):
        raise _RefusedError(f"a non-finite number ({text}): NaN and infinity are refused")
    return value


def _refuse_constant(text: str) -> float:
    raise _RefusedError(f"a non-finite number ({text}): NaN and infinity are refused")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RefusedError(f"duplicate key {key!r} (each key once)")
        out[key] = value
    return out


def _label(path: str) -> str:
    return path or "(top level)"


def check_value(value: object, *, file: str, path: str = "") -> None:
    """Walk a parsed value (iteratively); refuse deep nesting, long values, surrogates, non-finite.

    Raises:
        InputFileError: naming the file and the path of the bad value.
    """
    stack: list[tuple[object, str, int]] = [(value, path, 0)]
    while stack:
        node, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputFileError(
                f"nested deeper than {MAX_DEPTH} levels", file=file, where=_label(where)
            )
        if isinstance(node, dict):
            for key, item in node.items():
                _check_string(key, file, f"{where}.{key!r}" if where else repr(key))
                stack.append((item, f'{where}."{key}"' if where else f'"{key}"', depth + 1))
        elif isinstance(node, list):
            stack.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(node))
        elif isinstance(node, str):
            _check_string(node, file, where)
        elif isinstance(node, float) and not math.isfinite(node):
            raise InputFileError("NaN and infinity are refused", file=file, where=_label(where))
        elif (
            isinstance(node, int) and not isinstance(node, bool) and abs(node) >= 10**MAX_INT_DIGITS
        ):
            raise InputFileError(
                f"an integer of more than {MAX_INT_DIGITS} digits",
                file=file,
                where=_label(where),
            )


def _check_string(text: str, file: str, where: str) -> None:
    if len(text) > MAX_STRING_CHARS:
        raise InputFileError(
            f"a string of {len(text)} characters (at most {MAX_STRING_CHARS})",
            file=file,
            where=_label(where),
        )
    for i, char in enumerate(text):
        if 0xD800 <= ord(char) <= 0xDFFF:
            raise InputFileError(
                f"a lone surrogate \\u{ord(char):04x} at character {i} (not Unicode text)",
                file=file,
                where=_label(where),
            )


def _guarded(parse: Callable[[], Any], file: str, kind: str) -> Any:
    try:
        return parse()
    except _RefusedError as exc:
        raise InputFileError(str(exc), file=file) from None
    except RecursionError:
        raise InputFileError(f"{kind} nested deeper than {MAX_DEPTH} levels", file=file) from None
    except MemoryError:  # pragma: no cover (inputs are size-limited)
        raise InputFileError(f"{kind} too large to parse", file=file) from None


def parse_json(text: str, *, where: str) -> Any:
    r"""A JSON document, checked (see the module docstring); ``where`` names the file.

    >>> parse_json('{"a": 1, "a": 2}', where="x.json")
    Traceback (most recent call last):
    segur_numerique.errors.InputFileError: x.json: malformed JSON: duplicate key 'a' (each key once)
    >>> parse_json("[1, NaN]", where="x.json")
    Traceback (most recent call last):
    segur_numerique.errors.InputFileError: x.json: malformed JSON: a non-finite number (NaN): NaN and infinity are refused
    """
    text = text.removeprefix("\ufeff")

    def parse() -> Any:
        try:
            return json.loads(
                text,
                object_pairs_hook=_no_duplicates,
                parse_int=_check_int_text,
                parse_float=_check_float_text,
                parse_constant=_refuse_constant,
            )
        except _RefusedError as exc:
            raise _RefusedError(f"malformed JSON: {exc}") from None
        except json.JSONDecodeError as exc:
            raise InputFileError(
                f"malformed JSON: {exc.msg}",
                file=where,
                where=f"line {exc.lineno}, column {exc.colno}",
            ) from None

    data = _guarded(parse, where, "JSON")
    check_value(data, file=where)
    return data


_TOML_AT = re.compile(r"^(?P<msg>.*?)\s*\(at (?P<at>line \d+, column \d+|end of document)\)$")


def parse_toml(text: str, *, where: str) -> dict[str, Any]:
    r"""A TOML document, checked (see the module docstring); ``where`` names the file.

    tomllib already refuses duplicate keys; its message becomes a typed error with line/column.

    >>> parse_toml("a = 1\na = 2\nb = 3", where="x.toml")
    Traceback (most recent call last):
    segur_numerique.errors.InputFileError: x.toml: line 2, column 6: malformed TOML: Cannot overwrite a value
    >>> parse_toml("a = inf", where="x.toml")
    Traceback (most recent call last):
    segur_numerique.errors.InputFileError: x.toml: malformed TOML: a non-finite number (inf): NaN and infinity are refused
    """
    text = text.removeprefix("\ufeff")

    def parse() -> dict[str, Any]:
        try:
            return tomllib.loads(text, parse_float=_check_float_text)
        except _RefusedError as exc:
            raise _RefusedError(f"malformed TOML: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_AT.match(str(exc))
            message, at = (found["msg"], found["at"]) if found else (str(exc), None)
            raise InputFileError(f"malformed TOML: {message}", file=where, where=at) from None
        except ValueError as exc:  # Python's int-string limit (thousands of digits)
            raise _RefusedError(f"malformed TOML: a number too long ({str(exc)[:60]}...)") from None

    data: dict[str, Any] = _guarded(parse, where, "TOML")
    check_value(data, file=where)
    return data


def read_document(
    path: str | Path,
    *,
    what: str,
    max_bytes: int = MAX_INPUT_BYTES,
    suffixes: tuple[str, ...] = (".toml", ".json"),
) -> Any:
    """A TOML or JSON file (by extension), read and parsed through this boundary.

    Raises:
        InputFileError: the file has another extension, cannot be read, or is malformed.
    """
    file = Path(path)
    if file.suffix not in suffixes:
        raise InputFileError(f"a {what} ends in {' or '.join(suffixes)}", file=str(file))
    text = read_text(file, what=what, max_bytes=max_bytes)
    if file.suffix == ".json":
        return parse_json(text, where=str(file))
    return parse_toml(text, where=str(file))


MAX_NUMBER_DIGITS = 40
"""The most significant digits, and the largest decimal exponent, of a number written as text."""


def exact_number(text: str, *, where: str | None = None) -> Fraction:
    """A decimal number written as text, exactly; NaN, infinity and absurd exponents refused.

    >>> exact_number("0.125")
    Fraction(1, 8)
    >>> exact_number("Infinity", where="share")
    Traceback (most recent call last):
    segur_numerique.errors.InvalidInputError: share: 'Infinity' is not a finite number (NaN and infinity are refused)
    >>> exact_number("1e999999999", where="share")
    Traceback (most recent call last):
    segur_numerique.errors.InvalidInputError: share: '1e999999999' has too many digits or too large an exponent (at most 40)
    """
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidInputError(f"not a number: {text!r}", where=where) from None
    if not number.is_finite():
        raise InvalidInputError(
            f"{text!r} is not a finite number (NaN and infinity are refused)", where=where
        )
    if (
        abs(number.adjusted()) > MAX_NUMBER_DIGITS
        or len(number.as_tuple().digits) > MAX_NUMBER_DIGITS
    ):
        raise InvalidInputError(
            f"{text!r} has too many digits or too large an exponent (at most {MAX_NUMBER_DIGITS})",
            where=where,
        )
    return Fraction(number)

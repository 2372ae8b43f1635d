"""Where a rule value comes from, and how sure we are of it (rules digest, Ségur Numérique §0 [docs: explanation/rules/segur])."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from segur_numerique.core.text import Text
from segur_numerique.errors import InvalidInputError


class Status(enum.Enum):
    """How well a rule value is established (rules digest, Ségur Numérique §0 [docs: explanation/rules/segur]).

    ``unknown`` values are never shipped: they are parameters that the caller supplies. The
    status rates the value itself; who vouches for it (the package, the caller, an illustration)
    is its :class:`Origin`.
    """

    CONFIRMED = "confirmed"
    """An official page (ministry, ANS, ARS, ATIH, CNSA, CNAM/ameli, Sénat/Assemblée, Journal
    officiel) or an official seed document states it."""
    SECONDARY = "secondary"
    """Stated only by the press, consultants, vendors, unions or regional operators (GRADeS)."""
    INFERRED = "inferred"
    """Derived from confirmed facts; the reasoning is written down with the value."""
    CONFLICTING = "conflicting"
    """Sources disagree; every version is shipped with its source and one is the default."""
    ILLUSTRATIVE = "illustrative"
    """Made up for demos, docs and tests: **not sourced, not official**. Never in the shipped
    rule data; the illustrative assumption sets use it for every value."""

    def label(self) -> Text:
        """The status in French and English."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.CONFIRMED: Text(fr="confirmé", en="confirmed"),
    Status.SECONDARY: Text(fr="source secondaire", en="secondary"),
    Status.INFERRED: Text(fr="déduit", en="inferred"),
    Status.CONFLICTING: Text(fr="sources contradictoires", en="conflicting"),
    Status.ILLUSTRATIVE: Text(fr="illustratif, non officiel", en="illustrative, not official"),
}


class Origin(enum.Enum):
    """Who vouches for a value: the package's shipped data, the caller, or an illustration.

    ``SHIPPED`` says where a value comes from, not how sure it is: a shipped value may be
    ``secondary`` (press only) or ``inferred``; read its :class:`Status` for that. (Called
    ``OFFICIAL`` / ``"official"`` before 0.2.0.)
    """

    SHIPPED = "shipped"
    """Shipped with the package's rule data, sourced from public documents (see its status)."""
    CALLER = "caller"
    """Supplied by the caller in a parameter file (e.g. from an official guide they hold)."""
    ILLUSTRATIVE = "illustrative"
    """An illustrative assumption for demos, docs and tests: **not official**."""

    def label(self) -> Text:
        """The origin in French and English."""
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    Origin.SHIPPED: Text(fr="donnée sourcée du paquet", en="sourced package data"),
    Origin.CALLER: Text(fr="fournie par l'utilisateur", en="caller-supplied"),
    Origin.ILLUSTRATIVE: Text(fr="illustrative, non officielle", en="illustrative, not official"),
}


class Unit(enum.Enum):
    """The closed set of units a rule value may have."""

    EUR = "EUR"
    """An amount in euros (exact to the cent)."""
    EUR_PER_POINT = "EUR/point"
    EUR_PER_INHABITANTS = "EUR/inhabitants"
    RATIO = "ratio"
    """A share or rate, an exact fraction in [0, 1] (written ``"75 %"`` or ``"3/4"``)."""
    COUNT = "count"
    INHABITANTS = "inhabitants"
    STAYS = "stays"
    DOCUMENTS = "documents"
    SESSIONS = "sessions"
    ESTABLISHMENTS = "establishments"
    APPLICATIONS = "applications"
    POINTS = "points"
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"
    DATE = "date"
    DATETIME = "datetime"
    """A date and time with a UTC offset (Europe/Paris for portal deadlines)."""
    PERIOD = "period"
    """An inclusive period of dates ``{start, end}``."""
    TEXT = "text"
    BOOLEAN = "boolean"


def _check_url(
    _instance: object, _attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and (
        not isinstance(value, str) or not value.startswith(("https://", "http://"))
    ):
        raise InvalidInputError(f"must be an http(s) URL, got {value!r}", where="url")


def _check_title(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("must be a non-empty title", where="title")


def _check_date(_instance: object, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInputError(f"must be a date, got {value!r}", where=attribute.name)


class DatePrecision(enum.Enum):
    """How precisely the date of a source is known.

    Many stored web pages show no date. Rather than invent a day, the data says what is known:
    the day, only the month or the year (inferred from the content; the date is then the first
    day of that month or year), or nothing (the date is the day the copy was consulted).
    """

    DAY = "day"
    MONTH = "month"
    """Only the month is known; the date is the first day of that month."""
    YEAR = "year"
    """Only the year is known; the date is the 1st of January of that year."""
    CONSULTED = "consulted"
    """The document shows no date; the date is the day its stored copy was consulted."""
    NONE = "none"
    """No dated document stands behind the value (a caller's what-if variant): the date is a
    placeholder that must not be read."""

    def show(self, day: dt.date) -> str:
        """``2022-05-18``, ``2022-05``, ``2022``, ``undated, consulted 2026-11-22`` or ``no document date``."""
        if self is DatePrecision.MONTH:
            return day.strftime("%Y-%m")
        if self is DatePrecision.YEAR:
            return str(day.year)
        if self is DatePrecision.CONSULTED:
            return f"undated, consulted {day.isoformat()}"
        if self is DatePrecision.NONE:
            return "no document date"
        return day.isoformat()


def _check_seed(
    _instance: object, _attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidInputError(f"must be a non-empty seed name, got {value!r}", where="seed")


@attrs.frozen
class Source:
    """A document behind a rule value: its title, address and date.

    Attributes:
        title: the title of the document (an official page, a press release, an instruction).
        url: where it can be read. Required for the package's official data unless the document
            is one of the project's seed documents (``seed``) whose address is not known; a
            caller's parameter file may cite a document it holds without a public address.
        date: the date of the document (its publication or signature); see ``date_precision``.
        locator: where in the document (a page, a section), if useful.
        seed: the name of the stored seed document (``003_9597f8eeff523aed``), if it is one.
        date_precision: how precisely ``date`` is known (day by default).

    >>> s = Source(
    ...     "Page", "https://example.org", dt.date(2022, 5, 1), date_precision=DatePrecision.MONTH
    ... )
    >>> s.cite()
    'Page (2022-05), https://example.org'
    """

    title: str = attrs.field(validator=_check_title)
    url: str | None = attrs.field(validator=_check_url)
    date: dt.date = attrs.field(validator=_check_date)
    locator: str | None = attrs.field(default=None, kw_only=True)
    seed: str | None = attrs.field(default=None, kw_only=True, validator=_check_seed)
    date_precision: DatePrecision = attrs.field(
        default=DatePrecision.DAY,
        kw_only=True,
        validator=attrs.validators.instance_of(DatePrecision),
    )

    def cite(self) -> str:
        """``Title (2022-03-01), URL``."""
        where = f", {self.locator}" if self.locator else ""
        seed = f", seed {self.seed}" if self.seed else ""
        url = f", {self.url}" if self.url else ""
        return f"{self.title} ({self.date_precision.show(self.date)}{where}{seed}){url}"

    def to_json(self) -> dict[str, str | None]:
        """The source as a JSON object (``seed`` and ``date_precision`` only when set)."""
        out: dict[str, str | None] = {
            "title": self.title,
            "url": self.url,
            "date": self.date.isoformat(),
        }
        if self.locator:
            out["locator"] = self.locator
        if self.seed:
            out["seed"] = self.seed
        if self.date_precision is not DatePrecision.DAY:
            out["date_precision"] = self.date_precision.value
        return out

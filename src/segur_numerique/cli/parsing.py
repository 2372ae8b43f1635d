"""The argument parser in French or English: help, usage and ``argparse``'s own messages.

The language is known before the parser is built (:func:`requested_lang` pre-scans the command
line for ``--lang``, before or after the sub-command), so every help text is chosen once, at build
time, with :func:`~segur_numerique.core.text.tr`; a sub-command's ``register(subparsers)`` reads
the language with :func:`cli_lang`.

``argparse`` writes its own messages ("usage:", "the following arguments are required"...) through
:func:`gettext.gettext`, bound when ``argparse`` is imported. Translating them with gettext would
mean shipping a compiled catalogue and installing it process-wide (``gettext.install`` or
patching ``argparse._``), which would also change the messages of any other program using
``argparse`` in the same process (a notebook, a test runner). So this module keeps one small
table, :data:`ARGPARSE_FRENCH` (the English message templates of ``argparse`` and their French),
and applies it only to this parser's output: the usage prefix and section titles through
:class:`FrenchHelpFormatter`, the error messages through :func:`french_message` in
:meth:`CommandParser.error`. A message missing from the table stays in English.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from segur_numerique.core.text import LANGUAGES, Lang, printable, tr

EXIT_BAD_INPUT = 2

ARGPARSE_FRENCH: tuple[tuple[str, str], ...] = (
    ("argument %(argument_name)s: %(message)s", "argument %(argument_name)s : %(message)s"),
    ("the following arguments are required: %s", "arguments obligatoires manquants : %s"),
    ("one of the arguments %s is required", "l'un des arguments %s est obligatoire"),
    ("unrecognized arguments: %s", "arguments non reconnus : %s"),
    ("not allowed with argument %s", "incompatible avec l'argument %s"),
    ("ignored explicit argument %r", "argument explicite ignoré : %r"),
    ("invalid choice: %(value)r (choose from %(choices)s)", "choix invalide : %(value)r (choix possibles : %(choices)s)"),
    ("invalid %(type)s value: %(value)r", "valeur invalide pour %(type)s : %(value)r"),
    ("expected one argument", "une valeur attendue"),
    ("expected at most one argument", "au plus une valeur attendue"),
    ("expected at least one argument", "au moins une valeur attendue"),
    ("expected %s argument", "%s valeur attendue"),
    ("expected %s arguments", "%s valeurs attendues"),
    ("ambiguous option: %(option)s could match %(matches)s", "option ambiguë : %(option)s peut désigner %(matches)s"),
    ("unexpected option string: %s", "option inattendue : %s"),
    ("can't open '%(filename)s': %(error)s", "impossible d'ouvrir '%(filename)s' : %(error)s"),
    # the command line's own argument types (segur_numerique.cli.iso_date)
    ("not a date (YYYY-MM-DD): %r", "pas une date (AAAA-MM-JJ) : %r"),
    ("not a whole number, 0 or more: %r", "pas un nombre entier positif ou nul : %r"),
)  # fmt: skip
"""``argparse``'s English message templates (``%``-style, as in its source) and their French."""

_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sr]")


def _compile(template: str) -> re.Pattern[str]:
    parts, last, count = [], 0, 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append(f"(?P<{match[1] or f'_{count}'}>.*?)")
        last, count = match.end(), count + 1
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


_COMPILED = tuple((_compile(en), fr) for en, fr in ARGPARSE_FRENCH)


def french_message(message: str) -> str:
    """The French of an ``argparse`` message (nested messages too); unknown ones unchanged.

    >>> french_message("argument --on: not a date (YYYY-MM-DD): '2021'")
    "argument --on : pas une date (AAAA-MM-JJ) : '2021'"
    >>> french_message("the following arguments are required: --stays")
    'arguments obligatoires manquants : --stays'
    """
    for pattern, french in _COMPILED:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        values = [french_message(value) for value in match.groups()]
        return _fill(french, match.re.groupindex, values)
    return message


def _fill(template: str, names: Mapping[str, int], values: list[str]) -> str:
    """``template`` with its placeholders replaced by ``values`` (by name, else by position)."""
    position = iter(range(len(values)))

    def value(placeholder: re.Match[str]) -> str:
        index = next(position)
        return values[names[placeholder[1]] - 1 if placeholder[1] else index]

    return _PLACEHOLDER.sub(value, template)


class FrenchHelpFormatter(argparse.HelpFormatter):
    """The standard help layout with the French usage prefix (``utilisation :``)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        """Add the usage line, prefixed in French unless a prefix is given."""
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        """A section whose heading is followed by `` :`` (French typography), not ``:``."""
        super().start_section(None if heading is None else f"{heading} ")


class CommandParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` in one language; errors are one line (exit 2), in that language."""

    def __init__(self, *args: Any, lang: Lang = "fr", **kwargs: Any) -> None:
        if lang == "fr":
            kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        super().__init__(*args, **kwargs)
        self.lang: Lang = lang
        if lang == "fr":
            self._positionals.title = "arguments positionnels"
            self._optionals.title = "options"
            for action in self._actions:
                if isinstance(action, argparse._HelpAction):
                    action.help = "afficher cette aide et quitter"

    def error(self, message: str) -> NoReturn:
        """Print ``PROG: error: MESSAGE`` (French: ``PROG : erreur : MESSAGE``) and exit 2."""
        if self.lang == "fr":
            line = f"{self.prog} : erreur : {printable(french_message(message))}\n"
        else:
            line = f"{self.prog}: error: {printable(message)}\n"
        self.exit(EXIT_BAD_INPUT, line)


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[CommandParser]
else:  # not subscriptable at run time before Python 3.12
    _SubParsers = argparse._SubParsersAction


class Commands(_SubParsers):
    """The sub-commands; each sub-parser is built in the language of the command line."""

    lang: Lang = "fr"

    def add_parser(self, name: str, **kwargs: Any) -> CommandParser:
        """A sub-parser in :attr:`lang`."""
        kwargs.setdefault("lang", self.lang)
        return super().add_parser(name, **kwargs)


def cli_lang(subparsers: object) -> Lang:
    """The language the command line is being built in (for a ``register(subparsers)`` function).

    French when ``subparsers`` does not carry one (e.g. a test building a bare parser).
    """
    lang = getattr(subparsers, "lang", "fr")
    return "en" if lang == "en" else "fr"


def requested_lang(argv: Sequence[str]) -> Lang:
    """The language asked for by ``--lang xx`` or ``--lang=xx`` anywhere on the command line.

    The last one wins (as ``argparse`` does); an unknown value gives French here and is refused
    by the parser; nothing after ``--`` is read.

    >>> requested_lang(["verify", "--shipped", "--lang", "en"]), requested_lang(["--lang=de"])
    ('en', 'fr')
    """
    lang: Lang = "fr"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        if value in LANGUAGES:
            lang = "en" if value == "en" else "fr"
    return lang


def add_lang_option(parser: argparse.ArgumentParser, lang: Lang, *, top: bool = False) -> None:
    """``--lang fr|en`` on ``parser``; on a sub-command it leaves the default to the main parser."""
    parser.add_argument(
        "--lang",
        default="fr" if top else argparse.SUPPRESS,
        choices=LANGUAGES,
        help=tr(
            lang,
            fr="langue des messages et des sorties (fr par défaut ; avant ou après la commande)",
            en="language of messages and output (default fr; before or after the command)",
        ),
    )


def add_json_option(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """``--json``: one JSON document, for tools."""
    parser.add_argument(
        "--json",
        action="store_true",
        help=tr(
            lang, fr="un seul document JSON, pour les outils", en="one JSON document, for tools"
        ),
    )


def add_broken_sums_option(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """``--accept-broken-sums`` (for the commands that read a parameter file)."""
    parser.add_argument(
        "--accept-broken-sums",
        action="store_true",
        help=tr(
            lang,
            fr="accepter un fichier de paramètres dont les valeurs cassent une vérification de "
            "somme (158 + 52 = 210 M€...) ; la vérification cassée est enregistrée et montrée, "
            "pas tue",
            en="accept a parameter file whose values break a sum check (158 + 52 = 210 M€...); "
            "the broken check is recorded and shown, not silenced",
        ),
    )

"""The command line speaks the language of ``--lang`` (French by default), given anywhere."""

from __future__ import annotations

import argparse
import importlib

import pytest

from segur_numerique.cli import build_parser, cli_lang, main
from segur_numerique.cli.parsing import ARGPARSE_FRENCH, french_message, requested_lang

COMMANDS = (
    "rules",
    "verify",
    "simulate",
    "explain",
    "calendar",
    "parameters",
    "serve",
    "documents",
    "indicators",
)
"""The sub-commands, every one with a bilingual help."""


def _help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_help_in_french_by_default(capsys: pytest.CaptureFixture[str], command: str) -> None:
    out = _help(capsys, [command, "--help"])
    assert out.startswith(f"utilisation : segur-numerique {command}")
    assert "options :" in out
    assert "afficher cette aide et quitter" in out
    assert "usage:" not in out
    assert "show this help" not in out


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("where", ["before", "after"])
def test_help_in_english(capsys: pytest.CaptureFixture[str], command: str, where: str) -> None:
    argv = (
        ["--lang", "en", command, "--help"]
        if where == "before"
        else [command, "--help", "--lang=en"]
    )
    out = _help(capsys, argv)
    assert out.startswith(f"usage: segur-numerique {command}")
    assert "show this help message and exit" in out
    assert "utilisation" not in out
    assert "afficher" not in out


def test_main_help_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    fr = _help(capsys, ["--help"])
    en = _help(capsys, ["--help", "--lang", "en"])
    assert "Les règles des programmes de financement" in fr
    assert "lister chaque valeur de règle" in fr
    assert "Rules of the Ségur Numérique funding programmes" in en
    assert "list every rule value" in en


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["indicators"], "segur-numerique indicators : erreur : arguments obligatoires manquants : --stays"),
        (["indicators", "--lang", "en"], "segur-numerique indicators: error: the following arguments are required: --stays"),
        (["indicators", "--stays", "s.csv"], "segur-numerique indicators : erreur : l'un des arguments --documents --cda est obligatoire"),
        (["frob"], "segur-numerique : erreur : argument command : choix invalide : 'frob' (choix possibles : "),
        (["frob", "--lang", "en"], "segur-numerique: error: argument command: invalid choice: 'frob' (choose from "),
        (["rules", "--on", "2021"], "segur-numerique rules : erreur : argument --on : pas une date (AAAA-MM-JJ) : '2021'"),
        (["rules", "--lang", "en", "--on", "2021"], "segur-numerique rules: error: argument --on: not a date (YYYY-MM-DD): '2021'"),
        (["rules", "--bogus"], "segur-numerique : erreur : arguments non reconnus : --bogus"),
        (["explain", "--sample", "--depth", "x"], "segur-numerique explain : erreur : argument --depth : pas un nombre entier positif ou nul : 'x'"),
    ],
)  # fmt: skip
def test_usage_errors_in_the_language(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(expected)
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["simulate"], "segur-numerique : erreur : simulate: donner FILE ou --sample\n"),
        (["simulate", "--lang", "en"], "segur-numerique: error: simulate: give either FILE or --sample\n"),
        (["--lang", "en", "verify"], "segur-numerique: error: verify: give at least one scenario file or folder (or --shipped)\n"),
        (["verify"], "segur-numerique : erreur : verify: donner au moins un fichier ou dossier de scénarios (ou --shipped)\n"),
    ],
)  # fmt: skip
def test_command_errors_in_the_language(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err == expected


def test_a_library_error_keeps_its_english_message_under_a_french_prefix(
    capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    assert main(["simulate", "/nonexistent/case.toml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("segur-numerique : erreur : ")


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        ([], "fr"),
        (["--lang", "en"], "en"),
        (["verify", "--lang=en"], "en"),
        (["--lang", "en", "verify", "--lang", "fr"], "fr"),
        (["--lang", "de"], "fr"),
        (["--lang"], "fr"),
        (["verify", "--", "--lang", "en"], "fr"),
    ],
)
def test_requested_lang(argv: list[str], lang: str) -> None:
    assert requested_lang(argv) == lang


def test_every_sub_command_takes_lang_after_it() -> None:
    parser = build_parser("en")
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        assert "--lang" in sub._option_string_actions, name
        assert parser.parse_args([name, "--lang", "en", *_required(name)]).lang == "en"
    assert parser.parse_args(["rules"]).lang == "fr"


def _required(name: str) -> list[str]:
    return {
        "indicators": ["--stays", "s.csv", "--documents", "d.csv"],
        "parameters": ["template", "--all"],
        "documents": ["audit", "doc.xml"],
    }.get(name, [])


def test_cli_lang_defaults_to_french() -> None:
    assert cli_lang(object()) == "fr"
    module = importlib.import_module("segur_numerique.cli.rules")
    parser = argparse.ArgumentParser()
    module.register(parser.add_subparsers())  # a bare subparsers object: French help, no error


def test_french_table_covers_its_templates() -> None:
    for english, french in ARGPARSE_FRENCH:
        sample = english.replace("%(", "<").replace(")s", ">").replace(")r", ">")
        sample = sample.replace("%s", "X").replace("%r", "'X'")
        assert french_message(sample) != sample or english == french, english
    assert (
        french_message("some message argparse may add later")
        == "some message argparse may add later"
    )

"""``segur-numerique serve``: the HTTP API (rules, calendars, computations) on a local port.

Binds to the loopback interface (``127.0.0.1``) by default: to serve other machines, put it
behind a reverse proxy (docs/how-to/http-api.md) rather than binding to ``0.0.0.0``. Needs the
``server`` extra: ``pip install "segur-numerique[server]"``.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from segur_numerique.cli import cli_lang, tr
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.errors import InvalidInputError, OptionalDependencyError

CORS_VARIABLE = "SEGUR_NUMERIQUE_CORS_ORIGINS"
"""The environment variable that carries ``--cors-origin`` to every worker (comma-separated)."""


def register(subparsers: Any) -> None:
    """Add the ``serve`` sub-command."""
    lang = cli_lang(subparsers)
    parser = subparsers.add_parser(
        "serve",
        help=tr(
            lang,
            fr="servir les règles et chaque calcul par une API HTTP JSON",
            en="serve the rules and every computation over an HTTP JSON API",
        ),
        description=tr(
            lang,
            fr="Servir les règles, les calendriers et chaque calcul du kit de conformité par "
            "HTTP (JSON ; erreurs en application/problem+json ; OpenAPI sur /openapi.json). "
            'Demande l\'extra server : pip install "segur-numerique[server]".',
            en="Serve the rules, calendars and every computation of the conformance kit "
            "over HTTP (JSON; errors as application/problem+json; OpenAPI at /openapi.json). "
            'Needs the server extra: pip install "segur-numerique[server]".',
        ),
    )
    _arguments(parser, lang)
    parser.set_defaults(run=run)


def _arguments(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help=tr(lang, fr="interface (127.0.0.1 par défaut)", en="interface (default 127.0.0.1)"),
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help=tr(lang, fr="port (8000 par défaut)", en="port (default 8000)"),
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help=tr(
            lang,
            fr="processus de travail (1 par défaut ; un par cœur)",
            en="worker processes (default 1; one per core)",
        ),
    )
    parser.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help=tr(
            lang,
            fr="autoriser les appels de navigateur depuis cette origine (répétable ; CORS "
            "désactivé par défaut)",
            en="allow browser calls from this origin (repeatable; CORS is off by default)",
        ),
    )
    parser.add_argument(
        "--proxy-headers",
        action="store_true",
        help=tr(
            lang,
            fr="faire confiance à X-Forwarded-For/-Proto venant de --forwarded-allow-ips "
            "(derrière un proxy inverse)",
            en="trust X-Forwarded-For/-Proto from --forwarded-allow-ips (behind a reverse proxy)",
        ),
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        metavar="IPS",
        help=tr(
            lang,
            fr="les proxys dont les en-têtes transmis sont crus (127.0.0.1 par défaut)",
            en="the proxies whose forwarded headers are trusted (default 127.0.0.1)",
        ),
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug"),
        help=tr(
            lang, fr="niveau de journalisation (info par défaut)", en="log level (default info)"
        ),
    )


def create_app_from_environment() -> Any:
    """The application of one worker: ``create_app`` with the CORS origins of the environment."""
    from segur_numerique.server.app import create_app  # noqa: PLC0415 (the `server` extra)

    origins = [o for o in os.environ.get(CORS_VARIABLE, "").split(",") if o]
    return create_app(cors_origins=origins)


def run(args: argparse.Namespace) -> int:
    """Run uvicorn until interrupted."""
    lang = check_lang(args.lang)
    if not 0 < args.port < 65536:
        raise InvalidInputError(
            tr(
                lang,
                fr=f"un port de 1 à 65535 est attendu, reçu {args.port}",
                en=f"expected a port from 1 to 65535, got {args.port}",
            ),
            where="--port",
        )
    if args.workers < 1:
        raise InvalidInputError(
            tr(
                lang,
                fr=f"au moins 1 est attendu, reçu {args.workers}",
                en=f"expected at least 1, got {args.workers}",
            ),
            where="--workers",
        )
    try:
        import uvicorn  # noqa: PLC0415 (lazy: the `server` extra)

        import segur_numerique.server.app  # noqa: F401, PLC0415 (starlette, python-multipart)
    except ImportError as exc:
        raise OptionalDependencyError(exc.name or "starlette", "server") from None
    os.environ[CORS_VARIABLE] = ",".join(args.cors_origin)
    uvicorn.run(
        "segur_numerique.cli.serve:create_app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=args.proxy_headers,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=args.log_level,
        server_header=False,
    )
    return 0

"""The HTTP server: the library's rules, calendars and computations over a JSON web API.

Needs the ``server`` extra (``pip install "segur-numerique[server]"``: Starlette, uvicorn,
python-multipart). :func:`~segur_numerique.server.app.create_app` builds the ASGI application;
``segur-numerique serve`` runs it with uvicorn. docs/how-to/http-api.md shows how to call it,
docs/reference/http-api.md lists the endpoints, limits and error codes.
"""

from segur_numerique.server.app import create_app as create_app
from segur_numerique.server.limits import Limits as Limits

__all__ = ["Limits", "create_app"]

"""The rule explorer served over HTTP: the same pages as :func:`segur_numerique.explorer.serve`."""

from __future__ import annotations

import httpx

from segur_numerique.explorer import INDEX, serve


def test_bare_explorer_redirects_to_the_index(client: httpx.Client) -> None:
    response = client.get("/explorer/", follow_redirects=False)
    assert response.status_code in (302, 307)
    assert response.headers["location"].endswith(f"/explorer/{INDEX}")


def test_pages_equal_the_library_pages(client: httpx.Client) -> None:
    for path in ("en/index", "fr/index", "en/unknowns", "fr/calendars", "en/rules/sons.vat_rate"):
        response = client.get(f"/explorer/{path}")
        assert response.status_code == 200, path
        expected = serve(path)
        assert expected is not None
        assert response.headers["content-type"] == expected[0]
        assert response.text == expected[1]


def test_stylesheet_is_served(client: httpx.Client) -> None:
    response = client.get("/explorer/explorer.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_unknown_page_is_a_404_problem(client: httpx.Client) -> None:
    response = client.get("/explorer/de/index")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404

"""The rule explorer: HTML pages of every rule value, its history, sources and readers.

One page per rule key, an index by programme with a search box, the unknowns and the calendars,
in French and English. :func:`render` gives one page (a server mounts it), :func:`build_site`
writes them all (the docs build does, under ``explorer/``).
"""

from segur_numerique.explorer.markup import stylesheet as stylesheet
from segur_numerique.explorer.site import INDEX as INDEX
from segur_numerique.explorer.site import build_site as build_site
from segur_numerique.explorer.site import page_paths as page_paths
from segur_numerique.explorer.site import render as render
from segur_numerique.explorer.site import serve as serve

__all__ = ["INDEX", "build_site", "page_paths", "render", "serve", "stylesheet"]

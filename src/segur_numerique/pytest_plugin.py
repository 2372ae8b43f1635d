"""pytest plugin of the vendor conformance kit (collects scenario files).

Registered through the ``pytest11`` entry point; it does nothing unless scenario files are present.
"""

from __future__ import annotations

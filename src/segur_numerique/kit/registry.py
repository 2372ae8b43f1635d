"""The registry of computations: what a scenario, or :func:`~segur_numerique.kit.compute.compute`, may name.

Each programme package lists its computations in its ``kit.py`` (``COMPUTATIONS``); this module
only collects them, with the few that belong to no single programme (:mod:`.builtins`). The kit
sits above the programme packages, so every import here goes downward.

>>> computations()["rules.read"].programme
'segur'
>>> find_computation("sons.tc")
Traceback (most recent call last):
...
segur_numerique.errors.UnknownComputationError: unknown computation 'sons.tc'; did you mean sons.ttc...? (see `segur-numerique verify --list`)
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterable, Mapping

from segur_numerique.avenant9.kit import COMPUTATIONS as AVENANT9
from segur_numerique.e_parcours.kit import COMPUTATIONS as E_PARCOURS
from segur_numerique.errors import UnknownComputationError
from segur_numerique.esms_numerique.kit import COMPUTATIONS as ESMS_NUMERIQUE
from segur_numerique.hopen.kit import COMPUTATIONS as HOPEN
from segur_numerique.kit.builtins import ALLOCATION, BUILTINS
from segur_numerique.rules.computation import Computation
from segur_numerique.sons.kit import COMPUTATIONS as SONS
from segur_numerique.sun_es.kit import COMPUTATIONS as SUN_ES

_GROUPS: tuple[tuple[Computation, ...], ...] = (
    BUILTINS,
    SUN_ES,
    SONS,
    HOPEN,
    ESMS_NUMERIQUE,
    AVENANT9,
    E_PARCOURS,
    ALLOCATION,
)


def _collect(groups: Iterable[Iterable[Computation]]) -> Mapping[str, Computation]:
    found: dict[str, Computation] = {}
    for group in groups:
        for computation in group:
            if computation.name in found:  # pragma: no cover (a programming error)
                raise AssertionError(f"two computations are named {computation.name!r}")
            found[computation.name] = computation
    return types.MappingProxyType(found)


_REGISTRY = _collect(_GROUPS)


def computations() -> Mapping[str, Computation]:
    """Every computation a scenario may name, by name (read-only), in the order of ``--list``.

    >>> list(computations())[:3]
    ['rules.read', 'money.scale', 'sun_es.eligibility']
    """
    return _REGISTRY


def find_computation(name: str, *, where: str | None = None) -> Computation:
    """The computation named ``name``.

    Raises:
        UnknownComputationError: no computation has this name; the message lists the nearest
            names (and ``where``, if given, says where the name was read).
    """
    found = _REGISTRY.get(name) if isinstance(name, str) else None
    if found is not None:
        return found
    close = difflib.get_close_matches(str(name), list(_REGISTRY), n=3)
    raise UnknownComputationError(str(name), suggestions=tuple(close), where=where)

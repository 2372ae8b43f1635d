"""Transitional shim: the adapters moved to each programme's ``kit.py`` and to ``kit/builtins.py``.

``ADAPTERS`` is gone: :func:`segur_numerique.kit.registry.computations` collects the ``COMPUTATIONS``
of ``sun_es/kit.py``, ``sons/kit.py``, ``hopen/kit.py``, ``esms_numerique/kit.py``,
``avenant9/kit.py`` and ``e_parcours/kit.py``. No other file imported anything from this module.
"""

"""The explorer's words, in French and English, and the programme sections of its index."""

from __future__ import annotations

from collections.abc import Mapping

from segur_numerique.core.text import Text

PROGRAMMES: tuple[tuple[str, Text], ...] = (
    ("segur", Text(fr="Ségur Numérique (enveloppes)", en="Ségur Numérique (envelopes)")),
    ("sun_es", Text(fr="SUN-ES", en="SUN-ES")),
    ("sons", Text(fr="SONS", en="SONS")),
    ("hopen", Text(fr="HOP'EN", en="HOP'EN")),
    ("esms_numerique", Text(fr="ESMS numérique", en="ESMS numérique")),
    ("avenant9", Text(fr="Avenant 9 (médecins libéraux)", en="Avenant 9 (self-employed doctors)")),
    ("e_parcours", Text(fr="e-parcours", en="e-parcours")),
    ("other", Text(fr="Autres valeurs", en="Other values")),
)
"""The sections of the index, by the first segment of the keys (rules digest order)."""

_KNOWN = frozenset(code for code, _ in PROGRAMMES)


def programme_of(key: str) -> str:
    """The section of a key: its first dotted segment, or ``"other"``.

    >>> programme_of("sun_es.envelope.total"), programme_of("misc.x")
    ('sun_es', 'other')
    """
    head = key.split(".", 1)[0]
    return head if head in _KNOWN else "other"


WORDS: Mapping[str, Text] = {
    "site": Text(fr="Explorateur des règles", en="Rule explorer"),
    "index": Text(fr="Valeurs des règles", en="Rule values"),
    "intro": Text(
        fr="Chaque valeur des règles livrées, par programme, avec sa source et son statut. "
        "Les valeurs que personne n'a pu sourcer ne sont jamais inventées : ce sont des "
        "inconnues, à fournir dans un fichier de paramètres.",
        en="Every shipped rule value, by programme, with its source and status. Values nobody "
        "could source are never invented: they are unknowns, supplied in a parameter file.",
    ),
    "search": Text(fr="Rechercher une valeur", en="Search the values"),
    "search_hint": Text(fr="clé, libellé, valeur ou statut", en="key, label, value or status"),
    "no_match": Text(fr="Aucune valeur ne correspond.", en="No value matches."),
    "key": Text(fr="Clé", en="Key"),
    "label": Text(fr="Libellé", en="Label"),
    "value": Text(fr="Valeur", en="Value"),
    "unit": Text(fr="Unité", en="Unit"),
    "status": Text(fr="Statut", en="Status"),
    "since": Text(fr="Depuis le", en="Since"),
    "sources": Text(fr="Sources", en="Sources"),
    "history": Text(fr="Historique des versions", en="Version history"),
    "current": Text(fr="Valeur en vigueur", en="Current value"),
    "read_by": Text(fr="Lue par", en="Read by"),
    "read_by_intro": Text(
        fr="Calculs qui lisent cette valeur dans les scénarios de conformité livrés, et "
        "calendriers construits à partir d'elle.",
        en="Computations that read this value in the shipped conformance scenarios, and the "
        "calendars built from it.",
    ),
    "read_by_none": Text(
        fr="Aucun calcul des scénarios livrés ni aucun calendrier ne lit cette valeur ; elle "
        "se lit avec rules.read.",
        en="No computation of the shipped scenarios and no calendar reads this value; read it "
        "with rules.read.",
    ),
    "computation": Text(fr="calcul", en="computation"),
    "calendar": Text(fr="calendrier", en="calendar"),
    "alternatives": Text(fr="Versions concurrentes", en="Alternatives"),
    "default": Text(fr="par défaut", en="default"),
    "reasoning": Text(fr="Raisonnement", en="Reasoning"),
    "note": Text(fr="Note", en="Note"),
    "valid_until": Text(fr="Valable jusqu'au", en="Valid until"),
    "last_verified": Text(fr="Vérifiée le", en="Last verified"),
    "origin": Text(fr="Origine", en="Origin"),
    "description": Text(fr="Description", en="Description"),
    "no_source": Text(fr="sans adresse", en="no address"),
    "seed": Text(fr="document archivé", en="stored document"),
    "unknowns": Text(fr="Valeurs inconnues", en="Unknown values"),
    "unknowns_intro": Text(
        fr="Ces valeurs sont nécessaires à certains calculs, mais aucune source publique ne les "
        "donne. Un calcul qui en a besoin échoue en la nommant, sauf si vous la fournissez dans "
        "un fichier de paramètres. Un * remplace un segment de la clé.",
        en="These values are needed by some computations, but no public source gives them. A "
        "computation that needs one fails naming it, unless you supply it in a parameter file. "
        "A * stands for one segment of the key.",
    ),
    "how_to": Text(
        fr="Comment fournir les valeurs inconnues (guide)",
        en="How to supply the unknown values (how-to)",
    ),
    "example": Text(fr="Exemple de fichier de paramètres", en="Example parameter file"),
    "why": Text(fr="Pourquoi inconnue", en="Why unknown"),
    "pattern": Text(fr="Clé (motif)", en="Key (pattern)"),
    "calendars": Text(fr="Calendriers", en="Calendars"),
    "calendars_intro": Text(
        fr="Les fenêtres et les échéances de chaque programme, construites à partir des valeurs "
        "des règles (la dernière version connue de chaque date).",
        en="The windows and deadlines of every programme, built from the rule values (the "
        "latest known version of each date).",
    ),
    "windows": Text(fr="Fenêtres", en="Windows"),
    "deadlines": Text(fr="Échéances", en="Deadlines"),
    "window": Text(fr="Fenêtre", en="Window"),
    "phase": Text(fr="Phase", en="Phase"),
    "start": Text(fr="Début", en="Start"),
    "end": Text(fr="Fin (incluse)", en="End (inclusive)"),
    "due": Text(fr="Date limite", en="Due"),
    "revisions": Text(fr="Versions", en="Versions"),
    "rule_keys": Text(fr="Valeurs lues", en="Values read"),
    "windows_unknown": Text(
        fr="Les dates de ces fenêtres sont inconnues : fournissez-les (voir les valeurs "
        "inconnues).",
        en="The dates of these windows are unknown: supply them (see the unknown values).",
    ),
    "no_deadline": Text(fr="Aucune échéance connue.", en="No known deadline."),
    "language": Text(fr="English", en="Français"),
    "nav": Text(fr="Navigation de l'explorateur", en="Explorer navigation"),
    "back": Text(fr="Toutes les valeurs", en="All values"),
    "count": Text(fr="{n} valeurs, {u} inconnues", en="{n} values, {u} unknowns"),
    "skip": Text(fr="Aller au contenu", en="Skip to the content"),
}
"""Every word of the pages (``WORDS["key"].in_(lang)``)."""

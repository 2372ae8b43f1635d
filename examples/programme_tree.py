"""The Ségur Numérique programme tree with sourced envelopes (rules digest, Ségur Numérique §1, SUN-ES §2.5 [docs: explanation/rules]).

Run: ``python examples/programme_tree.py [fr|en]``
"""

from __future__ import annotations

import sys
from fractions import Fraction

import segur_numerique as sn


def main(lang: sn.Lang) -> None:
    rules = sn.load_rules()

    # The tree, each figure flagged when it is not confirmed.
    print(sn.catalogue.programme_tree(sn.catalogue.all_programmes(rules=rules), lang))

    # A conflicting envelope explains itself: every version, the default and why.
    print()
    print(sn.catalogue.lookup("segur.medico_social", rules=rules).explanation.render(lang))

    # The partial regional SUN-ES envelopes, with what each covers.
    print()
    for region in sn.sun_es.regional_envelopes(rules=rules):
        note = f"  ({region.note.in_(lang)})" if region.note else ""
        amount = region.amount.value
        assert isinstance(amount, sn.Euro)
        print(f"{region.label.in_(lang)}: {amount.format(lang)}{note}")

    # Window 1 outcomes, with the conflicting counts and the "about"/"over" notes.
    print()
    print(sn.sun_es.window1_outcomes(rules=rules).explanation.render(lang))

    # The Health & Tech manifesto of 24 July 2020's proposal: at least two thirds of the 2 Md€ for human support, split to the cent.
    share = rules.get("segur.human_support.share")
    total = rules.get("segur.envelope.total")
    assert isinstance(share, Fraction)
    assert isinstance(total, sn.Euro)
    split = sn.funding_scaling.allocate(
        total, {"human_support": share, "equipment": 1 - share}, weight_name="share"
    )
    print()
    print(split.explanation.render(lang))


if __name__ == "__main__":
    arg = sys.argv[1] if len(sys.argv) > 1 else "en"
    if arg not in sn.LANGUAGES:
        raise SystemExit(f"usage: programme_tree.py [fr|en], not {arg!r}")
    main("fr" if arg == "fr" else "en")

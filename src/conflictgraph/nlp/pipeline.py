"""The spaCy pipeline of conflictgraph: the base English model plus our components.

Components are registered here, and only here, under versioned names; each writes one declared
``Doc._`` extension. The publication date travels on the Doc (``doc._.cg_published``) so that
every stage resolves relative dates against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from conflictgraph.errors import TOO_LARGE, InputError
from conflictgraph.model import Article
from conflictgraph.nlp.events import EventFinder
from conflictgraph.nlp.gazetteer_ruler import GazetteerRuler
from conflictgraph.nlp.load import load_base_model
from conflictgraph.nlp.mentions import MentionFinder
from conflictgraph.nlp.timex import date_from_url, find_time_expressions
from conflictgraph.resolve.gazetteer import load_gazetteer
from conflictgraph.resolve.places import load_places

__all__ = ["annotate", "build_nlp"]

for _name in ("cg_published", "cg_timexes", "cg_mentions", "cg_events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class _Timex:
    def __call__(self, doc: Doc) -> Doc:
        published: date | None = doc._.cg_published
        doc._.cg_timexes = find_time_expressions(doc, published)
        return doc


class _Mentions:
    def __init__(self) -> None:
        self.finder = MentionFinder(load_gazetteer(), load_places())

    def __call__(self, doc: Doc) -> Doc:
        doc._.cg_mentions = self.finder(doc)
        return doc


class _Events:
    def __init__(self) -> None:
        self.finder = EventFinder()

    def __call__(self, doc: Doc) -> Doc:
        doc._.cg_events = self.finder(
            doc, doc._.cg_mentions, doc._.cg_timexes or [], doc._.cg_published
        )
        return doc


@Language.factory("conflictgraph_gazetteer_v1", assigns=["doc.spans"], requires=[])
def make_gazetteer(nlp: Language, name: str) -> GazetteerRuler:
    """States, demonyms, capitals, IGOs, armed groups and accords as spans."""
    return GazetteerRuler(nlp, load_gazetteer())


@Language.factory("conflictgraph_timex_v1", assigns=["doc._.cg_timexes"], requires=["token.dep"])
def make_timex(nlp: Language, name: str) -> _Timex:
    """Time expressions resolved against ``doc._.cg_published``."""
    return _Timex()


@Language.factory(
    "conflictgraph_mentions_v1",
    assigns=["doc._.cg_mentions"],
    requires=["doc.ents", "token.dep", "doc.spans"],
)
def make_mentions(nlp: Language, name: str) -> _Mentions:
    """Actor, place and resolution mentions."""
    return _Mentions()


@Language.factory(
    "conflictgraph_events_v1",
    assigns=["doc._.cg_events"],
    requires=["doc._.cg_mentions", "doc._.cg_timexes"],
)
def make_events(nlp: Language, name: str) -> _Events:
    """Events with roles, place, date and status."""
    return _Events()


def build_nlp(model: str | None = None) -> Language:
    """Load the base model once and add the gazetteer ruler and our three components."""
    nlp = load_base_model(model)
    nlp.add_pipe("conflictgraph_gazetteer_v1")
    nlp.add_pipe("conflictgraph_timex_v1")
    nlp.add_pipe("conflictgraph_mentions_v1")
    nlp.add_pipe("conflictgraph_events_v1")
    return nlp


def annotate(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles with ``nlp.pipe``, each Doc carrying its publication date."""
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for art in articles:
            if len(art.text) > nlp.max_length:
                raise InputError(
                    art.id,
                    f"article of {len(art.text):,} characters is over the language pipeline's "
                    f"limit of {nlp.max_length:,}; split it or raise nlp.max_length",
                    code=TOO_LARGE,
                )
            doc = nlp.make_doc(art.text)
            # no publication date: a news URL's date (/2017/01/28/) anchors relative dates
            doc._.cg_published = art.published or (date_from_url(art.url) if art.url else None)
            doc.user_data["cg_text"] = art.text  # == doc.text, which spaCy rebuilds per access
            pending.append(art)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        yield pending.pop(0), doc

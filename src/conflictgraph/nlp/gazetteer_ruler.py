"""A fast gazetteer matcher: every state, demonym, capital, IGO, armed group and accord name
in a Doc, as spans in ``doc.spans["cg_gazetteer"]`` (label ``CG_*``, ``id_`` the entry key).

spaCy's SpanRuler with several thousand token patterns costs as much as the parser; names are
fixed token sequences, so a dictionary keyed by the first token finds them in one pass.
Matching follows the gazetteer's rules: short forms ("US", "IS", "UN") only with their exact
case, other forms in any case but not all lower case when the name is capitalised ("turkey",
"jordan"), hyphens optional, straight and curly apostrophes alike, "U.S.-led" as U.S.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictgraph.resolve.gazetteer import Gazetteer

__all__ = ["GAZ_SPANS", "GazetteerRuler"]

GAZ_SPANS = "cg_gazetteer"
_DASHES = {"-", "\u2013", "\u2014"}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True, slots=True)
class _Form:
    tokens: tuple[str, ...]  # lower-case, dashes removed
    cased: tuple[str, ...]  # as written, dashes removed
    key: str
    label: str
    exact: bool


class GazetteerRuler:
    """Find gazetteer names in a Doc; longest match wins, matches never overlap."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.index: dict[str, list[_Form]] = defaultdict(list)
        tokenizer = nlp.tokenizer
        for text, key, label, exact in gazetteer.forms():
            for variant in {text, text.replace("'", "\u2019")}:
                toks = [
                    t.text.translate(_QUOTES) for t in tokenizer(variant) if t.text not in _DASHES
                ]
                if not toks:
                    continue
                form = _Form(tuple(t.lower() for t in toks), tuple(toks), key, label, exact)
                if form not in self.index[form.tokens[0]]:
                    self.index[form.tokens[0]].append(form)
        for forms in self.index.values():
            forms.sort(key=lambda f: -len(f.tokens))

    def __call__(self, doc: Doc) -> Doc:
        """Write the matches into ``doc.spans[GAZ_SPANS]``."""
        strings = doc.vocab.strings  # token texts from the ORTH array: no Token objects
        words = [strings[h] for h in doc.to_array("ORTH").tolist()]
        text = doc.user_data.get("cg_text")
        if text is None or any(q in text for q in "\u2019\u2018\u02bc"):
            words = [w.translate(_QUOTES) for w in words]  # curly apostrophes as straight
        lower = [w.lower() for w in words]
        spans: list[Span] = []
        i = 0
        n = len(doc)
        while i < n:
            match = self._match_at(words, lower, i, n)
            if match is None:
                glued = self._glued(doc, i, words[i])
                if glued is not None:
                    spans.append(glued)
                i += 1
                continue
            end, form = match
            spans.append(Span(doc, i, end, label=form.label, span_id=form.key))
            i = end
        doc.spans[GAZ_SPANS] = spans
        return doc

    def _match_at(
        self, words: list[str], lower: list[str], i: int, n: int
    ) -> tuple[int, _Form] | None:
        for form in self.index.get(lower[i], ()):
            j = i
            ok = True
            for k, tok in enumerate(form.tokens):
                while k and j < n and words[j] in _DASHES:
                    j += 1  # "Guinea-Bissau" and "Guinea Bissau"
                if j >= n or lower[j] != tok or not _case_ok(words[j], form.cased[k], form.exact):
                    ok = False
                    break
                j += 1
            if ok:
                return j, form
        return None

    def _glued(self, doc: Doc, i: int, text: str) -> Span | None:
        """'U.S.-led': a name glued to a suffix in one token."""
        if "-" not in text:
            return None
        prefix = self.gaz.compound_prefix(text)
        if not prefix:
            return None
        for form in self.index.get(prefix.lower(), ()):
            if len(form.tokens) == 1 and _case_ok(prefix, form.cased[0], form.exact):
                return Span(doc, i, i + 1, label=form.label, span_id=form.key)
        return None


def _case_ok(word: str, written: str, exact: bool) -> bool:
    if exact:
        return word == written
    return not (not written.islower() and word.islower())  # a capitalised name, not in lower case

"""Ingest: every supported format becomes an article; every bad input becomes one clear error."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conflictgraph import errors
from conflictgraph.ingest import read_inputs
from conflictgraph.ingest.clean import clean_text, split_title

LEAD = (
    "Turkish and Russian officials met in Ankara on Tuesday to discuss the evacuation of "
    "civilians, the foreign ministry said in a statement."
)


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_text_with_sidecar_metadata(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Officials meet in Ankara\n\n{LEAD}\n")
    meta = {
        "id": "x1",
        "title": "Officials meet in Ankara",
        "source": "Wire",
        "published": "2016-12-13",
    }
    write(tmp_path / "a.meta.json", json.dumps(meta))
    rep = read_inputs([tmp_path])
    assert not rep.skipped
    (art,) = rep.articles
    assert (art.id, art.title, art.source, art.published) == (
        "x1",
        meta["title"],
        "Wire",
        date(2016, 12, 13),
    )
    assert art.text == LEAD  # the headline line is the title, not body text


def test_markdown_is_plain_text(tmp_path: Path) -> None:
    write(
        tmp_path / "a.md",
        f"# Officials meet\n\n**Turkish** and [Russian](https://x.org) {LEAD[20:]}\n",
    )
    (art,) = read_inputs([tmp_path / "a.md"], published=date(2016, 12, 14)).articles
    assert art.title == "Officials meet"
    assert "**" not in art.text and "https://x.org" not in art.text and "Russian" in art.text
    assert art.published == date(2016, 12, 14)  # from --published: the file carries no date


def test_html_main_text_and_date(tmp_path: Path) -> None:
    html = f"""<html><head><title>Talks in Ankara</title>
    <meta property="article:published_time" content="2016-12-13T09:00:00Z"></head><body>
    <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <div class="cookie">We use cookies. Accept all cookies to continue.</div>
    <article><h1>Talks in Ankara</h1><p>{LEAD}</p><p>The two sides agreed to meet again next week
    in Moscow to prepare a broader agreement on the city.</p></article>
    <footer>Share this article. Copyright 2016 Example.</footer></body></html>"""
    (art,) = read_inputs([write(tmp_path / "p.html", html)]).articles
    assert art.published == date(2016, 12, 13)
    assert art.title == "Talks in Ankara"
    assert "Ankara on Tuesday" in art.text
    assert "cookies" not in art.text.lower() and "Share this" not in art.text


def test_jsonl_bad_lines_are_skipped_and_named(tmp_path: Path) -> None:
    good = {"id": "j1", "title": "t", "published": "2016-12-13", "text": LEAD}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"id": "j2"}),
        json.dumps({**good, "id": "j3"}),
    ]
    rep = read_inputs([write(tmp_path / "b.jsonl", "\n".join(lines))])
    assert [a.id for a in rep.articles] == ["j1", "j3"]
    assert [e.origin for e in rep.skipped] == [f"{tmp_path}/b.jsonl:2", f"{tmp_path}/b.jsonl:3"]
    assert {e.code for e in rep.skipped} == {errors.MALFORMED_JSON, errors.EMPTY}


def test_json_object_and_list(tmp_path: Path) -> None:
    write(tmp_path / "one.json", json.dumps({"text": LEAD, "published": "13 December 2016"}))
    write(
        tmp_path / "many.json",
        json.dumps([{"text": LEAD, "id": "m1"}, {"text": LEAD + " More.", "id": "m2"}]),
    )
    rep = read_inputs([tmp_path / "one.json", tmp_path / "many.json"])
    assert [a.published for a in rep.articles][:1] == [date(2016, 12, 13)]
    assert {a.id for a in rep.articles[1:]} == {"m1", "m2"}


def test_rss_feed(tmp_path: Path) -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>Officials meet</title><link>https://example.org/1</link>
    <pubDate>Tue, 13 Dec 2016 10:00:00 GMT</pubDate><description>{LEAD}</description></item>
    </channel></rss>"""
    (art,) = read_inputs([write(tmp_path / "f.xml", rss)]).articles
    assert (art.url, art.source, art.published) == (
        "https://example.org/1",
        "Wire",
        date(2016, 12, 13),
    )


def test_xml_entity_bomb_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<rss><channel><item><description>&lol2;</description></item></channel></rss>"
    )
    rep = read_inputs([write(tmp_path / "bomb.xml", bomb)])
    assert not rep.articles
    assert rep.skipped[0].code == errors.UNSAFE_XML and "unsafe XML" in str(rep.skipped[0])


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", errors.EMPTY),
        ("blank.txt", b"   \n\t\n", errors.EMPTY),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), errors.BINARY),
        ("nul.txt", b"\x00\x01\x02" * 100, errors.BINARY),
        ("bad.json", b'{"text": ', errors.MALFORMED_JSON),
        ("shape.json", b"[1, 2]", errors.MALFORMED_JSON),
        ("notxml.xml", b"this is not a feed", errors.MALFORMED_XML),
        ("doc.pdf", b"%PDF-1.4", errors.UNSUPPORTED),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = write(tmp_path / name, data)
    rep = read_inputs([path, write(tmp_path / "ok.txt", LEAD)])
    assert [a.origin for a in rep.articles] == [str(tmp_path / "ok.txt")]  # the rest goes on
    (err,) = rep.skipped
    assert err.code == code
    assert str(err).startswith(f"[{code}] {path}: ")


def test_missing_path(tmp_path: Path) -> None:
    (err,) = read_inputs([tmp_path / "nope.txt"]).skipped
    assert err.code == errors.MISSING and "no such file" in str(err)


def test_latin1_is_read_with_a_notice(tmp_path: Path) -> None:
    path = write(
        tmp_path / "l1.txt", ("Le ministre français a rencontré " + LEAD).encode("latin-1")
    )
    rep = read_inputs([path])
    assert "français" in rep.articles[0].text
    assert rep.notices == [f"{path}: not UTF-8; read as Windows-1252 (Latin-1)"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    (art,) = read_inputs([write(tmp_path / "u.txt", LEAD.encode("utf-16"))]).articles
    assert art.text == LEAD


def test_folder_skips_readme_and_walks_sorted(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "# Data\n\nThese are the files of this folder, listed here.\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "b.txt", LEAD)
    write(tmp_path / "a.txt", LEAD + " Again.")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    rep = read_inputs([tmp_path])
    assert [Path(a.origin or "").name for a in rep.articles] == ["a.txt", "b.txt"]


def test_bad_date_in_metadata_is_a_notice(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", LEAD)
    write(tmp_path / "a.meta.json", json.dumps({"published": "yesterday-ish"}))
    rep = read_inputs([tmp_path / "a.txt"])
    assert rep.articles[0].published is None
    assert "is not a date" in rep.notices[0]


def test_clean_text_drops_page_furniture() -> None:
    page = (
        "News / Politics\n\nOfficials meet in Ankara\n\nTurkish minister (L) and his guest\n\n"
        f"{LEAD}\n\nShare this article\n\nThe site is also at these addresses:\n\nwww.example.org\n"
    )
    title, body = split_title(page)
    assert title == "Officials meet in Ankara"
    assert clean_text(body, title=title) == LEAD
    assert clean_text(f"{LEAD} (Photo by AFP)") == LEAD

"""Write the hostile-input corpus of ``tests/data/hostile/``: broken, odd and malicious inputs,
each with what conflictgraph must say about it.

    .venv/bin/python tests/data/make_hostile.py          # rewrite tests/data/hostile/

Small cases are files in the repository (``tests/test_hostile.py`` checks that they match this
script); large files and what git cannot hold (symlink loops, fifos, unreadable files, undecodable
file names) are made at test time by :func:`write_special` into a temporary folder.

Each case expects a list of skips (the end of the input's name, the code, a piece of the
message), a number of articles read and pieces of notices. Every article text is unique, so
each article read is one article node of the graph.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import shutil
import stat
import sys
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent / "hostile"
MANIFEST = ".expected.json"

# Codes (as in conflictgraph.errors; spelled out so this script runs without the package).
MISSING, EMPTY, BINARY, ENCODING = "CG101", "CG102", "CG103", "CG104"
MALFORMED_JSON, MALFORMED_HTML, MALFORMED_XML = "CG105", "CG106", "CG107"
UNSUPPORTED, TOO_LARGE, UNREADABLE, UNSAFE_XML = "CG109", "CG110", "CG111", "CG112"

HOSTILE_NAMES = [
    'Iran" } ; DROP ALL ; #',
    "<img src=x onerror=alert(1)>",
    "</script><script>alert('x')</script>",
    "../../etc/x",
    "/etc/passwd",
    "a\x00b",
    "line\nbreak \r\n and\ttab",
    "Robert'); DROP TABLE articles;--",
    "emoji 🕊️🇺🇦 and ZWJ 👩\u200d👩\u200d👧",
    "\u202eevil right-to-left override",
    "x" * 5000,
    "{{7*7}} ${jndi:ldap://x/a} %s%n",
    "spaces and 'quotes' and \"double\" and <angle> and `back`",
]


def prose(tag: str) -> str:
    """A paragraph the extractor reads as a meeting, unique per ``tag``."""
    return (
        f"Turkish and Russian officials met in Ankara on Tuesday to discuss the evacuation of "
        f"civilians from Aleppo, the foreign ministry said in statement number {tag}. The two "
        f"sides agreed to meet again in Moscow next week."
    )


@dataclass
class Case:
    """One input and what reading it must give."""

    name: str
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    articles: int = 0
    notices: list[str] = field(default_factory=list)


def _rec(tag: str, **extra: object) -> dict[str, object]:
    return {"id": f"hostile-{tag}", "text": prose(tag), **extra}


def _rss(items: str, *, head: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>{head}<rss version="2.0"><channel><title>Wire</title>'
        f"{items}</channel></rss>"
    ).encode()


def _item(tag: str, *, title: str = "Officials meet", date: str = "Tue, 13 Dec 2016") -> str:
    esc = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f"<item><title>{esc}</title><link>https://example.org/{tag}</link>"
        f"<pubDate>{date}</pubDate><description>{prose(tag)}</description></item>"
    )


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("article.txt", (2016, 12, 13, 0, 0, 0)), prose("zipped"))
    return buf.getvalue()


def cases() -> list[tuple[Case, bytes]]:
    """Every small case with its bytes."""
    out: list[tuple[Case, bytes]] = []

    def ok(name: str, data: bytes | str, n: int = 1, notices: list[str] | None = None) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        out.append((Case(name, articles=n, notices=notices or []), raw))

    def bad(name: str, data: bytes | str, code: str, message: str, n: int = 0) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        out.append((Case(name, skipped=[(name, code, message)], articles=n), raw))

    # -- empty, blank, binary ---------------------------------------------------------------
    bad("empty.txt", b"", EMPTY, "empty file")
    bad("blank.txt", b"   \n\t\r\n  \n", EMPTY, "empty file")
    bad("nbsp_only.txt", "\u00a0\u2003\u3000\n\u00a0", EMPTY, "no article text")
    bad("bom_only.txt", codecs.BOM_UTF8, EMPTY, "no article text")
    bad("png.txt", _png(), BINARY, "binary file")
    bad("zip.txt", _zip(), BINARY, "binary file")
    bad("pdf_bytes.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BINARY, "binary file")
    bad("gzip.txt", gzip.compress(prose("gz").encode(), mtime=0), BINARY, "binary file")
    bad("elf.txt", b"\x7fELF\x02\x01\x01" + bytes(100), BINARY, "binary file")
    bad("jpeg.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), BINARY, "binary file")
    bad("gif.txt", b"GIF89a" + bytes(100), BINARY, "binary file")
    bad("nul_heavy.txt", b"\x00\x01\x02\x03" * 500, BINARY, "NUL bytes")
    bad("utf16_no_bom.txt", prose("u16nobom").encode("utf-16-le"), BINARY, "NUL bytes")
    bad(
        "only_furniture.txt", "Share this\nFollow us\nwww.example.org\n©2016\n", EMPTY, "no article"
    )
    bad("png.html", _png(), BINARY, "binary file")
    bad("zip.json", _zip(), BINARY, "binary file")
    bad("png.jsonl", _png(), BINARY, "binary file")
    bad("odd_utf16.txt", codecs.BOM_UTF16_LE + b"a\x00b", ENCODING, "bad UTF-16")
    bad("unsupported.pdf", b"%PDF-1.4 not read", UNSUPPORTED, "unsupported format")
    bad("unsupported.docx", _zip(), UNSUPPORTED, "unsupported format")

    # -- encodings and line endings ----------------------------------------------------------
    ok("utf8_bom.txt", codecs.BOM_UTF8 + prose("utf8bom").encode())
    ok("utf16le_bom.txt", prose("utf16le").encode("utf-16"))
    ok("utf16be_bom.txt", codecs.BOM_UTF16_BE + prose("utf16be").encode("utf-16-be"))
    ok("utf32_bom.txt", prose("utf32").encode("utf-32"))
    ok(
        "cp1252.txt",
        ("Le ministre français a dit « non » – " + prose("cp1252")).encode("cp1252"),
        notices=["not UTF-8"],
    )
    ok("latin1.txt", ("Größe " + prose("latin1")).encode("latin-1"), notices=["not UTF-8"])
    ok("truncated_utf8.txt", prose("trunc8").encode() + "é".encode()[:1], notices=["not UTF-8"])
    ok("mixed_endings.txt", f"Officials meet in Ankara\r\n\r\n{prose('mixed')}\r\rSecond\n")
    ok("cr_only.txt", f"Officials meet in Ankara\r\r{prose('cronly')}\r")
    ok("nul_sprinkled.txt", prose("nul").replace(" ", " \x00", 3))
    ok("control_chars.txt", "\x01\x02\x1b[31m" + prose("ctrl") + "\x07\x7f")
    ok("form_feed.txt", f"{prose('ff1')}\x0c{prose('ff2')}\x0b")
    ok("rtl_zero_width.txt", "\u202e\u200b\ufeff" + prose("rtl") + "\u2028\u2029")
    ok("lone_surrogate_escape.txt", prose("surr") + " \\ud800 stays text")
    ok("emoji.txt", "🕊️🇺🇦 " + prose("emoji") + " 👩\u200d👩\u200d👧")
    ok("combining.txt", "Z̷̛̤a̸l̷g̶o̵ " + prose("zalgo"))
    ok("long_word.txt", prose("longword") + " " + "a" * 50_000 + ".")
    ok("many_blank_lines.txt", "\n" * 10_000 + prose("blanklines") + "\n" * 10_000)
    ok("tabs_everywhere.txt", prose("tabs").replace(" ", "\t"))
    ok("no_final_newline.txt", prose("nofinal"))

    # -- Markdown ------------------------------------------------------------------------------
    ok("heading_only_hashes.md", "# ####\n\n" + prose("mdhash"))
    ok("brackets.md", "[" * 20_000 + "\n\n" + prose("mdbrackets"))
    ok("stars.md", "*a " * 20_000 + "\n\n" + prose("mdstars"))
    ok("link_unclosed.md", "[a](" * 5_000 + "\n\n" + prose("mdlink"))
    ok("html_in.md", "<script>alert(1)</script>\n\n" + prose("mdhtml"))

    # -- HTML ----------------------------------------------------------------------------------
    bad(
        "scripts_only.html",
        "<html><head><script>var a=1;</script></head><body><script>alert(1)</script>"
        "<style>p{}</style></body></html>",
        EMPTY,
        "no article text",
    )
    bad("no_markup.html", "just words, no markup at all " * 5, MALFORMED_HTML, "not HTML")
    bad("empty_body.html", "<html><body></body></html>", EMPTY, "no article text")
    bad(
        "only_nav.html", "<nav><a href=/>Home</a> | <a href=/w>World</a></nav>", EMPTY, "no article"
    )
    page = "<html><body><article><h1>Officials meet</h1><p>{}</p></article></body></html>"
    ok("truncated.html", page.format(prose("trunchtml"))[:-30])
    ok("unclosed_tags.html", "<html><body><div><p><b><i>" + prose("unclosed") + "<p><div>")
    ok(
        "xss.html",
        page.format("<img src=x onerror=alert(1)>" + prose("xss") + "<script>alert(2)</script>"),
    )
    ok("cp1252.html", page.format("Le ministre a dit « non » – " + prose("h1252")).encode("cp1252"))
    ok("utf16.html", page.format(prose("h16")).encode("utf-16"))
    ok(
        "nested_200.html",
        "<html><body>" + "<div>" * 200 + f"<p>{prose('deephtml')}</p>" + "</div>" * 200,
    )
    bad(
        "nested_5000.html",
        "<div>" * 5000 + prose("deephtml5000") + "</div>" * 5000,
        EMPTY,
        "no article text found",
    )
    ok("huge_attribute.html", page.format(f'<span title="{"x" * 20_000}">' + prose("attr")))
    ok(
        "bad_meta_date.html",
        '<html><head><meta property="article:published_time" content="not a date">'
        "</head><body><article><p>" + prose("hdate") + "</p></article></body></html>",
    )
    ok("nul_in.html", page.format(prose("hnul")).replace("<p>", "<p>\x00"))

    # -- JSON ----------------------------------------------------------------------------------
    bad("malformed.json", '{"text": ', MALFORMED_JSON, "malformed JSON")
    bad("trailing_comma.json", '{"text": "a",}', MALFORMED_JSON, "malformed JSON")
    bad("numbers.json", "[1, 2, 3]", MALFORMED_JSON, "wrong shape")
    bad("string.json", '"just a string"', MALFORMED_JSON, "wrong shape")
    bad("null.json", "null", MALFORMED_JSON, "wrong shape")
    bad("empty_list.json", "[]", MALFORMED_JSON, "wrong shape")
    bad("articles_not_list.json", '{"articles": 5}', MALFORMED_JSON, "wrong shape")
    bad("deep_nesting.json", "[" * 20_000 + "]" * 20_000, MALFORMED_JSON, "nested too deeply")
    bad("huge_int.json", '{"text": ' + "9" * 10_000 + "}", MALFORMED_JSON, "malformed JSON")
    bad("nan_text.json", '{"text": NaN}', EMPTY, "no 'text'")
    bad("text_number.json", '{"text": 42}', EMPTY, "no 'text'")
    bad("text_list.json", '{"text": ["a", "b"]}', EMPTY, "no 'text'")
    bad("text_blank.json", '{"text": "   \\n\\u0000 "}', EMPTY, "no article text")
    bad("raw_control_char.json", '{"text": "a\x01b"}', MALFORMED_JSON, "malformed JSON")
    ok("escaped_nul.json", json.dumps(_rec("jnul", text=prose("jnul") + "\u0000 end.")))
    ok("lone_surrogate.json", json.dumps(_rec("jsurr", title="bad \ud800 title")))
    ok("bad_date.json", json.dumps(_rec("jbaddate", published="yesterday-ish")), 1, ["not a date"])
    ok("date_number.json", json.dumps(_rec("jdatenum", published=20161213)), 1, ["not a date"])
    ok("date_object.json", json.dumps(_rec("jdateobj", published={"y": 2016})), 1, ["not a date"])
    ok("date_year_zero.json", json.dumps(_rec("jy0", published="0000-01-01")), 1, ["not a date"])
    ok("date_far_future.json", json.dumps(_rec("jy9", published="9999-12-31")), 1, ["not a date"])
    ok("date_huge.json", json.dumps(_rec("jdhuge", published="9" * 5000)), 1, ["not a date"])
    ok("date_feb30.json", json.dumps(_rec("jfeb30", published="2016-02-30")), 1, ["not a date"])
    ok("date_true.json", json.dumps(_rec("jtrue", published=True)), 1, ["not a date"])
    ok("fields_wrong_types.json", json.dumps(_rec("jtypes", title=["a"], url=7, source={})))
    ok(
        "hostile_names.json",
        json.dumps(
            [
                _rec(f"name{i}", title=name, source=name, url=f"https://x.org/{name}")
                for i, name in enumerate(HOSTILE_NAMES)
            ]
        ),
        len(HOSTILE_NAMES),
    )
    ok(
        "hostile_ids.json",
        json.dumps([{"id": name, "text": prose(f"id{i}")} for i, name in enumerate(HOSTILE_NAMES)]),
        len(HOSTILE_NAMES),
    )
    out.append(
        (
            Case(
                "mixed_list.json",
                skipped=[
                    ("mixed_list.json[1]", MALFORMED_JSON, "expected a JSON object"),
                    ("mixed_list.json[2]", EMPTY, "no 'text'"),
                ],
                articles=2,
            ),
            json.dumps([_rec("ml1"), "str", {"id": "x"}, _rec("ml2")]).encode(),
        )
    )
    ok("articles_key.json", json.dumps({"articles": [_rec("ak1"), _rec("ak2")]}), 2)
    ok("duplicate_keys.json", '{"text": "x", "text": ' + json.dumps(prose("dupkey")) + "}")
    ok("utf16.json", json.dumps(_rec("j16")).encode("utf-16"))
    ok(
        "cp1252.json",
        json.dumps(_rec("j1252"), ensure_ascii=False).replace("Ankara", "Ánkara").encode("cp1252"),
        notices=["not UTF-8"],
    )

    # -- JSONL ---------------------------------------------------------------------------------
    lines = [
        json.dumps(_rec("l1")),
        "{not json",
        json.dumps({"id": "x"}),
        "[1, 2]",
        "",
        "[" * 20_000,
        json.dumps(_rec("l2")),
        '{"text": ' + "1" * 5000 + "}",
    ]
    out.append(
        (
            Case(
                "bad_lines.jsonl",
                skipped=[
                    ("bad_lines.jsonl:2", MALFORMED_JSON, "malformed JSON line"),
                    ("bad_lines.jsonl:3", EMPTY, "no 'text'"),
                    ("bad_lines.jsonl:4", MALFORMED_JSON, "expected a JSON object"),
                    ("bad_lines.jsonl:6", MALFORMED_JSON, "malformed JSON line"),
                    ("bad_lines.jsonl:8", MALFORMED_JSON, "malformed JSON line"),
                ],
                articles=2,
            ),
            "\n".join(lines).encode(),
        )
    )
    ok("u2028.jsonl", json.dumps(_rec("u2028", title="a\u2028b\u0085c"), ensure_ascii=False))
    ok("crlf.jsonl", json.dumps(_rec("crlf1")) + "\r\n" + json.dumps(_rec("crlf2")) + "\r\n", 2)
    ok("blank_lines.jsonl", "\n\n" + json.dumps(_rec("bl")) + "\n\n\n", 1)
    bad("blank.jsonl", "\n\n  \n", EMPTY, "empty file")
    out.append(
        (
            Case(
                "all_bad.jsonl",
                skipped=[
                    ("all_bad.jsonl:1", MALFORMED_JSON, "malformed JSON line"),
                    ("all_bad.jsonl:2", MALFORMED_JSON, "malformed JSON line"),
                ],
            ),
            b"nope\n{]\n",
        )
    )
    ok(
        "utf16.jsonl",
        (json.dumps(_rec("jl16a")) + "\n" + json.dumps(_rec("jl16b"))).encode("utf-16"),
        2,
    )

    # -- XML feeds -----------------------------------------------------------------------------
    bad("not_xml.xml", "this is not a feed", MALFORMED_XML, "malformed XML")
    bad("truncated.xml", _rss(_item("tx"))[:-40], MALFORMED_XML, "malformed XML")
    bad("no_items.xml", _rss(""), MALFORMED_XML, "no items")
    bad("html_as.xml", "<html><body><p>hello</p></body></html>", MALFORMED_XML, "no items")
    bad("png.xml", _png(), MALFORMED_XML, "malformed XML")
    lol = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">'
        for i in range(10)
    )
    bad(
        "billion_laughs.xml",
        _rss(
            "<item><title>t</title><description>&lol9;</description></item>",
            head=f"<!DOCTYPE rss [{lol}]>",
        ),
        UNSAFE_XML,
        "declares entities",
    )
    bad(
        "quadratic_blowup.xml",
        _rss(
            "<item><description>" + "&a;" * 10_000 + "</description></item>",
            head=f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>',
        ),
        UNSAFE_XML,
        "declares entities",
    )
    bad(
        "xxe_passwd.xml",
        _rss(
            "<item><title>t</title><description>&xxe;</description></item>",
            head='<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        ),
        UNSAFE_XML,
        "declares entities",
    )
    bad(
        "xxe_parameter.xml",
        _rss(
            "<item><description>x</description></item>",
            head='<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
        ),
        UNSAFE_XML,
        "declares entities",
    )
    bad(
        "xxe_http.xml",
        _rss(
            "<item><description>&e;</description></item>",
            head='<!DOCTYPE rss [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>',
        ),
        UNSAFE_XML,
        "declares entities",
    )
    # An external DTD is never fetched: the feed is read, and /etc/passwd is not in it.
    ok("external_dtd.xml", _rss(_item("xdtd"), head='<!DOCTYPE rss SYSTEM "file:///etc/passwd">'))
    ok("rss.xml", _rss(_item("rss1") + _item("rss2")), 2)
    ok("bad_item_date.rss", _rss(_item("rssdate", date="the day after")), 1)
    ok(
        "hostile_titles.rss",
        _rss(
            "".join(
                _item(f"t{i}", title=n[:300])
                for i, n in enumerate(HOSTILE_NAMES)
                if "\x00" not in n
            )
        ),
        len(HOSTILE_NAMES) - 1,
    )
    out.append(
        (
            Case(
                "item_no_text.xml",
                skipped=[("item_no_text.xml#item1", EMPTY, "feed item has no text")],
                articles=1,
            ),
            _rss("<item><title>Empty</title></item>" + _item("inotext")),
        )
    )
    ok(
        "atom.atom",
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Wire</title><entry><title>Talks</title><id>urn:x:1</id>"
            "<updated>2016-12-13T10:00:00Z</updated><content type='html'>&lt;p&gt;"
            + prose("atom")
            + "&lt;/p&gt;</content></entry></feed>"
        ),
    )
    ok(
        "utf16.xml",
        _rss(_item("x16"))
        .decode()
        .replace('"1.0"?>', '"1.0" encoding="utf-16"?>')
        .encode("utf-16"),
    )
    ok(
        "deep_nesting.xml",
        _rss(_item("xdeep")).replace(b"<item>", b"<x>" * 2000 + b"</x>" * 2000 + b"<item>"),
    )

    # -- sidecars -------------------------------------------------------------------------------
    ok("sidecar_bad.txt", prose("sidebad"), 1, ["unreadable metadata"])
    out.append((Case("sidecar_bad.meta.json"), b"{broken"))
    ok("sidecar_list.txt", prose("sidelist"), 1, ["not a JSON object"])
    out.append((Case("sidecar_list.meta.json"), b"[1, 2]"))
    ok("sidecar_date.txt", prose("sidedate"), 1, ["not a date"])
    out.append((Case("sidecar_date.meta.json"), json.dumps({"published": "31/31/2016"}).encode()))
    ok("sidecar_deep.txt", prose("sidedeep"), 1, ["nested too deeply"])
    out.append((Case("sidecar_deep.meta.json"), b"[" * 20_000))
    return out


def write_corpus(folder: Path) -> list[Case]:
    """Write every small case and the manifest into ``folder`` (emptied first)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    written = []
    for case, data in cases():
        (folder / case.name).write_bytes(data)
        written.append(case)
    (folder / "README.md").write_text(
        "# Hostile and broken inputs\n\nWritten by `tests/data/make_hostile.py` (do not edit by "
        "hand); `.expected.json` says what reading each must give. See `tests/README.md`.\n",
        encoding="utf-8",
    )
    manifest = [asdict(c) for c in written]
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return written


def load_manifest(folder: Path = HERE) -> list[Case]:
    """The cases of a written corpus."""
    rows = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return [
        Case(r["name"], [tuple(s) for s in r["skipped"]], r["articles"], r["notices"])  # type: ignore[misc]
        for r in rows
    ]


def write_special(folder: Path, *, large: bool = True) -> list[Case]:
    """Write the cases git cannot hold or that are too big to commit; return what each expects.

    ``large`` adds the 50 MB file and the 2 MB-line articles (about 60 MB of disk).
    """
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Case] = []
    (folder / "self_loop.txt").symlink_to("self_loop.txt")
    out.append(Case("self_loop.txt", [("self_loop.txt", UNREADABLE, "symbolic link")]))
    (folder / "dangling.txt").symlink_to("nowhere/at/all.txt")
    out.append(Case("dangling.txt", [("dangling.txt", UNREADABLE, "broken or looping")]))
    (folder / "loop_dir").symlink_to(".")
    out.append(Case("loop_dir", notices=["a symbolic link to a folder already read"]))
    (folder / "ping.txt").symlink_to("pong.txt")
    (folder / "pong.txt").symlink_to("ping.txt")
    out.append(Case("ping.txt", [("ping.txt", UNREADABLE, "symbolic link")]))
    out.append(Case("pong.txt", [("pong.txt", UNREADABLE, "symbolic link")]))
    os.mkfifo(folder / "fifo.txt")
    out.append(Case("fifo.txt", [("fifo.txt", UNREADABLE, "not a regular file")]))
    (folder / "folder.txt").mkdir()
    (folder / "folder.txt" / "inside.txt").write_text(prose("inside"), encoding="utf-8")
    out.append(Case("folder.txt", articles=1))
    (folder / "link_to_ok.txt").symlink_to("folder.txt/inside.txt")
    out.append(Case("link_to_ok.txt", articles=1))  # same text as inside.txt: the same id
    undecodable = os.fsencode(folder) + b"/bad-\xff\xfe-name.txt"
    with open(undecodable, "wb") as fh:
        fh.write(prose("undecodable").encode())
    out.append(Case("bad-\ufffd\ufffd-name.txt", articles=1))
    (folder / "new\nline 'name' <x>.txt").write_text(prose("newlinename"), encoding="utf-8")
    out.append(Case("new\nline 'name' <x>.txt", articles=1))
    (folder / "fifo_meta.txt").write_text(prose("fifometa"), encoding="utf-8")
    os.mkfifo(folder / "fifo_meta.meta.json")
    out.append(Case("fifo_meta.txt", articles=1, notices=["not a regular file"]))
    (folder / "big_meta.txt").write_text(prose("bigmeta"), encoding="utf-8")
    (folder / "big_meta.meta.json").write_text(json.dumps({"x": "y" * 2_000_000}))
    out.append(Case("big_meta.txt", articles=1, notices=["too large"]))
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    out.append(Case("passwd.txt", [("passwd.txt", UNREADABLE, "out of the folder")]))
    (folder / "etc").symlink_to("/etc")
    out.append(Case("etc", [("etc", UNREADABLE, "out of the folder (to /etc)")]))
    (folder / "up.txt").symlink_to("../../../../../../../../etc/hostname")
    out.append(Case("up.txt", [("up.txt", UNREADABLE, "out of the folder")]))
    (folder / "noext").write_text(prose("noext"), encoding="utf-8")
    out.append(Case("noext", notices=["not an article format"]))
    # Unreadable files and folders (root reads them anyway: then they are ordinary articles).
    root = os.geteuid() == 0
    locked = folder / "locked.txt"
    locked.write_text(prose("locked"), encoding="utf-8")
    locked.chmod(0)
    out.append(
        Case("locked.txt", articles=1)
        if root
        else Case("locked.txt", [("locked.txt", UNREADABLE, "Permission denied")])
    )
    closed = folder / "closed_dir"
    closed.mkdir()
    (closed / "inner.txt").write_text(prose("closeddir"), encoding="utf-8")
    closed.chmod(0)
    out.append(
        Case("closed_dir", articles=1)
        if root
        else Case("closed_dir", [("closed_dir", UNREADABLE, "cannot read the folder")])
    )
    if large:
        out.extend(write_large(folder))
    return out


def write_large(folder: Path) -> list[Case]:
    """The 50 MB text file, 2 MB lines, and an article just under the length limit."""
    out = []
    big = folder / "fifty_mb.txt"
    para = (prose("big") + "\n\n").encode()
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(para) + 1):
            fh.write(para)
    out.append(Case("fifty_mb.txt", [("fifty_mb.txt", TOO_LARGE, "--max-size")]))
    line = ("Officials met in Ankara on Tuesday. " * 60_000).encode()  # 2.16 MB, one line
    (folder / "one_line_2mb.txt").write_bytes(line)
    out.append(Case("one_line_2mb.txt", [("one_line_2mb.txt", TOO_LARGE, "article too long")]))
    rec = json.dumps({"id": "long-line", "text": line.decode()})
    (folder / "one_line_2mb.jsonl").write_text(rec + "\n" + json.dumps(_rec("after2mb")) + "\n")
    out.append(
        Case(
            "one_line_2mb.jsonl",
            [("one_line_2mb.jsonl:1", TOO_LARGE, "article too long")],
            articles=1,
        )
    )
    (folder / "one_line_2mb.html").write_bytes(b"<html><body><p>" + line + b"</p></body></html>")
    out.append(Case("one_line_2mb.html", [("one_line_2mb.html", TOO_LARGE, "article too long")]))
    (folder / "one_line_brackets.md").write_bytes(b"Title line\n\n" + b"[" * 2_000_000)
    out.append(Case("one_line_brackets.md", [("one_line_brackets.md", EMPTY, "no article text")]))
    return out


def restore_permissions(folder: Path) -> None:
    """Make a special-case folder removable again (``tmp_path`` cleanup needs it)."""
    for p in (folder / "locked.txt", folder / "closed_dir"):
        if p.exists() and not p.is_symlink():
            p.chmod(stat.S_IRWXU)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    n = len(write_corpus(target))
    print(f"wrote {n} cases to {target}")

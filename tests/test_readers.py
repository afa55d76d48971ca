"""Tests for pipeline.readers: every format, and bad input that must not stop a build."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline.readers import (
    SUPPORTED_SUFFIXES,
    Article,
    FileScan,
    ReadProblem,
    iter_files,
    normalize_text,
    read_file,
    read_sources,
)

SEED_GOLD = Path("/work/shared/eval/seed.gold.jsonl")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def scan_of(path: Path, root: Path | None = None) -> FileScan:
    return read_file(path, root or path.parent)


def errors(scan: FileScan) -> list[ReadProblem]:
    return [p for p in scan.problems if p.severity == "error"]


def only(scan: FileScan) -> Article:
    assert scan.problems == [], scan.problems
    assert scan.complete
    assert len(scan.articles) == 1
    return scan.articles[0]


# ---------------------------------------------------------------- text normalisation


def test_normalize_text_bom_crlf_cr() -> None:
    assert normalize_text("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    assert normalize_text("x\ufeff") == "x\ufeff"  # only a leading BOM is removed


def test_problem_str() -> None:
    assert str(ReadProblem("a.jsonl", 3, "invalid JSON", "error")) == "a.jsonl:3: invalid JSON"
    assert str(ReadProblem("a.md", None, "empty document skipped", "warning")) == (
        "a.md: empty document skipped"
    )


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {
        ".md",
        ".markdown",
        ".txt",
        ".html",
        ".htm",
        ".jsonl",
        ".csv",
        ".parquet",
    }


# ---------------------------------------------------------------- markdown


def test_markdown_front_matter_and_exact_body(tmp_path: Path) -> None:
    body = "    indented first line\nsecond  line  \n\n---\n\nafter a rule"
    src = (
        "---\nid: my-id\ntitle: '  Peace talks '\nauthor: Jane Doe\nsource: Hub\n"
        "section: [Politics, 7]\npublished: 2025-08-05\nurl: ''\nextra: kept\n"
        "updated: 2025-08-06 10:30:00\nnothing:\n---\n\n\n" + body + "\n\n  \n"
    )
    a = only(scan_of(write(tmp_path / "a.md", src)))
    assert a.text == body  # first-line indentation survives (frontmatter.loads strips it)
    assert a.id == "my-id"
    assert a.meta == {
        "title": "Peace talks",
        "author": "Jane Doe",
        "source": "Hub",
        "section": ["Politics", "7"],
        "published": "2025-08-05",
        "extra": "kept",
        "updated": "2025-08-06T10:30:00",
    }
    assert (a.format, a.line, a.path) == ("md", None, str(tmp_path / "a.md"))


def test_markdown_without_front_matter_and_section_string(tmp_path: Path) -> None:
    a = only(scan_of(write(tmp_path / "plain.markdown", "\n\n# Title\n\nBody.\n")))
    assert (a.text, a.meta, a.id, a.format) == ("# Title\n\nBody.", {}, "plain", "md")
    b = only(scan_of(write(tmp_path / "s.md", "---\nsection: Europe\n---\nText")))
    assert b.meta == {"section": "Europe"}


def test_markdown_crlf_and_bom_offsets(tmp_path: Path) -> None:
    lf = "First paragraph.\n\nSecond: Putin met Trump."
    src = "\ufeff---\r\ntitle: T\r\n---\r\n" + lf.replace("\n", "\r\n") + "\r\n"
    a = only(scan_of(write(tmp_path / "crlf.md", src)))
    assert a.text == lf
    assert a.meta == {"title": "T"}
    assert a.text.index("Putin") == lf.index("Putin")
    c = only(scan_of(write(tmp_path / "cr.txt", "a\rb\r\rc")))
    assert c.text == "a\nb\n\nc"


def test_markdown_malformed_yaml_names_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.md", "---\ntitle: ok\nauthor: [unclosed\n---\nBody")
    scan = scan_of(path)
    assert not scan.complete and scan.articles == []
    (p,) = scan.problems
    assert p.severity == "error" and p.line == 4 and "malformed YAML" in p.message
    assert str(p).startswith(f"{path}:4: ")
    scan = scan_of(write(tmp_path / "bad2.md", "---\ntitle: a: b\n---\nBody"))
    assert [(p.line, p.severity) for p in scan.problems] == [(2, "error")]


def test_markdown_front_matter_not_mapping_or_not_closed(tmp_path: Path) -> None:
    scan = scan_of(write(tmp_path / "list.md", "---\n- a\n- b\n---\nBody"))
    assert [p.message for p in scan.problems] == ["front matter is not a mapping (got list)"]
    assert not scan.complete
    scan = scan_of(write(tmp_path / "open.md", "---\ntitle: x\nBody text"))
    assert not scan.complete and "not closed" in scan.problems[0].message


# ---------------------------------------------------------------- txt and bad bytes


def test_txt_whole_file(tmp_path: Path) -> None:
    a = only(scan_of(write(tmp_path / "n.txt", "\n \nLine one\n  Line two  \n\n")))
    assert (a.text, a.meta, a.format, a.line) == ("Line one\n  Line two", {}, "txt", None)


def test_binary_txt(tmp_path: Path) -> None:
    scan = scan_of(write(tmp_path / "bin.txt", b"abc\x00\x01\x02def"))
    assert [p.message for p in scan.problems] == ["binary file, not text"]
    assert not scan.complete and scan.articles == []


@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv", ".jsonl"])
def test_invalid_utf8(tmp_path: Path, suffix: str) -> None:
    data = b'{"text": "caf\xe9"}\n' if suffix == ".jsonl" else b"text\ncaf\xe9\n"
    scan = scan_of(write(tmp_path / f"latin{suffix}", data))
    offset = data.index(b"\xe9")
    assert [p.message for p in errors(scan)] == [f"not valid UTF-8 (byte 0xe9 at offset {offset})"]
    assert scan.articles == [] and not scan.complete


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf\n"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".csv", ".jsonl"])
def test_empty_and_whitespace_files(tmp_path: Path, suffix: str, content: bytes) -> None:
    scan = scan_of(write(tmp_path / f"e{suffix}", content))
    assert scan.articles == [] and scan.complete
    if suffix != ".jsonl":  # blank JSONL lines are skipped silently
        assert [(p.message, p.severity) for p in scan.problems] == [
            ("empty document skipped", "warning")
        ]


def test_front_matter_only_is_empty(tmp_path: Path) -> None:
    scan = scan_of(write(tmp_path / "fm.md", "---\ntitle: x\n---\n\n  \n"))
    assert scan.articles == [] and scan.complete
    assert scan.problems[0].message == "empty document skipped"


# ---------------------------------------------------------------- html

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Talks &amp; Tensions</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="World Hub">
<meta property="article:published_time" content="2025-08-05T10:00:00Z">
<link rel="canonical" href="https://example.org/a/talks">
<style>.hidden-style { color: red }</style>
<script>var leaked = "SCRIPT_HEAD";</script>
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Talks &amp; Tensions</h1>
<p>Russia &amp; Ukraine resumed talks on Tuesday in Istanbul, officials said on
February 24, 2022 anniversary. The meeting lasted several hours.</p>
<!-- COMMENT_TEXT must not appear -->
<script>document.write("SCRIPT_BODY")</script>
<p>NATO allies welcomed the move &mdash; caf&eacute; &#8217;quotes&#8217;.<br>A new line.</p>
<style>.x { content: "STYLE_BODY" }</style>
<ul><li>First item</li><li>Second item</li></ul>
</article><footer>Copyright</footer></body></html>"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    a = only(scan_of(write(tmp_path / "page.html", HTML)))
    for leaked in ("SCRIPT", "STYLE", "COMMENT", "hidden-style", "<", "&amp;", "&mdash;"):
        assert leaked not in a.text
    assert a.text == (
        "Russia & Ukraine resumed talks on Tuesday in Istanbul, officials said on "
        "February 24, 2022 anniversary. The meeting lasted several hours.\n\n"
        "NATO allies welcomed the move — café ’quotes’.\nA new line.\n\n"
        "First item\nSecond item"
    )
    assert a.meta == {
        "title": "Talks & Tensions",
        "author": "Jane Doe",
        "source": "World Hub",
        "url": "https://example.org/a/talks",
        "published": "2025-08-05",
    }
    assert (a.id, a.format) == ("page", "html")


def test_html_date_not_guessed_from_body(tmp_path: Path) -> None:
    html = (
        "<html><body><article><p>The war began on February 24, 2022 and talks resumed "
        "on 3 March 2023 in Geneva after long delays.</p></article></body></html>"
    )
    a = only(scan_of(write(tmp_path / "nodate.htm", html)))
    assert "published" not in a.meta and a.format == "html"


def test_html_legacy_encoding(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset='iso-8859-1'><title>Caf\xe9</title></head><body>"
        "<article><p>Le caf\xe9 est tr\xe8s bon, dit le ministre des affaires "
        "\xe9trang\xe8res devant la presse.</p></article></body></html>"
    )
    a = only(scan_of(write(tmp_path / "latin.html", html.encode("latin-1"))))
    assert a.text.startswith("Le café est très bon") and a.meta["title"] == "Café"


def test_html_without_text(tmp_path: Path) -> None:
    path = write(tmp_path / "s.html", "<html><body><script>x = 1</script></body></html>")
    scan = scan_of(path)
    assert [p.message for p in scan.problems] == ["no article text found"]
    assert not scan.complete and scan.articles == []


# ---------------------------------------------------------------- jsonl


def test_jsonl_good_and_broken_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "Alpha text.",
                "meta": {
                    "title": " T ",
                    "author": None,
                    "published": "2025-08-05T10:00:00+02:00",
                    "section": ["X"],
                },
                "spans": [{"start": 0}],
            }
        ),
        "{not json",
        "",
        json.dumps({"text": "Gamma\r\ntext.  "}),
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"id": 7, "text": "Int id."}),
        json.dumps({"text": "Bad meta", "meta": "oops"}),
        "   ",
        json.dumps({"id": "a", "text": "Duplicate."}),
        json.dumps({"text": "Last one."}),
    ]
    scan = scan_of(write(tmp_path / "news.jsonl", "\n".join(lines) + "\n"))
    assert [(a.id, a.line, a.text) for a in scan.articles] == [
        ("a", 1, "Alpha text."),
        ("news:4", 4, "Gamma\ntext."),
        ("7", 9, "Int id."),
        ("news:13", 13, "Last one."),
    ]
    assert scan.articles[0].meta == {"title": "T", "published": "2025-08-05", "section": ["X"]}
    assert all(a.format == "jsonl" for a in scan.articles)
    got = [(p.line, p.severity, p.message.split(":")[0].split(" (")[0]) for p in scan.problems]
    assert got == [
        (2, "error", "invalid JSON"),
        (5, "error", "not a JSON object"),
        (6, "error", "missing 'text'"),
        (7, "error", "'text' is not a string"),
        (8, "warning", "empty document skipped"),
        (10, "error", "'meta' is not an object"),
        (12, "error", "duplicate id 'a'"),
    ]
    assert scan.problems[-1].message == "duplicate id 'a' (first at line 1)"
    assert str(scan.problems[0]).startswith(f"{tmp_path / 'news.jsonl'}:2: invalid JSON")
    assert not scan.complete


def test_jsonl_bad_utf8_line_continues(tmp_path: Path) -> None:
    data = b'{"text": "one"}\n{"text": "t\xffwo"}\n\xef\xbb\xbf{"text": "three"}\n'
    scan = scan_of(write(tmp_path / "u.jsonl", b"\xef\xbb\xbf" + data))
    assert [a.text for a in scan.articles] == ["one"]
    assert [(p.line, p.message) for p in scan.problems][0] == (
        2,
        "not valid UTF-8 (byte 0xff at offset 30)",
    )  # 3 + 16 + 11
    assert scan.problems[1].line == 3  # a BOM is only allowed at the start of the file


def test_jsonl_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(50_000):
            f.write(json.dumps({"text": f"Document number {i}."}) + "\n")
    scan = scan_of(path)
    assert scan.complete and len(scan.articles) == 50_000
    assert (scan.articles[-1].id, scan.articles[-1].line) == ("big:50000", 50_000)


# ---------------------------------------------------------------- csv and parquet


def test_csv_rows(tmp_path: Path) -> None:
    src = (
        "id,text,title,published,empty\r\n"
        'x1,"First\r\nrow.", T1 ,"August 5, 2025",\r\n'
        ",Second row.,,2025-08-06T23:30:00-05:00,\r\n"
        "x1,Dup row.,,,\r\n"
        ",  ,,,\r\n"
        ",Bad date.,,someday,\r\n"
    )
    scan = scan_of(write(tmp_path / "feed.csv", src))
    assert [(a.id, a.line, a.text, a.meta) for a in scan.articles] == [
        ("x1", 1, "First\nrow.", {"title": "T1", "published": "2025-08-05"}),
        ("feed:2", 2, "Second row.", {"published": "2025-08-06"}),
        ("feed:5", 5, "Bad date.", {"published": "someday"}),
    ]
    assert [(p.line, p.severity, p.message) for p in scan.problems] == [
        (3, "error", "duplicate id 'x1' (first at line 1)"),
        (4, "warning", "empty document skipped"),
        (5, "warning", "unparseable published date 'someday' kept as is"),
    ]
    assert not scan.complete and scan.articles[0].format == "csv"


def test_csv_without_text_column(tmp_path: Path) -> None:
    scan = scan_of(write(tmp_path / "nt.csv", "a,b\n1,2\n"))
    assert [p.message for p in scan.problems] == ["no 'text' column (columns: a, b)"]
    assert scan.problems[0].line is None and not scan.complete


def test_csv_parser_error(tmp_path: Path) -> None:
    scan = scan_of(write(tmp_path / "broken.csv", "id,text\n1,ok\n2,too,many\n"))
    (p,) = scan.problems
    assert p.severity == "error" and "Expected 2 fields in line 3" in p.message
    assert "\n" not in p.message and not scan.complete


def test_parquet(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "id": ["p1", None, None],
            "text": ["One.", "Two.", None],
            "published": pd.to_datetime(["2025-08-05 12:00", None, None]),
            "score": [1.5, None, 2.0],
        }
    )
    path = tmp_path / "data.parquet"
    df.to_parquet(path)
    scan = scan_of(path)
    assert [(a.id, a.line, a.text, a.meta) for a in scan.articles] == [
        ("p1", 1, "One.", {"published": "2025-08-05", "score": 1.5}),
        ("data:2", 2, "Two.", {}),
    ]
    assert [(p.line, p.message) for p in scan.problems] == [(3, "empty document skipped")]
    assert scan.complete and scan.articles[0].format == "parquet"


def test_parquet_bad(tmp_path: Path) -> None:
    path = tmp_path / "nt.parquet"
    pd.DataFrame({"body": ["x"]}).to_parquet(path)
    assert [p.message for p in scan_of(path).problems] == ["no 'text' column (columns: body)"]
    scan = scan_of(write(tmp_path / "junk.parquet", b"PAR1 not really parquet"))
    assert not scan.complete and scan.problems[0].message.startswith("cannot read Parquet")


# ---------------------------------------------------------------- ids, names, folders


def test_derived_ids_and_odd_names(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    a = only(read_file(write(root / "a" / "b.md", "Body"), root))
    assert a.id == "a/b"
    odd = write(root / "Kyiv – résumé 2025.txt", "Text")
    b = only(read_file(odd, root))
    assert (b.id, b.path) == ("Kyiv – résumé 2025", str(odd))


def test_iter_files_sorted_filtered_and_loop_safe(tmp_path: Path) -> None:
    root = tmp_path / "src"
    for name in [
        "b.md",
        "a/z.txt",
        "a.md",
        "README.md",
        "notes.docx",
        ".hidden.md",
        ".git/x.md",
        "sub dir/c.jsonl",
        "a/readme.md",
    ]:
        write(root / name, "x")
    (root / "a" / "loop").symlink_to(root, target_is_directory=True)
    (root / "a" / "self").symlink_to(root / "a", target_is_directory=True)
    got = [(f.relative_to(root).as_posix(), r) for f, r in iter_files(root)]
    assert got == [("a/z.txt", root), ("a.md", root), ("b.md", root), ("sub dir/c.jsonl", root)]
    assert list(iter_files(root / "b.md")) == [(root / "b.md", root)]


def test_read_sources_missing_unsupported_and_broken_link(tmp_path: Path) -> None:
    write(tmp_path / "d" / "ok.txt", "Fine.")
    (tmp_path / "d" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    other = write(tmp_path / "x.docx", "x")
    scans = list(read_sources([tmp_path / "missing", tmp_path / "d", other]))
    assert [s.path for s in scans] == [
        str(tmp_path / "missing"),
        str(tmp_path / "d/gone.md"),
        str(tmp_path / "d/ok.txt"),
        str(other),
    ]
    assert scans[0].problems == [
        ReadProblem(str(tmp_path / "missing"), None, "no such file or directory", "error")
    ]
    assert scans[1].problems[0].message == os.strerror(2)  # "No such file or directory"
    assert scans[2].complete and scans[2].articles[0].id == "ok"
    assert scans[3].problems[0].message == "unsupported file type '.docx'"
    assert [s.complete for s in scans] == [False, False, True, False]


def test_os_errors_become_problems(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    scan = read_file(tmp_path / "folder.md", tmp_path)
    assert [p.message for p in scan.problems] == ["is a directory"] and not scan.complete
    if os.geteuid() == 0:
        pytest.skip("root can read files without permission bits")
    locked = write(tmp_path / "locked.txt", "secret")
    locked.chmod(0)
    try:
        assert [p.message for p in scan_of(locked).problems] == ["Permission denied"]
    finally:
        locked.chmod(0o644)


# ---------------------------------------------------------------- the seed article


def test_seed_article_markdown_roundtrip(tmp_path: Path) -> None:
    if not SEED_GOLD.exists():
        pytest.skip("seed gold file not available")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    meta = {k: gold["meta"][k] for k in ("title", "author", "source", "section")}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path = write(tmp_path / "seed article.md", f"---\n{front}---\n\n{gold['text']}\n")
    a = only(read_file(path, tmp_path))
    assert a.text == gold["text"]
    assert a.meta == meta and isinstance(a.meta["section"], list)
    assert a.id == "seed article"

"""Readers, cleaning of page furniture, offsets and publication dates, on real article text."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.ingest import prepare_document
from strikewatch.ingest.clean import clean_text
from strikewatch.ingest.metadata import dateline_date, page_stamp
from strikewatch.ingest.readers import (
    decode_bytes,
    from_text,
    join_wrapped_lines,
    read_file,
    read_inputs,
    read_jsonl,
    read_stdin,
)
from strikewatch.model import RawDocument, Rejection

from .conftest import ARTICLES, EXAMPLE_STRIKE

needs_dev_articles = pytest.mark.skipif(not ARTICLES.exists(), reason=f"development articles not found at {ARTICLES}")


def test_txt_metadata_header_is_read():
    raw = next(read_file(EXAMPLE_STRIKE))
    assert isinstance(raw, RawDocument)
    assert raw.outlet == "Harbour Daily (illustrative)" and raw.url is None
    assert raw.published == dt.date(2024, 3, 12)
    assert raw.title == "Porto bus drivers strike for higher pay"
    assert raw.text.startswith("Bus drivers in Porto")  # the header lines, the note among them, are not text


def test_unknown_metadata_values_are_none():
    raw = from_text("url: http://x\npublished: unknown\ntitle: unknown\n\nWorkers marched.", "x")
    assert raw.published is None and raw.title is None and raw.text == "Workers marched."


def test_text_without_header_is_all_text():
    raw = from_text("Protesters: many gathered.\n\nMore text.", "x")
    assert raw.text.startswith("Protesters: many")


def test_jsonl_reader_rejects_bad_lines_and_keeps_good_ones():
    lines = [
        json.dumps({"id": "a", "text": "Thousands marched in Minsk on Sunday.", "published": "2020-09-20"}),
        "{not json",
        json.dumps({"id": "b", "published": "2020-13-45", "text": "x"}),
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "title": ["wrong", "type"], "text": "x"}),
    ]
    items = list(read_jsonl(lines, "crawl.jsonl"))
    assert isinstance(items[0], RawDocument) and items[0].id == "a" and items[0].published == dt.date(2020, 9, 20)
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [r.source for r in rejections] == ["crawl.jsonl:2", "crawl.jsonl:3", "crawl.jsonl:4", "crawl.jsonl:5"]
    assert "2020-13-45" in rejections[1].message


@needs_dev_articles
def test_html_reader_extracts_article_and_metadata(tmp_path):
    body = (ARTICLES / "060.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body.splitlines()[1:8] if line.strip())
    html = f"""<!doctype html><html><head><title>Sudan protesters dispersed with tear gas | Africanews</title>
<meta property="og:site_name" content="Africanews"><meta property="article:published_time" content="2019-01-06T14:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Sudan protesters dispersed with tear gas</h1>{paragraphs}</article>
<footer><p>Sign up for our newsletter</p><p>Copyright 2019 Africanews</p></footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    raw = next(read_file(path))
    assert isinstance(raw, RawDocument), raw
    assert "Hundreds of protesters who marched in Sudan" in raw.text
    assert "newsletter" not in raw.text.lower()
    assert raw.published == dt.date(2019, 1, 6)
    assert raw.outlet == "Africanews"


def test_pdf_reader_joins_hyphenation_and_pages(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "report.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 800, "Thousands of garment workers staged a pro-")
    c.drawString(72, 785, "test in Dhaka on Sunday demanding higher wages, and police")
    c.showPage()
    c.drawString(72, 800, "fired tear gas at the crowd.")
    c.save()
    raw = next(read_file(path))
    assert isinstance(raw, RawDocument), raw
    assert "staged a protest in Dhaka" in raw.text
    assert "police fired tear gas" in raw.text


def test_join_wrapped_lines_keeps_paragraphs():
    assert join_wrapped_lines("A long line that wraps\nhere.\n\nNext para-\ngraph.") == "A long line that wraps here.\nNext paragraph."


@pytest.mark.parametrize("payload, label", [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary")])
def test_unreadable_files_are_rejected_with_their_name(tmp_path, payload, label):
    path = tmp_path / f"{label}.txt"
    path.write_bytes(payload)
    item = next(read_file(path))
    assert isinstance(item, Rejection) and item.source == str(path)


def test_legacy_encodings_decode():
    assert decode_bytes("Протест в Минске".encode("cp1251")) == "Протест в Минске"
    assert decode_bytes("Grève à Paris".encode("latin-1")) == "Grève à Paris"
    assert decode_bytes("Streik".encode("utf-16")) == "Streik"


def test_folders_are_read_recursively_and_missing_paths_rejected(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "one.txt").write_text("Workers went on strike on Monday.", encoding="utf-8")
    (tmp_path / "skipped.png").write_bytes(b"\x89PNG")
    (tmp_path / "empty").mkdir()
    items = list(read_inputs([str(tmp_path), str(tmp_path / "empty"), str(tmp_path / "missing.txt")]))
    assert [type(i).__name__ for i in items] == ["Rejection", "RawDocument", "Rejection", "Rejection"]
    skipped, _, empty, missing = items
    assert skipped.skipped and skipped.source.endswith("skipped.png") and ".png is not a format" in skipped.message
    assert empty.skipped and empty.message == "skipped: an empty folder"
    assert not missing.skipped and missing.message == "no such file or folder"


def test_stdin_detects_jsonl():
    stream = io.StringIO(json.dumps({"id": "s1", "text": "Nurses walked out."}) + "\n")
    item = next(read_stdin(stream))
    assert isinstance(item, RawDocument) and item.id == "s1"


@needs_dev_articles
def test_teaser_video_list_is_removed_from_real_page():
    raw = next(read_file(ARTICLES / "060.txt"))
    cleaned = clean_text(raw.text).text
    assert "Hundreds of protesters who marched in Sudan" in cleaned
    assert "Los Angeles" not in cleaned  # a related-video title, not this article
    assert "Go to video" not in cleaned and "02:24" not in cleaned


@needs_dev_articles
def test_comment_box_forum_fields_and_credits_are_removed():
    for name, gone, kept in [
        ("027.txt", "Leave a Reply", "Several people have been shot"),
        ("033.txt", "Reaction score", "Tens of thousands of opposition supporters marched"),
        ("045.txt", "Credit:", "Hundreds of thousands of black-clad"),
        ("063.txt", "Akismet", "Tens of thousands of protesters took to the streets"),
    ]:
        cleaned = clean_text(next(read_file(ARTICLES / name)).text).text
        assert gone not in cleaned, name
        assert kept in cleaned, name


@needs_dev_articles
def test_duplicate_title_and_glued_widget_removed():
    cleaned = clean_text(next(read_file(ARTICLES / "003.txt")).text).text
    assert cleaned.endswith("prominent role in the strike.")
    text = "Headline of the story\nHeadline of the story\nWorkers marched on Monday."
    assert clean_text(text).text == "Headline of the story\nWorkers marched on Monday."


def test_offsets_map_back_to_the_original():
    original = "Read More\nSome teaser title\n\nStrikers blocked the road. [AFP/Reuters]\nPolice fired tear gas.\n"
    result = clean_text(original)
    for needle in ("Strikers blocked the road.", "Police fired tear gas."):
        at = result.text.index(needle)
        back = result.offsets.to_original(at)
        assert original[back:back + len(needle)] == needle
    assert "AFP" not in result.text


def test_publication_date_from_dateline_when_metadata_lacks_it():
    raw = from_text("Abu Dhabi\nTue, 10 Dec 2019 01:54 GMT\nHeadline\nSun, 11 Aug 2019 09:40 GMT\n\nText.", "x")
    assert dateline_date(raw.text) == dt.date(2019, 8, 11)
    doc = prepare_document(raw)
    assert doc.published == dt.date(2019, 8, 11) and doc.published_from == "dateline"


@pytest.mark.parametrize("opening, day", [
    ("Tarragona, 4 May 2022. More than 900 dock workers stopped work today.", dt.date(2022, 5, 4)),
    ("Port Louis, March 9, 2021 - Bus drivers walked out this morning.", dt.date(2021, 3, 9)),
    ("Córdoba, 12 June 2023: Teachers marched to the provincial assembly.", dt.date(2023, 6, 12)),
])
def test_a_press_release_dateline_in_title_case_dates_an_undated_page(opening, day):
    doc = prepare_document(from_text("Union statement\n\n" + opening + "\n\nThe union thanked members.", "x"))
    assert doc.published == day and doc.published_from == "dateline"


def test_a_sentence_opening_on_its_day_is_no_dateline():
    """"On Thursday, March 16, 2023, ..." states the action's day; only a dateline's separator after the
    date makes the page's."""
    assert dateline_date("On Thursday, March 16, 2023, workers walked out.") is None
    assert dateline_date("Workers in São Paulo, 3 May 2023. More to come.") is None  # not where a line opens


def test_no_date_means_unknown_not_today():
    doc = prepare_document(from_text("Workers marched on Sunday.", "x"))
    assert doc.published is None


def test_same_text_gives_same_key():
    a = prepare_document(from_text("Read More\nWorkers marched.", "a"))
    b = prepare_document(from_text("Workers marched.", "b"))
    assert a.key == b.key


def test_jsonl_file_is_streamed_with_line_numbers_and_any_encoding(tmp_path):
    from strikewatch.ingest.readers import count_inputs, read_file

    records = [{"id": "a", "text": "Workers struck\u2028 in Gdańsk."}, {"id": "b", "text": "Miners marched."}]
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text(body + "\n\n{broken\n", encoding="utf-8")
    items = list(read_file(crawl))
    assert [getattr(i, "id", None) for i in items] == ["a", "b", None]
    assert items[0].text == "Workers struck\u2028 in Gdańsk."  # a line separator inside a string is not a line end
    assert isinstance(items[2], Rejection) and items[2].source == f"{crawl}:4"
    for encoding in ("utf-8-sig", "utf-16"):
        other = tmp_path / f"{encoding}.jsonl"
        other.write_text(body, encoding=encoding)
        assert [i.id for i in read_file(other)] == ["a", "b"], encoding
    (tmp_path / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    assert [i.message for i in read_file(tmp_path / "blank.jsonl")] == ["empty file"]
    assert count_inputs([str(tmp_path)]) == 3 + 2 + 2 + 0
    assert count_inputs([str(crawl), "-"]) is None


def test_publication_date_from_the_url_day_or_only_month():
    from strikewatch.ingest.metadata import month_value, url_date

    assert url_date("https://example.com/news/2020/08/17/strike.html") == (dt.date(2020, 8, 17), "day")
    assert url_date("https://example.com/a-20200817-b") == (dt.date(2020, 8, 17), "day")
    assert url_date("https://usshortnews.blogspot.com/2023/01/new-york-nurses-strike-ends-after.html") == (
        dt.date(2023, 1, 1), "month")
    assert url_date("https://www.scmp.com/news/article/3023331/three-nights") is None  # an id, not a date
    assert url_date("https://2020.example.com/x") is None
    assert month_value("2023-01 (from URL)") == dt.date(2023, 1, 1) and month_value("2023-01-05") is None
    monthly = prepare_document(RawDocument(source="a", text="Nurses walked out.",
                                           url="https://news.example.org/2023/01/nurses-strike.html"))
    assert (monthly.published, monthly.published_month, monthly.published_from) == (
        None, dt.date(2023, 1, 1), "url-month")
    daily = prepare_document(RawDocument(source="b", text="Nurses walked out.", url="https://x.org/2020/08/17/a"))
    assert (daily.published, daily.published_from) == (dt.date(2020, 8, 17), "url")
    header = prepare_document(from_text("published: 2023-01 (from URL)\n\nNurses walked out.", "c"))
    assert (header.published, header.published_month, header.published_from) == (
        None, dt.date(2023, 1, 1), "metadata-month")


def test_a_year_less_agency_stamp_takes_the_year_of_the_urls_month():
    stamped = prepare_document(RawDocument(source="a", text="LEEDS, March 25 (Wire) - Nurses walked out on Monday.",
                                           url="https://wire.example.org/2025/03/uk/nurses-walk-out"))
    assert (stamped.published, stamped.published_month, stamped.published_from) == (
        dt.date(2025, 3, 25), None, "dateline")
    # another month's stamp ("April 2" on a March page) is no day of that month: the month stands
    other = prepare_document(RawDocument(source="b", text="LEEDS, April 2 (Wire) - Nurses walked out on Monday.",
                                         url="https://wire.example.org/2025/03/uk/nurses-walk-out"))
    assert (other.published, other.published_month) == (None, dt.date(2025, 3, 1))
    # a stamp further down is an update's or a timeline's, not the report's
    later = prepare_document(RawDocument(source="c", text="Nurses walked out.\n\nUPDATE, March 3 - Talks will resume.\n"
                                                          "\nLEEDS, March 1 (Wire) - Talks broke down.",
                                         url="https://wire.example.org/2025/03/uk/nurses-walk-out"))
    assert (later.published, later.published_month) == (None, dt.date(2025, 3, 1))


@pytest.mark.parametrize("top, day", [
    ("By Jane Roe 3 May 2021", "2021-05-03"),
    ("Written: 2022-12-03", "2022-12-03"),
    ("Updated 10:32 GMT, 15 March 2025", "2025-03-15"),
    ("Jane Roe | Wire Desk | 12 June 2022", "2022-06-12"),
    ("Published 2 May 2021\nUpdated 3 May 2021", "2021-05-02"),  # the first publication, not the update
    ("Jane Roe, 3 May 2021", "2021-05-03"),  # a name and the day alone on their line
    ("Мария Петрова, 12 августа 2019", "2019-08-12"),
    ("June Carter, 3 May 2021", "2021-05-03"),  # a month's name may be a person's
    ("Опубликовано в 14:35, 5 мая 2021", "2021-05-05"),
    ("Опубликовано 5 октября 2020\nОбновлено 6 октября 2020", "2020-10-05"),
])
def test_a_byline_or_time_stamp_dates_an_undated_page(top, day):
    from strikewatch.ingest.metadata import byline_date

    assert byline_date("The march, 12 August 2020") is None  # no name: a sentence's words
    for line in ("Bloody Sunday, 30 January 1972", "Until Friday, 14 August 2020", "Copyright Wire Services, 3 May 2019",
                 "Автор доклада, вышедшего 3 мая 2019 года, предупреждал о протестах.",
                 "Опубликованные 12 марта 2024 года данные показали рост."):
        assert byline_date(line) is None, line
    from strikewatch.ingest import prepare_document
    from strikewatch.ingest.readers import from_text

    doc = prepare_document(from_text(f"{top}\n\nDockworkers walked out in Antwerp on Monday.\n", "<test>"))
    assert doc.published.isoformat() == day and doc.published_from in ("byline", "dateline")


def test_a_time_stamp_inside_a_line_dates_an_undated_page():
    from strikewatch.ingest.metadata import is_time_stamp, time_stamp_date

    text = "Dockers halt port Mar 4, 2024, 11.40 PM IST rotterdam: dockworkers walked out on monday."
    doc = prepare_document(from_text(text, "<test>"))
    assert (doc.published, doc.published_from) == (dt.date(2024, 3, 4), "time stamp")
    at = text.index("Mar 4, 2024")
    assert is_time_stamp(text, at, at + len("Mar 4, 2024"))
    # an event's own hour comes with "at" or runs on into the sentence; a date without a clock is no stamp
    for sentence in ("On March 4, 2024 at 10:30 dockworkers walked out.",
                     "Dockworkers walked out on March 4, 2024, 10:30 am, at the port gate.",
                     "Dockworkers met on 4 March 2024 10.30 the union said.",
                     "Dockworkers walked out on March 4, 2024, and 1,200 joined them."):
        assert time_stamp_date(sentence) is None, sentence
    assert time_stamp_date("Port news\nUpdated 5 March 2024 09:15 GMT\nDockworkers walked out.") == dt.date(2024, 3, 5)


def test_a_sentence_with_by_and_a_date_is_no_byline():
    from strikewatch.ingest.metadata import byline_date

    assert byline_date("Thousands marched by the river on 3 May 2021 in Antwerp, as the strike went on.") is None


def test_a_related_title_printed_twice_before_read_more_is_furniture_both_times():
    text = ("Workers marched in Lyon on Monday.\n\nPolice clash with farmers in Brittany\n"
            "Police clash with farmers in Brittany\nRead More\n\nThe union said 5,000 joined.\n"
            "Thousands march in Lyon\nThousands march in Lyon\nThe march was peaceful.")
    kept = clean_text(text).text.splitlines()
    assert not any("Brittany" in line for line in kept)
    assert kept.count("Thousands march in Lyon") == 1  # a headline printed twice, with no link: one copy kept


def test_a_metadata_date_with_a_clock_time_is_read():
    from strikewatch.ingest.metadata import parse_date_value

    assert parse_date_value("2020-09-19T10:00") == dt.date(2020, 9, 19)
    assert parse_date_value("2020-09-199") is None


def test_html_nested_too_deep_for_trafilatura_falls_back_to_its_paragraphs(tmp_path):
    depth = 50_000
    body = ("<p>Railway workers in Lviv went on strike on Tuesday over unpaid wages, their union said.</p>"
            "<script>var p = '<p>not text</p>';</script><nav><p>Home | Sport</p></nav>"
            "<p>They plan to march to the city hall on Friday &amp; again on Monday.</p>")
    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>Deep</title></head><body>" + "<div>" * depth + body + "</div>" * depth
                    + "</body></html>", encoding="utf-8")
    [doc] = list(read_file(page))
    assert isinstance(doc, RawDocument), doc
    assert doc.text == ("Railway workers in Lviv went on strike on Tuesday over unpaid wages, their union said.\n"
                        "They plan to march to the city hall on Friday & again on Monday.")


@pytest.mark.parametrize("line, stamp", [
    ("date 2021-05-04 Dockers walked out on Monday night in Antwerp.", "date 2021-05-04 "),
    ("Published 4 May 2021 09:15 GMT Nurses marched in Porto.", "Published 4 May 2021 09:15 GMT "),
    ("Sunday, 2 May 2021, crowds marched in Porto.", None),  # the sentence's own date
    ("4 May 2021", None),  # a date line alone: nothing is glued to it
])
def test_a_date_stamp_glued_before_the_first_sentence_is_found(line, stamp):
    text = f"Headline of the story\n{line}\nMore text."
    found = page_stamp(text)
    assert (text[found[0]:found[1]] if found else None) == stamp


def test_a_stamped_first_sentence_is_dated_by_its_own_words():
    doc = prepare_document(RawDocument(source="t", id="d", text="date 2021-05-05 Several marchers died Monday night when guards fired on marchers at the port gate in Antwerp."))
    [protest] = extract_mentions(doc)
    assert doc.published == dt.date(2021, 5, 5) and protest.date.start == dt.date(2021, 5, 3)
    [alone] = extract_mentions(prepare_document(RawDocument(source="t", id="e", text=(
        "date 2021-05-05 Several marchers died when guards fired on marchers at the port gate in Antwerp."))))
    assert alone.date.start == dt.date(2021, 5, 5)  # with no date of its own, the stamp's day


@pytest.mark.parametrize("top, day", [
    ("GDANSK, 14.03.2025 — Shipyard welders walked out on Friday.", "2025-03-14"),  # an agency dateline, day first
    ("Shipyard strike\n14/03/2025\n", "2025-03-14"),  # only day-first is a real date
    ("Shipyard strike\nPosted 03/14/2025\n", "2025-03-14"),  # only month-first is
    ("Shipyard strike\n14.03.2025 09:20\n", "2025-03-14"),
    ("Забастовка на верфи\n14 марта 2025, 09:20\n", "2025-03-14"),
    ("Забастовка на верфи\nОпубликовано: 14.03.2025\n", "2025-03-14"),
    ("Забастовка на верфи | 14 марта 2025 г., 09:20 МСК | сварщики", "2025-03-14"),
])
def test_numeric_and_russian_date_stamps_date_an_undated_page(top, day):
    doc = prepare_document(from_text(f"{top}\n\nСварщики верфи прекратили работу. Welders struck.\n", "<test>"))
    assert doc.published is not None and doc.published.isoformat() == day, top


@pytest.mark.parametrize("top", [
    "Shipyard strike\nPosted 03/04/2025\n",  # March 4 or 3 April: either, so neither
    "Shipyard strike\nThe yard's output rose 14.03.2025 percent\n",  # no stamp opens the line
    "МОСКВА, 14 марта. Сварщики верфи прекратили работу.",  # no year
])
def test_an_ambiguous_or_yearless_numeric_stamp_dates_nothing(top):
    assert prepare_document(from_text(f"{top}\n\nWelders struck.\n", "<test>")).published is None


def test_a_date_line_in_the_site_header_above_the_headline_is_no_publication_date():
    from strikewatch.model import RawDocument

    page = ("2 February 2026\nEUR 1.08 +0.01\n1. Home\n2. News\n3. Welders strike at the shipyard\n\n"
            "Welders strike at the shipyard\n\nWelders at the yard stopped work on Monday.")
    raw = RawDocument(source="t", id="h", text=page, title="Welders strike at the shipyard")
    assert prepare_document(raw).published is None  # the site's clock, not the report's day
    kicker = page.replace("EUR 1.08 +0.01\n1. Home\n2. News\n3. Welders strike at the shipyard\n\n", "")
    assert prepare_document(RawDocument(source="t", id="k", text=kicker, title=raw.title)).published == dt.date(2026, 2, 2)


def test_a_long_read_also_line_and_the_titles_under_also_read_are_furniture():
    text = ("Workers struck in Ghent on Monday.\n"
            "READ ALSO: Chile: Thousands march in Santiago against the pension bill after a week of road "
            "blockades by truckers in the south (September 1, 2025)\n"
            "Also read:\nStrike shuts Lahore markets\nFarmers block the highway near Ambala\n"
            "The union said 8,000 took part.")
    assert clean_text(text).text.splitlines() == ["Workers struck in Ghent on Monday.", "The union said 8,000 took part."]


def test_a_blogs_tag_and_category_lines_are_furniture():
    text = ("Dockers walked out in Antwerp on Monday.\n"
            "Tags: Belgium, strikes, ports, unions\n"
            "Filed under: Labour, Europe\n"
            "Topics: the strike lasted a week.")
    assert clean_text(text).text.splitlines() == ["Dockers walked out in Antwerp on Monday.",
                                                 "Topics: the strike lasted a week."]


def test_photo_captions_are_furniture():
    text = ("Thousands of teachers marched through Lyon on Saturday.\n"
            "Teachers march through central Lyon. Photograph: Jean Roe/Agency\n"
            "Pictured: striking teachers on the main square.\n"
            "FILE PHOTO: Dockers picket the port gate.\n"
            "Photo caption: Some 5,000 teachers march through Lyon on Monday. AGENCY/J Roe\n"
            "Watch: Riot police clash with farmers near Rennes (2:31)\n"
            "Follow us on Facebook for live updates on the strike.\n"
            "The union said 8,000 took part.\n"
            "A photograph of the march was shared widely: police said it was peaceful.")
    kept = clean_text(text).text.splitlines()
    assert kept == ["Thousands of teachers marched through Lyon on Saturday.", "The union said 8,000 took part.",
                    "A photograph of the march was shared widely: police said it was peaceful."]


def test_a_caption_set_in_brackets_is_furniture_in_either_language():
    text = ("Nurses walked out of the county hospital in Leeds on Monday.\n"
            "[Photo: Nurses at the hospital gate on Monday. Credit: Northern Wire]\n"
            "(Image: a picket line outside the main entrance.)\n"
            "Медсёстры в Омске в понедельник отказались выходить на смены.\n"
            "[Фото: медсёстры у входа в больницу в понедельник. Автор: Иван Петров]\n"
            "The union said 400 took part [one of them spoke to us: she asked us not to name her].\n"
            "(Photo: AP) Thousands of teachers marched in Santiago on Tuesday to demand higher pay (local time)")
    assert clean_text(text).text.splitlines() == [
        "Nurses walked out of the county hospital in Leeds on Monday.",
        "Медсёстры в Омске в понедельник отказались выходить на смены.",
        "The union said 400 took part [one of them spoke to us: she asked us not to name her].",
        "(Photo: AP) Thousands of teachers marched in Santiago on Tuesday to demand higher pay (local time)"]


def test_a_russian_pages_tag_line_is_furniture():
    text = ("Курьеры в Омске в понедельник прекратили работу.\n"
            "Теги: курьеры, забастовка, Омск\n"
            "Метки: доставка, профсоюз\n"
            "Тема: курьеры бастуют\n"
            "Тема: забастовка продолжалась неделю.")
    assert clean_text(text).text.splitlines() == ["Курьеры в Омске в понедельник прекратили работу.",
                                                 "Тема: забастовка продолжалась неделю."]


def test_a_more_on_this_story_box_and_a_pic_caption_are_furniture():
    text = ("Refuse collectors in Leeds went on strike on Thursday over pay.\n"
            "\n"
            "MORE ON THIS STORY\n"
            "Striking bus drivers march on the city hall\n"
            "Council warns of bin delays\n"
            "\n"
            "Pic caption: Drivers at the rally outside the city hall on Monday.\n"
            "The union said talks would resume next week.")
    assert clean_text(text).text.splitlines() == ["Refuse collectors in Leeds went on strike on Thursday over pay.",
                                                 "The union said talks would resume next week."]


def test_readers_comments_under_the_article_are_furniture():
    text = ("Police detained 14 protesters in Mombasa on Tuesday.\n"
            "Officers fired tear gas near the port.\n"
            "\n"
            "Comments (3)\n"
            "Amina W.: I was at the march in Malindi yesterday, thousands of us marched.\n"
            "Reply\n"
            "Kip 2 hours ago\n"
            "Same here in Kilifi.")
    assert clean_text(text).text.splitlines() == ["Police detained 14 protesters in Mombasa on Tuesday.",
                                                  "Officers fired tear gas near the port."]
    # a comment count beside the headline heads no comments: the article under it stays
    top = "8 comments\nPolice detained 14 protesters in Mombasa on Tuesday.\nOfficers fired tear gas near the port."
    assert clean_text(top).text.splitlines()[-2:] == ["Police detained 14 protesters in Mombasa on Tuesday.",
                                                      "Officers fired tear gas near the port."]


def test_a_paragraph_that_ends_on_a_photo_credit_is_article_text():
    text = "Nurses marched through Braga on Saturday. About 2,000 people took part, police said. (Photo: staff)"
    assert clean_text(text).text == text


def test_a_dateline_or_a_published_line_under_a_comments_count_is_no_comment():
    text = ("Nurses strike in Leeds\nComments (12)\nPublished: 14 March 2025\n"
            "LEEDS: Thousands of nurses walked out on Friday.\nThe union said 4,000 took part.")
    assert clean_text(text).text.splitlines()[-2:] == ["LEEDS: Thousands of nurses walked out on Friday.",
                                                       "The union said 4,000 took part."]


def test_an_agency_report_reposted_days_later_keeps_its_filing_day():
    from strikewatch.model import RawDocument

    text = "ACCRA, March 11 (Reuters) - Thousands of traders marched in Accra today against the new levy."
    repost = prepare_document(RawDocument(source="x", text=text, id="r", published=dt.date(2025, 3, 13)))
    assert (repost.published, repost.published_from) == (dt.date(2025, 3, 11), "dateline")
    same_day = prepare_document(RawDocument(source="x", text=text, id="s", published=dt.date(2025, 3, 11)))
    assert same_day.published_from == "metadata"
    months_later = prepare_document(RawDocument(source="x", text=text, id="m", published=dt.date(2025, 6, 1)))
    assert months_later.published == dt.date(2025, 6, 1)  # too far apart: the page's own date stands


def test_a_sentence_the_parser_ends_with_no_stop_runs_on_into_its_lower_case_rest():
    """The small model may end a sentence at an acronym in brackets ("... Construction Union (AMCU) |
    downed tools ..."): a sentence closed by no stop, before a lower-case word, is one with the next."""
    from strikewatch.nlp import parse

    from .conftest import make_doc

    text = ("Production at the shafts near Rustenburg ground to a halt on Monday after members of the Association of "
            "Mineworkers and Construction Union (AMCU) downed tools in a wage dispute. The union said 5,200 joined.")
    sentences = [s.text for s, _span in parse(make_doc(text))]
    assert sentences[0].endswith("downed tools in a wage dispute.") and len(sentences) == 2

"""The PDF summary: text, vector radar, fonts, metadata, and text that must not break it."""

from __future__ import annotations

import io
import re

import pytest
from fpdf.fonts import TTFFont
from pypdf import PdfReader

from clientcheck.outputs.pdf import SUBSTITUTE, drawable, font_dir, pdf_text, summary_pdf
from clientcheck.outputs.pdf.drafts import _draft_height, draft_keep
from clientcheck.outputs.pdf.fonts import add_cached_fonts
from clientcheck.outputs.pdf.layout import SummaryPDF
from clientcheck.outputs.summary import labels
from tests.support.summary_data import ACCENTED_NAME, FRENCH_SAMPLE, sign_names, summary_input

LANGS = ("en", "fr")


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=LANGS)
def full(request):
    data = summary_input(request.param, draft_count=2)
    return data, summary_pdf(data)


def test_pdf_has_name_verdict_and_seven_signs(full):
    data, pdf = full
    text = flat(text_of(read(pdf)))
    assert ACCENTED_NAME in text
    assert flat(data.ctx.verdict_label) in text
    for name in sign_names(data.ctx.lang):
        assert name in text, name
    words = labels(data.ctx.lang)
    assert words["not_legal_advice"] in text
    assert words["how_title"] in text


def test_pdf_renders_french_punctuation_and_accents():
    text = flat(text_of(read(summary_pdf(summary_input("fr")))))
    assert FRENCH_SAMPLE in text
    assert "Les sept signes" in text


def test_pdf_page_count_follows_content(full):
    data, pdf = full
    pages = len(read(pdf).pages)
    assert 2 <= pages <= 5
    short = summary_input(data.ctx.lang, answers={}, draft_count=0, advice=False)
    assert len(read(summary_pdf(short)).pages) < pages


def test_pdf_numbers_its_pages(full):
    _, pdf = full
    reader = read(pdf)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} / {total}" in page.extract_text()


def test_radar_is_vector_paths_not_an_image(full):
    _, pdf = full
    reader = read(pdf)
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for ref in xobjects.values():
            assert ref.get_object().get("/Subtype") != "/Image"
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert " l" in content and " f" in content.replace(" f*", " f")
    # A heptagon: a move then at least six lines before it is closed and filled.
    polygons = re.findall(r"(?:[\d.]+ [\d.]+ m\n?)((?:[\d.]+ [\d.]+ l\s*){6,})", content)
    assert len(polygons) >= 5  # four band rings and the series
    assert all(len(re.findall(r" l\b", p)) + 1 >= 7 for p in polygons)


def test_fonts_are_embedded_subsets(full):
    _, pdf = full
    assert b"/FontFile2" in pdf
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in read(pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts)
    assert len(pdf) < 200_000


def test_metadata_title_language_author(full):
    data, pdf = full
    reader = read(pdf)
    meta = reader.metadata
    assert ACCENTED_NAME in meta.title
    assert meta.author == "Client Check"
    assert meta.subject == labels(data.ctx.lang)["pdf_subject"]
    assert reader.trailer["/Root"]["/Lang"] == data.ctx.lang


@pytest.mark.parametrize(
    "name",
    [
        "株式会社テスト",
        "Party 🎉👨‍👩‍👧 Ltd",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010ffff \ue000",
        "Tab\tBell\x07Null\x00Esc\x1b\u2028Line",
        "<b>**bold**</b> [x](http://evil) {{ 7*7 }}",
        "",
    ],
)
def test_names_the_font_cannot_draw_do_not_crash(name):
    data = summary_input("en", name=name, notes=name)
    pdf = summary_pdf(data)
    text = text_of(read(pdf))
    assert "Page 1 /" in text
    if "株" in name:
        assert SUBSTITUTE in text
    if "**bold**" in name:
        assert "**bold**" in text and "{{ 7*7 }}" in text


def test_long_unbroken_text_wraps():
    blob = "x" * 10_000
    data = summary_input("fr", name=blob[:300], notes=blob, draft_count=1)
    pdf = summary_pdf(data)
    reader = read(pdf)
    assert len(reader.pages) >= 2
    assert text_of(reader).count("x") >= 10_000


def test_several_series_get_a_legend():
    data = summary_input("en", comparison=True)
    text = flat(text_of(read(summary_pdf(data))))
    assert "Acme Ltd" in text
    assert "then and now" in text


def test_pdf_text_replaces_what_the_font_lacks():
    assert pdf_text("é€œ«»’…") == "é€œ«»’…"
    assert pdf_text("日") == SUBSTITUTE
    assert pdf_text("a\x00b\x07c") == "abc"
    assert pdf_text("e\u0301") == "é"
    assert ord("é") in drawable()
    assert (font_dir() / "DejaVuSans.ttf").is_file()


def test_pdf_of_a_full_assessment_with_three_drafts_stays_under_60_kb():
    # Build time is measured by scripts/bench.py, not asserted here (timed tests flake).
    for lang in LANGS:
        pdf = summary_pdf(summary_input(lang, draft_count=3))
        assert len(pdf) <= 60_000, lang


def test_fonts_are_parsed_once_per_process(monkeypatch):
    summary_pdf(summary_input("en"))
    parsed = []
    original = TTFFont.__init__

    def counting(self, *args, **kwargs):
        parsed.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(TTFFont, "__init__", counting)
    reader = read(summary_pdf(summary_input("fr", draft_count=3)))
    assert parsed == []
    assert "Page 1 /" in text_of(reader)


def _fonts(pdf: bytes) -> set[int]:
    """The embedded fonts, by object number (the cut-down and full fonts share a name)."""
    return {font.idnum for page in read(pdf).pages for font in page["/Resources"]["/Font"].values()}


def test_other_scripts_are_drawn_with_the_full_font():
    latin = summary_pdf(summary_input("fr", name="Société Œuvre & Fils — « ok »"))
    assert len(_fonts(latin)) == 2  # regular and bold, cut down to Latin
    name = "Ωμέγα Жук ქართ"
    pdf = summary_pdf(summary_input("en", name=name, notes=name))
    assert "Ωμέγα Жук" in flat(text_of(read(pdf)))
    assert len(_fonts(pdf)) >= 3  # the full font joined in for the Greek and Cyrillic
    assert len(pdf) <= 80_000


def test_lines_are_broken_at_spaces_and_fit_their_width():
    doc = SummaryPDF("{page}")
    add_cached_fonts(doc)
    doc.add_page()
    doc.style(10)
    text = "Bonjour, à partir du prochain projet je demanderai un acompte de 50 %. " * 6
    lines = doc.wrap(text.strip() + "\n\nSigné\n" + "x" * 400, 60)
    assert all(doc.get_string_width(line) <= 60 for line in lines)
    assert " ".join(lines[: lines.index("")]).split() == text.split()
    assert lines[lines.index("") + 1] == "Signé"
    assert "".join(lines[lines.index("Signé") + 1 :]) == "x" * 400
    assert doc.block_height(0, 5, "a\nb\nc") == 15


def _page_with_room(room: float) -> SummaryPDF:
    pdf = SummaryPDF("Page")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=18)
    add_cached_fonts(pdf)
    pdf.add_page()
    pdf.set_y(pdf.page_break_trigger - room)
    return pdf


def test_a_long_draft_starts_where_half_a_page_is_left_instead_of_leaving_it_empty():
    long = "\n".join(["A line of a long draft, one of many, each on its own."] * 45)
    short = "Hello,\nA short draft.\nBest regards"
    whole_long = _draft_height(_page_with_room(150), long)
    assert whole_long > 150  # it cannot fit there: kept whole, it left 150 mm empty
    # 150 mm left (more than 40 % of a page): its title and first lines start there.
    pdf = _page_with_room(150)
    assert draft_keep(pdf, long) < 60
    pdf.keep(draft_keep(pdf, long))
    assert pdf.page == 1
    # A draft that fits is kept whole where it is.
    assert draft_keep(_page_with_room(150), short) == _draft_height(pdf, short)
    # Near the foot of a page (60 mm left), a long draft starts on the next page.
    pdf = _page_with_room(60)
    pdf.keep(draft_keep(pdf, long))
    assert pdf.page == 2
    # Above the drafts, their heading counts what comes between.
    assert draft_keep(_page_with_room(150), long, above=100) == whole_long


def test_a_short_paragraph_is_never_split_across_pages_a_long_one_may_be():
    # A user's walk: the last word of a bold sentence alone at the top of a page.
    sentence = "This client pays below your target: a rate review is worth proposing. " * 3
    pdf = _page_with_room(7)  # room for one line of it, not two
    short = pdf.paragraph_height(sentence, 10, bold=True)
    assert short > 7
    pdf.paragraph(sentence, 10, bold=True)
    # Moved whole to the next page: all its lines are there.
    assert pdf.page == 2 and abs(pdf.get_y() - (pdf.t_margin + short)) < 0.5
    long = sentence * 6  # more than five lines: it may start at the foot of a page
    pdf = _page_with_room(12)
    height = pdf.paragraph_height(long, 10)
    pdf.paragraph(long, 10)
    # It started on page 1 and went on: page 2 holds less than all of it.
    assert pdf.page == 2 and pdf.get_y() < pdf.t_margin + height - 5


def test_an_american_user_gets_us_letter_everyone_else_a4():
    # A US user's walk: "the PDF is A4 (595x842 pt), not US Letter".
    from dataclasses import replace

    data = summary_input("en", draft_count=1)
    a4 = read(summary_pdf(data)).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    us = replace(data, ctx=replace(data.ctx, date_style="en-US"))
    letter = read(summary_pdf(us)).pages
    assert (round(float(letter[0].mediabox.width)), round(float(letter[0].mediabox.height))) == (
        612,
        792,
    )
    text = flat(text_of(read(summary_pdf(us))))
    assert ACCENTED_NAME in text and labels("en")["how_title"] in text

"""The Markdown summary: content, valid CommonMark, and user text kept literal."""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.outputs.exports import (
    build_summary_input,
    comparison_view,
    draft_file_stem,
    export_filename,
    slugify,
)
from clientcheck.outputs.pdf import summary_pdf
from clientcheck.outputs.summary import fenced, labels, md_cell, summary_markdown
from tests.support.contexts import FALSIFY_UNANSWERED
from tests.support.summary_data import (
    ACCENTED_NAME,
    DAY,
    FRENCH_SAMPLE,
    HOSTILE_NAMES,
    drafts,
    record,
    sign_names,
    summary_input,
)

LANGS = ("en", "fr")

YEAR = re.compile(r"\b20\d\d\b")


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def tables(text: str) -> list[list[list[str]]]:
    """Return each table's body rows as lists of cell texts."""
    found, rows, row, in_body, cell = [], [], None, False, None
    for token in parser().parse(text):
        if token.type == "tbody_open":
            in_body, rows = True, []
        elif token.type == "tbody_close":
            in_body = False
            found.append(rows)
        elif in_body and token.type == "tr_open":
            row = []
        elif in_body and token.type == "tr_close":
            rows.append(row)
        elif in_body and token.type == "td_open":
            cell = ""
        elif in_body and token.type == "inline" and cell is not None:
            row.append(token.content)
            cell = None
    return found


def visible_text(text: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    rendered = parser().render(text)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.mark.parametrize("lang", LANGS)
def test_summary_has_the_seven_signs_as_a_table(lang):
    text = summary_markdown(summary_input(lang))
    body = tables(text)[0]
    assert len(body) == 7
    assert all(len(row) == 4 for row in body)
    seen = visible_text(text)
    for name in sign_names(lang):
        assert name in seen


@pytest.mark.parametrize("lang", LANGS)
def test_summary_says_who_when_what_and_why(lang):
    data = summary_input(lang)
    text = summary_markdown(data)
    seen = visible_text(text)
    words = labels(lang)
    assert ACCENTED_NAME in seen
    assert data.ctx.verdict_label in seen
    assert data.why.split(" ")[0] in seen
    assert ("27 November 2026" if lang == "en" else "27 novembre 2026") in seen
    assert words["how_title"] in seen
    assert words["not_legal_advice"] in seen
    assert words["check_again"] in seen
    for item in data.advice:
        assert item.sign_name in seen
    for step in data.plan:
        assert step in seen


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_comes_right_after_the_verdict_in_both_summaries(lang):
    # A user's walk: the action plan, the most useful part, was on page 5 of 6 of the PDF.
    data = summary_input(lang)
    words = labels(lang)
    md = summary_markdown(data)
    assert md.index(f"## {words['plan']}") < md.index(f"## {words['signs']}")
    pdf = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(io.BytesIO(summary_pdf(data))).pages
    )
    first_step = " ".join(data.plan[0].split())[:40]
    assert pdf.index(first_step) < pdf.index(words["signs"])


def test_summary_is_in_the_chosen_language():
    english = visible_text(summary_markdown(summary_input("en")))
    french = visible_text(summary_markdown(summary_input("fr")))
    assert "The seven signs" in english and "Les sept signes" not in english
    assert "Les sept signes" in french and "The seven signs" not in french


def test_drafts_show_subject_and_exact_body():
    data = summary_input("fr", draft_count=2)
    tokens = parser().parse(summary_markdown(data))
    blocks = [t.content for t in tokens if t.type == "fence"]
    assert blocks == [d.body + "\n" for d in data.drafts]
    seen = visible_text(summary_markdown(data))
    assert data.drafts[0].subject in seen
    assert FRENCH_SAMPLE in blocks[0]


def test_a_draft_body_cannot_close_its_fence():
    body = "Hello\n```\n# not a heading\n````\n<script>x</script>\n`````"
    block = fenced(body)
    tokens = parser().parse(block + "\n\nafter")
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1
    assert fences[0].content == body + "\n"
    assert not any(t.type == "heading_open" for t in tokens)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_stay_literal(name):
    data = summary_input("en", name=name, notes=name)
    text = summary_markdown(data)
    rendered = parser().render(text)
    assert "<script" not in rendered
    assert "<a href" not in rendered
    assert "<img" not in rendered
    assert "<strong>bold</strong>" not in rendered
    assert "<h1>heading" not in rendered and "<ol>" not in rendered.split("<h2>")[0]
    assert len(tables(text)[0]) == 7
    assert " ".join(name.split()) in html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_template_syntax_in_a_name_is_not_run():
    seen = visible_text(summary_markdown(summary_input("en", name="{{ 7*7 }}")))
    assert "{{ 7*7 }}" in seen
    assert "Check: 49" not in seen


def test_a_pipe_or_newline_in_a_cell_keeps_the_table_whole():
    assert md_cell("a | b\nc") == "a \\| b c"
    data = summary_input("en", name="| a | b |\n| c |", comparison=True)
    comparison = tables(summary_markdown(data))[1]
    assert len(comparison) == 2
    assert all(len(row) == 5 for row in comparison)


def test_comparison_table_only_when_asked():
    assert len(tables(summary_markdown(summary_input("fr")))) == 1
    text = summary_markdown(summary_input("fr", comparison=True))
    assert len(tables(text)) == 2
    assert "Acme Ltd" in visible_text(text)


def test_control_characters_are_dropped():
    text = summary_markdown(summary_input("en", name="Bell\x07 Co\x00rp\x1b"))
    assert "\x07" not in text and "\x00" not in text and "\x1b" not in text
    assert "Bell Corp" in visible_text(text)


def test_no_advice_says_so():
    data = summary_input(
        "en",
        answers={
            "late_payment.invoices_total": 10,
            "late_payment.late_invoices": 0,
            "situation.income_share": 20,
        },
        draft_count=0,
    )
    text = summary_markdown(data)
    assert labels("en")["no_advice"] in text
    assert labels("en")["drafts"] not in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Société Œuvre & Fils", "client-check_societe-oeuvre-fils_2026-11-27.pdf"),
        ("Æther Straße", "client-check_aether-strasse_2026-11-27.pdf"),
        ("", "client-check_client_2026-11-27.pdf"),
        ("日本の会社 🎉", "client-check_client_2026-11-27.pdf"),
        ("../../etc/passwd", "client-check_etc-passwd_2026-11-27.pdf"),
    ],
)
def test_export_filename(name, expected):
    assert export_filename(name, DAY, "pdf") == expected


def test_a_drafts_files_are_named_in_the_pages_language():
    # A user's walk: "client-check_agence-lyon-payment-terms_…" in a French session.
    from clientcheck.guidance.messages import message_title

    title = message_title("payment_terms", "fr")
    stem = draft_file_stem("Agence Lyon", title, DAY)
    assert stem == f"client-check_agence-lyon-conditions-de-paiement_{DAY.isoformat()}"


def test_slug_is_short_and_cut_at_a_word():
    slug = slugify("International Business Machines Corporation of Greater Europe")
    assert len(slug) <= 40
    assert slug == "international-business-machines"
    assert len(slugify("x" * 100)) == 40
    # Never ending on a little word left hanging (a user's walk: "...-reclamation-des").
    assert slugify("Brasserie Dumont Réclamation des pénalités de retard") == (
        "brasserie-dumont-reclamation"
    )
    assert slugify("de " * 30) == "de"  # a name of little words keeps its first


def test_build_summary_input_scores_and_advises():
    bank = default_bank()
    data = build_summary_input(bank, record(), "fr", drafts=drafts("fr"))
    assert data.ctx.client_name == ACCENTED_NAME
    assert data.ctx.lang == "fr"
    assert data.why
    assert len(data.drafts) == 2
    assert {item.sign_id for item in data.advice} <= {s.id for s in data.ctx.flagged}
    assert data.advice and data.plan
    assert len(tables(summary_markdown(data))[0]) == 7


def test_comparison_view_lists_every_client():
    bank = default_bank()
    clients = [record(), record("Acme", {"disrespect.insults": "once"})]
    view = comparison_view(bank, clients, "en", "side by side")
    assert [row.name for row in view.rows] == [ACCENTED_NAME, "Acme"]
    assert len(view.labels) == 7
    assert all(len(s.values) == 7 for s in view.series)
    # One insult from a client otherwise fine is a firm word, not yet a break-up.
    assert view.rows[1].verdict_label == "Keep, and set boundaries"
    assert view.rows[1].risk == "75/100"
    # Only one sign answered: the others are gaps on the radar, not zeros.
    assert view.series[1].values.count(None) == 6


# --- the decision model in the summaries -----------------------------------------


def pdf_plain_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _late_payer_data(lang: str, answers: dict | None = None):
    from clientcheck.bank.records import ClientRecord
    from clientcheck.outputs.exports import build_summary_input

    answers = answers or {
        "late_payment.invoices_total": 10.0,
        "late_payment.late_invoices": 8.0,
        "late_payment.days_late": 60.0,
        "late_payment.chasing": "always",
        "late_payment.unpaid_90": "no",
        "late_payment.raised": "no_change",
        "situation.income_share": 20.0,
    }
    return build_summary_input(default_bank(), ClientRecord(name="Acme", answers=answers), lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_both_summaries_give_the_rules_and_what_would_change_the_verdict(lang):
    from clientcheck.outputs.pdf import summary_pdf

    data = _late_payer_data(lang)
    assert data.ctx.changes and data.ctx.reasons
    markdown = summary_markdown(data)
    pdf_text = pdf_plain_text(summary_pdf(data))
    heading = {"en": "What would change the verdict", "fr": "Ce qui changerait le verdict"}[lang]
    for text in (markdown, pdf_text):
        flat = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
        assert heading in flat
        assert data.ctx.reasons[0].split(":")[0].replace("\u00a0", " ") in flat
        verdict = default_bank().rules.verdicts["let_go"].label(lang)
        assert verdict in flat  # the firmer verdict one change away (already raised it)


def test_a_provisional_result_says_so_in_the_summary():
    data = _late_payer_data("en", {"disrespect.belittles": "often", "situation.income_share": 20.0})
    markdown = summary_markdown(data)
    assert "Provisional" in markdown
    question = default_bank().question("disrespect.insults").text("en")
    assert question in data.ctx.firm_up
    assert question in markdown.replace("\\", "")


def test_too_little_to_go_on_says_so_and_asks_for_the_situation_first():
    data = _late_payer_data(
        "en", {"demanding.tight_deadlines": "often", "high_maintenance.after_hours": "often"}
    )
    markdown = summary_markdown(data).replace("\\", "")
    assert "Too little to go on yet" in markdown
    assert "Your answers so far point to" in markdown
    # The verdict's sentence says it once, the note does not repeat it.
    assert markdown.count("Too little to go on yet") == 1
    assert default_bank().question("situation.income_share").text("en") in markdown


@pytest.mark.parametrize("lang", LANGS)
def test_a_serious_event_under_a_keep_verdict_is_not_called_a_deal_breaker(lang):
    # Personal remarks never answered yet: keep the client if they accept a plain "no".
    # The sign is critical, and says why (a serious event), without calling the
    # relationship over beside a verdict that keeps it.
    answers = {
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ["remarks"],
        "situation.income_share": 20.0,
    }
    data = _late_payer_data(lang, answers)
    assert data.ctx.verdict == "keep_boundaries"
    markdown = summary_markdown(data)
    assert labels(lang)["dealbreaker"] in markdown
    for word in ("deal-breaker", "dealbreaker", "rédhibitoire"):
        assert word not in markdown.lower()


@pytest.mark.parametrize("lang", LANGS)
def test_a_sign_that_stopped_says_so_beside_its_band_in_both_summaries(lang):
    # Insulted more than once, raised, and it stopped: Keep. The sign still shows Critical
    # (what happened), and says beside it that it stopped, so the table does not contradict
    # the verdict; a sign put right by the client says that instead.
    from clientcheck.outputs.pdf import summary_pdf

    stopped = {
        "disrespect.insults": "repeatedly",
        "disrespect.raised": "improved",
        "situation.income_share": 20.0,
        "situation.savings_months": 6.0,
    }
    data = _late_payer_data(lang, stopped)
    assert data.ctx.verdict == "keep"
    tag = labels(lang)["settled_raised"]
    row = next(r for r in tables(summary_markdown(data))[0] if r[0] == sign_names(lang)[3])
    assert tag in row[2] and labels(lang)["dealbreaker"] in row[2], row
    flat = " ".join(pdf_plain_text(summary_pdf(data)).split())
    assert tag in flat.replace("\u00a0", " "), flat
    # Put right by the client; and a sign still going on carries no such tag.
    by_them = {**stopped, "disrespect.raised": "self_corrected", "disrespect.insults": "once"}
    row = tables(summary_markdown(_late_payer_data(lang, by_them)))[0][3]
    assert labels(lang)["settled_by_them"] in row[2], row
    going_on = {**stopped, "disrespect.raised": "no_change"}
    row = tables(summary_markdown(_late_payer_data(lang, going_on)))[0][3]
    assert labels(lang)["settled_raised"] not in row[2], row


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_good_client_you_have_outgrown_reads_as_moving_on_not_as_a_problem(lang):
    # Nothing wrong with the client; the work no longer matters and other work is lined
    # up; 70 % of the income: Plan your exit, in words that fit (no "protect yourself",
    # no advice "for each sign flagged" when none is), and the notice in whole weeks.
    answers = {
        "situation.income_share": 70.0,
        "situation.savings_months": 8.0,
        "situation.pipeline": "some",
        "situation.notice_weeks": 13.0,
        "situation.work_matters": "not_at_all",
        "late_payment.chasing": "never",
        "late_payment.unpaid_90": "no",
    }
    data = _late_payer_data(lang, answers)
    assert (data.ctx.verdict, data.ctx.driver_rule) == ("plan_exit", "moving_on_while_you_depend")
    markdown = summary_markdown(data)
    fits = {"en": "no longer fits where your business is going", "fr": "ne correspond plus"}
    assert fits[lang] in markdown
    protect = {"en": "protect yourself now", "fr": "protégez-vous dès maintenant"}
    assert protect[lang] not in markdown.lower()
    # Not yet able to leave: the notice as a length, never "given today, your last day
    # would be …" (a professional's reading: it read as "give notice now").
    weeks = {"en": "will be 13 weeks later", "fr": "viendra 13\u00a0semaines plus tard"}
    assert weeks[lang] in markdown and "13.0" not in markdown
    today = {"en": "notice given on", "fr": "donné le"}
    assert today[lang] not in markdown
    # Able to leave: Let go, kindly and with notice.
    free = {**answers, "situation.income_share": 15.0, "situation.pipeline": "plenty"}
    data = _late_payer_data(lang, free)
    assert data.ctx.verdict == "let_go"
    assert fits[lang] in summary_markdown(data)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_conduct_that_stopped_reads_as_settled_with_a_plan_not_as_a_reproach(lang):
    # Drunk at meetings, raised with the client, and it stopped: keep, and agree what
    # happens if it comes back. No draft naming the behaviour, no "gone too far to ignore".
    from clientcheck.guidance.suggestions import suggested_drafts

    answers = {
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ["intoxicated"],
        "unprofessional.raised": "improved",
        "situation.income_share": 5.0,
        "situation.savings_months": 6.0,
    }
    data = _late_payer_data(lang, answers)
    assert (data.ctx.verdict, data.ctx.driver_rule) == (
        "keep_boundaries",
        "conduct_stopped_keep_a_plan",
    )
    markdown = summary_markdown(data)
    stopped = {"en": "It has stopped since it was raised", "fr": "Cela a cessé depuis que"}
    assert stopped[lang] in markdown
    too_far = {"en": "gone too far to ignore", "fr": "allé trop loin"}
    assert too_far[lang] not in markdown
    assert "professionalism_reminder" not in [m for m, _ in suggested_drafts(data.ctx)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_drafts_for_a_client_outgrown_and_a_dishonest_request_read_as_professionals_asked(lang):
    # Read by an English and a French professional (docs/reviews/moving-on-and-refusal-*):
    # a good client left for new work gets the real reason, a handover and nothing held
    # back; a first dishonest request is refused without thanks, with a proper way offered
    # and no "don't ask me again".
    from clientcheck.guidance.messages import render_message

    outgrown = {
        "situation.income_share": 80.0,
        "situation.savings_months": 12.0,
        "situation.notice_weeks": 13.0,
        "situation.pipeline": "plenty",
        "situation.work_matters": "not_at_all",
        "late_payment.chasing": "never",
        "late_payment.unpaid_90": "no",
    }
    ctx = _late_payer_data(lang, outgrown).ctx
    words = {
        "en": ("new direction", "handover", "return any access you gave me"),
        "fr": ("nouvelle orientation", "passation", "je restituerai les accès"),
    }
    held_back = {"en": "will follow once that invoice has been paid", "fr": "dès le règlement"}
    not_fit = {"en": "right fit", "fr": "plus vraiment compatibles"}
    for tone in ("warm", "neutral", "firm"):
        body = render_message("goodbye", tone, ctx).body
        assert held_back[lang] not in body and not_fit[lang] not in body, tone
        assert words[lang][1] in body and words[lang][2] in body, tone
    assert words[lang][0] in render_message("goodbye", "warm", ctx).body
    dishonest = {
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ["dishonest"],
        "situation.income_share": 25.0,
        "situation.savings_months": 4.0,
    }
    ctx = _late_payer_data(lang, dishonest).ctx
    thanks = {"en": "thank you for thinking of me", "fr": "merci d'avoir pensé"}
    # "a way of doing this that stays within the rules" read, after a request for fake
    # reviews, as an offer of a legal way to fake them (a professional's reading); "an
    # honest way of reaching the same goal", after a request to leave takings out of a tax
    # return, as an offer to help hide income another way (an accountant's reading). A
    # request to falsify is answered with what the user does: accurate information only,
    # with no offer of "what the rules do allow" either (read after a kickback scheme, eo24,
    # as "an acceptable version of the scheme").
    proper = {"en": "what the rules do allow", "fr": "ce que les règles permettent"}
    # Complete and accurate, not "information" only: an electrician asked to sign off an
    # unfinished installation read "I work only from complete and accurate information" as
    # an accountant's reply (eh16).
    accurate = {"en": "has to be complete and accurate", "fr": "doit donc être complet et exact"}
    again = {"en": "not to raise it again", "fr": "ne plus me la soumettre"}
    for tone in ("warm", "neutral", "firm"):
        body = render_message("professionalism_reminder", tone, ctx).body
        assert thanks[lang] not in body.lower() and again[lang] not in body, tone
        assert accurate[lang] in body and "même but" not in body and "same goal" not in body
        assert proper[lang] not in body, tone
        assert "Thank you for your message" not in body, tone


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_critical_sign_never_raised_is_not_called_a_small_problem(lang):
    # A late payer at Critical, never told, that you could afford to lose: say it once
    # (Keep, and set boundaries), without calling it small beside "Critical".
    answers = {
        "late_payment.invoices_total": 10.0,
        "late_payment.late_invoices": 7.0,
        "late_payment.chasing": "often",
        "situation.income_share": 25.0,
        "situation.savings_months": 4.0,
    }
    data = _late_payer_data(lang, answers)
    assert data.ctx.verdict == "keep_boundaries"
    markdown = summary_markdown(data)
    small = {"en": "small problems", "fr": "petits problèmes"}
    told = {"en": "once they are told", "fr": "dit les choses clairement"}
    assert small[lang] not in markdown and told[lang] in markdown


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_neutral_draft_is_the_last_warning_the_verdict_asks_for(lang):
    # Belittled often, told once, it goes on, 8 % of your income: the verdict asks for a
    # last warning in writing; the first draft (neutral) says what happens if it goes on.
    from clientcheck.guidance.messages import render_message
    from clientcheck.guidance.suggestions import suggested_drafts

    answers = {
        "disrespect.belittles": "often",
        "disrespect.feel_after": "often",
        "disrespect.raised": "no_change",
        "situation.income_share": 8.0,
        "situation.savings_months": 6.0,
        "situation.pipeline": "plenty",
    }
    ctx = _late_payer_data(lang, answers).ctx
    assert (ctx.verdict, ctx.driver_rule) == ("renegotiate", "last_warning")
    assert suggested_drafts(ctx)[0][0] == "name_disrespect"
    body = render_message("name_disrespect", "neutral", ctx).body
    warning = {
        "en": "if it happens again, I'll reconsider whether we keep working together",
        "fr": "si cela se reproduit, je me demanderai si nous poursuivons notre collaboration",
    }
    assert warning[lang] in body
    # Never raised: a first word, no warning.
    first = _late_payer_data(lang, {**answers, "disrespect.raised": "not_yet"}).ctx
    assert warning[lang] not in render_message("name_disrespect", "neutral", first).body


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_gives_the_same_lines_under_the_verdict_as_the_page(lang):
    # A user saw "this work matters to you (quite)" on the page and not in the PDF.
    from clientcheck.guidance.render import verdict_reasons
    from clientcheck.outputs.exports import summary_why
    from tests.support.contexts import FREE, make_ctx

    ctx = make_ctx(
        {**FREE, "situation.work_matters": "quite", "situation.usual_rate": "far_below"}, lang
    )
    lines = verdict_reasons(ctx)
    note = "matters to you" if lang == "en" else "compte assez pour vous"
    assert any(note in line for line in lines), lines
    why = summary_why(ctx)
    assert all(line in why for line in lines), why


@pytest.mark.parametrize("lang", LANGS)
def test_how_the_score_works_reads_as_three_short_paragraphs(lang):
    # A user found one dense block: the scores, the ladder, then confidence and dependency.
    how = labels(lang)["how"]
    paragraphs = how.split("\n\n")
    assert len(paragraphs) == 3 and all(len(p) < 1100 for p in paragraphs), paragraphs
    # A professional's reading: the ladder was one sentence of semicolon-chained rules
    # ("raised and it stopped, keep and watch; asked and nothing changed, enforce…").
    ladder = re.split(r"(?<=[.!?])\s+", paragraphs[1])
    assert max(len(sentence.split()) for sentence in ladder) <= 45, ladder


@pytest.mark.parametrize("lang", LANGS)
def test_the_check_again_date_is_said_once(lang):
    # A user: the PDF's "Check again" section repeated the plan's last step.
    bank = default_bank()
    data = build_summary_input(bank, record(), lang)
    assert data.plan and data.check_again_in_plan, data.plan
    heading = f"## {labels(lang)['check_again']}\n"
    assert heading not in summary_markdown(data)
    # A plan that does not give the date keeps the section.
    other = summary_input(lang, draft_count=0)
    assert not other.check_again_in_plan and heading in summary_markdown(other)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_advice_subtitle_does_not_repeat_the_path_its_heading_gives(lang):
    # A user's walk: "Pays late: how to fix it" over "Critical, how to fix it".
    from pypdf import PdfReader

    from clientcheck.outputs.pdf import summary_pdf

    data = build_summary_input(default_bank(), record(), lang)
    assert data.advice
    text = summary_markdown(data)
    for item in data.advice:
        path = labels(lang)[f"advice_{item.advice}"]
        assert path.casefold() in item.title.casefold()
        assert f", {path}*" not in text, text
    pages = "".join(p.extract_text() for p in PdfReader(io.BytesIO(summary_pdf(data))).pages)
    flat = " ".join(pages.split())
    for item in data.advice:
        path = labels(lang)[f"advice_{item.advice}"]
        assert f"{item.band_label}, {path}" not in flat


def test_the_summary_says_when_the_verdict_rests_on_no_sign():
    bank = default_bank()
    answers = {"situation.usual_rate": "far_below", "late_payment.chasing": "never"}
    answers |= {"situation.income_share": 20.0, "situation.savings_months": 6.0}
    apart = ClientRecord(name="Lovely Co", answers=answers)
    for lang in ("en", "fr"):
        text = summary_markdown(build_summary_input(bank, apart, lang))
        assert labels(lang)["risk_apart"] in text
    signs = ClientRecord(name="Late Co", answers={"late_payment.chasing": "always"})
    text = summary_markdown(build_summary_input(bank, signs, "en"))
    assert labels("en")["risk_apart"] not in text


# A request to falsify, not answered yet: Critical risk under *Keep, and set boundaries*. A
# reader saw the two side by side with no word on why.
FALSIFY = FALSIFY_UNANSWERED


@pytest.mark.parametrize("lang", LANGS)
def test_a_keep_verdict_under_a_high_risk_says_why_in_both_summaries(lang):
    bank = default_bank()
    data = build_summary_input(bank, ClientRecord(name="Harbour Café", answers=FALSIFY), lang)
    assert data.ctx.verdict == "keep_boundaries" and data.ctx.risk_band_label
    assert data.ctx.risk_above_verdict
    said = labels(lang)["risk_above_verdict"]
    assert said in summary_markdown(data)
    pdf = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(summary_pdf(data))).pages).split()
    )
    assert " ".join(said.split()) in pdf
    # Not under a firmer verdict, nor when the risk is low.
    firmer = {**FALSIFY, "unprofessional.raised": "no_change"}
    calm = {"late_payment.chasing": "never", "situation.income_share": 15.0}
    for answers in (firmer, calm):
        other = build_summary_input(bank, ClientRecord(name="Other", answers=answers), lang)
        assert not other.ctx.risk_above_verdict, other.ctx.verdict
        assert said not in summary_markdown(other)


@pytest.mark.parametrize("lang", LANGS)
def test_too_few_answers_give_no_date_to_wait_for_and_no_all_clear(lang):
    # A professional's reading of three summaries with no sign answered: "Suggested date
    # to run this check again: in 8 days" and "No sign needs attention on its own; the
    # action plan says what to change" read like an all-clear, under a plan to answer now.
    data = build_summary_input(default_bank(), ClientRecord(name="Acme", answers={}), lang)
    assert data.ctx.verdict == "not_enough"
    words = labels(lang)
    markdown = summary_markdown(data)
    assert f"## {words['check_again']}\n" not in markdown
    assert words["no_advice_yet"] in markdown and words["no_advice_plan"] not in markdown
    flat = " ".join(pdf_plain_text(summary_pdf(data)).split())
    assert " ".join(words["no_advice_yet"].split()) in flat, flat
    assert words["check_again_on"].split("{")[0].strip() not in flat, flat


@pytest.mark.parametrize("lang", LANGS)
def test_with_several_drafts_the_summary_says_which_to_send_first(lang):
    # A professional's reading: two drafts one after the other, and "nothing tells the user
    # which one to send, or whether to send both".
    from clientcheck.engine.verdict import assess
    from clientcheck.guidance.messages import render_message
    from clientcheck.guidance.render import build_context
    from clientcheck.guidance.suggestions import suggested_messages

    bank = default_bank()
    rec = record()
    ctx = build_context(bank, rec, assess(bank, rec.answers), lang)
    ids = suggested_messages(ctx)
    assert len(ids) > 1, ids
    both = [render_message(m, "neutral", ctx) for m in ids[:2]]
    order = labels(lang)["draft_order_two"]  # two drafts: "the second", not "the others"
    assert labels(lang)["draft_order"] not in order
    # The later drafts' dates count from today (a professional's reading: a claim "for
    # later" demanded payment by a date already past when it would be sent); the line
    # names the app's own field for the day it is sent, as the app labels it.
    from clientcheck.i18n import t

    dates = labels(lang)["draft_dates"]
    assert t("detail_prepared_on", lang).split(" (")[0] in dates, dates
    data = build_summary_input(bank, rec, lang, drafts=both)
    assert order in summary_markdown(data)
    # Said only over drafts that state a date (a reading, ef05 and ef11).
    assert any(YEAR.search(d.body) for d in both)
    assert dates in summary_markdown(data)
    undated = [replace(d, body=YEAR.sub("[year]", d.body)) for d in both]
    plain = summary_markdown(build_summary_input(bank, rec, lang, drafts=undated))
    assert order in plain and dates not in plain
    flat = " ".join(pdf_plain_text(summary_pdf(data)).split())
    assert " ".join(order.split())[:30] in flat, flat
    # One draft, or the plan's own first draft not first: no such line.
    assert order not in summary_markdown(build_summary_input(bank, rec, lang, drafts=both[:1]))
    swapped = build_summary_input(bank, rec, lang, drafts=both[::-1])
    assert order not in summary_markdown(swapped)

"""Results page, drafts, several clients, save and resume, driven through AppTest.

The store is seeded directly (``session_state["cc_store"]``) so each test starts
where it needs to be; the questionnaire itself is covered in test_app_flow.py.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.changes import what_would_change
from clientcheck.engine.verdict import assess
from clientcheck.guidance.messages import MessageDetails
from clientcheck.i18n import t
from clientcheck.persistence.device import NO_DRAFT
from clientcheck.persistence.storage import dumps_assessment, dumps_session
from clientcheck.ui import drafts as drafts_ui
from clientcheck.ui.results import context_for
from clientcheck.ui.state import Store
from tests.support.contexts import FALSIFY_UNANSWERED

ROOT = Path(__file__).resolve().parents[2]
BANK = default_bank()
LATE_PAYER = {
    "situation.income_share": 70,
    "situation.savings_months": 1,
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 7,
    "late_payment.days_late": 40,
    "late_payment.chasing": "always",
    "disrespect.insults": "no",
}
CALM = {
    "situation.income_share": 10,
    "demanding.tight_deadlines": "never",
    "disrespect.insults": "no",
}


def app(
    records: list[ClientRecord], step: str = "results", lang: str = "en", unfold: bool = True
) -> AppTest:
    """The app on ``step``; on the results page, with every folded section opened."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state["cc_store"] = Store(clients=records, step=step)
    at.run()
    assert not at.exception
    if step == "results" and unfold:
        open_folds(at)
    return at


def open_folds(at: AppTest) -> None:
    """Open the drafts editor and the folded evidence, as clicks do (drawn only open)."""
    rid = store(at).record.id
    for key in (f"draft_open|{rid}|{lang_of(at)}", "cc_fold_signs", "cc_fold_money"):
        at.session_state[key] = True
    at.run()
    assert not at.exception


def lang_of(at: AppTest) -> str:
    return at.session_state["lang"]


def pick(at: AppTest, lang: str = "en"):
    return at.selectbox(key=f"draft_pick|{store(at).record.id}|{lang}")


def tone(at: AppTest, lang: str = "en"):
    return at.segmented_control(key=f"draft_tone|{store(at).record.id}|{lang}")


def store(at: AppTest) -> Store:
    return at.session_state["cc_store"]


def body_area(at: AppTest):
    return next(a for a in at.text_area if a.key and a.key.startswith("draft_body|"))


def open_details(at: AppTest) -> None:
    """Open the draft's details, as a click on its expander does (they are drawn only open)."""
    at.session_state[f"details_open|{store(at).record.id}"] = True
    at.run()
    assert not at.exception


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += (
        [e.value for e in at.error] + [w.value for w in at.warning] + [s.value for s in at.success]
    )
    parts += (
        [i.value for i in at.info] + [ti.value for ti in at.title] + [h.value for h in at.header]
    )
    parts += [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


# --- results and drafts ----------------------------------------------------------


def test_results_show_verdict_table_advice_and_suggested_drafts():
    answers = {**LATE_PAYER, "late_payment.unpaid_90": "once"}  # new terms, now
    at = app([ClientRecord(name="Acme", answers=answers)])
    text = all_text(at)
    assert "Verdict: Renegotiate now" in text
    rows = [m.value for m in at.markdown if re.match(r"\*\*\d\. ", str(m.value))]
    assert len(rows) == 7 and rows[0].startswith("**1. Pays late** · ")
    assert {b.key for b in at.button if b.key and b.key.startswith("edit|")} == {
        f"edit|{sign.id}" for sign in BANK.signs
    }
    assert "What to do now" in text and "Advice, sign by sign" in text
    assert "50" in text  # the deposit advice for a late payer
    assert pick(at).value == "payment_terms"


def test_a_sign_that_stopped_says_so_in_its_row_beside_a_keep_verdict():
    answers = {**CALM, "disrespect.insults": "repeatedly", "disrespect.raised": "improved"}
    at = app([ClientRecord(name="Acme", answers=answers)])
    assert "Verdict: Keep" in all_text(at)
    rows = [str(m.value) for m in at.markdown if re.match(r"\*\*\d\. ", str(m.value))]
    row = next(r for r in rows if r.startswith("**4. Disrespectful**"))
    assert row.endswith("Critical · serious event · stopped since you raised it"), row
    assert not any("stopped since" in r for r in rows if r is not row)


def test_picking_a_message_and_tone_shows_the_draft_without_the_alias_until_a_name_is_given():
    at = app([ClientRecord(name="Nightmare Co", answers=dict(LATE_PAYER))], lang="fr")
    record_id = store(at).record.id
    pick(at, "fr").set_value("goodbye").run()
    tone(at, "fr").set_value("firm").run()
    assert not at.exception
    body = body_area(at).value
    subject = next(i for i in at.text_input if i.key.startswith("draft_subject|")).value
    assert "Nightmare" not in body + subject
    open_details(at)
    at.text_input(key=f"detail|{record_id}|client_label").input("Société Œuvre & Fils").run()
    body = body_area(at).value
    assert "Société Œuvre & Fils" in body and "Nightmare" not in body
    assert "vous" in body and "None" not in body and "{{" not in body
    warm = body
    tone(at, "fr").set_value("warm").run()
    assert body_area(at).value != warm


def test_details_fill_the_draft_and_a_bad_amount_gets_a_message():
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))], lang="fr")
    rid = store(at).record.id
    open_details(at)
    at.text_input(key=f"detail|{rid}|sender_name").input("Camille Martin").run()
    at.text_input(key=f"detail|{rid}|overdue_amount").input("1500").run()
    body = body_area(at).value
    assert "Camille Martin" in body and "1\u202f500\u00a0€" in body
    at.text_input(key=f"detail|{rid}|overdue_amount").input("beaucoup").run()
    assert not at.exception
    assert any("montant" in e.value for e in at.error)
    assert "Camille Martin" in body_area(at).value  # nothing entered is lost
    at.text_input(key=f"detail|{rid}|overdue_amount").input("1500").run()
    # Other invoices unpaid too: the total goes into the draft, which asks for all of it.
    at.text_input(key=f"detail|{rid}|total_owed").input("5 400").run()
    body = body_area(at).value
    assert "le total en retard s'élève à 5\u202f400\u00a0€" in body, body
    at.text_input(key=f"detail|{rid}|total_owed").input("tout").run()
    assert any("montant" in e.value for e in at.error)
    assert "1\u202f500\u00a0€" in body_area(at).value


def test_details_are_drawn_only_open_and_what_was_typed_stays_in_the_draft_when_closed():
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    rid = store(at).record.id
    assert not [w for w in at.text_input if w.key.startswith("detail|")]  # closed: not drawn
    open_details(at)
    at.text_input(key=f"detail|{rid}|sender_name").input("Camille Martin").run()
    assert "Camille Martin" in body_area(at).value
    at.session_state[f"details_open|{rid}"] = False
    at.run()
    assert not [w for w in at.text_input if w.key.startswith("detail|")]
    assert "Camille Martin" in body_area(at).value  # closing keeps what was typed
    open_details(at)
    assert at.text_input(key=f"detail|{rid}|sender_name").value == "Camille Martin"


def test_hostile_client_name_appears_literally_in_the_draft_and_the_page():
    name = "<script>alert(1)</script> {{ 7*7 }} **bold** [x](http://evil)"
    at = app([ClientRecord(name=name, answers=dict(LATE_PAYER))])
    assert name not in body_area(at).value  # the alias never reaches a draft
    rid = store(at).record.id
    open_details(at)
    at.text_input(key=f"detail|{rid}|client_label").input(name).run()
    assert name in body_area(at).value
    title = at.title[0].value
    assert "49" not in title and "\\<script\\>" in title and "\\*\\*bold\\*\\*" in title


def test_edits_to_a_draft_are_kept_and_can_be_reset():
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    body_area(at).input("My own words.").run()
    assert body_area(at).value == "My own words."
    at.button(key="goto|sign:late_payment").click().run()
    at.button(key="goto|results").click().run()
    assert body_area(at).value == "My own words."  # the editor opens again by itself
    # A user's walk: an edit vanished on a change of tone, and came back with the first.
    assert any("the other tones keep their own text" in c.value for c in at.caption)
    reset = next(b for b in at.button if b.key.startswith("reset|"))
    reset.click().run()
    assert body_area(at).value != "My own words." and "Dear [name]," in body_area(at).value


def test_the_first_suggested_draft_is_in_the_summary_until_the_user_unticks_it():
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    body_area(at).input("Edited body for the summary.").run()
    s = store(at)
    include = next(c for c in at.checkbox if c.key.startswith("include|"))
    assert include.value and s.record.id not in s.chosen_drafts  # ticked by default
    include.uncheck().run()
    assert store(at).chosen_drafts[s.record.id] == [NO_DRAFT]  # kept as a choice
    include = next(c for c in at.checkbox if c.key.startswith("include|"))
    assert not include.value
    include.check().run()
    s = store(at)
    assert s.chosen_drafts[s.record.id] == ["payment_terms|neutral"]
    assert (
        s.drafts[f"{s.record.id}|payment_terms|neutral|en"]["body"]
        == "Edited body for the summary."
    )
    assert not at.exception


def test_ticking_another_tone_of_a_draft_replaces_it_in_the_summary():
    # A user's walk: the firm version (ticked by default) and the neutral one she ticked
    # were both in the PDF, two near-identical letters.
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    rid = store(at).record.id
    first = next(c for c in at.checkbox if c.key.startswith("include|"))
    assert first.value
    default_tone = first.key.split("|")[3]
    other = next(t for t in ("warm", "neutral", "firm") if t != default_tone)
    at.segmented_control(key=f"draft_tone|{rid}|en").set_value(other).run()
    include = next(c for c in at.checkbox if c.key.startswith("include|"))
    assert not include.value
    include.check().run()
    assert store(at).chosen_drafts[rid] == [f"payment_terms|{other}"]
    assert not at.exception


def test_the_summary_holds_the_first_suggested_draft_as_edited_or_none_once_unticked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = ClientRecord(name="Acme", answers=dict(LATE_PAYER))
    ctx = context_for(default_bank(), record, "en")
    s = Store(clients=[record])
    monkeypatch.setattr(drafts_ui, "store", lambda: s)
    s.drafts[f"{record.id}|payment_terms|neutral|en"] = {"body": "Mine."}
    drafts = drafts_ui.chosen_drafts(ctx, record.id, MessageDetails())
    assert [(d.message_id, d.tone, d.body) for d in drafts] == [
        ("payment_terms", "neutral", "Mine.")
    ]
    s.chosen_drafts[record.id] = [NO_DRAFT]
    assert drafts_ui.chosen_drafts(ctx, record.id, MessageDetails()) == []


def detail_fields(at: AppTest) -> list[str]:
    """The detail fields drawn, in page order (rows of two, read left to right)."""
    found: list[str] = []

    def walk(node) -> None:
        key = getattr(node, "key", None)
        if isinstance(key, str) and key.startswith("detail|"):
            found.append(key.rsplit("|", 1)[1])
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else children or ():
            walk(child)

    walk(at.main)
    return found


def test_the_details_come_in_reading_order_on_a_phone_too():
    # A user's walk: two columns filled alternately stacked on a phone as "Invoice number,
    # Invoice due date, Total overdue, Deposit, Your email, …, Invoice date".
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    open_details(at)
    fields = detail_fields(at)
    assert fields[:5] == [
        "sender_name",
        "sender_email",
        "contact_name",
        "contact_email",
        "client_label",
    ]
    invoice = ["invoice_number", "invoice_date", "invoice_due", "overdue_amount"]
    assert [f for f in fields if f in invoice] == invoice
    assert "incident_date" not in fields


def test_a_moved_pay_by_date_says_which_of_its_two_reasons_moved_it():
    # A user's walk: "not after the day you send the message, or is not a working day" left
    # her to work out which; a Sunday gets the next working day, and says so.
    from datetime import timedelta

    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    rid = store(at).record.id
    open_details(at)
    sunday = date.today() + timedelta(days=(6 - date.today().weekday()) % 7 or 7)
    at.date_input(key=f"detail|{rid}|due_date").set_value(sunday).run()
    said = " ".join(c.value for c in at.caption)
    assert "falls on a weekend or a public holiday" in said and "next working day" in said
    at.date_input(key=f"detail|{rid}|due_date").set_value(date.today()).run()
    said = " ".join(c.value for c in at.caption)
    assert "is not after the day you send the message" in said
    assert "weekend" not in said


def test_a_part_paid_invoice_asks_for_its_balance_beside_its_amount():
    answers = {**LATE_PAYER, "late_payment.owed_now": "part_paid"}
    at = app([ClientRecord(name="Acme", answers=answers)])
    open_details(at)
    fields = detail_fields(at)
    assert fields[fields.index("overdue_amount") + 1] == "balance_due"
    rid = store(at).record.id
    at.text_input(key=f"detail|{rid}|overdue_amount").input("3200").run()
    at.text_input(key=f"detail|{rid}|balance_due").input("2200").run()
    at.segmented_control(key=f"draft_tone|{rid}|en").set_value("firm").run()
    assert "€2,200 is still due" in body_area(at).value, body_area(at).value
    assert "balance_due" not in detail_fields(app([ClientRecord(answers=dict(LATE_PAYER))]))


def test_after_a_threat_to_safety_the_record_asks_for_the_day_it_was_said():
    answers = {
        **LATE_PAYER,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ["safety"],
    }
    at = app([ClientRecord(name="Acme", answers=answers)])
    rid = store(at).record.id
    at.selectbox(key=f"draft_pick|{rid}|en").select("professionalism_reminder").run()
    open_details(at)
    fields = detail_fields(at)
    assert "incident_date" in fields and "office_hours" not in fields
    at.date_input(key=f"detail|{rid}|incident_date").set_value(date(2026, 12, 3)).run()
    assert "on 3 December 2026:" in body_area(at).value
    assert "[date]" not in body_area(at).value


def test_a_client_drunk_at_work_gets_a_reply_about_that_day_with_no_field_it_does_not_use():
    # The reminder for a client drunk at work read "I need to raise something that was
    # said ... “[your example]”" and asked for working hours it never used.
    answers = {
        **LATE_PAYER,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ["intoxicated"],
    }
    at = app([ClientRecord(name="Acme", answers=answers)])
    rid = store(at).record.id
    at.selectbox(key=f"draft_pick|{rid}|en").select("professionalism_reminder").run()
    open_details(at)
    fields = detail_fields(at)
    assert not {"example", "office_hours", "incident_date"} & set(fields), fields
    body = body_area(at).value
    assert "under the influence" in body and "[your example]" not in body, body


def test_mood_swings_get_a_reply_about_them_with_no_field_it_does_not_use():
    # The reminder for outbursts in meetings spoke of "late-evening calls" and asked for
    # working hours (ep23); it now names the mood swings and uses no hours.
    answers = {
        **LATE_PAYER,
        "unprofessional.unpredictable": "often",
        "unprofessional.raised": "worse",
    }
    at = app([ClientRecord(name="Acme", answers=answers)])
    rid = store(at).record.id
    at.selectbox(key=f"draft_pick|{rid}|en").select("professionalism_reminder").run()
    open_details(at)
    fields = detail_fields(at)
    assert not {"example", "office_hours"} & set(fields), fields
    body = body_area(at).value
    assert "sudden changes of mood" in body and "late-evening calls" not in body, body


def test_another_currency_gives_plain_amounts_and_says_to_add_yours():
    answers = {
        **LATE_PAYER,
        "situation.usual_rate": "below",
        "situation.currency": "OTHER",
        "money.pay_basis": "monthly",
        "money.monthly_amount": 4000.0,
        "money.worked_hours": 104.0,
    }
    at = app([ClientRecord(name="Acme", answers=answers)])
    rid = store(at).record.id
    at.selectbox(key=f"draft_pick|{rid}|en").select("new_rates").run()
    body = body_area(at).value
    assert "4,000" in body and "€" not in body, body
    said = " ".join(c.value for c in at.caption)
    assert "without a currency symbol" in said and "OTHER" not in said, said


# --- several clients -------------------------------------------------------------


def test_switching_clients_keeps_each_ones_answers():
    at = app(
        [
            ClientRecord(name="Acme", answers=dict(LATE_PAYER)),
            ClientRecord(name="Calm Ltd", answers=dict(CALM)),
        ]
    )
    assert "Results for Acme" in at.title[0].value
    select = next(s for s in at.selectbox if s.key.startswith("client_select|"))
    select.set_value(select.options[1]).run()
    assert store(at).current == 1
    at.button(key="goto|results").click().run()
    assert "Results for Calm Ltd" in at.title[0].value
    assert store(at).clients[0].answers == LATE_PAYER
    assert store(at).clients[1].answers == CALM


def test_add_duplicate_rename_and_delete_clients():
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))], step="client")
    at.button(key="duplicate_client").click().run()
    s = store(at)
    assert [c.name for c in s.clients] == ["Acme", "Copy of Acme"]
    assert s.clients[1].answers == LATE_PAYER and s.clients[1].id != s.clients[0].id
    # "Rename or delete" is drawn only while open, as a person opens it.
    assert not [w for w in at.text_input if w.key.startswith("rename|")]
    at.session_state["rename_open"] = True
    at.run()
    at.text_input(key=f"rename|{s.clients[1].id}").input("Acme 2025").run()
    assert store(at).clients[1].name == "Acme 2025"
    at.button(key="add_client").click().run()
    assert len(store(at).clients) == 3 and store(at).step == "client"
    at.button(key="delete_client").click().run()
    assert len(store(at).clients) == 3  # asks first
    at.button(key="delete_no").click().run()
    assert len(store(at).clients) == 3
    at.button(key="delete_client").click().run()
    at.button(key="delete_yes").click().run()
    assert [c.name for c in store(at).clients] == ["Acme", "Acme 2025"]
    assert not at.exception


def test_rename_refuses_a_10000_character_name_with_a_message():
    at = app([ClientRecord(name="Acme", answers=dict(CALM))], step="client")
    rid = store(at).record.id
    at.session_state["rename_open"] = True
    at.run()
    at.text_input(key=f"rename|{rid}").input("x" * 10_000).run()
    assert store(at).record.name == "Acme"
    assert any("10000" in e.value or "10,000" in e.value or "10 000" in e.value for e in at.error)


def test_compare_view_ranks_clients_and_shows_two_traces():
    at = app(
        [
            ClientRecord(name="Calm Ltd", answers=dict(CALM)),
            ClientRecord(name="Acme", answers=dict(LATE_PAYER)),
        ],
        step="compare",
    )
    table = at.table[0].value
    assert list(table.iloc[:, 0]) == ["Acme", "Calm Ltd"]
    assert not at.exception


# --- save and resume -------------------------------------------------------------


def upload(at: AppTest, data: bytes, name: str = "answers.json") -> AppTest:
    uploader = next(
        u for u in at.get("file_uploader") if u.proto.id and "upload_welcome" in u.proto.id
    )
    uploader.upload(name, data, "application/json")
    return at.run()


def test_save_then_load_gives_identical_scores_and_verdict_in_the_files_language():
    record = ClientRecord(name="Acme", answers=dict(LATE_PAYER), step="sign:demanding")
    saved = dumps_assessment(record, "fr")
    at = app([ClientRecord()], step="welcome")
    upload(at, saved)
    assert not at.exception
    s = store(at)
    assert len(s.clients) == 1 and s.record.name == "Acme"
    assert s.record.answers == LATE_PAYER
    assert s.step == "sign:demanding"
    assert at.session_state["lang"] == "fr"
    assert assess(BANK, s.record.answers) == assess(BANK, record.answers)
    assert "De plus en plus exigeant" in at.title[0].value


def test_a_session_file_brings_back_every_client():
    records = [ClientRecord(name=f"Client {i}", answers=dict(CALM)) for i in range(3)]
    at = app(
        [ClientRecord(name="Already here", answers={"disrespect.insults": "once"})], step="welcome"
    )
    upload(at, dumps_session(records, 2, "en"))
    s = store(at)
    assert [c.name for c in s.clients] == ["Already here", "Client 0", "Client 1", "Client 2"]
    assert s.current == 3
    assert s.clients[0].answers == {"disrespect.insults": "once"}


def test_loading_the_file_just_saved_does_not_open_every_client_twice(monkeypatch):
    # A user's walk: the session file loaded back into the same browser added both clients
    # again, and Compare counted 130 % of her income.
    from clientcheck.ui import layout
    from clientcheck.ui.state import store as live_store

    said: list[tuple[str, str]] = []
    show = layout.show_flash
    monkeypatch.setattr(layout, "show_flash", lambda: (said.extend(live_store().flash), show()))
    records = [
        ClientRecord(name="Agence Lexis", answers=dict(LATE_PAYER)),
        ClientRecord(name="Éditions du Perron", answers=dict(CALM)),
    ]
    at = app([ClientRecord(name=r.name, answers=dict(r.answers)) for r in records], "welcome")
    upload(at, dumps_session(records, 1, "fr"))
    s = store(at)
    assert [c.name for c in s.clients] == ["Agence Lexis", "Éditions du Perron"]
    assert s.current == 1
    assert any("pas ajouté une seconde fois" in i.value for i in at.info), [
        i.value for i in at.info
    ]
    # The same name with other answers comes in beside it, named apart.
    changed = ClientRecord(name="agence  lexis", answers=dict(CALM))
    sidebar = next(u for u in at.get("file_uploader") if "upload_sidebar" in (u.proto.id or ""))
    sidebar.upload("answers.json", dumps_session([changed], 0, "en"), "application/json")
    at.run()
    s = store(at)
    assert [c.name for c in s.clients] == [
        "Agence Lexis",
        "Éditions du Perron",
        "agence  lexis (from the file)",
    ]
    assert s.current == 2 and s.clients[0].answers == LATE_PAYER


BAD_FILES = {
    "malformed": (b'{"format": "client-check/assessment",', "not valid JSON", "pas du JSON valide"),
    "array": (b"[1, 2, 3]", "not made by Client Check", "ne vient pas de Client Check"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not valid JSON", "pas du JSON valide"),
    "big": (b" " * 5_000_000, "too large", "trop volumineux"),
}


def _unknown_question_file() -> bytes:
    doc = json.loads(dumps_assessment(ClientRecord(name="X"), "en"))
    doc["answers"] = {"nope.nothing": 3}
    return json.dumps(doc).encode()


def _out_of_range_file() -> bytes:
    doc = json.loads(dumps_assessment(ClientRecord(name="X"), "en"))
    doc["answers"] = {"situation.income_share": 250}
    return json.dumps(doc).encode()


def _many_clients_file() -> bytes:
    return dumps_session([ClientRecord(name=f"C{i}") for i in range(500)], 0, "en")


def _newer_file() -> bytes:
    doc = json.loads(dumps_assessment(ClientRecord(name="X"), "en"))
    doc["schema_version"] = 99
    return json.dumps(doc).encode()


BAD_FILES |= {
    "unknown_ids": (_unknown_question_file(), "cannot accept", "ne peut pas accepter"),
    "out_of_range": (_out_of_range_file(), "cannot accept", "ne peut pas accepter"),
    "500_clients": (_many_clients_file(), "too many clients", "trop de clients"),
    "newer": (_newer_file(), "newer version", "plus récente"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(kind, lang):
    data, english, french = BAD_FILES[kind]
    record = ClientRecord(name="Acme", answers=dict(LATE_PAYER))
    at = app([record], step="welcome", lang=lang)
    upload(at, data, "bad.json")
    assert not at.exception
    messages = " ".join(e.value for e in at.error)
    assert (english if lang == "en" else french) in messages
    s = store(at)
    assert len(s.clients) == 1 and s.record.name == "Acme" and s.record.answers == LATE_PAYER
    assert at.session_state["lang"] == lang


def test_an_earlier_assessment_shows_then_and_now_with_arrows_and_the_verdict_move():
    earlier = ClientRecord(name="Acme", answers={**LATE_PAYER, "late_payment.raised": "enforced"})
    now = ClientRecord(name="Acme", answers=dict(CALM))
    at = app([now], step="compare")
    uploader = next(u for u in at.get("file_uploader") if "upload_earlier" in u.proto.id)
    uploader.upload("earlier.json", dumps_assessment(earlier, "en"), "application/json")
    at.run()
    assert not at.exception
    assert store(at).record.earlier is not None
    table = at.table[-1].value
    changes = dict(zip(table.iloc[:, 0], table.iloc[:, -1], strict=True))
    assert changes["Pays late"].startswith("↓")
    assert changes["Sends less work"].startswith("→")
    assert any("moved from Plan your exit to Keep" in s.value for s in at.success)
    assert store(at).record.answers == CALM  # loading the earlier file changes nothing else
    at.button(key="forget_earlier").click().run()
    assert store(at).record.earlier is None


# --- the decision model on the page ------------------------------------------------


def test_one_answer_gives_a_provisional_verdict_and_the_questions_that_settle_it():
    answers = {"disrespect.belittles": "often", "situation.income_share": 20.0}
    at = app([ClientRecord(name="Acme", answers=answers)])
    text = all_text(at)
    assert "Verdict: Keep, and set boundaries" in text
    provisional = [w.value for w in at.warning if "Provisional" in w.value]
    assert len(provisional) == 1
    assert "Renegotiate now" in provisional[0]
    # The questions listed are the bank's own, on the sign that drives the verdict.
    assert BANK.question("disrespect.insults").text("en") in provisional[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_too_little_to_go_on_says_so_and_asks_for_the_situation_first(lang):
    answers = {"demanding.tight_deadlines": "often", "high_maintenance.after_hours": "often"}
    at = app([ClientRecord(name="Acme", answers=answers)], lang=lang)
    text = all_text(at).replace("\\", "")
    label = BANK.rules.verdicts["not_enough"].label(lang)
    assert label in text
    note = {"en": "Your answers so far point to", "fr": "Vos réponses vont pour l'instant"}[lang]
    boxes = [w.value for w in at.warning if note in w.value.replace("\\", "")]
    assert len(boxes) == 1
    assert BANK.question("situation.income_share").text(lang) in boxes[0].replace("\\", "")
    # No advice and no drafts until there is a verdict.
    assert "Advice, sign by sign" not in text and "Conseils, signe par signe" not in text


def test_nothing_answered_shows_no_risk_figure():
    at = app([ClientRecord(name="Acme", answers={})])
    risk = next(m for m in at.metric if m.label == "Risk")
    assert risk.value == "—"
    assert "Not enough answers yet" in all_text(at)
    assert not any("Provisional" in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_verdict_box_gives_the_rules_and_the_dependency_in_one_line_each(lang):
    answers = {**LATE_PAYER, "late_payment.unpaid_90": "no", "late_payment.raised": "enforced"}
    at = app([ClientRecord(name="Acme", answers=answers)], lang=lang)
    box = next(str(w.value) for w in (*at.warning, *at.error) if "Verdict" in str(w.value))
    plain = box.replace("\\", "").replace("\u00a0", " ")
    if lang == "en":
        assert "**Verdict: Plan your exit**" in plain
        assert "you enforced your terms and it still goes on" in plain
        assert "You cannot afford to leave yet: 70% of your income" in plain
    else:
        assert "Préparer votre départ" in plain
        assert "vous avez imposé vos conditions et cela continue" in plain
        assert "Vous ne pouvez pas encore vous permettre de partir : 70 % de vos revenus" in plain


def test_what_would_change_lists_engine_changes_in_an_expander():
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    expander = next(e for e in at.expander if "What would change the verdict" in e.label)
    text = " ".join(m.value for m in expander.markdown)
    changes = what_would_change(BANK, LATE_PAYER)
    assert changes and text.count("the verdict would be") == len(changes)
    plain = text.replace("\\", "")
    for change in changes:
        question = BANK.question(change.question_id)
        if change.kind == "action":  # what to try with the client, named by its sign
            assert BANK.sign(question.section).name("en") in plain
        else:
            assert question.text("en") in plain
        assert BANK.rules.verdicts[change.verdict].label("en") in text
    # What the user can do comes first.
    assert changes[0].kind == "action" and plain.index("If you raise") < plain.index("If you") + 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_version_1_file_loads_and_names_the_answers_it_could_not_carry_over(lang):
    doc = {
        "format": "client-check/assessment",
        "schema_version": 1,
        "language": lang,
        "saved_on": "2026-01-05",
        "client": {"name": "Old Acme", "notes": ""},
        "assessed_on": "2026-01-05",
        "answers": {"late_payment.late_invoices": 4, "disrespect.ethics": "yes"},
        "step": "results",
    }
    at = app([ClientRecord()], step="welcome", lang=lang)
    uploader = next(
        u for u in at.get("file_uploader") if u.proto.id and "upload_welcome" in u.proto.id
    )
    uploader.upload("old.json", json.dumps(doc).encode(), "application/json")
    at.run()
    assert not at.exception
    s = store(at)
    assert s.record.name == "Old Acme"
    assert s.record.answers == {
        "late_payment.invoices_total": 10.0,
        "late_payment.late_invoices": 4.0,
    }
    warnings = " ".join(str(w.value) for w in at.warning)
    expected = {"en": "could not be carried over", "fr": "n'ont pas pu être reprises"}[lang]
    assert expected in warnings
    assert {"en": "questioned your honesty", "fr": "mis en doute votre honnêteté"}[lang] in warnings


def test_every_draft_shows_its_own_details_and_a_quoting_draft_waits_for_the_example():
    at = app([ClientRecord(name="Nightmare Co", answers=dict(LATE_PAYER))])
    rid = store(at).record.id
    from clientcheck.guidance.messages import MESSAGE_IDS

    open_details(at)  # so each draft draws its own fields
    for message_id in MESSAGE_IDS:
        pick(at).set_value(message_id).run()
        assert not at.exception, message_id
        assert "Nightmare" not in body_area(at).value
    pick(at).set_value("name_disrespect").run()
    assert any("[your example]" in w.value for w in at.warning)
    at.text_area(key=f"detail|{rid}|example").input("My kids could do better.").run()
    assert "My kids could do better." in body_area(at).value
    assert not any("[your example]" in w.value for w in at.warning)
    pick(at).set_value("contract_revision").run()
    at.selectbox(key=f"detail|{rid}|revision_reason").set_value("scope").run()
    assert "beyond the scope" in body_area(at).value and not at.exception


def test_a_client_who_owes_nothing_is_not_asked_about_an_overdue_invoice():
    # A user leaving a client who pays on time was asked for "Overdue amount" and "Pay the
    # overdue invoice by" under the goodbye.
    on_time = {
        **CALM,
        "late_payment.invoices_total": 12,
        "late_payment.late_invoices": 0,
        "situation.work_matters": "against_values",
    }
    invoice = {f"detail|{{rid}}|{f}" for f in ("invoice_number", "overdue_amount", "due_date")}
    for answers, asked in ((on_time, False), (LATE_PAYER, True)):
        at = app([ClientRecord(name="Acme", answers=dict(answers))])
        rid = store(at).record.id
        open_details(at)
        pick(at).set_value("goodbye").run()
        keys = {w.key for w in (*at.text_input, *at.date_input)}
        wanted = {k.format(rid=rid) for k in invoice}
        assert (wanted <= keys) is asked and (not wanted & keys or asked), keys
        assert f"detail|{rid}|end_date" in keys  # the goodbye's own details are still there


def test_a_change_in_the_drafts_panel_reruns_only_the_panel_and_still_autosaves(monkeypatch):
    """The drafts panel is a fragment: a change of tone runs it alone, as the browser asks."""
    from clientcheck.ui import device
    from clientcheck.ui import results as results_ui
    from scripts.bench_steps import as_the_browser_reruns

    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    at.session_state["cc_device"] = {
        "loaded": {"ask": at.session_state["cc_device_state"].ask, "available": True}
    }
    at.run()
    assert at.session_state["cc_device_state"].phase == "ready"
    verdicts, saves = [], []
    original_verdict, original_autosave = results_ui.verdict_box, device.autosave
    monkeypatch.setattr(results_ui, "verdict_box", lambda *a: verdicts.append(original_verdict(*a)))
    monkeypatch.setattr(device, "autosave", lambda *a: saves.append(original_autosave(*a)))
    tone(at).set_value("firm")
    with as_the_browser_reruns(at):
        at.run()
    assert not at.exception
    assert "firm" in next(a for a in at.text_area if a.key.startswith("draft_body|")).key
    assert verdicts == [] and len(saves) == 1  # the verdict was not drawn again; autosave was
    at.run()  # a full run draws everything, autosave once
    assert len(verdicts) == 1 and len(saves) == 2


def test_coming_back_opens_the_draft_last_edited_with_its_tone():
    record = ClientRecord(name="Acme", answers=dict(LATE_PAYER))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["cc_store"] = Store(
        clients=[record],
        step="results",
        drafts={
            f"{record.id}|payment_terms|warm|en": {"body": "An older edit."},
            f"{record.id}|goodbye|firm|en": {"body": "My own goodbye, edited last."},
        },
    )
    at.run()
    assert not at.exception
    assert pick(at).value == "goodbye"  # an edited draft opens the editor by itself
    assert tone(at).value == "firm"
    assert body_area(at).value == "My own goodbye, edited last."
    # Editing another draft makes it the last one edited.
    pick(at).set_value("payment_terms").run()
    tone(at).set_value("warm").run()
    body_area(at).input("An older edit, edited again.").run()
    assert list(store(at).drafts)[-1] == f"{record.id}|payment_terms|warm|en"


def test_details_typed_after_an_edit_fill_the_fields_the_edited_draft_still_has():
    # A user's walk: a P.S. added, then the names typed: the draft kept "Hi [name]" and
    # "[your name]", and the only way to get them in was a reset that lost the P.S.
    record = ClientRecord(name="Acme", answers=dict(LATE_PAYER))
    at = app([record])
    rid = store(at).record.id
    original = body_area(at).value
    assert "[name]" in original and "[your name]" in original
    body_area(at).input(original + "\n\nP.S. My own line.").run()
    open_details(at)
    at.text_input(key=f"detail|{rid}|contact_name").input("Dana Smith").run()
    at.text_input(key=f"detail|{rid}|sender_name").input("Jordan Lee").run()
    assert not at.exception
    body = body_area(at).value
    assert "P.S. My own line." in body  # the user's words stay
    assert "[name]" not in body and "[your name]" not in body and "Jordan Lee" in body
    assert "Dana" in body.split("\n")[0]
    # The saved edit has them too (the summary and the device copy read it).
    saved = next(e for k, e in store(at).drafts.items() if k.startswith(rid))
    assert saved["body"] == body


def test_the_late_payment_claim_cites_the_law_with_its_caveat_and_dates_from_the_send_date():
    from datetime import date, timedelta

    from clientcheck.guidance.dates import default_pay_by
    from clientcheck.guidance.render import format_date

    answers = {
        "situation.income_share": 25,
        "situation.savings_months": 6,
        "situation.client_kind": "business",
        "situation.jurisdiction": "fr",
        "late_payment.unpaid_90": "once",
    }
    at = app([ClientRecord(name="Acme", answers=answers)])
    rid = store(at).record.id
    pick = at.selectbox(key=f"draft_pick|{rid}|en")
    assert pick.options[1] == "Late-payment claim — suggested"
    pick.set_value("late_payment_claim").run()
    assert "L441-10" in body_area(at).value
    assert any("not legal advice" in c.value for c in at.caption)
    # Sent today unless the user says otherwise; a later send date moves the pay-by date.
    today = date.today()
    assert format_date(default_pay_by(today, "fr"), "en") in body_area(at).value
    open_details(at)
    sent_on = at.date_input(key=f"detail|{rid}|prepared_on")
    assert sent_on.value is None  # empty: today
    later = today + timedelta(days=21)
    sent_on.set_value(later).run()
    assert not at.exception
    assert format_date(default_pay_by(later, "fr"), "en") in body_area(at).value


@pytest.mark.parametrize(
    ("lang", "currency", "order"),
    [("en", None, "DD/MM/YYYY"), ("en", "USD", "MM/DD/YYYY"), ("fr", "USD", "DD/MM/YYYY")],
)
def test_typed_dates_are_read_day_first_unless_the_client_pays_in_us_dollars(lang, currency, order):
    # Year first, a British user typing "18122026" got 1812 (a user's walk).
    answers = {
        "situation.income_share": 25,
        "situation.client_kind": "business",
        "late_payment.unpaid_90": "once",
    } | ({"situation.currency": currency} if currency else {})
    at = app([ClientRecord(name="Acme", answers=answers)], lang=lang)
    rid = store(at).record.id
    at.selectbox(key=f"draft_pick|{rid}|{lang}").set_value("late_payment_claim").run()
    open_details(at)
    for field in ("prepared_on", "invoice_date"):
        assert at.date_input(key=f"detail|{rid}|{field}").proto.format == order


def test_a_draft_against_a_let_go_verdict_says_it_is_only_if_you_stay():
    answers = {
        "situation.income_share": 10,
        "situation.savings_months": 12,
        "situation.pipeline": "plenty",
        "demanding.out_of_scope": 10,
        "demanding.tight_deadlines": "always",
        "demanding.changes_after_signoff": "always",
        "demanding.free_extras": "always",
        "demanding.raised": "enforced",
    }
    at = app([ClientRecord(name="Acme", answers=answers)])
    pick = at.selectbox(key=f"draft_pick|{store(at).record.id}|en")
    assert pick.value == "goodbye"
    assert pick.options[-4:] == [
        "Workload check-in — only if you decide to stay",
        "Contract revision — only if you decide to stay",
        "New rates — only if you decide to stay",
        "Reply to their new terms — only if you decide to stay",
    ]
    assert not any("Only if you decide" in i.value for i in at.info)
    pick.set_value("workload_checkin").run()
    assert not at.exception
    assert any(i.value.startswith("Only if you decide to stay") for i in at.info)


# A threat to get something, from a client you can do without: Let go, the goodbye first.
THREAT_FROM_A_SMALL_CLIENT = {
    "situation.income_share": 10,
    "situation.savings_months": 12,
    "situation.pipeline": "plenty",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ("threats",),
}


def test_the_currency_note_shows_only_over_a_draft_that_states_an_amount():
    # A user's walk: "Amounts in euros (EUR)…" over a goodbye that has no amount in it.
    answers = THREAT_FROM_A_SMALL_CLIENT
    at = app([ClientRecord(name="Acme", answers=answers)])
    assert pick(at).value == "goodbye"
    assert not any(c.value.startswith("Amounts in") for c in at.caption)
    late = {**answers, "late_payment.unpaid_90": "once", "unprofessional.crossed_line": "no"}
    at = app([ClientRecord(name="Acme", answers=late)])
    assert pick(at).value == "payment_terms" and "[amount]" in body_area(at).value
    assert any(c.value.startswith("Amounts in euros (EUR)") for c in at.caption)


def test_the_copy_block_gives_the_subject_and_the_message_apart():
    # A user's walk: "Copy the text" put the subject line at the top of the message body.
    at = app([ClientRecord(name="Acme", answers=LATE_PAYER)])
    subject = next(a for a in at.text_input if a.key and a.key.startswith("draft_subject|"))
    blocks = [c.value for c in at.code]
    assert blocks[-2:] == [subject.value, body_area(at).value], blocks


def test_a_draft_chosen_under_an_old_verdict_gives_way_when_it_now_pulls_against_it():
    # A user's walk: the verdict went from Let go to Keep, and the list stayed on
    # "Professional goodbye — only if you decide to leave".
    answers = THREAT_FROM_A_SMALL_CLIENT
    at = app([ClientRecord(name="Acme", answers=dict(answers))])
    assert pick(at).value == "goodbye"
    pick(at).set_value("goodbye").run()
    store(at).record.answers["unprofessional.crossed_what"] = ("threat_once",)
    at.run()
    assert not at.exception
    assert pick(at).value == "professionalism_reminder", pick(at).value
    assert not any("Only if you decide" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "**Remind me to check again** — add the date to your calendar"),
        ("fr", "**Me rappeler de refaire le point** — ajoutez la date à votre agenda"),
    ],
)
def test_the_reminder_line_goes_on_in_lower_case_after_its_dash(lang, line):
    at = app([ClientRecord(name="Acme", answers=LATE_PAYER)], lang=lang)
    assert any(str(m.value).startswith(line) for m in at.markdown), all_text(at)
    # Too few answers for a verdict: no date to wait for; the plan says to answer now.
    at = app([ClientRecord(name="Acme", answers={})], lang=lang)
    assert not any(str(m.value).startswith(line) for m in at.markdown), all_text(at)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Amounts in pounds sterling (GBP)."), ("fr", "Montants en livres sterling (GBP).")],
)
def test_the_drafts_name_the_currency_as_people_do(lang, said):
    # Over a draft that states an amount (here an invoice unpaid for 90 days).
    answers = {**LATE_PAYER, "situation.currency": "GBP", "late_payment.unpaid_90": "once"}
    at = app([ClientRecord(name="Acme", answers=answers)], lang=lang)
    assert said in [str(c.value) for c in at.caption]


def test_an_empty_notice_field_shows_the_notice_it_stands_for():
    # A user saw an empty notice field, typed 8, and never learnt the draft used 2.
    answers = {**LATE_PAYER, "situation.notice_weeks": 2}
    at = app([ClientRecord(name="Acme", answers=answers)], lang="fr")
    rid = store(at).record.id
    pick(at, "fr").set_value("goodbye").run()
    open_details(at)
    field = at.text_input(key=f"detail|{rid}|notice_weeks")
    assert field.value == "" and field.placeholder == "2 (votre réponse au questionnaire)"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_keep_verdict_under_a_critical_risk_says_why_beside_the_figures(lang):
    # A request to falsify, not answered yet: Critical risk, *Keep, and set boundaries*.
    at = app(
        [ClientRecord(name="Harbour Café", answers=FALSIFY_UNANSWERED)], lang=lang, unfold=False
    )
    captions = [c.value for c in at.caption]
    assert t("risk_above_verdict", lang) in captions, captions
    calm = {"late_payment.chasing": "never", "situation.income_share": 15.0}
    at = app([ClientRecord(name="Calm Co", answers=calm)], lang=lang, unfold=False)
    assert t("risk_above_verdict", lang) not in [c.value for c in at.caption]


def test_a_click_on_prepare_builds_the_summary_even_when_the_page_changed_meanwhile():
    """A click on "Prepare my summary" is never lost: the summary is built from what the run
    it starts shows, not from the run that drew the button. Changed between the two (as
    when the device's copy or another tab's save redraws the drafts panel), the click used
    to build a summary already stale, and the user saw "Prepare" again."""
    at = app([ClientRecord(name="Acme", answers=dict(LATE_PAYER))])
    prepare = at.button(key="prepare|results")
    store(at).record.notes = "Changed by another tab after the button was drawn."
    prepare.click().run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "prepare|results"]
    fingerprint, pdf, markdown = store(at).prepared[f"{store(at).record.id}|results"]
    assert pdf.startswith(b"%PDF") and b"Acme" in markdown
    assert not store(at).summaries_asked
    # Changed once more, the summary is stale: "Prepare" is offered again, built on request.
    store(at).record.notes = "Changed again."
    at.run()
    assert at.button(key="prepare|results")
    assert store(at).prepared[f"{store(at).record.id}|results"][0] == fingerprint

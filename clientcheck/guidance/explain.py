"""The sentences that explain a verdict: the rules that set it, why the user counts as free
to leave or dependent, and the single answers that would move it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta

from clientcheck.bank.answers import Answer, answer_label, is_answered
from clientcheck.bank.questions import ASKED_IN_VAIN, STILL_GOING, QuestionBank
from clientcheck.engine.changes import Change, ended_at_once, what_would_change
from clientcheck.engine.signs import NOT_ASSESSED
from clientcheck.engine.verdict import NOT_ENOUGH, Reason, Result, assess
from clientcheck.guidance.dates import (
    check_again_on,
    default_pay_by,
    jurisdiction_of,
    rates_start,
    working_day_on_or_after,
)
from clientcheck.i18n import format_percent, t


def reason_text(bank: QuestionBank, result: Result, reason: Reason, lang: str) -> str:
    """One decision rule that set the verdict, in words."""
    values = {
        "signs": ", ".join(bank.sign(sign_id).name(lang) for sign_id in reason.signs),
        "next": t("next_step_free" if result.can_leave else "next_step_dependent", lang),
    }
    if reason.sign_id is not None:
        values["sign"] = bank.sign(reason.sign_id).name(lang)
        values["band"] = rules_band_label(bank, result.sign(reason.sign_id).band, lang)
        # "Not raised yet" only when the user said so; unanswered, the rule still reads it
        # as not yet, and says no more than that (a reader who chases every invoice).
        said = result.sign(reason.sign_id).history_answered
        values["raised"] = t("reason_raised_not_yet" if said else "reason_raised_unsaid", lang)
    if result.rate_share is not None:
        values["share"] = format_percent(100 * result.rate_share, lang)
    return rule_reason(bank, reason.rule_id)(lang).format(**values)


def rule_reason(bank: QuestionBank, rule_id: str):
    """The reason text of a decision rule (sign, combination or money), by id."""
    rules = bank.rules
    for rule in (*rules.sign_rules, *rules.combination_rules, *rules.money_rules):
        if rule.id == rule_id:
            return rule.reason
    raise KeyError(rule_id)


def reason_lines(bank: QuestionBank, result: Result, lang: str) -> tuple[str, ...]:
    """Say why the verdict is what it is: the decision rules that set it, in words."""
    if result.verdict == NOT_ENOUGH:
        return ()
    lines: list[str] = []
    for reason in result.reasons:
        line = reason_text(bank, result, reason, lang)
        if line not in lines:
            lines.append(line)
    if not lines:
        # No rule moved the verdict; a sign above Healthy is said as it is, not denied.
        quote = ("« ", " »") if lang == "fr" else ("“", "”")
        above = [
            f"{quote[0]}{bank.sign(s.sign_id).name(lang)}{quote[1]} "
            f"({rules_band_label(bank, s.band, lang)})"
            for s in result.signs_needing_attention()
        ]
        if above:
            lines.append(t("reason_none_concern", lang, signs=", ".join(above)))
        else:
            lines.append(t("reason_none", lang))
    return tuple(lines)


def rules_band_label(bank: QuestionBank, band: str, lang: str) -> str:
    if band == NOT_ASSESSED:
        return t("band_not_assessed", lang)
    return bank.rules.band(band).label(lang)


def provisional_note(bank: QuestionBank, result: Result, lang: str) -> str:
    if not result.provisional or result.tentative_verdict is None:
        return ""
    tentative = bank.rules.verdicts[result.tentative_verdict].label(lang)
    if result.verdict == NOT_ENOUGH:
        return t("verdict_too_thin", lang, tentative=tentative)
    sections = dict.fromkeys(bank.sign(bank.question(q).section).name(lang) for q in result.firm_up)
    quote = ("« ", " »") if lang == "fr" else ("“", "”")
    signs = ", ".join(f"{quote[0]}{name}{quote[1]}" for name in sections)
    return t("verdict_provisional", lang, tentative=tentative, signs=signs)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def inline_label(label: str) -> str:
    """An option's label mid-sentence: its head, lower-cased ("Plenty: I could…" -> "plenty")."""
    return _lower_first(label.split(":", 1)[0].strip())


def dependency_reason(
    bank: QuestionBank, result: Result, answers: Mapping[str, Answer], lang: str
) -> str:
    """One line: why the user counts as free to leave or dependent, from the same rules."""
    if not result.dependency_known:
        return t("dependency_why_unknown", lang)
    values = {}
    for question in bank.situation.questions:
        value = answers.get(question.id)
        if question.graded and value is not None and value != "dont_know":
            label = answer_label(question, value, lang)
            if question.kind == "choice":
                label = inline_label(label)
            values[question.id.removeprefix("situation.")] = label
    if result.dependency_rule is not None:
        override = next(
            o for o in bank.rules.dependency_overrides if o.id == result.dependency_rule
        )
        facts = override.reason(lang).format(**values).rstrip(".")
        facts = _lower_first(facts)
    else:
        parts = [t(f"dependency_fact_{key}", lang, value=value) for key, value in values.items()]
        if not result.can_leave and "savings_months" not in values:
            # Said dependent with nothing said about savings: say what the answer rests on
            # (a professional's reading, ev09: "the conclusion is unfounded, the situation
            # says nothing of the savings").
            parts.append(t("dependency_fact_savings_unsaid", lang))
        facts = ", ".join(parts)
    key = "dependency_why_free" if result.can_leave else "dependency_why_dependent"
    return t(key, lang, facts=facts)


# The kinds of sign where the problem is behaviour, not terms (questions/scoring.toml).
BEHAVIOUR_KINDS = frozenset({"respect", "conduct"})
# Sign rules whose verdict says the behaviour will not change (it went on after a clear no,
# or got worse after asking): what would change the verdict never offers "if it stops now".
WONT_CHANGE = ("repeated_after_objection", "worse_after_asking")
# What was tried, when it settled the problem (it stopped after being raised, or the client
# put it right themselves), and the label that says so beside the sign's band.
SETTLED_TAGS = {"improved": "settled_raised", "self_corrected": "settled_by_them"}
# Sign rules that keep the client because what goes on is paid for under the user's terms
# (late cancellations and the fee for them): "paid for under your terms" beside the band.
PAID_FOR_RULES = frozenset({"cancellations_paid_for"})
# Sign rules that keep the client because the problem has stopped (raised and it stopped,
# or put right by the client): its advice says how to keep it that way, and no draft
# asks for anything about it.
SETTLED_RULES = frozenset({"raised_and_fixed", "put_right_by_them"})
# Both: the advice is titled "settled, watch for a repeat", not "how to fix it".
KEPT_AS_IT_IS = SETTLED_RULES | PAID_FOR_RULES


def change_lines(bank: QuestionBank, answers: Mapping[str, Answer], lang: str) -> tuple[str, ...]:
    """The smallest single changes that would move the verdict, in words: what the user can
    do with the client first, then what they could check, then other answers."""
    # A threat that ends it: say so first, so that no line below reads as "raise it and see".
    ended = ended_at_once(assess(bank, answers))
    said = [t("change_ended", lang, sign=bank.sign(s).name(lang)) for s in ended]
    return (*said, *(text for _, text in change_pairs(bank, answers, lang)))


def change_pairs(
    bank: QuestionBank, answers: Mapping[str, Answer], lang: str
) -> tuple[tuple[Change, str], ...]:
    """Each change the page states, with its words (some changes are not stated: they would
    repeat another or contradict the verdict)."""
    result = assess(bank, answers)
    pairs: list[tuple[Change, str]] = []
    # A sign the verdict says will not change (it went on after a clear no, or got worse
    # after asking): "if it stops now" would contradict it (readings, ee06 and ef10). A calm
    # spell that gave way keeps it: a longer one would change it (dc24).
    final = {r.sign_id for r in result.reasons if r.rule_id in WONT_CHANGE}
    for change in what_would_change(bank, answers):
        question = bank.question(change.question_id)
        verdict = bank.rules.verdicts[change.verdict].label(lang)
        if change.kind == "action":
            sign = bank.sign(question.section).name(lang)
            key = f"change_action_{change.answer}"
            if answers.get(change.question_id) in SETTLED_TAGS:
                # Already settled (raised and it stopped, or put right by the client): what
                # would change it is the problem coming back, not raising it.
                if change.answer == "improved":
                    continue
                if change.answer in ("no_change", "worse"):
                    key += "_again"
            elif answers.get(change.question_id) == "enforced_paid" and change.answer in (
                "no_change",
                "slipping",
            ):
                # They pay the fee your terms set: "if it goes on unchanged" is what already
                # happens. What would change it is the fee no longer paid.
                skipped = {**answers, change.question_id: "enforced_complied"}
                if assess(bank, skipped).verdict != change.verdict:
                    continue
                key = "change_action_fee_stops"
            elif answers.get(change.question_id) in STILL_GOING:
                # Raised already and it goes on: what would change it is what happens from
                # here, not raising it (a user: "it says 'if you raise it', but I did").
                slipping = answers.get(change.question_id) == "slipping"
                if change.answer == "improved" and question.section in final and not slipping:
                    continue
                if change.answer in ("improved", "worse", "no_change"):
                    key += "_now"
            elif change.answer in LINE_ANSWERS and _line_crossed(question.section, answers):
                # A line crossed is answered with a clear no, not "raised" like a habit (a
                # reader: "if you raise 'Unprofessional'" beside a request to falsify).
                key += "_line"
            if change.answer == "enforced" and question.section != "late_payment":
                key = "change_action_enforced_terms"
            if bank.rules.sign_kinds.get(question.section) in BEHAVIOUR_KINDS:
                # Behaviour is not fixed by fees or deposits: going further is a last
                # warning, and "they pay the fee" has no meaning there.
                if change.answer in ("enforced_paid", "enforced_complied"):
                    continue
                if change.answer == "enforced":
                    key = "change_action_enforced_behaviour"
            pairs.append((change, t(key, lang, sign=sign, verdict=verdict)))
            continue
        if (
            change.question_id == "situation.usual_rate"
            and answers.get(change.question_id) == "cut_proposed"
            and change.answer in ("same", "above")
        ):
            # Worse terms proposed: what would change it is their withdrawal, not a rate
            # above yours (a professional's reading, dw19: "if they paid more than your usual
            # rate, keep" beside a two-year non-compete).
            line = t("change_terms_withdrawn", lang, verdict=verdict)
            if all(line != said for _, said in pairs):
                pairs.append((change, line))
            continue
        key = "change_check" if change.kind == "check" else "change_line"
        answer = answer_label(question, change.answer, lang)
        line = t(key, lang, answer=answer, question=question.text(lang), verdict=verdict)
        pairs.append((change, line))
    return tuple(pairs)


# What can still happen once a line crossed has been answered with a clear no.
LINE_ANSWERS = ("improved", "no_change", "worse")


def _line_crossed(section: str, answers: Mapping[str, Answer]) -> bool:
    """The sign holds a line crossed (a request to falsify, a threat, harassment...)."""
    return answers.get(f"{section}.crossed_line") == "yes"


def deciding_reason(result: Result) -> Reason | None:
    """The rule that sets the verdict's words (headline, plan, first draft): among the rules
    behind the verdict, the one on the most serious sign (deal-breakers first), so the plan
    and the drafts start where the worst of it is; a rule on no sign (the rate, a
    combination) when it comes first.

    A user's walk: the plan started with "Pays late" (its rule came first, in the signs'
    order) while the first draft answered a threat, and a firm word about an insult came
    after new payment terms.
    """
    if not result.reasons or result.reasons[0].sign_id is None:
        return result.reasons[0] if result.reasons else None
    rank = {s.sign_id: i for i, s in enumerate(result.signs_needing_attention())}
    on_signs = [r for r in result.reasons if r.sign_id is not None]
    return min(on_signs, key=lambda r: rank.get(r.sign_id, len(rank)))


def check_again_date(
    assessed_on: date, verdict: str, days: int, answers: Mapping[str, Answer], driver: Reason | None
) -> date:
    """When to run the check again: the verdict's delay, a working day; for new terms or a
    boundary on late payment, once an invoice sent under them can have fallen due."""
    slow = verdict in ("keep_boundaries", "renegotiate") and driver is not None
    slow = slow and "late_payment" in (driver.sign_id, *driver.signs)
    on = check_again_on(assessed_on, days, answers, waits_for_an_invoice=slow)
    rate_set = verdict == "renegotiate" and driver is not None and driver.rule_id in RATE_RULES
    # A refused rise while the user cannot leave yet: the plan sets the rate in writing
    # first, so the check comes after it applies too (read as a user, 7 December 2026:
    # "check again on 29 December" above "my rates from 1 January").
    rate_set = rate_set or (
        verdict == "plan_exit" and driver is not None and driver.rule_id == "rate_refused"
    )
    if rate_set:
        # Not before the new rate applies (a gardener's reading: "check again on 6 January"
        # came before the rates of 1 February): a week after it, once it has been billed.
        notice = answers.get("situation.notice_weeks")
        weeks = float(notice) if isinstance(notice, int | float) else None
        applies = rates_start(assessed_on, weeks) + timedelta(days=RATE_CHECK_DAYS)
        on = max(on, working_day_on_or_after(applies, jurisdiction_of(answers)))
    # (In a bereavement, never told, the draft asks when it can be settled, with no date.)
    grieving = answers.get("situation.hard_times") == "personal"
    gentle = grieving and answers.get("late_payment.raised", "not_yet") == "not_yet"
    if verdict == "renegotiate" and slow and invoice_claimed(answers) and not gentle:
        # The first draft claims an invoice by a date: the check is the working day after
        # it, to see whether it was paid (a professional's reading, dq10: "check again on
        # 8 March" under a pay-by date of 21 December, with one month saved).
        where = jurisdiction_of(answers)
        after = default_pay_by(assessed_on, where) + timedelta(days=1)
        on = min(on, working_day_on_or_after(after, where))
    return on


# Answers about money owed, read by the payment drafts and by the check date.
OWED_90 = ("yes", "once", "repeatedly")  # an invoice still unpaid 90 days after its due date
PAST_DUE = ("slow", "part_paid", "disputed", "leverage")  # money past its due date today
GROWING_DEBT = ("growing", "may_not_pay")  # and the unpaid total grows, or may never come


def owed_past_90(answers: Mapping[str, Answer]) -> bool:
    """An invoice still unpaid 90 days after its due date, and not that nothing is overdue
    now: one invoice that took seven months last year is not a debt today (a professional's
    reading: a draft claimed "more than 90 days late today"). Nor is it when nothing was said
    about today and the user said late payment stopped once raised, or that the client put
    it right (eo11: a payment claim for a client who has paid on time for a year)."""
    owed_now = answers.get("late_payment.owed_now")
    if owed_now is None and answers.get("late_payment.raised") in SETTLED_TAGS:
        return False
    return answers.get("late_payment.unpaid_90") in OWED_90 and owed_now != "none"


def invoice_claimed(answers: Mapping[str, Answer]) -> bool:
    """An overdue invoice the payment draft names and asks for by a date, from the answers
    alone (the draft also names one whose details the user typed): unpaid 90 days with
    something still overdue; past due now and disputed or ignored, growing while work goes
    on, or still due after asking or enforcing changed nothing."""
    late = {
        qid.removeprefix("late_payment."): value
        for qid, value in answers.items()
        if qid.startswith("late_payment.") and is_answered(value)
    }
    owed_now = late.get("owed_now")
    if owed_past_90(answers):
        return True
    if owed_now not in PAST_DUE:
        return False
    return (
        owed_now == "disputed"
        or late.get("owed_growing") in GROWING_DEBT
        or late.get("raised") in (*ASKED_IN_VAIN, "enforced")
    )


# The rules by which the rate alone sets the verdict (questions/scoring.toml): the headline,
# the plan and the suggested drafts speak of the rate (the New rates draft first), and the
# check comes RATE_CHECK_DAYS after the new rate applies.
RATE_RULES = (
    "paid_far_below_your_rate",
    "far_below_your_usual_rate",
    "below_your_usual_rate",
    "far_below_from_a_small_client",
)
RATE_CHECK_DAYS = 7
# The rules under which asking has failed and the plan puts the user's terms in force,
# announced first in writing: the headline, the plan and the first suggested draft say so.
TERMS_IN_FORCE = (
    "asked_nothing_changed",
    "enforced_while_small",
    "coming_back",
    "calls_asked_about_while_you_depend",
)


def shown_score(score: float) -> int:
    """A score as a whole number in its own band: 49.7 is 49 (Watch), never "50 (Watch)"
    beside a legend saying Warning from 50 (a user's walk)."""
    return math.floor(score + 1e-9)

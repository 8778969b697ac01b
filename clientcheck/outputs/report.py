"""A machine-readable report of one assessment, so results can be checked and scripted.

Plain data (JSON-ready dicts): no Streamlit. Every figure comes from the same engine as
the page and the summaries.
"""

from __future__ import annotations

from clientcheck.bank.answers import answer_label
from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.changes import ended_at_once
from clientcheck.engine.verdict import advice_path, assess
from clientcheck.guidance.explain import change_pairs
from clientcheck.guidance.moneytext import money_json
from clientcheck.guidance.render import build_context, reason_text
from clientcheck.outputs.exports import on_working_days

REPORT_VERSION = 2


def assessment_report(bank: QuestionBank, record: ClientRecord, lang: str) -> dict:
    """Describe one assessment: verdict, figures, each sign, drafts and what would change it."""
    from clientcheck.guidance.suggestions import suggested_messages

    result = assess(bank, record.answers)
    ctx = on_working_days(build_context(bank, record, result, lang))
    advice = advice_path(bank, result.verdict)
    flagged = {s.sign_id for s in result.signs_needing_attention()}
    signs = []
    for sign in result.signs:
        signs.append(
            {
                "id": sign.sign_id,
                "name": bank.sign(sign.sign_id).name(lang),
                "score": round(sign.score, 1) if sign.assessed else None,
                "band": sign.band,
                "kind": sign.kind,
                "event": sign.event,
                "history": sign.history,
                "answered": sign.answered,
                "asked": sign.total,
                "advice": advice if sign.sign_id in flagged else None,
            }
        )
    changes = []
    # The changes the page states, each with its words (the page's first lines, which say
    # which signs end it whatever is tried, have no answer to give).
    for change, text in change_pairs(bank, record.answers, lang):
        question = bank.question(change.question_id)
        changes.append(
            {
                "question": change.question_id,
                "answer": list(change.answer)
                if isinstance(change.answer, tuple)
                else change.answer,
                "answer_label": answer_label(question, change.answer, lang),
                "verdict": change.verdict,
                "direction": change.direction,
                "text": text,
            }
        )
    return {
        "report_version": REPORT_VERSION,
        "language": lang,
        "client": ctx.client_name,
        "assessed_on": record.assessed_on.isoformat(),
        "verdict": result.verdict,
        "verdict_label": ctx.verdict_label,
        "provisional": result.provisional,
        "tentative_verdict": result.tentative_verdict,
        "firm_up": list(result.firm_up),
        "reasons": [
            {"rule": r.rule_id, "sign": r.sign_id, "text": reason_text(bank, result, r, lang)}
            for r in result.reasons
        ],
        "risk": round(result.risk, 1) if result.risk is not None else None,
        "risk_band": result.risk_band,
        "dependency": round(result.dependency, 1),
        "dependency_known": result.dependency_known,
        "can_leave": result.can_leave,
        "dependency_rule": result.dependency_rule,
        "dependency_reason": ctx.dependency_reason,
        "confidence": result.confidence,
        "answered": result.answered,
        "asked": result.total,
        "advice": advice,
        "signs": signs,
        "suggested_drafts": list(suggested_messages(ctx)),
        "what_would_change": changes,
        "ends_whatever_is_tried": list(ended_at_once(result)),
        "check_again_on": ctx.check_again_on.isoformat(),
        "last_working_day": (
            ctx.last_working_day.isoformat() if ctx.last_working_day is not None else None
        ),
        "money": money_json(record.answers, record.assessed_on),
    }

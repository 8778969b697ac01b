"""The calibration set (tests/calibration/): complete, honest, and the verdict's figure on it.

The figure is measured against three independent judges who never saw the rules; the
held-out third is fixed by a hash of each situation's id, so nobody can move a situation
out of it after seeing how the rules do on it.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections import Counter

from clientcheck.bank.answers import AnswerError
from clientcheck.bank.loader import default_bank
from clientcheck.engine import calibration
from clientcheck.engine.signs import condition_met

BANK = default_bank()
SITUATIONS = calibration.load()
# The tuned part's least exact share CI accepts: what the rules reach today, so that a
# change that loses agreement with the judges fails (scripts/calibration.py prints it).
# 0.73: 148 of 200 once batches i-l joined the tuned part (their own situations were new
# to the rules, so the share fell from 0.76 on 136 before any change for them).
# 0.72: 169 of 232 once batches m-n joined (fresh, 24 of 48 before any change for them);
# 0.70: 187 of 264 once batches o-p joined (fresh, 20 of 48 before any change for them);
# 0.68: 204 of 296 once batches q-r joined (fresh, 22 of 48 before any change for them);
# 0.66: 219 of 328 once batches s-t joined (fresh, 26 of 48 before any change for them);
# 0.66: 241 of 360 once batches u-v joined (fresh, 29 of 48 before any change for them);
# 0.66: 259 of 392 once batches w-x joined (fresh, 23 of 48 before any change for them);
# 0.65: 278 of 424 once batches y-z joined (fresh, 28 of 48 before any change for them);
# 0.66: 304 of 456 once batches aa-ab joined (fresh, 26 of 48 before any change for them);
# 0.66: 326 of 488 once batches ac-ad joined (fresh, 27 of 48 before any change for them);
# 0.70: 435 of 616 once batches ae-af to ak-al joined (fresh, 29, 34, 34 and 33 of 48);
# 0.70: 454 of 648 once batches am-an joined (fresh, 28 of 48 before any change for them);
# 0.70: 499 of 712 once batches ao-ap and aq-ar joined (fresh, 28 and 29 of 48; two rules
# from ao-ap's tuned part in between);
# 0.69: 519 of 744 (0.698) once batches as-at joined (fresh, 31 of 48 before any change).
# 0.69: 540 of 776 (0.696) once batches au-av joined (fresh, 30 of 48 before any change).
# 0.69: 558 of 808 (0.691) once batches aw-ax joined (fresh, 26 of 48 before any change).
# 0.68: 577 of 840 (0.687) once batches ay-az joined (fresh, 26 of 48 before any change).
# 0.69: 586 of 840 (0.698) with a dishonest request split in two (dishonest_reanswered.toml).
# 0.69: 606 of 872 (0.695) once batches ba-bb joined (fresh, 30 of 48 before any change).
# 0.68: 622 of 904 (0.688) once batches bc-bd joined (fresh, 27 of 48 before any change).
# 0.69: 629 of 904 (0.696) with "is the amount they owe growing?" (growing_reanswered.toml).
# 0.69: 647 of 936 (0.691) once batches be-bf joined (fresh, 23 of 48 before any change).
# 0.69: 654 of 936 (0.699) with the rate question (rate_history_reanswered.toml).
# 0.69: 676 of 968 (0.698) once batches bg-bh joined (fresh, 34 of 48 before any change).
# 0.69: 696 of 1000 (0.696) once batches bi-bj joined (fresh, 31 of 48 before any change).
# 0.70: 702 of 1000 (0.702) with a late-payment habit from a client you depend on.
# 0.69: 721 of 1032 (0.699) once batches bk-bl joined (fresh, 29 of 48 before any change).
# 0.69: 738 of 1064 (0.694) once batches bm-bn joined (fresh, 21 of 48 before any change).
# 0.68: 755 of 1096 (0.689) once batches bo-bp joined (fresh, 25 of 48 before any change).
# 0.68: 774 of 1128 (0.686) once batches bq-br joined (fresh, 28 of 48 before any change).
# 0.68: 794 of 1160 (0.684) once batches bs-bt joined (fresh, 28 of 48 before any change).
# 796 of 1160 (0.686) with "it goes against my values" (values_reanswered.toml).
# 0.67: 810 of 1192 (0.680, just under 0.68) once batches bu-bv joined (fresh, 24 of 48).
# 815 of 1192 (0.684) with paid cancellations kept and a tiny draining client let go.
# 0.67: 834 of 1224 (0.681) once batches bw-bx joined (fresh, 26 of 48 before any change).
# 0.67: 854 of 1256 (0.680) once batches by-bz joined (fresh, 34 of 48 before any change).
# 857 of 1256 (0.682) with one clear answer enough to let a tiny client go.
# 0.67: 872 of 1288 (0.677) once batches ca-cb joined (fresh, 26 of 48 before any change).
# 0.67: 892 of 1320 (0.676) once batches cc-cd joined (fresh, 28 of 48 before any change).
# 0.66: 905 of 1352 (0.669) once batches ce-cf joined (fresh, 22 of 48 before any change).
# 0.68: 922 of 1352 (0.682) with a request to falsify answered as a boundary.
# 0.68: 945 of 1384 (0.683) once batches cg-ch joined (fresh, 31 of 48 before any change).
# 0.67: 960 of 1416 (0.678) once batches ci-cj joined (fresh, 27 of 48 before any change).
# 0.67: 980 of 1448 (0.677) once batches ck-cl joined (fresh, 31 of 48 before any change).
# 0.67: 996 of 1480 (0.673) once batches cm-cn joined (fresh, 24 of 48 before any change).
# 0.67: 1019 of 1512 (0.674) once batches co-cp joined (fresh, 29 of 48 before any change).
# 0.67: 1038 of 1544 (0.672) once batches cq-cr joined (fresh, 29 of 48 before any change).
# 0.67: 1042 of 1544 (0.675) with insults never raised said once (say_it_once).
# 0.67: 1062 of 1576 (0.674) once batches cs-ct joined (fresh, 31 of 48 before any change).
# 0.67: 1067 of 1576 (0.677) with unprofessional habits asked about in vain said again.
# 0.67: 1089 of 1608 (0.677) once batches cu-cv joined (fresh, 36 of 48 before any change).
# 0.67: 1115 of 1640 (0.680) once batches cw-cx joined (fresh, 34 of 48 before any change).
# 0.67: 1130 of 1672 (0.676) once batches cy-cz joined (fresh, 26 of 48 before any change).
# 0.67: 1134 of 1672 (0.678) with disrespect from a client you are stuck with (name_it_while_stuck).
# 0.67: 1150 of 1704 (0.675) once batches da-db joined (fresh, 28 of 48 before any change).
# 0.67: 1172 of 1736 (0.675) once batches dc-dd joined (fresh, 31 of 48 before any change).
# 0.67: 1193 of 1768 (0.675) once batches de-df joined (fresh, 30 of 48 before any change).
# 0.67: 1196 of 1768 (0.676) with new terms for a payer over two months late (never told).
# 0.67: 1219 of 1800 (0.677) once batches dg-dh joined (fresh, 31 of 48 before any change).
# 0.67: 1223 of 1800 (0.679) with disrespect ignored by a client you depend on (plan your exit).
# 0.67: 1227 of 1800 (0.682) with a price on late calls asked about in vain (you depend on them).
# 0.67: 1232 of 1800 (0.684) with a rate far below yours renegotiated even from a small client.
# 0.67: 1254 of 1832 (0.684) once batches di-dj joined (fresh, 34 of 48 before any change).
# 0.67: 1274 of 1864 (0.683) once batches dk-dl joined (fresh, 30 of 48 before any change).
# 0.67: 1300 of 1896 (0.686) once batches dm-dn joined (fresh, 33 of 48 before any change).
# 0.67: 1322 of 1928 (0.686) once batches do-dp joined (fresh, 30 of 48 before any change).
# 0.67: 1344 of 1960 (0.686) once batches dq-dr joined (fresh, 33 of 48 before any change).
# 0.67: 1363 of 1992 (0.684) once batches ds-dt joined (fresh, 28 of 48 before any change).
# 0.67: 1379 of 2024 (0.681) once batches du-dv joined (fresh, 25 of 48 before any change).
# 0.67: 1400 of 2056 (0.681) once batches dw-dx joined (fresh, 29 of 48 before any change).
# 0.67: 1417 of 2088 (0.679) once batches dy-dz joined (fresh, 27 of 48 before any change).
# 0.67: 1440 of 2120 (0.679) once batches ea-eb joined (fresh, 35 of 48 before any change).
# 0.67: 1462 of 2152 (0.679) once batches ec-ed joined (fresh, 33 of 48 before any change).
# 0.67: 1485 of 2184 (0.680) once batches ee-ef joined (fresh, 34 of 48 before any change).
# 0.67: 1494 of 2184 (0.684) with a new client nobody can identify (check_who_they_are).
# 0.67: 1515 of 2216 (0.684) once batches eg-eh joined (fresh, 34 of 48 before any change);
#       1516 once its two unknown new clients were answered for client_known, blind.
# 0.67: 1535 of 2248 (0.683) once batches ei-ej joined (fresh, 32 of 48 before any change).
# 0.67: 1560 of 2280 (0.684) once batches ek-el joined (fresh, 35 of 48 before any change).
# 0.67: 1583 of 2312 (0.685) once batches em-en joined (fresh, 33 of 48 before any change).
# 0.67: 1599 of 2344 (0.682) once batches eo-ep joined (fresh, 27 of 48 before any change).
# 0.67: 1622 of 2376 (0.683) once batches eq-er joined (fresh, 31 of 48 before any change).
# 0.67: 1639 of 2408 (0.681) once batches es-et joined (fresh, 29 of 48 before any change).
# 0.67: 1661 of 2440 (0.681) once batches eu-ev joined (fresh, 33 of 48 before any change).
TUNED_AT_LEAST = 0.67
VERDICTS = {"keep", "keep_boundaries", "renegotiate", "plan_exit", "let_go", "not_enough"}


def test_the_set_holds_at_least_ninety_situations_each_judged_three_times():
    assert len(SITUATIONS) >= 90
    for situation in SITUATIONS:
        assert set(situation.verdicts.values()) <= VERDICTS, situation.id
        assert all(reason.strip() for reason in situation.reasons.values()), situation.id
        assert situation.text.strip()


def test_the_held_out_third_is_the_one_the_hash_rule_fixed():
    by_batch: dict[str, list[str]] = {}
    for situation in SITUATIONS:
        by_batch.setdefault(situation.batch, []).append(situation.id)
    expected = set()
    for ids in by_batch.values():
        ids.sort(key=lambda i: hashlib.sha256(i.encode()).hexdigest())
        expected |= {i for k, i in enumerate(ids) if k % 3 == 2}
    assert {s.id for s in SITUATIONS if s.held_out} == expected
    assert 0.3 <= len(expected) / len(SITUATIONS) <= 0.34


def test_every_translation_is_valid_and_answers_only_questions_that_are_asked():
    # One test over the whole set, every fault listed (a test per situation cost the
    # parallel run more in bookkeeping than the checks themselves).
    faults = [f for s in SITUATIONS for f in _translation_faults(s.id, s.answers)]
    assert not faults, "\n".join(faults)


def _translation_faults(situation_id: str, raw: dict) -> list[str]:
    """What is wrong with one translation: an invalid answer, or a question not asked."""
    try:
        answers = calibration.as_answers(BANK, raw)
    except AnswerError as exc:
        return [f"{situation_id}: {exc}"]
    faults = []
    for question_id in answers:
        cond = BANK.question(question_id).show_if
        if cond is not None and cond.sign_at_least is None:
            if not condition_met(BANK, cond, answers):
                faults.append(f"{situation_id}: {question_id} is not asked")
    return faults


# The same situations translated twice, blind (second_translation.toml): the least share of
# them whose two readings get the same verdict: 43 of 48 (0.90) for the first round, 85 of 96
# (0.89) with the second; a rule that hinges on a reading two careful people make differently
# lowers it.
SAME_VERDICT_AT_LEAST = 0.85
SECOND = calibration.second_translations()


def test_the_second_translation_is_valid_and_covers_only_the_tuned_part():
    by_id = {s.id: s for s in SITUATIONS}
    faults = []
    for sid, raw in SECOND.items():
        if sid not in by_id or by_id[sid].held_out:
            faults.append(f"{sid}: not in the tuned part")
            continue
        faults += _translation_faults(sid, raw)
    assert not faults, "\n".join(faults)
    assert len(SECOND) >= 96


def test_two_blind_readings_of_a_situation_mostly_get_the_same_verdict():
    figure = calibration.repeatability(BANK, SITUATIONS, SECOND)
    assert figure.count == len(SECOND)
    assert figure.same / figure.count >= SAME_VERDICT_AT_LEAST, figure.lines()


def test_repeatability_counts_a_changed_reading_as_a_different_verdict():
    tuned = [s for s in SITUATIONS if not s.held_out]
    picked = [s for s in tuned if calibration.verdict_of(BANK, s)[0] != "not_enough"][:4]
    same_again = {s.id: s.answers for s in picked}
    figure = calibration.repeatability(BANK, SITUATIONS, same_again)
    assert (figure.count, figure.same) == (4, 4)
    assert figure.exact_first == figure.exact_second
    # Nothing read from the first situation the second time: no verdict can be the same.
    changed = dict(same_again, **{picked[0].id: {}})
    figure = calibration.repeatability(BANK, SITUATIONS, changed)
    assert (figure.count, figure.same) == (4, 3)


def test_every_translation_writes_down_its_judgement_calls():
    with (calibration.CALIBRATION_DIR / "answers.toml").open("rb") as fh:
        entries = tomllib.load(fh)["situation"]
    assert Counter(e["id"] for e in entries) == Counter(s.id for s in SITUATIONS)
    assert all("calls" in e and "missing" in e for e in entries)
    with (calibration.CALIBRATION_DIR / "second_translation.toml").open("rb") as fh:
        again = tomllib.load(fh)["situation"]
    assert len({e["id"] for e in again}) == len(again)
    assert all(e["calls"].strip() and "missing" in e for e in again)


def test_the_tuned_part_agrees_with_the_judges_at_least_as_well_as_it_did():
    gaps = [
        calibration.distance(calibration.verdict_of(BANK, s)[0], s.majority)
        for s in SITUATIONS
        if not s.held_out
    ]
    figure = calibration.figure(gaps)
    assert figure.exact_share >= TUNED_AT_LEAST, figure.line("tuned")


def test_the_figure_counts_a_split_majority_and_not_enough_as_described():
    assert calibration.distance("keep", ("keep", "renegotiate")) == 0
    assert calibration.distance("let_go", ("plan_exit",)) == 1  # the same step, not exact
    assert calibration.distance("keep", ("renegotiate",)) == 2
    assert calibration.distance("keep_boundaries", ("not_enough",)) == 2
    assert calibration.distance("not_enough", ("keep",)) == 2

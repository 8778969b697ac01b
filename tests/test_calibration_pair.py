"""scripts/calibration_pair.py: a new pair joins the set whole, with the hash rule's third
held out, or nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from clientcheck.engine import calibration
from scripts.calibration_pair import ROLES, PairError, add, held_out_ids, main, prepare

ROOT = Path(__file__).resolve().parents[1]
OLD = [f"zz{n:02d}" for n in range(1, 4)]


def _situations(ids: list[str]) -> str:
    return "".join(f'[[situations]]\nid = "{i}"\ntext = """I work for {i}."""\n\n' for i in ids)


def _verdicts(ids: list[str], role: str) -> str:
    entries = "".join(
        f'[verdicts.{i}]\nverdict = "keep"\nreason = "{role} on {i}."\n\n' for i in ids
    )
    return f"# Role: {role}\n\n{entries}"


def _answers(ids: list[str]) -> str:
    return "".join(
        f'[[situation]]\nid = "{i}"\nanswers = {{ "situation.income_share" = 40 }}\n'
        f'calls = """"40 %" -> 40"""\n\n'
        for i in ids
    )


@pytest.fixture
def into(tmp_path: Path) -> Path:
    """A small set of three situations, one held out."""
    target = tmp_path / "set"
    (target / "situations").mkdir(parents=True)
    (target / "judges").mkdir()
    (target / "situations" / "batch_zz.toml").write_text(_situations(OLD))
    for role in ROLES:
        (target / "judges" / f"{role}.toml").write_text(_verdicts(OLD, role))
    (target / "answers.toml").write_text(_answers(OLD))
    (target / "split.toml").write_text('# The rule.\nheld_out = ["zz02"]\n')
    return target


def _staging(tmp_path: Path, batches=("xa", "xb")) -> Path:
    staging = tmp_path / "staging"
    ids = {b: [f"{b}{n:02d}" for n in range(1, 25)] for b in batches}
    (staging / "writer").mkdir(parents=True)
    (staging / "judge").mkdir()
    for batch in batches:
        (staging / "writer" / f"batch_{batch}.toml").write_text(_situations(ids[batch]))
        (staging / f"tr_{batch}").mkdir()
        (staging / f"tr_{batch}" / f"answers_{batch}.toml").write_text(_answers(ids[batch]))
    for role in ROLES:
        everyone = [i for batch in batches for i in ids[batch]]
        (staging / "judge" / f"{role}.toml").write_text(_verdicts(everyone, role))
    return staging


def _files(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): p.read_text() for p in directory.rglob("*.toml")}


def test_a_pair_joins_whole_with_the_hash_rules_third_held_out(tmp_path, into):
    held = add(_staging(tmp_path), ("xa", "xb"), into)
    situations = calibration.load(into)
    assert len(situations) == 3 + 48
    assert {s.id for s in situations if s.held_out} == {"zz02", *held}
    xa = [f"xa{n:02d}" for n in range(1, 25)]
    assert set(held_out_ids(xa)) <= set(held) and len(held) == 16
    added = next(s for s in situations if s.id == "xb07")
    assert added.reasons["coach"] == "coach on xb07." and added.answers
    assert "# Role: mentor" in (into / "judges" / "mentor.toml").read_text().split("xa01")[0]


def test_the_rule_is_the_one_the_test_of_the_set_checks():
    # Each batch sorted by SHA-256 of its ids, every third from the third.
    ids = [f"es{n:02d}" for n in range(1, 25)]
    held = held_out_ids(ids)
    assert len(held) == 8 and held == held_out_ids(list(reversed(ids)))
    real = calibration.load()
    for batch in ("a", "eq", "er"):
        in_batch = [s for s in real if s.batch == batch]
        held = {s.id for s in in_batch if s.held_out}
        assert set(held_out_ids([s.id for s in in_batch])) == held


@pytest.mark.parametrize(
    "spoil",
    [
        lambda staging: (staging / "judge" / "coach.toml").write_text(_verdicts(["xa01"], "c")),
        lambda staging: (staging / "tr_xb" / "answers_xb.toml").unlink(),
        lambda staging: (staging / "writer" / "batch_xa.toml").write_text(_situations(["xa01"])),
        lambda staging: (staging / "writer" / "batch_xa.toml").write_text("[[situations]\n"),
    ],
    ids=["judge_short", "no_translation", "batch_short", "not_toml"],
)
def test_anything_missing_or_broken_changes_nothing(tmp_path, into, spoil):
    staging = _staging(tmp_path)
    spoil(staging)
    before = _files(into)
    with pytest.raises(PairError):
        add(staging, ("xa", "xb"), into)
    assert _files(into) == before


def test_a_batch_already_in_the_set_is_refused(tmp_path, into):
    staging = _staging(tmp_path, ("zz", "xb"))
    with pytest.raises(PairError, match="already in the set"):
        add(staging, ("zz", "xb"), into)


def test_prepare_gives_each_translator_the_sheet_in_the_batchs_language(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Un article.")
    staging = tmp_path / "pair"
    prepare(staging, ("xa", "xb"), article)
    assert (staging / "judge" / "article.txt").read_text() == "Un article."
    assert (staging / "writer").is_dir()
    english = (staging / "tr_xa" / "sheet.md").read_text()
    french = (staging / "tr_xb" / "sheet.md").read_text()
    assert "situation.income_share" in english and "situation.income_share" in french
    assert english != french and "revenus" in french and "income" in english


def test_the_command_line_says_nothing_changed_and_fails(tmp_path, capsys):
    staging = _staging(tmp_path)
    (staging / "judge" / "mentor.toml").unlink()
    assert main(["add", str(staging), "xa", "xb"]) == 1
    assert "nothing changed" in capsys.readouterr().err
    assert not (ROOT / "tests" / "calibration" / "situations" / "batch_xa.toml").exists()

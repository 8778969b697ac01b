"""Stage and add a calibration pair (docs/calibration-method.md), from this repository alone.

    python scripts/calibration_pair.py prepare STAGING EN FR --article ARTICLE
    python scripts/calibration_pair.py add STAGING EN FR

``prepare`` makes the folders the helpers work in: ``writer/`` (the two batch files are
written there), ``judge/`` (the article, and the batches once written), ``tr_<batch>/``
(each batch's question sheet, printed now, in its language). Copy each batch into
``judge/`` and its ``tr_<batch>/`` once written.

``add`` checks what the helpers wrote (24 situations a batch, ids of that batch and new to
the set; every judge and every translation covering exactly those ids), then copies the
batches to ``situations/``, appends the judges' files and the translations, and holds out
the third the hash rule names (each batch's ids sorted by SHA-256, every third from the
third). Nothing is edited: typos and doubts stay, as a person's would. Commit the result
alone, before any rule changes, and read the new batches' figure from
``python scripts/calibration.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clientcheck.bank.loader import default_bank  # noqa: E402
from scripts.question_sheet import sheet  # noqa: E402

CALIBRATION = ROOT / "tests" / "calibration"
ROLES = ("mentor", "accountant", "coach")
PER_BATCH = 24


class PairError(Exception):
    """What the helpers wrote does not make a pair: nothing was changed."""


def held_out_ids(ids: list[str]) -> list[str]:
    """The batch's held-out third: ids sorted by SHA-256, every third from the third."""
    ordered = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    return [i for k, i in enumerate(ordered) if k % 3 == 2]


def prepare(staging: Path, batches: tuple[str, str], article: Path) -> None:
    for folder in ("writer", "judge", *(f"tr_{b}" for b in batches)):
        (staging / folder).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(article, staging / "judge" / "article.txt")
    for batch, lang in zip(batches, ("en", "fr"), strict=True):
        text = sheet(default_bank(), lang)
        (staging / f"tr_{batch}" / "sheet.md").write_text(text, encoding="utf-8")


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PairError(f"missing: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PairError(f"not valid TOML: {path}: {exc}") from exc


def _batch_ids(staging: Path, batch: str, known: set[str]) -> list[str]:
    situations = _toml(staging / "writer" / f"batch_{batch}.toml").get("situations", [])
    ids = [s.get("id", "") for s in situations]
    expected = [f"{batch}{n:02d}" for n in range(1, PER_BATCH + 1)]
    if sorted(ids) != expected:
        raise PairError(f"batch {batch}: ids must be {expected[0]}..{expected[-1]}, got {ids}")
    if not all(str(s.get("text", "")).strip() for s in situations):
        raise PairError(f"batch {batch}: a situation has no text")
    if set(ids) & known:
        raise PairError(f"batch {batch}: already in the set: {sorted(set(ids) & known)}")
    return ids


def _judge_text(staging: Path, role: str, ids: set[str]) -> str:
    path = staging / "judge" / f"{role}.toml"
    verdicts = _toml(path).get("verdicts", {})
    if set(verdicts) != ids:
        odd = sorted(set(verdicts) ^ ids)
        raise PairError(f"{role}: verdicts must cover the pair exactly: {odd}")
    text = path.read_text(encoding="utf-8").strip("\n")
    return text if text.startswith("#") else f"# Role: {role}\n\n{text}"


def _answers_text(staging: Path, batch: str, ids: list[str]) -> str:
    path = staging / f"tr_{batch}" / f"answers_{batch}.toml"
    got = [s.get("id") for s in _toml(path).get("situation", [])]
    if sorted(got) != sorted(ids):
        raise PairError(f"translation {batch}: must answer each situation once: {got}")
    return path.read_text(encoding="utf-8").strip("\n")


def add(staging: Path, batches: tuple[str, str], into: Path = CALIBRATION) -> list[str]:
    """Add the pair to the set in ``into``; return the ids held out."""
    split = into / "split.toml"
    held = _toml(split)["held_out"]
    known = {
        s["id"]
        for path in (into / "situations").glob("batch_*.toml")
        for s in _toml(path)["situations"]
    }
    ids = {batch: _batch_ids(staging, batch, known) for batch in batches}
    everyone = {i for batch_ids in ids.values() for i in batch_ids}
    judges = {role: _judge_text(staging, role, everyone) for role in ROLES}
    answers = {batch: _answers_text(staging, batch, ids[batch]) for batch in batches}
    # Checked in full before anything is written: a bad file changes nothing.
    for batch in batches:
        shutil.copyfile(
            staging / "writer" / f"batch_{batch}.toml",
            into / "situations" / f"batch_{batch}.toml",
        )
    for role, text in judges.items():
        with (into / "judges" / f"{role}.toml").open("a", encoding="utf-8") as out:
            out.write(f"\n{text}\n")
    with (into / "answers.toml").open("a", encoding="utf-8") as out:
        for batch in batches:
            out.write(f"\n{answers[batch]}\n")
    new = [i for batch in batches for i in held_out_ids(ids[batch])]
    listed = ", ".join(f'"{i}"' for i in sorted(set(held) | set(new)))
    text = split.read_text(encoding="utf-8")
    split.write_text(
        re.sub(r"held_out = \[.*?\]", lambda _: f"held_out = [{listed}]", text, flags=re.S),
        encoding="utf-8",
    )
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("prepare", "add"))
    parser.add_argument("staging", type=Path)
    parser.add_argument("english", help="the English batch's letters, e.g. es")
    parser.add_argument("french", help="the French batch's letters, e.g. et")
    parser.add_argument("--article", type=Path, help="the source article (prepare)")
    args = parser.parse_args(argv)
    batches = (args.english, args.french)
    try:
        if args.action == "prepare":
            if args.article is None:
                parser.error("prepare needs --article")
            prepare(args.staging, batches, args.article)
            print(f"ready: {args.staging}")
        else:
            held = add(args.staging, batches)
            print(f"added {len(batches) * PER_BATCH} situations; held out: {', '.join(held)}")
    except PairError as exc:
        print(f"nothing changed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

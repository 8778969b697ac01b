"""How far could any model of the current answers go? A ceiling check for the verdict.

    pip install scikit-learn && python scripts/ceiling.py

Fits general-purpose classifiers (a random forest, gradient boosting) to the judges'
majority from the translated answers of the *tuned* part only, and reports their exact
agreement in 5-fold cross-validation: each situation is predicted by a model that never
saw it. Two feature sets: the answers alone, and the answers with the app's own verdict,
sign scores and rules. If no such model beats the app's rules, the rules are not what
holds the figure back: what the judges weigh is not in the answers (see ``missing`` in
tests/calibration/answers.toml). The held-out part is never read. Not part of the tests:
scikit-learn is not a dependency of the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.engine import calibration  # noqa: E402


def features(bank, situation, with_app: bool) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in calibration.as_answers(bank, situation.answers).items():
        if isinstance(value, bool | int | float):
            out[key] = float(value)
        elif isinstance(value, str):
            out[f"{key}={value}"] = 1.0
        else:
            out.update({f"{key}={item}": 1.0 for item in value})
    if with_app:
        verdict, result = calibration.verdict_of(bank, situation)
        out[f"app={verdict}"] = 1.0
        out.update({f"sign:{s.sign_id}": s.score for s in result.signs})
        out.update({f"rule:{r.rule_id}": 1.0 for r in result.reasons})
        out["dependency"] = result.dependency
    return out


def main() -> int:
    try:
        from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.model_selection import KFold, cross_val_predict
    except ImportError:
        print("needs scikit-learn: pip install scikit-learn", file=sys.stderr)
        return 2
    bank = default_bank()
    tuned = [s for s in calibration.load() if not s.held_out]

    # One label per situation: a split majority is represented by its middle verdict.
    def middle(votes: tuple[str, ...]) -> str:
        return sorted(votes, key=lambda v: calibration.STEP.get(v, 9))[len(votes) // 2]

    labels = [middle(s.majority) for s in tuned]
    app = calibration.figure(
        calibration.distance(calibration.verdict_of(bank, s)[0], s.majority) for s in tuned
    )
    print(app.line("app rules"))
    models = {
        "random forest": lambda: RandomForestClassifier(500, min_samples_leaf=2, random_state=0),
        "gradient boosting": lambda: GradientBoostingClassifier(random_state=0),
    }
    for with_app in (False, True):
        matrix = DictVectorizer(sparse=False).fit_transform(
            [features(bank, s, with_app) for s in tuned]
        )
        for name, make in models.items():
            guess = cross_val_predict(
                make(), matrix, labels, cv=KFold(5, shuffle=True, random_state=0)
            )
            fig = calibration.figure(
                calibration.distance(g, s.majority) for g, s in zip(guess, tuned, strict=True)
            )
            print(fig.line("model") + f"  ({name}, answers{' + app' if with_app else ' only'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time the summary downloads: PDF and Markdown of a full assessment with three drafts.

Run it as ``python scripts/bench_exports.py``, or call ``bench_exports()``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.bank.records import ClientRecord  # noqa: E402
from clientcheck.guidance.render import Draft  # noqa: E402
from clientcheck.outputs.exports import build_summary_input  # noqa: E402
from clientcheck.outputs.pdf import summary_pdf  # noqa: E402
from clientcheck.outputs.summary import SummaryInput, summary_markdown  # noqa: E402

RUNS = 21
WARMUP = 2


def _full_answers() -> dict[str, str | float]:
    """Answer every question with its second-worst option or a high number."""
    answers: dict[str, str | float] = {}
    for question in default_bank().questions():
        if question.kind == "choice":
            options = question.scale.option_ids
            answers[question.id] = options[len(options) // 2]
        else:
            spec = question.number
            answers[question.id] = float(round(spec.min + (spec.max - spec.min) / 3))
    return answers


def sample_input(lang: str = "fr") -> SummaryInput:
    """A full assessment of 'Société Œuvre & Fils' with three message drafts."""
    body = (
        "Bonjour,\n\nÀ partir du prochain projet, je demanderai un acompte de 50 % à la "
        "commande, 25 % à la livraison et 25 % à la validation finale.\n\n"
        "Cela me permet de continuer à vous consacrer le temps nécessaire.\n\n"
        "Bien cordialement,\nCamille"
    )
    drafts = tuple(
        Draft("payment_terms", tone, lang, "Conditions de paiement", "Nos conditions", body)
        for tone in ("warm", "neutral", "firm")
    )
    record = ClientRecord(
        name="Société Œuvre & Fils", answers=_full_answers(), assessed_on=date(2026, 11, 27)
    )
    return build_summary_input(default_bank(), record, lang, drafts=drafts)


def _median_ms(
    build: Callable[[], object], clock: Callable[[], float] = time.perf_counter
) -> float:
    for _ in range(WARMUP):
        build()
    times = []
    for _ in range(RUNS):
        start = clock()
        build()
        times.append(clock() - start)
    return statistics.median(times) * 1000


def bench_exports() -> dict[str, float]:
    """Return the median PDF and Markdown build times (ms) and the PDF size (KB).

    ``pdf_cpu_ms`` is the PDF's CPU time: on a busy machine it says how much of
    ``pdf_ms`` was waiting for a core.
    """
    data = sample_input()
    pdf = summary_pdf(data)
    return {
        "pdf_ms": round(_median_ms(lambda: summary_pdf(data)), 1),
        "pdf_cpu_ms": round(_median_ms(lambda: summary_pdf(data), time.process_time), 1),
        "pdf_kb": round(len(pdf) / 1024, 1),
        "md_ms": round(_median_ms(lambda: summary_markdown(data)), 2),
    }


if __name__ == "__main__":
    for key, value in bench_exports().items():
        print(f"{key}: {value}")

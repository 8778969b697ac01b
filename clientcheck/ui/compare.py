"""The comparison view: several clients side by side, and this client then and now."""

from __future__ import annotations

from datetime import date

import streamlit as st

from clientcheck.bank.records import ClientRecord
from clientcheck.i18n import t
from clientcheck.outputs.charts import RadarSeries
from clientcheck.outputs.compare import (
    compared,
    comparison_frame,
    radar_series,
    radar_series_of,
    rank,
    scores_csv,
    sign_changes,
)
from clientcheck.outputs.exports import comparison_view
from clientcheck.ui import files
from clientcheck.ui.downloads import download_buttons
from clientcheck.ui.layout import literal, reflow_table
from clientcheck.ui.money import shares_section
from clientcheck.ui.results import cached_radar
from clientcheck.ui.state import bank, store


def _labels(lang: str) -> list[str]:
    return [s.name(lang) for s in bank().signs]


def _chart(series: list[RadarSeries], lang: str, key: str, summary: str) -> None:
    st.plotly_chart(
        cached_radar(tuple(_labels(lang)), tuple(series)),
        config={"displayModeBar": False, "scrollZoom": False},
        alt=t("compare_radar_alt", lang, summary=summary),
        key=key,
    )


def clients_comparison(lang: str) -> None:
    s = store()
    st.header(t("compare_clients", lang), anchor=False)
    if len(s.clients) < 2:
        st.info(t("compare_need_two", lang), icon=":material/group_add:")
        return
    names = {i: r.display_name(t("client_n", lang, n=i + 1)) for i, r in enumerate(s.clients)}
    chosen = st.multiselect(
        t("compare_pick", lang),
        list(names),
        default=list(names)[:4],
        format_func=names.__getitem__,
        key="compare_pick",
        max_selections=8,
    )
    if len(chosen) < 2:
        st.info(t("compare_pick_two", lang))
        return
    people = [compared(bank(), s.clients[i], lang, names[i]) for i in chosen]
    summary = "; ".join(f"{c.name}: {c.verdict_label}, {c.context.risk_text}" for c in rank(people))
    _chart(radar_series(people), lang, "compare_radar", summary)
    frame = comparison_frame(people, _labels(lang), lang)
    rows = [
        {str(k): literal(v) if isinstance(v, str) else v for k, v in row.items()}
        for row in frame.to_dict("records")
    ]
    reflow_table(rows, "compare")  # st.table writes Markdown: names escaped
    shares_section([(names[i], s.clients[i].answers) for i in chosen], lang)
    st.download_button(
        t("download_csv", lang),
        data=scores_csv(frame, lang),
        file_name=f"client-check_comparison_{date.today().isoformat()}.csv",
        mime="text/csv",
        icon=":material/table:",
        key="download_csv",
        on_click="ignore",
    )
    current = s.record.display_name(t("unnamed_client", lang))
    st.caption(t("compare_summary_caption", lang, name=literal(current)))
    chosen_records = [s.clients[i] for i in chosen]
    download_buttons(
        s.record,
        lang,
        drafts=[],
        comparison=comparison_view(bank(), chosen_records, lang, t("compare_clients", lang)),
        where="compare",
    )


def then_and_now(lang: str) -> None:
    s = store()
    record = s.record
    name = record.display_name(t("unnamed_client", lang))
    st.header(t("then_now_title", lang, name=literal(name)), anchor=False)
    st.caption(t("then_now_caption", lang))
    files.upload_earlier(lang)
    if record.earlier is None:
        return
    earlier = ClientRecord(
        name=record.earlier.name,
        answers=dict(record.earlier.answers),
        assessed_on=record.earlier.assessed_on,
    )
    then_label = t("then_label", lang, date=record.earlier.assessed_on.isoformat())
    now_label = t("now_label", lang, date=record.assessed_on.isoformat())
    then = compared(bank(), earlier, lang, then_label)
    now = compared(bank(), record, lang, now_label)
    series = [
        radar_series_of(then, then_label, dash="dash"),
        radar_series_of(now, now_label),
    ]
    changes = sign_changes(then, now, _labels(lang))
    summary = "; ".join(f"{c.name} {c.then}→{c.now}" for c in changes)
    _chart(series, lang, "then_now_radar", summary)
    reflow_table(
        [
            {
                t("col_sign", lang): c.name,
                then_label: c.then,
                now_label: c.now,
                t("col_change", lang): f"{c.arrow} {c.delta:+d}",
            }
            for c in changes
        ],
        "then_now",
    )
    if then.verdict_label == now.verdict_label:
        st.info(t("verdict_same", lang, verdict=now.verdict_label))
    else:
        better = now.verdict_severity < then.verdict_severity
        getattr(st, "success" if better else "warning")(
            t("verdict_moved", lang, then=then.verdict_label, now=now.verdict_label)
        )
    st.button(t("forget_earlier", lang), key="forget_earlier", on_click=_forget_earlier)


def _forget_earlier() -> None:
    store().record.earlier = None


def compare(lang: str) -> None:
    st.title(t("compare_title", lang), anchor=False)
    clients_comparison(lang)
    st.divider()
    then_and_now(lang)

"""A plain Streamlit page shaped like a Client Check sign page, for scripts/bench.py.

Same visible widgets as a sign page (sidebar: 13 buttons, a selectbox, a download
button, a file uploader, and a "Rename or delete" box drawn only while open; main:
a language switch, a number text input, 2 radios, Back and Next) plus a Plotly
Scatterpolar radar with band rings, and none of Client Check's own code. It is the
"how fast can Streamlit do this page at all" yardstick.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Baseline", layout="centered")

SIGNS = 7
OPTIONS = ["never", "rarely", "sometimes", "often", "always", "dont_know"]
RISK = {"never": 0, "rarely": 25, "sometimes": 50, "often": 75, "always": 100}
RINGS = ((100, "#fbe3e1"), (75, "#fdebd3"), (50, "#fdf6d8"), (25, "#e3f2e6"))

if "page" not in st.session_state:
    st.session_state.page = 1


def go_to(page: int) -> None:
    st.session_state.page = max(1, min(SIGNS, page))


page = st.session_state.page

with st.sidebar:
    st.subheader("Steps")
    for step in range(11):
        st.button(
            f"Step {step}",
            key=f"step{step}",
            on_click=go_to,
            args=(step - 1,),
            type="primary" if step - 1 == page else "tertiary",
            width="stretch",
        )
    st.divider()
    st.subheader("Clients")
    st.selectbox("Client", [0], format_func=lambda i: f"Client {i + 1}", key="client")
    left, right = st.columns(2)
    left.button("Add", key="add", width="stretch")
    right.button("Duplicate", key="duplicate", width="stretch")
    # As on a sign page: the box's fields are drawn only while it is open.
    box = st.expander("Rename or delete", key="rename_open", on_change="rerun")
    if box.open:
        box.text_input("New name", key="rename")
        box.button("Delete", key="delete")
    st.download_button("Save", data=lambda: b"{}", file_name="x.json", on_click="ignore")
    with st.expander("Resume"):
        st.file_uploader("Answers file", type=["json"], key="upload")

# The language switch reads as the app's does: Streamlit compiles its emoji catalogue
# (about 0.1 s on a fresh server) for the first non-ASCII label of a button group, so
# "Français" costs any page that shows it, whoever wrote the page.
st.segmented_control(
    "Language / Langue",
    ["en", "fr"],
    default="en",
    required=True,
    format_func={"en": "English", "fr": "Français"}.__getitem__,
    key="lang",
    label_visibility="collapsed",
)
st.progress(page / SIGNS, text=f"Sign {page} of {SIGNS}")
st.title(f"Sign {page}", anchor=False)
st.markdown("_What this sign means, in one line._")
st.caption("About: this client")
st.text_input("1. How many?", key=f"n|{page}", max_chars=40)
for q in range(2):
    st.radio(f"{q + 2}. How often?", OPTIONS, index=None, horizontal=True, key=f"c|{page}|{q}")

scores = []
for sign in range(1, SIGNS + 1):
    risks = [RISK[v] for q in range(2) if (v := st.session_state.get(f"c|{sign}|{q}")) in RISK]
    scores.append(sum(risks) / len(risks) if risks else 0)
labels = [f"Sign {i}" for i in range(1, SIGNS + 1)]
theta = [*labels, labels[0]]
fig = go.Figure()
for upper, colour in RINGS:
    fig.add_trace(
        go.Scatterpolar(
            r=[upper] * len(theta), theta=theta, fill="toself", fillcolor=colour, mode="lines"
        )
    )
fig.add_trace(go.Scatterpolar(r=[*scores, scores[0]], theta=theta, fill="toself"))
fig.update_layout(polar={"radialaxis": {"range": [0, 100]}}, showlegend=False, height=430)
st.plotly_chart(fig, key="radar")

back, forward = st.columns(2)
back.button("Back", key="back", on_click=go_to, args=(page - 1,), width="stretch")
forward.button(
    "Next", key="next", on_click=go_to, args=(page + 1,), type="primary", width="stretch"
)

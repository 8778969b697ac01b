"""A bare Streamlit page with the kinds of elements Client Check uses, and none of its content.

The accessibility tests scan it in the same run as the app: a violation that shows
here too comes from Streamlit itself, not from our pages. Served from an empty
directory, so Streamlit's default theme applies (not our .streamlit/config.toml).
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare", layout="centered")

with st.sidebar:
    st.subheader("Steps", anchor=False)
    st.button(
        "Current step", type="primary", icon=":material/radio_button_checked:", width="stretch"
    )
    st.button("Other step", type="tertiary", icon=":material/check_circle:", width="stretch")
    st.divider()
    st.selectbox("Pick one", ["One", "Two"])
    left, right = st.columns(2)
    left.button("Add", icon=":material/add:", width="stretch")
    right.button("Copy", icon=":material/content_copy:", width="stretch")
    with st.expander("Rename", icon=":material/edit:"):
        st.text_input("New name")
    st.download_button("Download", data=b"x", file_name="x.json", on_click="ignore")
    with st.expander("Upload", icon=":material/upload_file:"):
        st.file_uploader("A file", type=["json"], help="Help text")

st.segmented_control("Switch", ["One", "Two"], default="One", label_visibility="collapsed")
st.progress(0.5, text="Half way")
st.title("Title", anchor=False)
st.subheader("Subheader", anchor=False)
st.markdown("Some **bold** text and _emphasis_.")
st.caption("A caption.")
st.info("Information", icon=":material/lock:")
st.success("Success")
st.warning("Warning", icon=":material/warning:")
st.error("Error", icon=":material/error:")
st.text_input("A text field", help="Help text", placeholder="Type here")
st.text_area("A text area", help="Help text", height=80)
st.radio("A question", ["Never", "Sometimes", "Always"], index=None, horizontal=True, help="Help")
st.header("Header", anchor=False)
cols = st.columns(3)
cols[0].metric("Risk", "40/100", help="Help")
cols[1].metric("Dependency", "—", help="Help")
cols[2].metric("Confidence", "High", help="Help")
figure = go.Figure(go.Scatterpolar(r=[1, 2, 3, 1], theta=["a", "b", "c", "a"], fill="toself"))
st.plotly_chart(figure, config={"displayModeBar": False}, alt="A radar chart")
st.table(pd.DataFrame({"Sign": ["a", "b"], "Score": [1, 2]}), hide_index=True)
# A table wider than a phone, as a comparison of several clients is.
st.table(
    pd.DataFrame({f"Column {i}": ["Some text", "More text"] for i in range(12)}), hide_index=True
)
st.multiselect("Pick some", ["One", "Two", "Three"], default=["One", "Two"])
left, right = st.columns(2)
left.button("Back", icon=":material/arrow_back:", width="stretch")
right.button("Next", type="primary", icon=":material/arrow_forward:", width="stretch")
st.button("Tertiary", type="tertiary", icon=":material/edit:")

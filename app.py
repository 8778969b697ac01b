"""Client Check: should I let this client go? Page setup, language, and which step to show."""

import streamlit as st

from clientcheck.ui import device, layout, navigation, pages, sidebar
from clientcheck.ui.state import CLIENT, COMPARE, RESULTS, WELCOME, store

st.set_page_config(
    page_title="Client Check",
    layout="centered",
    initial_sidebar_state="auto",
    menu_items={"Get help": None, "Report a bug": None, "About": None},
)

lang = layout.select_language()
device.begin(lang)
navigation.follow_history(lang)  # Back and Forward move between steps
layout.page_style()
layout.sync_page(lang)
# Messages, a conflict between tabs and *Back to results* come and go from run to run: in
# one container, so the page below keeps its place and an expander the user opened stays
# open when a message appears above it.
with st.container():
    layout.show_flash()
    device.conflict_notice(lang)
    navigation.back_to_results(lang, "top")

# The page itself first, so it shows as soon as it is drawn; the sidebar after it. A fault
# of ours while drawing it gets a message in the user's language and a way on, and the
# sidebar (the work, the downloads) is still drawn below it.
step = store().step
try:
    if step == WELCOME:
        pages.welcome(lang)
    elif step == CLIENT:
        pages.about_client(lang)
    elif step.startswith("sign:"):
        pages.sign_page(step.removeprefix("sign:"), lang)
    elif step == RESULTS:
        from clientcheck.ui import results  # loaded on first use: keeps the first page quick

        results.results(lang)
    elif step == COMPARE:
        from clientcheck.ui import compare

        compare.compare(lang)
except Exception:  # noqa: BLE001 (reruns and st.stop are not Exceptions: they pass)
    layout.page_fault(lang)

sidebar.sidebar(lang)

# Last, so the copy kept on the device includes what this run changed. The results
# page draws it at the end of its drafts fragment instead, which can rerun on its own.
if step != RESULTS:
    device.autosave(lang)

# The tab's icon last: on a fresh server, Streamlit's emoji check loads its whole
# emoji catalogue (tens of milliseconds) and nothing on the page waits for the icon.
# An emoji is drawn inline; a :material/ icon would be fetched from Google.
st.set_page_config(page_icon="🧭")

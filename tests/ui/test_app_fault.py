"""A fault of ours while drawing a page: a message in the user's language, the sidebar and
the work kept, and a way back to the questions (never Streamlit's own error box)."""

from __future__ import annotations

import pytest

from clientcheck.i18n import t
from clientcheck.ui import layout, pages
from clientcheck.ui.state import CLIENT
from tests.ui.test_app_device import store
from tests.ui.test_app_flow import press, start


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_page_that_fails_to_draw_says_so_and_keeps_the_work(monkeypatch, lang):
    at = start(lang)
    press(at, "start")
    at.text_input[0].set_value("Northwind").run()
    press(at, f"next|{CLIENT}")
    assert store(at).step.startswith("sign:") and store(at).record.name == "Northwind"

    def broken(*args, **kwargs):
        raise RuntimeError("a fault of ours")

    monkeypatch.delenv(layout.RAISE_FAULTS)
    monkeypatch.setattr(pages, "sign_page", broken)
    at.run()
    assert not at.exception  # no Streamlit error box
    assert [e.value for e in at.error] == [t("page_fault", lang)]
    assert at.sidebar.button  # the sidebar (steps, downloads) is still drawn
    assert store(at).record.name == "Northwind"  # nothing lost
    # The way on: back to the questions, which draw.
    at.button(key="page_fault_back").click().run()
    assert not at.exception and not at.error
    assert store(at).step == CLIENT and store(at).record.name == "Northwind"
    # Under the tests, the same fault is raised, so that no test passes over one.
    monkeypatch.setenv(layout.RAISE_FAULTS, "1")
    monkeypatch.setattr(pages, "about_client", broken)
    at.run()
    assert at.exception

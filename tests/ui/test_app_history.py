"""The browser's Back and Forward, told apart from a late request with an older address.

On a busy machine a run the page asks for just after a click (an expander, a field, the
device's report) can carry the address from before that click. Only a run Streamlit's
page marks as Back or Forward (``is_history_navigation``) moves to the step, or the
language, its address names; AppTest cannot mark a run, so these tests set the mark.
"""

from __future__ import annotations

import pytest

from clientcheck.ui import navigation
from clientcheck.ui.device import COMPONENT_KEY
from clientcheck.ui.state import CLIENT, WELCOME
from tests.ui.test_app_device import device_answers, store
from tests.ui.test_app_flow import BANK, press, run, show_error_details, start  # noqa: F401

FIRST_SIGN = f"sign:{BANK.signs[0].id}"


def on_first_sign():
    at = device_answers(start("en"), text=None)
    at.session_state[COMPONENT_KEY] = {}  # the device's answer lasts one run, as in a browser
    press(at, "start")
    assert store(at).step == CLIENT and at.query_params.get("step") == CLIENT
    press(at, f"next|{CLIENT}")
    assert store(at).step == FIRST_SIGN
    assert at.query_params.get("step") == BANK.signs[0].id
    return at


def test_a_late_request_with_the_address_before_a_click_keeps_the_step_the_click_opened():
    at = on_first_sign()
    at.query_params["step"] = CLIENT  # the page had not yet taken in the new address
    run(at)
    assert store(at).step == FIRST_SIGN
    assert at.title[0].value == BANK.signs[0].name("en")
    # The address is written again only when the step changes, not on every run.
    press(at, f"next|{FIRST_SIGN}")
    assert at.query_params.get("step") == BANK.signs[1].id


@pytest.mark.parametrize(
    ("param", "expected"), [(CLIENT, CLIENT), (None, WELCOME)], ids=["about", "welcome"]
)
def test_back_and_forward_show_the_step_their_address_names(monkeypatch, param, expected):
    at = on_first_sign()
    if param is None:
        del at.query_params["step"]
    else:
        at.query_params["step"] = param
    monkeypatch.setattr(navigation, "back_or_forward", lambda: True)
    run(at)
    assert store(at).step == expected
    monkeypatch.setattr(navigation, "back_or_forward", lambda: False)
    at.query_params["step"] = BANK.signs[0].id  # Forward
    run(at)
    assert store(at).step == expected  # not marked: a late request, not Forward


def test_the_language_follows_back_only_when_it_is_back(monkeypatch):
    at = on_first_sign()
    at.query_params["lang"] = "fr"  # a late request from before a switch to English
    run(at)
    assert at.title[0].value == BANK.signs[0].name("en")
    monkeypatch.setattr(navigation, "back_or_forward", lambda: True)
    run(at)
    assert at.title[0].value == BANK.signs[0].name("fr")

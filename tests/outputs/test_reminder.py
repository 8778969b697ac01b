"""The calendar reminder: a valid RFC 5545 file, with the client's name only when asked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from clientcheck.guidance.render import format_date
from clientcheck.i18n import month_names
from clientcheck.outputs.reminder import reminder_ics
from tests.support.summary_data import ACCENTED_NAME, HOSTILE_NAMES

CHECK = date(2027, 2, 24)
ASSESSED = date(2026, 11, 27)
TODAY = date(2026, 11, 28)


def build(name: str | None, lang: str = "en", record_id: str = "0123456789ab") -> bytes:
    return reminder_ics(CHECK, ASSESSED, lang, name, record_id, TODAY)


def event_of(data: bytes):
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    return event


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_reminder_is_an_all_day_event_on_the_check_again_date(lang):
    data = build(None, lang)
    event = event_of(data)
    assert event.decoded("DTSTART") == CHECK
    assert event.decoded("DTEND") == CHECK + timedelta(days=1)
    assert event["UID"] and event.decoded("DTSTAMP").tzinfo is not None
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(hours=9)
    # RFC 5545: CRLF line ends, no line over 75 octets.
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert ("27 novembre 2026" if lang == "fr" else "27 November 2026") in str(event["DESCRIPTION"])


def test_the_name_is_left_out_unless_asked_for():
    without = build(None)
    assert b"Soci" not in without
    assert ACCENTED_NAME not in str(event_of(without)["SUMMARY"])
    assert ACCENTED_NAME in str(event_of(build(ACCENTED_NAME))["SUMMARY"])


@pytest.mark.parametrize("name", [*HOSTILE_NAMES, "a;b,c\\d", "x" * 120])
def test_any_name_comes_back_from_the_file_literally(name):
    assert name in str(event_of(build(name))["SUMMARY"])


def test_downloading_again_gives_the_same_event_and_another_client_another():
    assert event_of(build(None))["UID"] == event_of(build(None))["UID"]
    assert event_of(build(None))["UID"] != event_of(build(None, record_id="ba9876543210"))["UID"]


def test_an_american_user_reads_the_date_month_first():
    # A US user's walk: the calendar entry said "6 December 2026" where every page of
    # the app said "December 6, 2026".
    event = event_of(reminder_ics(CHECK, ASSESSED, "en", None, "abc", TODAY, "en-US"))
    text = str(event["DESCRIPTION"])
    words = format_date(ASSESSED, "en-US")
    assert words.split()[0] in month_names("en") and words in text
    assert format_date(ASSESSED, "en") not in text

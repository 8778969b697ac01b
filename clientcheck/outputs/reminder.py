"""A calendar reminder (.ics, RFC 5545) for the day to check a client again: plain data."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from icalendar import Alarm, Calendar, Event

from clientcheck.guidance.render import format_date
from clientcheck.i18n import t

PRODID = "-//Client Check//Reminder//EN"
_UID_NAMESPACE = uuid.UUID("0b6c3f5e-7a0f-4a53-9a43-6a8f9f3f1c11")


@lru_cache(maxsize=256)
def reminder_ics(
    check_again_on: date,
    assessed_on: date,
    lang: str,
    client_name: str | None,
    record_id: str,
    today: date,
    date_style: str = "",
) -> bytes:
    """An all-day event on ``check_again_on`` with an alarm at 9:00 that day.

    The client's name appears only when ``client_name`` is given. The UID is derived
    from the client's id and the date, so downloading it again updates the same event.
    ``date_style`` writes the date as the user's pages do ("en-US": December 6, 2026).
    """
    when = format_date(assessed_on, date_style or lang)
    if client_name:
        summary = t("ics_summary_named", lang, name=client_name)
    else:
        summary = t("ics_summary", lang)
    description = t("ics_description", lang, date=when)
    event = Event()
    event.add("uid", f"{uuid.uuid5(_UID_NAMESPACE, f'{record_id}|{check_again_on}')}@client-check")
    event.add("dtstamp", datetime(today.year, today.month, today.day, tzinfo=UTC))
    event.add("dtstart", check_again_on)
    event.add("dtend", check_again_on + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(hours=9))  # 9:00 on the day
    event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()

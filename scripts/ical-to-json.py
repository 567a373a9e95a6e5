#!/usr/bin/env python3
"""Reads an iCalendar file with Python's `icalendar` package (an independent parser, used by
the server tests) and prints its events as JSON: uid, sequence, status, summary, start and
end (UTC, and Europe/Oslo wall-clock time), location, description, and each CONFERENCE
with its parameters. Any parse error fails (exit status 1).

    target/ical-venv/bin/python scripts/ical-to-json.py FILE
"""
import json
import sys
from zoneinfo import ZoneInfo

import icalendar

OSLO = ZoneInfo("Europe/Oslo")


def when(prop):
    dt = prop.dt
    return {"utc": dt.astimezone(ZoneInfo("UTC")).isoformat(), "oslo": dt.astimezone(OSLO).strftime("%Y-%m-%dT%H:%M")}


def main(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = []
    for ev in cal.walk("VEVENT"):
        conferences = ev.get("CONFERENCE", [])
        if not isinstance(conferences, list):
            conferences = [conferences]
        events.append({
            "uid": str(ev.get("UID")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "status": str(ev.get("STATUS", "")),
            "summary": str(ev.get("SUMMARY", "")),
            "start": when(ev["DTSTART"]),
            "end": when(ev["DTEND"]),
            "location": str(ev.get("LOCATION", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "conference": [{"uri": str(c), "params": dict(c.params)} for c in conferences],
        })
    print(json.dumps({"version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")), "events": events}))


if __name__ == "__main__":
    main(sys.argv[1])

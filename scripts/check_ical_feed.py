#!/usr/bin/env python3
"""Check an iCalendar feed with an independent parser: Python's `icalendar` (PyPI).

Usage:
    python3 scripts/check_ical_feed.py FILE_OR_URL [--expect EXPECTED.json]

Needs `pip install icalendar` (it brings `tzdata`). Checks, on the raw bytes:
  * every line ends in CR LF and is at most 75 octets, and no fold splits a UTF-8 character
    (each physical line decodes as UTF-8 on its own);
and, after `icalendar` has parsed the feed:
  * VCALENDAR has VERSION:2.0 and a PRODID;
  * every TZID used has a VTIMEZONE, and that VTIMEZONE gives the same UTC offsets as the
    tz database around every change of the clocks from 1997 to 2037;
  * every VEVENT has a UID (unique together with RECURRENCE-ID), DTSTAMP and DTSTART; DTEND is
    of the same kind as DTSTART (date or date-time) and not before it; date-times carry a zone;
    STATUS is CONFIRMED, TENTATIVE or CANCELLED; SEQUENCE is a whole number of 0 or more;
    RRULE has a FREQ; EXDATE values are of the same kind as DTSTART.
With --expect, a JSON list of {"uid", "summary", "description", "location", "url", "dtstart",
"dtend", "status", "sequence", "categories", "rrule", "exdate"} (all but uid optional; times as
ISO 8601 with offset, days as YYYY-MM-DD) is compared with what `icalendar` read, event by event,
and the feed must hold exactly those UIDs.

Prints one line per problem and a closing "N passed, N failed" line; exits 1 when anything failed.
"""

import datetime as dt
import json
import sys
import urllib.request
import zoneinfo

import icalendar

ALLOWED_STATUS = {"CONFIRMED", "TENTATIVE", "CANCELLED"}


def read_source(source):
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:
            return response.read()
    with open(source, "rb") as handle:
        return handle.read()


def check_lines(raw, problems):
    if not raw.endswith(b"\r\n"):
        problems.append("the feed does not end in CR LF")
    body = raw[:-2] if raw.endswith(b"\r\n") else raw
    for number, line in enumerate(body.split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a bare LF or CR inside the line")
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not UTF-8 on its own (a fold split a character)")
    return body.count(b"\r\n") + 1


def as_text(value):
    return "" if value is None else str(value)


def kind(value):
    return "date" if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else "date-time"


def iso(value):
    return value.isoformat()


def same_moment(actual, expected_text):
    """A date equals 'YYYY-MM-DD'; a date-time equals the ISO instant (offsets may differ)."""
    if kind(actual) == "date":
        return actual.isoformat() == expected_text
    if actual.tzinfo is None:
        return False
    expected = dt.datetime.fromisoformat(expected_text)
    return actual == expected and actual.utcoffset() == expected.utcoffset()


def exdates(event):
    values = event.get("EXDATE")
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    return [entry.dt for group in values for entry in group.dts]


def categories(event):
    values = event.get("CATEGORIES")
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    return [str(c) for group in values for c in group.cats]


def check_timezones(calendar, used, problems):
    defined = {str(tz.get("TZID")): tz for tz in calendar.walk("VTIMEZONE")}
    for tzid in sorted(used):
        if tzid not in defined:
            problems.append(f"TZID {tzid} is used but has no VTIMEZONE")
            continue
        try:
            reference = zoneinfo.ZoneInfo(tzid)
        except Exception:  # a name the tz database does not know: nothing to compare with
            continue
        own = defined[tzid].to_tz(lookup_tzid=False)
        for year in range(1997, 2038):
            for month in (3, 10):
                last = dt.datetime(year, month, 31, 12, tzinfo=dt.timezone.utc)
                sunday = last - dt.timedelta(days=(last.weekday() + 1) % 7)
                for hours in range(-3, 5):
                    instant = sunday.replace(hour=0) + dt.timedelta(hours=hours)
                    if instant.astimezone(own).utcoffset() != instant.astimezone(reference).utcoffset():
                        problems.append(f"VTIMEZONE {tzid}: wrong offset at {instant.isoformat()}")
                        return


def check(raw, expected=None):
    problems = []
    passed = 0
    physical = check_lines(raw, problems)
    calendar = icalendar.Calendar.from_ical(raw)
    if str(calendar.get("VERSION")) != "2.0":
        problems.append("VERSION is not 2.0")
    if not calendar.get("PRODID"):
        problems.append("no PRODID")
    used_tzids = set()
    events = {}
    for event in calendar.walk("VEVENT"):
        uid = as_text(event.get("UID"))
        label = f"VEVENT {uid or '(no UID)'}"
        before = len(problems)
        if not uid:
            problems.append(f"{label}: no UID")
        recurrence_id = event.get("RECURRENCE-ID")
        key = (uid, iso(recurrence_id.dt) if recurrence_id is not None else None)
        if key in events:
            problems.append(f"{label}: UID occurs twice")
        events[key] = event
        if event.get("DTSTAMP") is None:
            problems.append(f"{label}: no DTSTAMP")
        start = event.get("DTSTART")
        if start is None:
            problems.append(f"{label}: no DTSTART")
            continue
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            prop = event.get(name)
            if prop is not None and "TZID" in prop.params:
                used_tzids.add(str(prop.params["TZID"]))
        start = start.dt
        if kind(start) == "date-time" and start.tzinfo is None:
            problems.append(f"{label}: DTSTART has no zone (floating)")
        end = event.get("DTEND")
        if end is not None:
            end = end.dt
            if kind(end) != kind(start):
                problems.append(f"{label}: DTEND is a {kind(end)}, DTSTART a {kind(start)}")
            elif end < start:
                problems.append(f"{label}: DTEND before DTSTART")
        status = event.get("STATUS")
        if status is not None and str(status) not in ALLOWED_STATUS:
            problems.append(f"{label}: STATUS {status}")
        sequence = event.get("SEQUENCE")
        if sequence is not None and (not str(sequence).isdigit()):
            problems.append(f"{label}: SEQUENCE {sequence}")
        rrule = event.get("RRULE")
        if rrule is not None and "FREQ" not in rrule:
            problems.append(f"{label}: RRULE without FREQ")
        for value in exdates(event):
            if kind(value) != kind(start):
                problems.append(f"{label}: EXDATE {value} is not a {kind(start)}")
        if len(problems) == before:
            passed += 1
    check_timezones(calendar, used_tzids, problems)

    if expected is not None:
        by_uid = {uid: event for (uid, rid), event in events.items() if rid is None}
        wanted = {entry["uid"] for entry in expected}
        for extra in sorted(set(by_uid) - wanted):
            problems.append(f"VEVENT {extra}: not expected")
        for entry in expected:
            uid = entry["uid"]
            event = by_uid.get(uid)
            if event is None:
                problems.append(f"VEVENT {uid}: missing")
                continue
            before = len(problems)
            for field in ("summary", "description", "location", "url"):
                if field in entry and as_text(event.get(field.upper())) != entry[field]:
                    problems.append(
                        f"VEVENT {uid}: {field.upper()} {as_text(event.get(field.upper()))!r} != {entry[field]!r}"
                    )
            for field in ("dtstart", "dtend"):
                if field in entry:
                    prop = event.get(field.upper())
                    if prop is None or not same_moment(prop.dt, entry[field]):
                        shown = iso(prop.dt) if prop is not None else None
                        problems.append(f"VEVENT {uid}: {field.upper()} {shown} != {entry[field]}")
            if "status" in entry and as_text(event.get("STATUS")) != entry["status"]:
                problems.append(f"VEVENT {uid}: STATUS {event.get('STATUS')} != {entry['status']}")
            if "sequence" in entry and int(event.get("SEQUENCE", 0)) != entry["sequence"]:
                problems.append(f"VEVENT {uid}: SEQUENCE {event.get('SEQUENCE')} != {entry['sequence']}")
            if "categories" in entry and categories(event) != entry["categories"]:
                problems.append(f"VEVENT {uid}: CATEGORIES {categories(event)} != {entry['categories']}")
            rrule = event.get("RRULE")
            actual_rrule = rrule.to_ical().decode() if rrule is not None else None
            if entry.get("rrule") is not None or actual_rrule is not None:
                # icalendar orders parts its own way: compare them as sets.
                actual_parts = set((actual_rrule or "").split(";"))
                expected_parts = set((entry.get("rrule") or "").split(";"))
                if actual_parts != expected_parts:
                    problems.append(f"VEVENT {uid}: RRULE {actual_rrule} != {entry.get('rrule')}")
            actual_exdates = exdates(event)
            wanted_exdates = entry.get("exdate", [])
            if len(actual_exdates) != len(wanted_exdates) or not all(
                same_moment(a, w) for a, w in zip(actual_exdates, wanted_exdates)
            ):
                problems.append(f"VEVENT {uid}: EXDATE {[iso(v) for v in actual_exdates]} != {wanted_exdates}")
            if len(problems) == before:
                passed += 1
    return problems, passed, physical, len(events)


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--expect"):
        print("usage: python3 scripts/check_ical_feed.py FILE_OR_URL [--expect EXPECTED.json]", file=sys.stderr)
        return 2
    raw = read_source(argv[1])
    expected = None
    if len(argv) == 4:
        with open(argv[3], encoding="utf-8") as handle:
            expected = json.load(handle)
    try:
        problems, passed, physical, count = check(raw, expected)
    except Exception as error:  # icalendar refused the feed
        print(f"icalendar could not read {argv[1]}: {error}")
        print("0 passed, 1 failed")
        return 1
    for problem in problems:
        print(problem)
    print(f"{argv[1]}: {count} VEVENTs, {physical} physical lines, icalendar {icalendar.__version__}")
    print(f"{passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

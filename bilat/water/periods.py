"""Dekadas, months and seasons: the periods water is counted in, in a site's local time.

A dekada is days 1–10, 11–20 or 21 to the end of a month, written ``2024-07-2``. Periods are
counted in the local time of the side operating the site and their bounds stored in UTC.
"""

from __future__ import annotations

import calendar
import datetime
import re
import zoneinfo
from dataclasses import dataclass

DEKADA_RE = re.compile(r"^(\d{4})-(\d{2})-([123])$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Dekada:
    """Days 1–10 (1), 11–20 (2) or 21 to the end (3) of a month."""

    year: int
    month: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Dekada:
        match = DEKADA_RE.match(text.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValueError(f"not a dekada (YYYY-MM-N, N = 1, 2 or 3): {text!r}")
        return cls(int(match[1]), int(match[2]), int(match[3]))

    @classmethod
    def of(cls, day: datetime.date) -> Dekada:
        return cls(day.year, day.month, min(3, (day.day - 1) // 10 + 1))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.number}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 10 * (self.number - 1) + 1)

    @property
    def last_day(self) -> datetime.date:
        if self.number < 3:
            return datetime.date(self.year, self.month, 10 * self.number)
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def month_key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Dekada:
        return Dekada.of(self.last_day + datetime.timedelta(days=1))

    def bounds(self, zone: zoneinfo.ZoneInfo) -> tuple[datetime.datetime, datetime.datetime]:
        """Start (inclusive) and end (exclusive) in UTC of this dekada in local time ``zone``."""
        return local_bounds(self.first_day, self.last_day, zone)


def local_bounds(first: datetime.date, last: datetime.date,
                 zone: zoneinfo.ZoneInfo) -> tuple[datetime.datetime, datetime.datetime]:
    """From local midnight of ``first`` to local midnight after ``last``, in UTC."""
    start = datetime.datetime.combine(first, datetime.time(), zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def dekada_of(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> Dekada:
    """The dekada (in local time ``zone``) a moment falls in."""
    return Dekada.of(moment.astimezone(zone).date())


def dekadas_between(first: datetime.date, last: datetime.date) -> list[Dekada]:
    """Every dekada from the one holding ``first`` to the one holding ``last``."""
    out, d = [], Dekada.of(first)
    while d.first_day <= last:
        out.append(d)
        d = d.next()
    return out


def season_of(year: int, season: str) -> tuple[datetime.date, datetime.date]:
    """The days of a season: growing 1 Apr – 30 Sep, non-growing 1 Oct – 31 Mar."""
    if season == "growing":
        return datetime.date(year, 4, 1), datetime.date(year, 9, 30)
    return datetime.date(year, 10, 1), datetime.date(year + 1, 3, 31)


def season_dekadas(year: int, season: str = "growing") -> list[Dekada]:
    return dekadas_between(*season_of(year, season))

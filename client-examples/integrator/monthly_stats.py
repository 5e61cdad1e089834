"""Pull last month's task statistics for a district with an API key: a govgraph integrator
example (read-only, scoped key; the figures are aggregates, never task rows).

    pip install httpx
    python monthly_stats.py --key ggk_... --district UBND-HTRA
    python monthly_stats.py --district UBND-HTRA      # demo: makes a key as the demo admin

Prints the month's figures for the district's whole subtree, its weeks, and the scorecard of
the units directly under it for the year so far.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import date, timedelta
from typing import Any, NamedTuple

import httpx

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
DEMO_ADMIN = ("admin@thuathienhue.gov.vn", "QuanTri#Hue2026")  # public demo account

UNIT = "query Unit($code: String!) { orgUnit(code: $code) { id code name } }"
STATS = """
query Stats($unit: ID!, $month: String!, $from: String!, $to: String!, $year: Int!) {
  month: taskStats(unitId: $unit, period: $month) {
    period total doneOnTime doneLate doneWithoutDeadline openWithinDeadline openOverdue
    openWithoutDeadline onTimeRate medianHandlingDays
  }
  weeks: taskStatsSeries(unitId: $unit, grain: WEEK, from: $from, to: $to) {
    period total doneOnTime doneLate openOverdue onTimeRate
  }
  cards: unitScorecards(unitId: $unit, year: $year) {
    rank unit { code name } stats { total openOverdue onTimeRate }
  }
}
"""
LOGIN = """mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }"""
KEY = """mutation($unit: ID!) { createApiKey(name: "monthly_stats example", unitId: $unit,
  includeSubtree: true) { secret errors { code message } } }"""


class Api(NamedTuple):
    """An HTTP client and the GraphQL endpoint."""

    client: httpx.AsyncClient
    url: str


async def post(api: Api, query: str, variables: dict[str, Any], **headers: str) -> Any:
    """The data of a GraphQL request; a GraphQL error stops the script with its code."""
    response = await api.client.post(
        api.url, json={"query": query, "variables": variables}, headers=headers
    )
    body = response.json()
    if body.get("errors"):
        error = body["errors"][0]
        sys.exit(f"{error.get('extensions', {}).get('code')}: {error['message']}")
    return body["data"]


def last_month(today: date) -> tuple[str, str, str]:
    """The previous month's name and its first and last ISO weeks."""
    last_day = today.replace(day=1) - timedelta(days=1)
    first_day = last_day.replace(day=1)
    week = lambda d: "{}-W{:02d}".format(*d.isocalendar()[:2])  # noqa: E731
    return f"{first_day:%Y-%m}", week(first_day), week(last_day)


async def demo_key(client: Api, unit_id: str) -> str:
    """A key made as the demo admin (a real integrator gets one from the province's admin)."""
    login = await post(client, LOGIN, {"l": DEMO_ADMIN[0], "p": DEMO_ADMIN[1]})
    headers = {"Authorization": f"Bearer {login['login']['token']}"}
    made = (await post(client, KEY, {"unit": unit_id}, **headers))["createApiKey"]
    if made["errors"]:
        sys.exit(made["errors"][0]["message"])
    return str(made["secret"])


def month_classes(month: dict[str, Any]) -> list[tuple[str, int]]:
    """The month's tasks by status class; the classes add up to the total."""
    return [
        ("done on time", month["doneOnTime"]),
        ("done late", month["doneLate"]),
        ("done, no deadline", month["doneWithoutDeadline"]),
        ("open within deadline", month["openWithinDeadline"]),
        ("open overdue", month["openOverdue"]),
        ("open, no deadline", month["openWithoutDeadline"]),
    ]


def days(value: float | None) -> str:
    """A number of working days; none when no task of the period was completed."""
    return "— (none completed)" if value is None else f"{value:.1f} working days"


def rate(value: float | None) -> str:
    """A rate as a percentage."""
    return "   —" if value is None else f"{value * 100:5.1f}%"


async def main(argv: list[str] | None = None, transport: Any = None) -> int:
    """Run the example; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("GOVGRAPH_URL", DEFAULT_URL))
    parser.add_argument("--key", default=os.environ.get("GOVGRAPH_API_KEY"))
    parser.add_argument("--district", default="UBND-HTRA", help="Unit code")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    async with httpx.AsyncClient(timeout=30, transport=transport) as http:
        client = Api(http, args.url)
        unit = (await post(client, UNIT, {"code": args.district}))["orgUnit"]
        if unit is None:
            sys.exit(f"No unit {args.district}")
        key = args.key or await demo_key(client, unit["id"])
        month, first_week, last_week = last_month(args.today)
        variables = {
            "unit": unit["id"],
            "month": month,
            "from": first_week,
            "to": last_week,
            "year": args.today.year,
        }
        data = await post(client, STATS, variables, **{"X-API-Key": key})
    m = data["month"]
    print(f"{unit['name']} [{unit['code']}], tasks due in {m['period']}")
    print(f"  {m['total']} tasks (due in the month, or created in it when without a deadline):")
    for label, count in month_classes(m):
        print(f"    {count:5}  {label}")
    print(f"  on time {rate(m['onTimeRate'])}, median handling {days(m['medianHandlingDays'])}")
    print("\n  week      total  on time  late  overdue  rate")
    for w in data["weeks"]:
        print(
            f"  {w['period']}  {w['total']:5}  {w['doneOnTime']:7}  {w['doneLate']:4}  "
            f"{w['openOverdue']:7}  {rate(w['onTimeRate'])}"
        )
    print(f"\n  {args.today.year} so far, units under {unit['code']}:")
    for card in data["cards"]:
        s = card["stats"]
        print(
            f"  {card['rank']:3}. {card['unit']['name'][:48]:48} {s['total']:5} tasks  "
            f"{s['openOverdue']:4} overdue  {rate(s['onTimeRate'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

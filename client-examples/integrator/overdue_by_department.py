"""List overdue tasks grouped by lead department or district: a govgraph integrator example.

    pip install "gql[httpx]"
    python overdue_by_department.py                  # the demo Chairman against govgraph serve
    python overdue_by_department.py --url http://127.0.0.1:8000/graphql \\
        --login chutich@thuathienhue.gov.vn --password 'UyBan#TTH2026' --page-size 100

Task rows are visible to staff only (an API key principal sees no task: PERMISSIONS.md), so
the example signs in as a person who oversees the province, then pages through
`tasks(filter: {statusClasses: [OPEN_OVERDUE]})` with the Relay cursor until `hasNextPage`
is false, and groups the tasks by the department or district the lead unit belongs to.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXAsyncTransport

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
DEMO_LOGIN = "chutich@thuathienhue.gov.vn"  # the demo Chairman, OVERSEER of the province
DEMO_PASSWORD = "UyBan#TTH2026"  # public demo password (docs/demo-accounts.md)

LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) {
    token
    mustChangePassword
    errors { code message }
  }
}
"""

OVERDUE = """
query Overdue($first: Int!, $after: String) {
  tasks(filter: {statusClasses: [OPEN_OVERDUE]}, sort: DEADLINE, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        kind
        state
        content
        deadline
        leadUnit { code name depth ancestors { code name depth } }
      }
    }
  }
}
"""


class IntegratorError(Exception):
    """The server refused the sign-in or a query."""


async def sign_in(url: str, login: str, password: str, **httpx_options: Any) -> str:
    """A bearer token for the account."""
    async with Client(transport=HTTPXAsyncTransport(url=url, **httpx_options)) as session:
        result = await session.execute(
            GraphQLRequest(LOGIN, variable_values={"login": login, "password": password})
        )
    payload = result["login"]
    if payload["errors"]:
        raise IntegratorError("; ".join(e["message"] for e in payload["errors"]))
    if payload["mustChangePassword"]:
        raise IntegratorError("This account must change its password first (changePassword)")
    token: str = payload["token"]
    return token


async def overdue_tasks(
    url: str, token: str, *, page_size: int = 100, **httpx_options: Any
) -> list[dict[str, Any]]:
    """Every overdue task the caller may see, page after page (by deadline, oldest first)."""
    headers = {"Authorization": f"Bearer {token}"}
    transport = HTTPXAsyncTransport(url=url, headers=headers, **httpx_options)
    found: list[dict[str, Any]] = []
    after: str | None = None
    async with Client(transport=transport) as session:
        while True:
            result = await session.execute(
                GraphQLRequest(OVERDUE, variable_values={"first": page_size, "after": after})
            )
            page = result["tasks"]
            found.extend(edge["node"] for edge in page["edges"])
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]


def department_of(unit: dict[str, Any] | None) -> str:
    """The department or district a unit belongs to (the unit itself at depth 1)."""
    if unit is None:
        return "(unit not visible)"
    line = [*unit["ancestors"], unit]
    top = next((u for u in line if u["depth"] == 1), unit)
    return f"{top['name']} [{top['code']}]"


def days_late(deadline: str, now: datetime) -> int:
    return (now - datetime.fromisoformat(deadline)).days


def render(tasks: list[dict[str, Any]], now: datetime) -> list[str]:
    """A header, then per department or district (most overdue first) its tasks."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for task in tasks:
        groups[department_of(task["leadUnit"])].append(task)
    lines = [f"{len(tasks)} overdue tasks in {len(groups)} departments and districts"]
    for name, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append("")
        lines.append(f"{name}: {len(items)}")
        for task in items:
            content = (
                task["content"] if len(task["content"]) <= 90 else task["content"][:87] + "..."
            )
            lines.append(
                f"  {days_late(task['deadline'], now):>4} days late  {task['kind']:<18} "
                f"{task['state']:<12} {content}"
            )
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Overdue govgraph tasks by department")
    parser.add_argument("--url", default=os.environ.get("GOVGRAPH_URL", DEFAULT_URL))
    parser.add_argument("--login", default=os.environ.get("GOVGRAPH_LOGIN", DEMO_LOGIN))
    parser.add_argument("--password", default=os.environ.get("GOVGRAPH_PASSWORD", DEMO_PASSWORD))
    parser.add_argument("--page-size", type=int, default=100, help="Tasks per request (1-100)")
    return parser.parse_args(argv)


async def main(argv: list[str] | None = None, **httpx_options: Any) -> int:
    """Print the overdue tasks by department; the exit status is 0 on success."""
    args = parse_args(argv)
    try:
        token = await sign_in(args.url, args.login, args.password, **httpx_options)
        tasks = await overdue_tasks(args.url, token, page_size=args.page_size, **httpx_options)
    except IntegratorError as error:
        print(f"govgraph refused: {error}", file=sys.stderr)
        return 1
    print("\n".join(render(tasks, datetime.now(UTC))))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))

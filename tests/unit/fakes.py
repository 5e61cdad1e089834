"""In-memory fakes of the domain's ports, for use-case tests without I/O."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import count
from typing import Any

from domain.accounts.model import Account, ApiKey, LoginThrottle, Role, RoleGrant, SessionToken
from domain.directory.model import Article, Committee, CommitteeDocument, CommitteeMember
from domain.events import DomainEvent
from domain.notifications.model import Notification, NotificationEvent
from domain.org.model import (
    Leadership,
    OrgLevel,
    OrgUnit,
    UnitEvent,
    UnitLineage,
    UnitPlacement,
    UnitStatus,
)
from domain.people.model import Membership, Person, PersonStatus
from domain.tasks.model import (
    Directive,
    ProgressUpdate,
    Task,
    TaskAssignee,
    TaskEvent,
    TaskResponse,
    TaskTracker,
    TaskUnit,
)
from domain.tasks.periods import ENDED, TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem

_ids = count(1)


def _store(obj: Any) -> Any:
    if not getattr(obj, "id", None):
        obj.id = next(_ids)
    return obj


@dataclass
class FakeUnits:
    units: dict[int, OrgUnit] = field(default_factory=dict)
    levels: dict[str, OrgLevel] = field(default_factory=dict)
    placements: list[UnitPlacement] = field(default_factory=list)
    lineage: list[UnitLineage] = field(default_factory=list)
    events: list[UnitEvent] = field(default_factory=list)
    leaderships: list[Leadership] = field(default_factory=list)

    async def get(self, unit_id: int) -> OrgUnit | None:
        return self.units.get(unit_id)

    async def get_by_code(self, code: str) -> OrgUnit | None:
        return next((u for u in self.units.values() if u.code == code), None)

    async def get_many(self, unit_ids: Sequence[int]) -> list[OrgUnit]:
        return [self.units[i] for i in unit_ids if i in self.units]

    async def add(self, unit: OrgUnit) -> OrgUnit:
        self.units[_store(unit).id] = unit
        return unit

    async def subtree(self, path: str, *, max_depth: int | None = None) -> list[OrgUnit]:
        return [u for u in self.units.values() if u.path.startswith(path)]

    async def active_children(self, unit_id: int) -> list[OrgUnit]:
        return [
            u
            for u in self.units.values()
            if u.parent_id == unit_id and u.status is UnitStatus.ACTIVE
        ]

    async def repath_subtree(self, old_path: str, new_path: str, depth_delta: int) -> None:
        for unit in self.units.values():
            if unit.path.startswith(old_path):
                unit.path = new_path + unit.path[len(old_path) :]
                unit.depth += depth_delta

    async def get_level(self, code: str) -> OrgLevel | None:
        return self.levels.get(code)

    async def add_level(self, level: OrgLevel) -> None:
        self.levels[level.code] = level

    async def add_placement(self, placement: UnitPlacement) -> None:
        self.placements.append(_store(placement))

    async def close_placement(self, unit_id: int, on: date) -> None:
        for placement in self.placements:
            if placement.unit_id == unit_id and placement.valid_to is None:
                placement.valid_to = on

    async def add_lineage(self, lineage: UnitLineage) -> None:
        self.lineage.append(_store(lineage))

    async def add_event(self, event: UnitEvent) -> None:
        self.events.append(_store(event))

    async def add_leadership(self, leadership: Leadership) -> None:
        self.leaderships.append(_store(leadership))

    async def get_leadership(self, leadership_id: int) -> Leadership | None:
        return next((lead for lead in self.leaderships if lead.id == leadership_id), None)

    async def current_leadership(self, unit_id: int, person_id: int) -> Leadership | None:
        return next(
            (
                lead
                for lead in self.leaderships
                if (lead.unit_id, lead.person_id, lead.valid_to) == (unit_id, person_id, None)
            ),
            None,
        )

    async def adjust_member_count(self, unit_id: int, delta: int) -> None:
        self.units[unit_id].member_count += delta


@dataclass
class FakePeople:
    people: dict[int, Person] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)

    async def get(self, person_id: int) -> Person | None:
        return self.people.get(person_id)

    async def add(self, person: Person) -> Person:
        self.people[_store(person).id] = person
        return person

    async def add_membership(self, membership: Membership) -> None:
        self.memberships.append(_store(membership))

    async def current_membership(self, person_id: int) -> Membership | None:
        return next(
            (m for m in self.memberships if m.person_id == person_id and m.valid_to is None), None
        )

    async def active_in_units(self, unit_ids: Sequence[int]) -> list[Person]:
        return [
            p
            for p in self.people.values()
            if p.unit_id in unit_ids and p.status is PersonStatus.ACTIVE
        ]


@dataclass
class FakeDirectory:
    committees: dict[int, Committee] = field(default_factory=dict)
    members: list[CommitteeMember] = field(default_factory=list)
    documents: list[CommitteeDocument] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    async def get_committee(self, committee_id: int) -> Committee | None:
        return self.committees.get(committee_id)

    async def find_active_committee(self, search_name: str) -> Committee | None:
        return next(
            (
                c
                for c in self.committees.values()
                if c.search_name == search_name and c.dissolved_on is None
            ),
            None,
        )

    async def add_committee(self, committee: Committee) -> Committee:
        self.committees[_store(committee).id] = committee
        return committee

    async def add_member(self, member: CommitteeMember) -> None:
        self.members.append(_store(member))

    async def find_member(self, committee_id: int, person_id: int) -> CommitteeMember | None:
        return next(
            (m for m in self.members if (m.committee_id, m.person_id) == (committee_id, person_id)),
            None,
        )

    async def add_document(self, document: CommitteeDocument) -> None:
        self.documents.append(_store(document))

    async def add_article(self, article: Article) -> Article:
        self.articles.append(_store(article))
        return article


@dataclass
class FakeAccounts:
    accounts: dict[int, Account] = field(default_factory=dict)
    grants: list[RoleGrant] = field(default_factory=list)
    tokens: list[SessionToken] = field(default_factory=list)
    keys: list[ApiKey] = field(default_factory=list)
    throttles: dict[str, LoginThrottle] = field(default_factory=dict)

    async def get(self, account_id: int) -> Account | None:
        return self.accounts.get(account_id)

    async def get_by_login(self, login: str) -> Account | None:
        return next((a for a in self.accounts.values() if a.login == login), None)

    async def add(self, account: Account) -> Account:
        self.accounts[_store(account).id] = account
        return account

    async def grants_of(self, account_id: int) -> list[RoleGrant]:
        return [g for g in self.grants if g.account_id == account_id]

    async def get_grant(self, grant_id: int) -> RoleGrant | None:
        return next((g for g in self.grants if g.id == grant_id), None)

    async def admin_grants_on(self, unit_id: int) -> list[RoleGrant]:
        return [
            g
            for g in self.grants
            if g.unit_id == unit_id and g.role is Role.ADMIN and g.include_subtree
        ]

    async def add_grant(self, grant: RoleGrant) -> RoleGrant:
        self.grants.append(_store(grant))
        return grant

    async def delete_grant(self, grant: RoleGrant) -> None:
        self.grants.remove(grant)

    async def add_token(self, token: SessionToken) -> SessionToken:
        self.tokens.append(_store(token))
        return token

    async def get_token(self, token_hash: str) -> SessionToken | None:
        return next((t for t in self.tokens if t.token_hash == token_hash), None)

    async def revoke_tokens(self, account_id: int, at: datetime) -> None:
        for token in self.tokens:
            if token.account_id == account_id and token.revoked_at is None:
                token.revoked_at = at

    async def add_api_key(self, key: ApiKey) -> ApiKey:
        self.keys.append(_store(key))
        return key

    async def get_api_key(self, prefix: str) -> ApiKey | None:
        return next((k for k in self.keys if k.prefix == prefix), None)

    async def get_api_key_by_id(self, key_id: int) -> ApiKey | None:
        return next((k for k in self.keys if k.id == key_id), None)

    async def throttle(self, key: str) -> LoginThrottle | None:
        return self.throttles.get(key)

    async def add_throttle(self, throttle: LoginThrottle) -> None:
        self.throttles[throttle.key] = throttle

    async def count_attempt(self, key: str, now: datetime, restart_before: datetime) -> int:
        found = self.throttles.setdefault(key, LoginThrottle(key, 0, now))
        if found.window_start < restart_before:
            found.failures, found.window_start = 0, now
        found.failures += 1
        return found.failures

    async def lock(self, key: str, until: datetime) -> None:
        if key in self.throttles:
            self.throttles[key].locked_until = until

    async def clear_attempts(self, key: str) -> None:
        if key in self.throttles:
            self.throttles[key].failures, self.throttles[key].locked_until = 0, None

    async def refund_attempt(self, key: str) -> None:
        if key in self.throttles:
            self.throttles[key].failures = max(self.throttles[key].failures - 1, 0)


@dataclass
class FakeTasks:
    """domain.tasks.ports.TaskRepository in memory."""

    directives: dict[int, Directive] = field(default_factory=dict)
    tasks: dict[int, Task] = field(default_factory=dict)
    touched: list[int] = field(default_factory=list)
    units: list[TaskUnit] = field(default_factory=list)
    trackers: list[TaskTracker] = field(default_factory=list)
    assignees: list[TaskAssignee] = field(default_factory=list)
    events: list[TaskEvent] = field(default_factory=list)
    progress: dict[int, ProgressUpdate] = field(default_factory=dict)
    responses: dict[int, TaskResponse] = field(default_factory=dict)
    occurrences: dict[int, TaskOccurrence] = field(default_factory=dict)
    digests: dict[int, PressDigest] = field(default_factory=dict)
    press_items: dict[int, PressItem] = field(default_factory=dict)
    questions: dict[int, CitizenQuestion] = field(default_factory=dict)

    async def touch(self, task: Task) -> None:
        self.touched.append(task.id)

    async def get_directive(self, directive_id: int) -> Directive | None:
        return self.directives.get(directive_id)

    async def add_directive(self, directive: Directive) -> Directive:
        self.directives[_store(directive).id] = directive
        return directive

    async def count_tasks_of(self, directive_id: int) -> int:
        return sum(1 for t in self.tasks.values() if t.directive_id == directive_id)

    async def unit_ids_of_directive(self, directive_id: int) -> set[int]:
        ids = {t.id for t in self.tasks.values() if t.directive_id == directive_id}
        return {u.unit_id for u in self.units if u.task_id in ids}

    async def get(self, task_id: int) -> Task | None:
        return self.tasks.get(task_id)

    async def add(self, task: Task) -> Task:
        self.tasks[_store(task).id] = task
        return task

    async def units_of(self, task_id: int) -> list[TaskUnit]:
        return [u for u in self.units if u.task_id == task_id]

    async def set_units(self, task_id: int, units: list[TaskUnit]) -> None:
        self.units = [u for u in self.units if u.task_id != task_id]
        self.units.extend(_store(u) for u in units)

    async def trackers_of(self, task_id: int) -> list[TaskTracker]:
        return [t for t in self.trackers if t.task_id == task_id]

    async def add_tracker(self, tracker: TaskTracker) -> None:
        self.trackers.append(_store(tracker))

    async def assignees_of(self, task_id: int) -> list[TaskAssignee]:
        return [a for a in self.assignees if a.task_id == task_id]

    async def set_assignees(self, task_id: int, assignees: list[TaskAssignee]) -> None:
        self.assignees = [a for a in self.assignees if a.task_id != task_id]
        self.assignees.extend(_store(a) for a in assignees)

    async def add_event(self, event: TaskEvent) -> None:
        self.events.append(_store(event))

    async def add_progress(self, update: ProgressUpdate) -> ProgressUpdate:
        self.progress[_store(update).id] = update
        return update

    async def get_progress(self, update_id: int) -> ProgressUpdate | None:
        return self.progress.get(update_id)

    async def response_of(self, task_id: int) -> TaskResponse | None:
        return self.responses.get(task_id)

    async def add_response(self, response: TaskResponse) -> TaskResponse:
        self.responses[_store(response).task_id] = response
        return response

    async def occurrences_of(self, task_id: int) -> list[TaskOccurrence]:
        return sorted((o for o in self.occurrences.values() if o.task_id == task_id), key=_seq)

    async def add_occurrence(self, occurrence: TaskOccurrence) -> TaskOccurrence:
        self.occurrences[_store(occurrence).id] = occurrence
        return occurrence

    async def get_occurrence(self, occurrence_id: int) -> TaskOccurrence | None:
        return self.occurrences.get(occurrence_id)

    async def running_periodic_tasks(self, after_id: int, limit: int) -> list[Task]:
        found = [
            t
            for t in sorted(self.tasks.values(), key=lambda t: t.id)
            if t.period and t.sent_at and t.state not in ENDED and t.id > after_id
        ]
        return found[:limit]

    async def digest_on(self, office_unit_id: int, day: date) -> PressDigest | None:
        return next(
            (
                d
                for d in self.digests.values()
                if d.office_unit_id == office_unit_id and d.digest_date == day
            ),
            None,
        )

    async def get_digest(self, digest_id: int) -> PressDigest | None:
        return self.digests.get(digest_id)

    async def add_digest(self, digest: PressDigest) -> PressDigest:
        self.digests[_store(digest).id] = digest
        return digest

    async def touch_digest(self, digest: PressDigest) -> None:
        digest.version += 1

    async def add_press_item(self, item: PressItem) -> PressItem:
        self.press_items[_store(item).id] = item
        return item

    async def get_press_item(self, item_id: int) -> PressItem | None:
        return self.press_items.get(item_id)

    async def add_question(self, question: CitizenQuestion) -> CitizenQuestion:
        self.questions[_store(question).id] = question
        return question

    async def get_question(self, question_id: int) -> CitizenQuestion | None:
        return self.questions.get(question_id)

    async def question_of_task(self, task_id: int) -> CitizenQuestion | None:
        return next((q for q in self.questions.values() if q.task_id == task_id), None)

    def events_of(self, task_id: int) -> list[TaskEvent]:
        """The timeline of one task, in order (a test helper, not part of the port)."""
        return [e for e in self.events if e.task_id == task_id]


def _seq(occurrence: TaskOccurrence) -> int:
    return occurrence.seq


@dataclass
class FakeNotifications:
    """domain.notifications.ports.NotificationRepository in memory."""

    events: list[NotificationEvent] = field(default_factory=list)
    inboxes: list[Notification] = field(default_factory=list)
    roles: dict[tuple[Role, str], set[int]] = field(default_factory=dict)
    account_persons: dict[int, int] = field(default_factory=dict)
    members: dict[int, set[int]] = field(default_factory=dict)

    async def record(self, event: NotificationEvent, recipients: Collection[int]) -> None:
        once = (event.subject_type, event.subject_id, event.kind, event.threshold, event.due_at)
        if event.threshold is not None and any(
            (e.subject_type, e.subject_id, e.kind, e.threshold, e.due_at) == once
            for e in self.events
        ):
            return
        self.events.append(_store(event))
        for person_id in recipients:
            self.inboxes.append(
                _store(
                    Notification(
                        event.id,
                        person_id,
                        event.kind,
                        event.subject_type,
                        event.subject_id,
                        event.unit_id,
                        event.summary,
                        event.occurred_at,
                    )
                )
            )

    async def persons_with_role(
        self, role: Role, unit_path: str, *, own_unit_id: int | None = None
    ) -> set[int]:
        return set(self.roles.get((role, unit_path), set()))

    async def person_of_account(self, account_id: int | None) -> int | None:
        return self.account_persons.get(account_id) if account_id is not None else None

    async def members_of(self, unit_id: int, person_ids: Collection[int]) -> set[int]:
        return self.members.get(unit_id, set()) & set(person_ids)

    def of(self, person_id: int) -> list[Notification]:
        return [n for n in self.inboxes if n.person_id == person_id]

    async def inbox(
        self,
        person_id: int,
        *,
        before_id: int | None,
        limit: int,
        unread_only: bool,
        after_id: int | None = None,
        oldest_first: bool = False,
    ) -> list[Notification]:
        rows = [
            n
            for n in reversed(self.of(person_id))
            if (before_id is None or n.id < before_id)
            and (after_id is None or n.id > after_id)
            and not (unread_only and n.read)
        ]
        return (rows[::-1] if oldest_first else rows)[:limit]

    async def count(self, person_id: int, *, unread_only: bool) -> int:
        return sum(1 for n in self.of(person_id) if not (unread_only and n.read))

    async def mark_read(self, person_id: int, ids: Sequence[int], at: datetime) -> int:
        rows = [n for n in self.of(person_id) if n.id in ids and not n.read]
        for n in rows:
            n.read_at = at
        return len(rows)

    async def mark_all_read(self, person_id: int, up_to_id: int | None, at: datetime) -> int:
        rows = [
            n for n in self.of(person_id) if not n.read and (up_to_id is None or n.id <= up_to_id)
        ]
        for n in rows:
            n.read_at = at
        return len(rows)


@dataclass
class FakeUnitOfWork:
    units: FakeUnits = field(default_factory=FakeUnits)
    people: FakePeople = field(default_factory=FakePeople)
    directory: FakeDirectory = field(default_factory=FakeDirectory)
    accounts: FakeAccounts = field(default_factory=FakeAccounts)
    tasks: FakeTasks = field(default_factory=FakeTasks)
    notifications: FakeNotifications = field(default_factory=FakeNotifications)
    committed: int = 0
    events: list[DomainEvent] = field(default_factory=list)

    def record(self, event: DomainEvent) -> None:
        self.events.append(event)

    async def commit(self) -> None:
        self.committed += 1

    async def rollback(self) -> None:
        pass


def with_levels(uow: FakeUnitOfWork) -> FakeUnitOfWork:
    """The seeded levels of the migrations."""
    for code, rank in (
        ("PROVINCE", 0),
        ("DEPARTMENT", 1),
        ("DISTRICT", 1),
        ("OFFICE", 2),
        ("COMMUNE", 2),
    ):
        uow.units.levels[code] = OrgLevel(code, code.title(), rank)
    return uow

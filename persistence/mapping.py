"""Imperative mapping of the domain's dataclasses onto the tables (domain stays ORM-free)."""

from __future__ import annotations

from sqlalchemy.orm import registry

from domain.accounts.model import Account, ApiKey, LoginThrottle, RoleGrant, SessionToken
from domain.applicants.model import Applicant, ApplicantMessage, ApplicantRequest
from domain.catalog.model import Procedure, ProcedureAgency, ProcedureComponent, ProcedureVersion
from domain.directory.model import Article, Committee, CommitteeDocument, CommitteeMember
from domain.dossiers.model import (
    ApologyLetter,
    Dossier,
    DossierComponent,
    DossierMessage,
    DossierStep,
    OverdueNotice,
    Supplement,
    Survey,
)
from domain.notifications.model import ReporterMessage
from domain.org.model import Leadership, OrgLevel, OrgUnit, UnitEvent, UnitLineage, UnitPlacement
from domain.people.model import Membership, Person
from domain.programs.model import ItemResult, ProgramItem, WorkProgram
from domain.reflections.model import (
    AgencyFocal,
    Assignment,
    Category,
    CategoryAgency,
    CommunePoint,
    Question,
    Reflection,
    ReflectionEvent,
)
from domain.reports.model import ReportRound, ReportSubmission, ReportType
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
from domain.tasks.periods import TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem
from persistence import (
    applicant_tables,
    catalog_tables,
    dossier_tables,
    portal_tables,
    program_tables,
    reflection_tables,
    report_tables,
    reporter_message_tables,
    tables,
    task_tables,
)

mapper_registry = registry(metadata=tables.metadata)
_mapped = False


def map_domain() -> None:
    """Map every domain class once; versioned aggregates get optimistic locking."""
    global _mapped  # noqa: PLW0603
    if _mapped:
        return
    _mapped = True
    plain = [
        (OrgLevel, tables.org_levels),
        (UnitPlacement, tables.unit_placements),
        (UnitLineage, tables.unit_lineage),
        (UnitEvent, tables.unit_events),
        (Leadership, tables.leaderships),
        (Membership, tables.memberships),
        (CommitteeMember, tables.committee_members),
        (CommitteeDocument, tables.committee_documents),
        (Article, tables.articles),
        (RoleGrant, tables.role_grants),
        (SessionToken, tables.session_tokens),
        (ApiKey, tables.api_keys),
        (LoginThrottle, tables.login_throttles),
        (TaskUnit, task_tables.task_units),
        (TaskTracker, task_tables.task_trackers),
        (TaskAssignee, task_tables.task_assignees),
        (TaskEvent, task_tables.task_events),
        (ProgressUpdate, task_tables.task_progress),
        (TaskResponse, task_tables.task_responses),
        (Category, reflection_tables.reflection_categories),
        (CategoryAgency, reflection_tables.reflection_category_agencies),
        (CommunePoint, reflection_tables.commune_points),
        (AgencyFocal, reflection_tables.reflection_focals),
        (Assignment, reflection_tables.reflection_assignments),
        (ReflectionEvent, reflection_tables.reflection_events),
        (Question, reflection_tables.reflection_questions),
        (ReporterMessage, reporter_message_tables.reporter_messages),
        (ProcedureVersion, catalog_tables.procedure_versions),
        (ProcedureComponent, catalog_tables.procedure_components),
        (ProcedureAgency, catalog_tables.procedure_agencies),
        (ApplicantMessage, applicant_tables.applicant_messages),
        (DossierComponent, dossier_tables.dossier_components),
        (DossierStep, dossier_tables.dossier_steps),
        (Supplement, dossier_tables.dossier_supplements),
        (ApologyLetter, dossier_tables.dossier_apologies),
        (OverdueNotice, dossier_tables.dossier_notices),
        (Survey, dossier_tables.dossier_surveys),
        (DossierMessage, dossier_tables.dossier_messages),
    ]
    for cls, table in plain:
        mapper_registry.map_imperatively(cls, table)
    versioned = [
        (OrgUnit, tables.org_units),
        (Person, tables.persons),
        (Committee, tables.committees),
        (Account, tables.accounts),
        (Directive, task_tables.directives),
        (Task, task_tables.tasks),
        (ReportType, report_tables.report_types),
        (ReportRound, report_tables.report_rounds),
        (ReportSubmission, report_tables.report_submissions),
        (WorkProgram, program_tables.work_programs),
        (ProgramItem, program_tables.work_program_items),
        (ItemResult, program_tables.work_program_results),
        (TaskOccurrence, portal_tables.task_occurrences),
        (PressDigest, portal_tables.press_digests),
        (PressItem, portal_tables.press_items),
        (CitizenQuestion, portal_tables.citizen_questions),
        (Reflection, reflection_tables.reflections),
        (Procedure, catalog_tables.procedures),
        (Applicant, applicant_tables.applicants),
        (ApplicantRequest, applicant_tables.applicant_requests),
        (Dossier, dossier_tables.dossiers),
    ]
    for cls, table in versioned:
        mapper_registry.map_imperatively(cls, table, version_id_col=table.c.version)

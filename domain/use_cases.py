"""Every module whose use cases handle commands: importing this registers them all.

The dispatcher imports it once; `tests/unit/test_commands.py` checks that every command has
its use case.
"""

from __future__ import annotations

from domain.accounts import services as account_services
from domain.applicants import office as applicant_office
from domain.applicants import registration as applicant_registration
from domain.catalog import services as catalog_services
from domain.directory import services as directory_services
from domain.dossiers import submission as dossier_submission
from domain.dossiers import transitions as dossier_transitions
from domain.notifications import services as notification_services
from domain.org import restructure
from domain.org import services as org_services
from domain.people import services as people_services
from domain.programs import results as program_results
from domain.programs import services as program_services
from domain.reflections import catalog, intake, interaction, transitions
from domain.reports import services as report_services
from domain.tasks import (
    calendar_days,
    occurrence_reports,
    press,
    progress,
    questions,
    services,
)
from domain.tasks import transitions as task_transitions

__all__ = [
    "account_services",
    "applicant_office",
    "applicant_registration",
    "calendar_days",
    "catalog",
    "catalog_services",
    "directory_services",
    "dossier_submission",
    "dossier_transitions",
    "intake",
    "interaction",
    "notification_services",
    "occurrence_reports",
    "org_services",
    "people_services",
    "press",
    "program_results",
    "program_services",
    "progress",
    "questions",
    "report_services",
    "restructure",
    "services",
    "task_transitions",
    "transitions",
]

"""The one place that decides who may see and do what (PERMISSIONS.md).

Every row and field rule is a function here; resolvers and schema fields only call them.
A scope is a materialized path: a grant on "/1/5/" with include_subtree covers "/1/5/23/".

Modules: `principal` (who asks), `directory` (units, people, accounts, the calendar),
`reflections` (field reports), `catalog` (procedures, applicant accounts), `dossiers`
(public-service dossiers), `stats` (statistics and periodic reports). Callers import from
`domain.permissions` itself.
"""

from __future__ import annotations

from domain.permissions.catalog import (
    can_edit_procedures,
    can_view_applicant,
    is_account_office,
    is_applicant_itself,
)
from domain.permissions.directory import (
    administered_paths,
    can_administer,
    can_declare_calendar_days,
    can_edit_person,
    can_edit_unit_info,
    can_grant,
    can_manage_children_of,
    can_manage_committee,
    can_manage_people_in,
    can_view_birthday,
    can_view_person,
    can_view_private_person_fields,
    can_view_units,
    can_view_work_contact,
    can_write_article,
    person_scope,
)
from domain.permissions.dossiers import (
    DossierParties,
    DossierScope,
    can_see_dossier_event,
    can_view_dossier,
    dossier_scope,
    handles_dossier,
    is_applicant,
)
from domain.permissions.principal import (
    ANONYMOUS,
    STAFF_KINDS,
    Grant,
    Principal,
    PrincipalKind,
    can_write,
    is_province_admin,
)
from domain.permissions.reflections import (
    ReflectionParties,
    ReflectionScope,
    can_manage_reflection_catalog,
    can_manage_reflection_focals,
    can_view_reflection,
    can_view_reflection_internals,
    can_view_reporter_contact,
    enters_reports,
    is_reflection_coordinator,
    is_reflection_ioc,
    is_reflection_reporter,
    reflection_agency_ids,
    reflection_scope,
    works_in_or_over,
)
from domain.permissions.stats import (
    can_view_reports,
    can_view_stats,
)

__all__ = [
    "ANONYMOUS",
    "STAFF_KINDS",
    "DossierParties",
    "DossierScope",
    "Grant",
    "Principal",
    "PrincipalKind",
    "ReflectionParties",
    "ReflectionScope",
    "administered_paths",
    "can_administer",
    "can_declare_calendar_days",
    "can_edit_person",
    "can_edit_procedures",
    "can_edit_unit_info",
    "can_grant",
    "can_manage_children_of",
    "can_manage_committee",
    "can_manage_people_in",
    "can_manage_reflection_catalog",
    "can_manage_reflection_focals",
    "can_see_dossier_event",
    "can_view_applicant",
    "can_view_birthday",
    "can_view_dossier",
    "can_view_person",
    "can_view_private_person_fields",
    "can_view_reflection",
    "can_view_reflection_internals",
    "can_view_reporter_contact",
    "can_view_reports",
    "can_view_stats",
    "can_view_units",
    "can_view_work_contact",
    "can_write",
    "can_write_article",
    "dossier_scope",
    "enters_reports",
    "handles_dossier",
    "is_account_office",
    "is_applicant",
    "is_applicant_itself",
    "is_province_admin",
    "is_reflection_coordinator",
    "is_reflection_ioc",
    "is_reflection_reporter",
    "person_scope",
    "reflection_agency_ids",
    "reflection_scope",
    "works_in_or_over",
]

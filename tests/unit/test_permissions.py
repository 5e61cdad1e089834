"""Every rule of domain.permissions, one allowing and one denying case each (no I/O)."""

from __future__ import annotations

from domain import permissions as p
from domain.accounts.model import Role
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind

# A province "/1/" with a department "/1/3/" (office "/1/3/4/") and a district "/1/5/"
# (office "/1/5/6/"); "/1/50/" shares a text prefix with "/1/5/" but is not under it.
PROV, SNV, SNV_OFFICE, HUE, HUE_OFFICE, LOOKALIKE = (
    "/1/",
    "/1/3/",
    "/1/3/4/",
    "/1/5/",
    "/1/5/6/",
    "/1/50/",
)


def staff(
    *grants: Grant, person_id: int | None = 7, unit_path: str | None = HUE_OFFICE
) -> Principal:
    return Principal(
        kind=PrincipalKind.STAFF,
        account_id=70,
        person_id=person_id,
        unit_path=unit_path,
        grants=grants,
        token_id=700,
    )


def unit_account(*grants: Grant) -> Principal:
    return Principal(kind=PrincipalKind.UNIT_ACCOUNT, account_id=80, unit_path=HUE, grants=grants)


def integrator(path: str = HUE, subtree: bool = True) -> Principal:
    return Principal(
        kind=PrincipalKind.INTEGRATOR, grants=(Grant(Role.INTEGRATOR, path, subtree),), api_key_id=9
    )


def citizen() -> Principal:
    return Principal(kind=PrincipalKind.CITIZEN, account_id=90)


def must_change_password() -> Principal:
    """A signed-in account that has not changed its first (or expired) password yet."""
    return Principal(kind=PrincipalKind.ANONYMOUS, account_id=81, token_id=810)


def g(role: Role, path: str, subtree: bool = False) -> Grant:
    return Grant(role, path, subtree)


# --- grants and principals ------------------------------------------------------------------


def test_grant_covers_its_own_unit() -> None:
    assert g(Role.LEADER, HUE).covers(HUE)
    assert not g(Role.LEADER, HUE).covers(HUE_OFFICE)


def test_subtree_grant_covers_units_below_but_not_lookalikes() -> None:
    assert g(Role.LEADER, HUE, subtree=True).covers(HUE_OFFICE)
    assert not g(Role.LEADER, HUE, subtree=True).covers(LOOKALIKE)
    assert not g(Role.LEADER, HUE, subtree=True).covers(PROV)


def test_has_role_or_admin() -> None:
    assert staff(g(Role.OVERSEER, HUE, True)).has(Role.OVERSEER, HUE_OFFICE)
    assert staff(g(Role.ADMIN, HUE, True)).has(Role.OVERSEER, HUE_OFFICE)  # admin: everything
    assert not staff(g(Role.OVERSEER, HUE, True)).has(Role.LEADER, HUE_OFFICE)
    assert not staff(g(Role.OVERSEER, HUE, True)).has(Role.OVERSEER, SNV)


def test_roles_on_a_unit() -> None:
    who = staff(g(Role.LEADER, HUE), g(Role.OVERSEER, PROV, True), g(Role.SPECIALIST, SNV))
    assert who.roles_on(HUE) == {Role.LEADER, Role.OVERSEER}
    assert who.roles_on(HUE_OFFICE) == {Role.OVERSEER}


def test_signed_in() -> None:
    assert staff().signed_in
    assert not ANONYMOUS.signed_in


# --- writing at all -------------------------------------------------------------------------


def test_can_write_allows_accounts() -> None:
    assert p.can_write(staff())
    assert p.can_write(unit_account())


def test_can_write_denies_integrators() -> None:
    assert not p.can_write(integrator(PROV))


# --- directory rows and fields --------------------------------------------------------------


def test_units_are_public() -> None:
    assert p.can_view_units(ANONYMOUS)
    assert p.can_view_units(citizen())


def test_work_contact_is_for_signed_in_staff() -> None:
    assert p.can_view_work_contact(staff())
    assert p.can_view_work_contact(unit_account())
    assert p.can_view_work_contact(integrator())


def test_work_contact_is_denied_to_the_public_citizens_and_pending_accounts() -> None:
    assert not p.can_view_work_contact(ANONYMOUS)
    assert not p.can_view_work_contact(citizen())
    assert not p.can_view_work_contact(must_change_password())


def test_person_scope_is_unlimited_for_staff() -> None:
    assert p.person_scope(staff()) is None
    assert p.person_scope(unit_account(g(Role.ADMIN, PROV, True))) is None


def test_person_scope_of_an_integrator_is_its_key() -> None:
    assert p.person_scope(integrator(HUE, True)) == (g(Role.INTEGRATOR, HUE, True),)


def test_can_view_person_allows_staff_anywhere_and_integrators_in_scope() -> None:
    assert p.can_view_person(staff(), person_unit_path=SNV_OFFICE)
    assert p.can_view_person(integrator(HUE, True), person_unit_path=HUE_OFFICE)
    assert p.can_view_person(integrator(HUE, False), person_unit_path=HUE)


def test_can_view_person_denies_outside_the_integrator_scope_and_the_public() -> None:
    assert not p.can_view_person(integrator(HUE, True), person_unit_path=SNV)
    assert not p.can_view_person(integrator(HUE, True), person_unit_path=LOOKALIKE)
    assert not p.can_view_person(integrator(HUE, False), person_unit_path=HUE_OFFICE)
    assert not p.can_view_person(integrator(HUE, True), person_unit_path=None)
    assert not p.can_view_person(ANONYMOUS, person_unit_path=HUE)


def test_private_fields_allowed_to_the_person_editor_in_scope_and_admin() -> None:
    assert p.can_view_private_person_fields(staff(), person_id=7, person_unit_path=HUE_OFFICE)
    editor = unit_account(g(Role.DIRECTORY_EDITOR, HUE, True))
    assert p.can_view_private_person_fields(editor, person_id=8, person_unit_path=HUE_OFFICE)
    admin = unit_account(g(Role.ADMIN, HUE, True))
    assert p.can_view_private_person_fields(admin, person_id=8, person_unit_path=HUE_OFFICE)
    province_admin = unit_account(g(Role.ADMIN, PROV, True))
    assert p.can_view_private_person_fields(province_admin, person_id=8, person_unit_path=None)


def test_private_fields_denied_to_colleagues_overseers_and_editors_elsewhere() -> None:
    colleague = staff(g(Role.OVERSEER, PROV, True), g(Role.LEADER, HUE_OFFICE))
    assert not p.can_view_private_person_fields(colleague, person_id=8, person_unit_path=HUE_OFFICE)
    editor_elsewhere = unit_account(g(Role.DIRECTORY_EDITOR, HUE))  # the unit, not below
    assert not p.can_view_private_person_fields(
        editor_elsewhere, person_id=8, person_unit_path=HUE_OFFICE
    )
    assert not p.can_view_private_person_fields(
        integrator(PROV), person_id=8, person_unit_path=HUE_OFFICE
    )
    assert not p.can_view_private_person_fields(ANONYMOUS, person_id=8, person_unit_path=HUE)
    # A unit account is nobody's person, whatever its id fields say.
    assert not p.can_view_private_person_fields(
        Principal(kind=PrincipalKind.UNIT_ACCOUNT, account_id=7, person_id=8),
        person_id=8,
        person_unit_path=HUE,
    )
    # A person who left belongs to no unit: only a province-wide admin still sees them.
    city_admin = unit_account(g(Role.ADMIN, HUE, True))
    assert not p.can_view_private_person_fields(city_admin, person_id=8, person_unit_path=None)


def test_birthday_day_and_month_for_colleagues() -> None:
    assert p.can_view_birthday(staff())
    assert p.can_view_birthday(unit_account())


def test_birthday_denied_to_the_public_and_integrators() -> None:
    assert not p.can_view_birthday(ANONYMOUS)
    assert not p.can_view_birthday(integrator(PROV))


# --- directory editing ----------------------------------------------------------------------


def test_editors_of_a_parent_manage_its_children() -> None:
    assert p.can_manage_children_of(unit_account(g(Role.DIRECTORY_EDITOR, PROV)), PROV)
    assert p.can_manage_children_of(unit_account(g(Role.ADMIN, PROV, True)), HUE)


def test_managing_children_is_denied_elsewhere_and_to_leaders() -> None:
    province_editor = unit_account(g(Role.DIRECTORY_EDITOR, PROV))
    assert not p.can_manage_children_of(province_editor, HUE)  # districts manage their own
    assert not p.can_manage_children_of(staff(g(Role.LEADER, PROV)), PROV)


def test_unit_info_is_edited_by_parent_editors_and_own_leader() -> None:
    assert p.can_edit_unit_info(
        unit_account(g(Role.DIRECTORY_EDITOR, PROV)), unit_path=HUE, parent_path=PROV
    )
    assert p.can_edit_unit_info(staff(g(Role.LEADER, HUE)), unit_path=HUE, parent_path=PROV)
    assert p.can_edit_unit_info(
        unit_account(g(Role.DIRECTORY_EDITOR, HUE)), unit_path=HUE, parent_path=PROV
    )


def test_unit_info_is_denied_to_others() -> None:
    assert not p.can_edit_unit_info(staff(g(Role.LEADER, SNV)), unit_path=HUE, parent_path=PROV)
    assert not p.can_edit_unit_info(
        staff(g(Role.OVERSEER, PROV, True)), unit_path=HUE, parent_path=PROV
    )
    assert not p.can_edit_unit_info(
        unit_account(g(Role.DIRECTORY_EDITOR, HUE)), unit_path=PROV, parent_path=None
    )


def test_people_are_managed_by_the_unit_editors() -> None:
    assert p.can_manage_people_in(unit_account(g(Role.DIRECTORY_EDITOR, HUE)), HUE)
    assert p.can_manage_people_in(unit_account(g(Role.DIRECTORY_EDITOR, HUE, True)), HUE_OFFICE)


def test_people_management_is_denied_outside_the_grant() -> None:
    assert not p.can_manage_people_in(unit_account(g(Role.DIRECTORY_EDITOR, HUE)), HUE_OFFICE)
    assert not p.can_manage_people_in(staff(g(Role.LEADER, HUE)), HUE)


def test_persons_edit_themselves_and_editors_edit_their_people() -> None:
    assert p.can_edit_person(staff(), person_id=7, unit_path=HUE_OFFICE)
    assert p.can_edit_person(
        unit_account(g(Role.DIRECTORY_EDITOR, HUE, True)), person_id=8, unit_path=HUE_OFFICE
    )
    assert p.can_edit_person(unit_account(g(Role.ADMIN, PROV, True)), person_id=8, unit_path=None)


def test_editing_someone_else_is_denied() -> None:
    assert not p.can_edit_person(staff(), person_id=8, unit_path=HUE_OFFICE)
    assert not p.can_edit_person(
        unit_account(g(Role.DIRECTORY_EDITOR, SNV, True)), person_id=8, unit_path=HUE_OFFICE
    )
    assert not p.can_edit_person(
        unit_account(g(Role.ADMIN, HUE, True)), person_id=8, unit_path=None
    )


def test_committees_are_managed_by_editors_of_the_standing_agency() -> None:
    assert p.can_manage_committee(unit_account(g(Role.DIRECTORY_EDITOR, PROV)), PROV)


def test_committee_management_is_denied_elsewhere() -> None:
    assert not p.can_manage_committee(unit_account(g(Role.DIRECTORY_EDITOR, HUE)), PROV)
    assert not p.can_manage_committee(staff(g(Role.LEADER, PROV)), PROV)


def test_articles_come_from_personal_accounts() -> None:
    assert p.can_write_article(staff())


def test_articles_are_denied_to_unit_accounts_and_others() -> None:
    assert not p.can_write_article(unit_account(g(Role.ADMIN, PROV, True)))
    assert not p.can_write_article(staff(person_id=None))
    assert not p.can_write_article(integrator())
    assert not p.can_write_article(ANONYMOUS)


# --- accounts -------------------------------------------------------------------------------


def test_admins_administer_their_scope() -> None:
    assert p.can_administer(unit_account(g(Role.ADMIN, HUE, True)), HUE_OFFICE)
    assert p.can_administer(unit_account(g(Role.ADMIN, HUE)), HUE)


def test_administration_is_denied_outside_the_scope_and_to_other_roles() -> None:
    assert not p.can_administer(unit_account(g(Role.ADMIN, HUE, True)), SNV)
    assert not p.can_administer(unit_account(g(Role.ADMIN, HUE)), HUE_OFFICE)
    assert not p.can_administer(unit_account(g(Role.DIRECTORY_EDITOR, PROV, True)), HUE)


def test_administered_paths_are_where_admin_grants_start() -> None:
    who = unit_account(g(Role.ADMIN, HUE, True), g(Role.ADMIN, SNV), g(Role.LEADER, PROV))
    assert p.administered_paths(who) == [HUE, SNV]


def test_administered_paths_are_empty_for_non_admins() -> None:
    assert p.administered_paths(unit_account(g(Role.DIRECTORY_EDITOR, PROV, True))) == []
    assert p.administered_paths(integrator(PROV)) == []


def test_admins_grant_inside_their_scope() -> None:
    city_admin = unit_account(g(Role.ADMIN, HUE, True))
    assert p.can_grant(city_admin, unit_path=HUE_OFFICE, include_subtree=True)
    assert p.can_grant(city_admin, unit_path=HUE, include_subtree=False)
    assert p.can_grant(unit_account(g(Role.ADMIN, HUE)), unit_path=HUE, include_subtree=False)


def test_grants_are_never_wider_than_the_admin_holds() -> None:
    city_admin = unit_account(g(Role.ADMIN, HUE, True))
    assert not p.can_grant(city_admin, unit_path=PROV, include_subtree=False)
    assert not p.can_grant(city_admin, unit_path=LOOKALIKE, include_subtree=False)
    narrow = unit_account(g(Role.ADMIN, HUE))
    assert not p.can_grant(narrow, unit_path=HUE, include_subtree=True)
    assert not p.can_grant(narrow, unit_path=HUE_OFFICE, include_subtree=False)
    assert not p.can_grant(
        unit_account(g(Role.DIRECTORY_EDITOR, PROV, True)), unit_path=HUE, include_subtree=False
    )


def test_province_admins_declare_calendar_days() -> None:
    assert p.can_declare_calendar_days(unit_account(g(Role.ADMIN, PROV, True)))


def test_calendar_days_are_denied_to_narrower_admins() -> None:
    assert not p.can_declare_calendar_days(unit_account(g(Role.ADMIN, PROV)))
    assert not p.can_declare_calendar_days(unit_account(g(Role.ADMIN, HUE, True)))


def test_stats_reach_the_subtrees_of_integrators_overseers_and_admins() -> None:
    assert p.can_view_stats(integrator(HUE), HUE_OFFICE)
    assert p.can_view_stats(staff(Grant(Role.OVERSEER, HUE, True)), HUE)
    assert p.can_view_stats(staff(Grant(Role.ADMIN, PROV, True)), SNV)


def test_stats_are_refused_outside_the_subtree_or_to_other_roles() -> None:
    assert not p.can_view_stats(integrator(HUE), LOOKALIKE)
    assert not p.can_view_stats(integrator(HUE), PROV)
    # a key for a unit alone does not reach the figures of the units under it
    assert not p.can_view_stats(integrator(HUE, subtree=False), HUE)
    assert not p.can_view_stats(staff(Grant(Role.LEADER, HUE, True)), HUE)
    assert not p.can_view_stats(ANONYMOUS, HUE)


def test_reports_are_read_over_the_scope_and_by_the_unit_itself() -> None:
    assert p.can_view_reports(staff(Grant(Role.TASK_CREATOR, PROV, True)), HUE, 5)
    assert p.can_view_reports(
        Principal(kind=PrincipalKind.UNIT_ACCOUNT, account_id=1, unit_id=5, unit_path=HUE), HUE, 5
    )
    assert not p.can_view_reports(staff(Grant(Role.SPECIALIST, HUE, True)), HUE, 5)
    assert not p.can_view_reports(integrator(HUE), HUE, 5)

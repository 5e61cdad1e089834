"""Rules of the procedure catalog and of applicant accounts (002 Art. 5, 7, 10, 14).

- The catalog is public: anyone reads procedures and every version of them.
- A procedure is edited by the agency's own directory editors (DIRECTORY_EDITOR covering
  the handling agency: they keep the agency's public data, and the catalog is public data of
  the agency, Art. 5.1) and by admins in scope; an edit that moves a procedure to another
  agency needs the right on both.
- Applicant account data is confidential: the applicant itself, the account office
  (ACCOUNT_OFFICE on any unit: the province has one account database, Art. 14.1), a
  province-wide ADMIN, and the staff of an agency handling one of the applicant's dossiers.
"""

from __future__ import annotations

from domain.accounts.model import Role
from domain.permissions.principal import Principal, PrincipalKind, is_province_admin

_EDITORS = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)


def can_edit_procedures(principal: Principal, agency_path: str) -> bool:
    """Publish or change procedures handled by the agency at `agency_path`."""
    return principal.kind in _EDITORS and principal.has(Role.DIRECTORY_EDITOR, agency_path)


def is_account_office(principal: Principal) -> bool:
    """Approves, suspends, cancels and reactivates applicant accounts; reads their data."""
    if principal.kind not in _EDITORS:
        return False
    return is_province_admin(principal) or any(
        g.role is Role.ACCOUNT_OFFICE for g in principal.grants
    )


def is_applicant_itself(principal: Principal, account_id: int) -> bool:
    """The applicant signed in to its own account."""
    return principal.kind is PrincipalKind.CITIZEN and principal.account_id == account_id


def can_view_applicant(
    principal: Principal, account_id: int, *, handles_dossier: bool = False
) -> bool:
    """An applicant account and its confidential data (identity number, address, phone,
    email, date of birth): the applicant, the account office and province admins; the staff
    of an agency handling one of its dossiers (`handles_dossier`, decided by the dossiers)."""
    if is_applicant_itself(principal, account_id) or is_account_office(principal):
        return True
    return handles_dossier and principal.kind in _EDITORS

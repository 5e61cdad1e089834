"""The demo accounts: one per kind of user, with documented passwords (docs/demo-accounts.md).

These passwords are public. Never load the demo into a database reachable from the internet.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.accounts.model import AccountKind, Role


class Holder(StrEnum):
    """Which person of the account's unit holds a personal account."""

    NOBODY = "NOBODY"  # a unit account
    HEAD = "HEAD"  # the unit's head
    STAFF = "STAFF"  # the unit's first member who is not a leader


@dataclass(frozen=True)
class DemoAccount:
    """A demo login, who holds it and what it may do."""

    key: str
    login: str
    password: str
    kind: AccountKind
    unit_code: str
    holder: Holder
    roles: tuple[tuple[Role, str, bool], ...]  # (role, unit code, include subtree)
    must_change_password: bool
    summary: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "admin",
        "admin@thuathienhue.gov.vn",
        "QuanTri#Hue2026",
        AccountKind.UNIT,
        "UBND-TTH",
        Holder.NOBODY,
        ((Role.ADMIN, "UBND-TTH", True),),
        False,
        "System administrator of the whole province: accounts, roles, API keys, and every "
        "editor right (ADMIN implies every role).",
    ),
    DemoAccount(
        "editor",
        "danhba@thuathienhue.gov.vn",
        "BienTap#Tinh2026",
        AccountKind.UNIT,
        "VP-UBND",
        Holder.NOBODY,
        ((Role.DIRECTORY_EDITOR, "UBND-TTH", False),),
        False,
        "Provincial directory editor (account of the Provincial Office): creates, moves, "
        "splits, merges and dissolves departments and districts; edits their basic info; "
        "manages the people of the province unit itself.",
    ),
    DemoAccount(
        "district_editor",
        "danhba@huecity.gov.vn",
        "BienTap#Hue2026",
        AccountKind.UNIT,
        "UBND-HUE",
        Holder.NOBODY,
        ((Role.DIRECTORY_EDITOR, "UBND-HUE", True),),
        False,
        "Directory editor of thành phố Huế and everything under it: offices, wards and "
        "communes, their people and leaders.",
    ),
    DemoAccount(
        "chairman",
        "chutich@thuathienhue.gov.vn",
        "UyBan#TTH2026",
        AccountKind.PERSONAL,
        "UBND-TTH",
        Holder.HEAD,
        ((Role.OVERSEER, "UBND-TTH", True),),
        False,
        "The Chairman of the Provincial People's Committee (personal account): oversees the "
        "whole province, reads the directory and the dashboard.",
    ),
    DemoAccount(
        "director",
        "giamdoc.snv@thuathienhue.gov.vn",
        "NoiVu#SoTTH2026",
        AccountKind.PERSONAL,
        "SNV",
        Holder.HEAD,
        ((Role.LEADER, "SNV", True), (Role.OVERSEER, "SNV", True)),
        False,
        "Director of Sở Nội vụ (LEADER and OVERSEER over the department and its offices): "
        "edits the department's unit info; leads its work and sees the tasks its offices lead.",
    ),
    DemoAccount(
        "specialist",
        "chuyenvien.snv@thuathienhue.gov.vn",
        "CongChuc#2026",
        AccountKind.PERSONAL,
        "SNV-PCCVC",
        Holder.STAFF,
        ((Role.SPECIALIST, "SNV-PCCVC", False),),
        False,
        "A specialist of Phòng Công chức, viên chức (Sở Nội vụ): reads the directory, edits "
        "their own contact data.",
    ),
    DemoAccount(
        "ioc",
        "vanhanh.ioc@thuathienhue.gov.vn",
        "GiamSat#DoThi2026",
        AccountKind.PERSONAL,
        "IOC-PGSDH",
        Holder.STAFF,
        ((Role.IOC_OPERATOR, "UBND-TTH", True),),
        False,
        "An operator of the IOC (Phòng Giám sát, điều hành), IOC_OPERATOR over the province.",
    ),
    DemoAccount(
        "task_creator",
        "giaoviec@thuathienhue.gov.vn",
        "NhiemVu#VP2026",
        AccountKind.PERSONAL,
        "VP-UBND-PTH",
        Holder.STAFF,
        ((Role.TASK_CREATOR, "UBND-TTH", True),),
        False,
        "A specialist of the Provincial Office (Phòng Tổng hợp) who records the tasks the "
        "province assigns to departments and districts.",
    ),
    DemoAccount(
        "coordinator",
        "dieuphoi.sxd@thuathienhue.gov.vn",
        "XayDung#PhoiHop2026",
        AccountKind.PERSONAL,
        "SXD-VPS",
        Holder.STAFF,
        ((Role.COORDINATOR, "SXD", True),),
        False,
        "The coordinator of Sở Xây dựng (Văn phòng Sở): dispatches work inside the department.",
    ),
    DemoAccount(
        "commune_desk",
        "motcua.vinhninh@thuathienhue.gov.vn",
        "MotCua#VinhNinh2026",
        AccountKind.PERSONAL,
        "HUE-VINHNINH",
        Holder.STAFF,
        (
            (Role.RECEPTION_DESK, "HUE-VINHNINH", False),
            (Role.SPECIALIST, "HUE-VINHNINH", False),
            (Role.CLERK, "HUE-VINHNINH", False),
        ),
        False,
        "The one-stop desk of UBND phường Vĩnh Ninh (002 Annex: at a commune, the officer who "
        "receives also processes): receives or refuses dossiers, studies and drafts the ones "
        "assigned, registers results, returns them.",
    ),
    DemoAccount(
        "commune_leader",
        "chutich.vinhninh@thuathienhue.gov.vn",
        "ChuTich#VinhNinh2026",
        AccountKind.PERSONAL,
        "HUE-VINHNINH",
        Holder.HEAD,
        ((Role.LEADER, "HUE-VINHNINH", False),),
        False,
        "The chairman of UBND phường Vĩnh Ninh: assigns dossiers to a specialist, signs or "
        "returns the drafts.",
    ),
    DemoAccount(
        "account_office",
        "taikhoan.dvc@thuathienhue.gov.vn",
        "TaiKhoan#DVC2026",
        AccountKind.PERSONAL,
        "STTTT-PCNTT",
        Holder.STAFF,
        ((Role.ACCOUNT_OFFICE, "STTTT", False),),
        False,
        "The account office of Sở Thông tin và Truyền thông (002 Art. 10): approves "
        "applicants' registrations, checks their edits, suspends, cancels and reactivates "
        "their accounts, and reads their data.",
    ),
    DemoAccount(
        "commune",
        "phuhoi@huecity.gov.vn",
        "Phuong#HueCity2026",
        AccountKind.UNIT,
        "HUE-PHUHOI",
        Holder.NOBODY,
        (),
        True,
        "Unit account of phường Phú Hội. Must change its password at first sign-in "
        "(regulation); until then it can only call changePassword.",
    ),
)

"""Procedures and applicant accounts through the API, for the catalog's tests."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import select

from govgraph.container import Container
from persistence.applicant_tables import applicant_messages
from tests.factories import Api, Province, gid

PROCEDURE_FIELDS = """
  id code name field version
  agency { code }
  current {
    id number name field serviceLevel processingDays steps methods targetSubjects result
    fees feeAmount legalBasis place hours issuingDocument issuedOn updateDueOn late joined
    components { id position name required copies form formUrl }
    chain { position task agency { code } }
  }
"""

CREATE = f"""
mutation Create($code: String!, $input: ProcedureInput!) {{
  createProcedure(code: $code, input: $input) {{
    procedure {{ {PROCEDURE_FIELDS} }}
    version {{ id number }}
    errors {{ code message field }}
  }}
}}
"""

UPDATE = f"""
mutation Update($id: ID!, $input: ProcedureInput!, $version: Int) {{
  updateProcedure(id: $id, input: $input, version: $version) {{
    procedure {{ {PROCEDURE_FIELDS} }}
    version {{ id number late }}
    errors {{ code message field }}
  }}
}}
"""

BIRTH = {
    "name": "Đăng ký khai sinh",
    "field": "Hộ tịch",
    "serviceLevel": 3,
    "processingDays": 1,
    "steps": [
        "Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của UBND cấp xã",
        "Công chức tư pháp - hộ tịch kiểm tra, ghi vào Sổ hộ tịch",
        "Chủ tịch UBND cấp xã ký Giấy khai sinh, trả kết quả",
    ],
    "methods": ["AT_DESK", "ONLINE"],
    "targetSubjects": ["CITIZEN"],
    "result": "Giấy khai sinh",
    "legalBasis": ["Luật Hộ tịch số 60/2014/QH13", "Nghị định 123/2015/NĐ-CP"],
    "place": "Bộ phận tiếp nhận và trả kết quả UBND phường Phú Hội",
    "hours": "Giờ hành chính các ngày làm việc",
    "issuingDocument": "Quyết định 1011/QĐ-UBND",
    "issuedOn": "2026-11-16",
    "fees": "Miễn lệ phí đăng ký khai sinh đúng hạn",
    "components": [
        {"name": "Tờ khai đăng ký khai sinh", "form": "Mẫu TP/HT-2016-KS.1"},
        {"name": "Giấy chứng sinh", "copies": 1},
        {"name": "Văn bản ủy quyền (nếu có)", "required": False},
    ],
}


def procedure_input(province: Province, unit: str = "HUE-PHUHOI", **changes: Any) -> dict[str, Any]:
    """A valid input for the unit, with changes."""
    found = copy.deepcopy(BIRTH)
    found["agencyUnitId"] = gid("OrgUnit", province.units[unit])
    found.update(changes)
    return found


async def create_procedure(
    api: Api, province: Province, code: str = "HT-KS.PHUHOI", **changes: Any
) -> dict[str, Any]:
    """createProcedure's payload."""
    body = await api.post(CREATE, {"code": code, "input": procedure_input(province, **changes)})
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["createProcedure"]
    return payload


REGISTER = """
mutation Register($login: String!, $password: String!, $kind: ApplicantKind!,
                  $data: ApplicantDataInput!, $channel: VerifyChannel!) {
  registerApplicant(login: $login, password: $password, kind: $kind, data: $data,
                    verifyChannel: $channel) {
    account { id status fullName }
    errors { code message field }
  }
}
"""

VERIFY = """
mutation Verify($login: String!, $code: String!) {
  verifyApplicant(login: $login, code: $code) {
    account { id status verifiedAt }
    errors { code message field }
  }
}
"""

CITIZEN_DATA = {
    "fullName": "Nguyễn Thị Hoa",
    "identityNumber": "046190001234",
    "address": "15 Chi Lăng, phường Phú Hội, thành phố Huế",
    "email": "hoa.nguyen@example.vn",
    "phone": "0905 111 222",
    "dateOfBirth": "1990-05-12",
}
APPLICANT_PASSWORD = "DichVuCong#2026"


async def register(
    api: Api,
    login: str = "hoa.nguyen@example.vn",
    *,
    kind: str = "CITIZEN",
    channel: str = "EMAIL",
    **data: Any,
) -> dict[str, Any]:
    """registerApplicant's payload."""
    variables = {
        "login": login,
        "password": APPLICANT_PASSWORD,
        "kind": kind,
        "data": {**CITIZEN_DATA, **data},
        "channel": channel,
    }
    body = await api.post(REGISTER, variables)
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["registerApplicant"]
    return payload


async def last_code(container: Container) -> str:
    """The code of the latest VERIFY_CODE message (as the email or SMS would carry it)."""
    m = applicant_messages.c
    async with container.engine.connect() as conn:
        found = await conn.execute(
            select(m.secret).where(m.kind == "VERIFY_CODE").order_by(m.id.desc()).limit(1)
        )
        code = found.scalar_one()
    assert isinstance(code, str)
    return code


async def verify(api: Api, login: str, code: str) -> dict[str, Any]:
    """verifyApplicant's payload."""
    body = await api.post(VERIFY, {"login": login, "code": code})
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["verifyApplicant"]
    return payload


QUEUE = """
query Queue($status: ApplicantRequestStatus, $kind: ApplicantRequestKind) {
  applicantRequests(status: $status, kind: $kind) {
    totalCount
    edges { node { id kind status dueAt late version reason account { id fullName status } } }
  }
}
"""

DECIDE = """
mutation Decide($id: ID!, $approve: Boolean!, $note: String, $version: Int) {
  decideApplicantRequest(requestId: $id, approve: $approve, note: $note, version: $version) {
    request { id status note account { status } }
    errors { code message field }
  }
}
"""

ASK = """
mutation Ask($kind: ApplicantRequestKind!, $reason: String, $changes: ApplicantChangesInput,
             $version: Int) {
  requestApplicantAccountChange(kind: $kind, reason: $reason, changes: $changes,
                                version: $version) {
    request { id kind status dueAt }
    errors { code message field }
  }
}
"""

MINE = """
{ myApplicantAccount { id status fullName identityNumber address email phone version
                       requests { kind status } } }
"""


async def open_requests(api: Api, office: str = "admin@hue.gov.vn") -> list[dict[str, Any]]:
    """The office's queue of open requests (signs in as the office)."""
    await api.login(office)
    data = await api.data(QUEUE, {})
    return [e["node"] for e in data["applicantRequests"]["edges"]]


async def decide(
    api: Api, request_id: str, approve: bool = True, note: str | None = None
) -> dict[str, Any]:
    """decideApplicantRequest's payload (as whoever is signed in)."""
    body = await api.post(DECIDE, {"id": request_id, "approve": approve, "note": note})
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["decideApplicantRequest"]
    return payload


async def active_applicant(
    api: Api, container: Container, login: str = "hoa.nguyen@example.vn", **data: Any
) -> str:
    """Register, verify and approve an applicant; signed in as it on return; its account id."""
    api.token = None
    registered = await register(api, login, **data)
    assert registered["errors"] == [], registered
    verified = await verify(api, login, await last_code(container))
    assert verified["errors"] == [], verified
    [request] = [
        r for r in await open_requests(api) if r["account"]["id"] == registered["account"]["id"]
    ]
    assert (await decide(api, request["id"]))["errors"] == []
    signed = await api.login(login, APPLICANT_PASSWORD)
    assert signed["errors"] == [], signed
    account_id: str = registered["account"]["id"]
    return account_id

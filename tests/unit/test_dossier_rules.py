"""The dossier flow's tables and rules: every allowed and forbidden transition, who plays
which side, the apology rule, guidance, tracking codes, components and the survey."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.accounts.model import Role
from domain.dossiers import components, guidance, policies, survey, tracking
from domain.dossiers.components import ComponentFile, ComponentRule
from domain.dossiers.model import (
    DeliveryMethod,
    Dossier,
    DossierState,
    GuidanceStage,
    PaymentMethod,
    Signature,
    SurveyCriterion,
)
from domain.dossiers.workflow import (
    STAFF_ACTIONS,
    TRANSITIONS,
    WHO,
    Action,
    Actor,
    check_actor,
    check_apology,
    next_state,
)
from domain.errors import DomainError, ErrorCode
from domain.permissions import (
    ANONYMOUS,
    DossierParties,
    Grant,
    Principal,
    PrincipalKind,
    can_see_dossier_event,
    can_view_dossier,
    dossier_scope,
)
from domain.reflections.model import MediaKind
from domain.reflections.uploads import MediaUpload

S = DossierState
A = Action
NOW = datetime(2026, 10, 6, 2, 0, tzinfo=UTC)

ALLOWED = {
    (S.SUBMITTED, A.ACCEPT): S.RECEIVED,
    (S.SUBMITTED, A.REFUSE): S.INCOMPLETE,
    (S.INCOMPLETE, A.COMPLETE): S.SUBMITTED,
    (S.RECEIVED, A.ASSIGN): S.IN_PROCESSING,
    (S.IN_PROCESSING, A.ASSIGN): S.IN_PROCESSING,
    (S.AWAITING_SUPPLEMENT, A.ASSIGN): S.AWAITING_SUPPLEMENT,
    (S.IN_PROCESSING, A.REQUEST_SUPPLEMENT): S.AWAITING_SUPPLEMENT,
    (S.AWAITING_SUPPLEMENT, A.SUPPLEMENT): S.IN_PROCESSING,
    (S.IN_PROCESSING, A.SUBMIT_DRAFT): S.DRAFTED,
    (S.DRAFTED, A.SIGN): S.SIGNED,
    (S.DRAFTED, A.RETURN_DRAFT): S.IN_PROCESSING,
    (S.SIGNED, A.REGISTER_RESULT): S.RESULT_READY,
    (S.SIGNED, A.TRANSFER): S.RECEIVED,
    (S.RESULT_READY, A.DELIVER): S.DELIVERED,
    (S.SUBMITTED, A.WITHDRAW): S.WITHDRAWN,
    (S.INCOMPLETE, A.WITHDRAW): S.WITHDRAWN,
    (S.RECEIVED, A.WITHDRAW): S.WITHDRAWN,
    (S.IN_PROCESSING, A.WITHDRAW): S.WITHDRAWN,
    (S.AWAITING_SUPPLEMENT, A.WITHDRAW): S.WITHDRAWN,
    (S.SUBMITTED, A.APOLOGIZE): S.SUBMITTED,
    (S.INCOMPLETE, A.APOLOGIZE): S.INCOMPLETE,
    (S.IN_PROCESSING, A.APOLOGIZE): S.IN_PROCESSING,
    (S.AWAITING_SUPPLEMENT, A.APOLOGIZE): S.AWAITING_SUPPLEMENT,
    (S.RECEIVED, A.NOTIFY_OVERDUE): S.RECEIVED,
    (S.IN_PROCESSING, A.NOTIFY_OVERDUE): S.IN_PROCESSING,
    (S.AWAITING_SUPPLEMENT, A.NOTIFY_OVERDUE): S.AWAITING_SUPPLEMENT,
    (S.DRAFTED, A.NOTIFY_OVERDUE): S.DRAFTED,
    (S.SIGNED, A.NOTIFY_OVERDUE): S.SIGNED,
}


def test_the_table_is_exactly_the_flow() -> None:
    assert TRANSITIONS == ALLOWED


@pytest.mark.parametrize(("state", "action"), sorted(ALLOWED))
def test_every_allowed_transition(state: DossierState, action: Action) -> None:
    assert next_state(state, action) is ALLOWED[(state, action)]


FORBIDDEN = sorted((state, action) for state in S for action in A if (state, action) not in ALLOWED)


@pytest.mark.parametrize(("state", "action"), FORBIDDEN)
def test_every_forbidden_transition(state: DossierState, action: Action) -> None:
    with pytest.raises(DomainError) as refused:
        next_state(state, action)
    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    assert refused.value.field is None


def test_done_and_withdrawn_dossiers_are_final() -> None:
    for state in (S.DELIVERED, S.WITHDRAWN):
        assert not [a for (s, a) in ALLOWED if s is state]


@pytest.mark.parametrize("action", list(A))
def test_only_the_listed_sides_act(action: Action) -> None:
    for actor in Actor:
        if actor in WHO[action]:
            check_actor(action, {actor})
        else:
            with pytest.raises(DomainError) as refused:
                check_actor(action, {actor})
            assert refused.value.code is ErrorCode.FORBIDDEN


def test_applicant_steps_are_not_staff_steps() -> None:
    assert {A.SUBMIT, A.COMPLETE, A.SUPPLEMENT, A.WITHDRAW}.isdisjoint(STAFF_ACTIONS)
    assert {A.ACCEPT, A.SIGN, A.REGISTER_RESULT, A.DELIVER} <= STAFF_ACTIONS


# --- the apology --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "round_", "at_fault", "owed"),
    [
        (GuidanceStage.RECEPTION, 1, True, False),
        (GuidanceStage.RECEPTION, 2, True, False),
        (GuidanceStage.RECEPTION, 3, True, True),  # guided more than twice, the desk at fault
        (GuidanceStage.RECEPTION, 3, False, False),  # the applicant's own error
        (GuidanceStage.RECEPTION, 4, True, True),
        (GuidanceStage.PROCESSING, 1, True, False),
        (GuidanceStage.PROCESSING, 2, True, True),  # a second request, the specialist at fault
        (GuidanceStage.PROCESSING, 2, False, False),
    ],
)
def test_apology_owed(stage: GuidanceStage, round_: int, at_fault: bool, owed: bool) -> None:
    assert guidance.apology_owed(stage, round_, staff_at_fault=at_fault) is owed


def test_a_pending_apology_stops_staff_until_written() -> None:
    for action in (A.ACCEPT, A.REFUSE, A.ASSIGN, A.SUBMIT_DRAFT, A.SIGN, A.DELIVER):
        with pytest.raises(DomainError) as refused:
            check_apology(action, GuidanceStage.RECEPTION, {Actor.DESK, Actor.LEADER})
        assert refused.value.code is ErrorCode.APOLOGY_REQUIRED
    for action in (A.COMPLETE, A.SUPPLEMENT, A.WITHDRAW, A.NOTIFY_OVERDUE):
        check_apology(action, GuidanceStage.RECEPTION, {Actor.APPLICANT})
    check_apology(A.ACCEPT, None, {Actor.DESK})


def test_the_apology_is_written_by_the_side_at_fault() -> None:
    check_apology(A.APOLOGIZE, GuidanceStage.RECEPTION, {Actor.DESK})
    check_apology(A.APOLOGIZE, GuidanceStage.PROCESSING, {Actor.SPECIALIST})
    check_apology(A.APOLOGIZE, GuidanceStage.PROCESSING, {Actor.LEADER})
    with pytest.raises(DomainError) as refused:
        check_apology(A.APOLOGIZE, GuidanceStage.RECEPTION, {Actor.SPECIALIST, Actor.LEADER})
    assert refused.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DomainError) as refused:
        check_apology(A.APOLOGIZE, None, {Actor.DESK})
    assert refused.value.code is ErrorCode.INVALID_STATE


def test_guidance_is_written_in_full_once() -> None:
    checked = guidance.check_guidance(
        "  Bổ sung bản sao giấy chứng sinh có chứng thực.  ", [4, 4], {4, 5}, staff_at_fault=True
    )
    assert checked.text.startswith("Bổ sung")
    assert checked.missing_components == (4,)
    for text in (None, "", "   ", "Thiếu giấy tờ"):
        with pytest.raises(DomainError) as refused:
            guidance.check_guidance(text, [], {4}, staff_at_fault=False)
        assert refused.value.field == "guidance"
    with pytest.raises(DomainError) as refused:
        guidance.check_guidance("x" * 5001, [], {4}, staff_at_fault=False)
    assert refused.value.code is ErrorCode.TOO_LONG
    with pytest.raises(DomainError) as refused:
        guidance.check_guidance(
            "Bổ sung giấy chứng sinh bản chính.", [9], {4}, staff_at_fault=False
        )
    assert refused.value.field == "missingComponentIds"


# --- tracking codes -----------------------------------------------------------------------


def test_tracking_codes_are_random_and_forgiving() -> None:
    codes = {tracking.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert tracking.PATTERN.match(code)
        assert tracking.normalise(code) == code
        assert tracking.normalise(code.lower().replace("-", " ")) == code
    assert tracking.normalise("hs-7k2m-9qxd-4tob") == "HS-7K2M-9QXD-4T0B"  # O read as 0
    for bad in (
        "",
        "HS",
        "HS-7K2M-9QXD",
        "XX-7K2M-9QXD-4T0B",
        "HS-7K2M-9QXD-4T0U",
        "HS-" + "A" * 99,
    ):
        assert tracking.normalise(bad) is None


# --- components ---------------------------------------------------------------------------

FORM = ComponentRule(11, "Tờ khai đăng ký khai sinh", True)
PROOF = ComponentRule(12, "Giấy chứng sinh", True)
EXTRA = ComponentRule(13, "Văn bản ủy quyền", False, frozenset({"application/pdf"}))
RULES = (FORM, PROOF, EXTRA)


def _upload(key: str, mime: str = "application/pdf", **more: object) -> MediaUpload:
    return MediaUpload(
        key=key,
        kind=MediaKind.DOCUMENT if mime == "application/pdf" else MediaKind.PHOTO,
        mime_type=mime,
        size_bytes=1000,
        sha256="ab" * 32,
        name=f"{key}.pdf",
        uploaded_at=NOW,
        client_address="10.0.0.1",
        **more,  # type: ignore[arg-type]
    )


UPLOADS = {
    "a": _upload("a"),
    "b": _upload("b", "image/jpeg"),
    "c": _upload("c", "image/png"),
    "taken": _upload("taken", dossier_id=99),
    "report": _upload("report", reflection_id=5),
}


def _check(files: list[ComponentFile], already: set[int] | None = None) -> list[object]:
    return list(
        components.check_files(
            RULES, files, UPLOADS, dossier_id=1, now=NOW, round_=0, already=already or set()
        )
    )


def test_components_with_every_required_file() -> None:
    found = _check([ComponentFile(11, "a"), ComponentFile(12, "b")])
    assert [(c.component_id, c.mime_type, c.sha256) for c in found] == [  # type: ignore[attr-defined]
        (11, "application/pdf", "ab" * 32),
        (12, "image/jpeg", "ab" * 32),
    ]


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ([ComponentFile(11, "a")], ErrorCode.MISSING_COMPONENTS),
        ([ComponentFile(11, "a"), ComponentFile(12, "nope")], ErrorCode.MEDIA_REJECTED),
        ([ComponentFile(11, "a"), ComponentFile(12, "taken")], ErrorCode.MEDIA_REJECTED),
        ([ComponentFile(11, "a"), ComponentFile(12, "report")], ErrorCode.MEDIA_REJECTED),
        ([ComponentFile(11, "a"), ComponentFile(99, "b")], ErrorCode.INVALID_INPUT),
        ([ComponentFile(11, "a"), ComponentFile(12, "a")], ErrorCode.INVALID_INPUT),
        (
            [ComponentFile(11, "a"), ComponentFile(12, "b"), ComponentFile(13, "c")],
            ErrorCode.FILE_TYPE_REJECTED,
        ),
    ],
)
def test_components_refused(files: list[ComponentFile], code: ErrorCode) -> None:
    with pytest.raises(DomainError) as refused:
        _check(files)
    assert refused.value.code is code


def test_a_completion_may_bring_only_what_was_missing() -> None:
    found = _check([ComponentFile(12, "c")], already={11})
    assert [c.component_id for c in found] == [12]  # type: ignore[attr-defined]


def test_a_signature_must_be_over_the_file() -> None:
    signed = Signature("Nguyễn Văn A", "54 01 AB", "VNPT-CA", NOW, "AB" * 32)
    found = _check([ComponentFile(11, "a", signed), ComponentFile(12, "b")])
    assert found[0].signature.document_sha256 == "ab" * 32  # type: ignore[attr-defined]
    forged = Signature("Nguyễn Văn A", "54 01 AB", "VNPT-CA", NOW, "cd" * 32)
    with pytest.raises(DomainError) as refused:
        _check([ComponentFile(11, "a", forged), ComponentFile(12, "b")])
    assert refused.value.field == "signature"


# --- the survey ---------------------------------------------------------------------------


def _done(**changes: object) -> Dossier:
    dossier = Dossier(
        procedure_id=1,
        procedure_version_id=1,
        applicant_account_id=7,
        agency_unit_id=3,
        holder_unit_id=3,
        tracking_code="HS-0000-0000-0000",
        submitted_at=NOW,
        reception_due=NOW,
        processing_days=1,
        payment=PaymentMethod.ONLINE,
        delivery=DeliveryMethod.POST,
        state=S.DELIVERED,
    )
    dossier.id = 41
    for name, value in changes.items():
        setattr(dossier, name, value)
    return dossier


SCORES = dict.fromkeys(SurveyCriterion, 5) | {SurveyCriterion.ONLINE_PAYMENT: None}


def test_survey_of_a_done_dossier() -> None:
    taken = survey.take_survey(_done(), SCORES, "  Nhanh gọn.  ", NOW)
    assert taken.dossier_id == 41
    assert taken.comment == "Nhanh gọn."
    assert taken.scores()[SurveyCriterion.STAFF_ATTITUDE] == 5
    assert taken.scores()[SurveyCriterion.ONLINE_PAYMENT] is None


@pytest.mark.parametrize(
    ("changes", "scores", "field"),
    [
        ({"state": S.IN_PROCESSING}, SCORES, None),
        ({"rated": True}, SCORES, None),
        ({}, SCORES | {SurveyCriterion.PROCESSING_TIME: None}, "processingTime"),
        ({}, SCORES | {SurveyCriterion.GUIDANCE_CLARITY: 6}, "guidanceClarity"),
        ({}, SCORES | {SurveyCriterion.ONLINE_RESULT: 0}, "onlineResult"),
    ],
)
def test_survey_refused(
    changes: dict[str, object], scores: dict[SurveyCriterion, int | None], field: str | None
) -> None:
    with pytest.raises(DomainError) as refused:
        survey.take_survey(_done(**changes), scores, None, NOW)
    assert refused.value.field == field
    assert refused.value.code in (ErrorCode.INVALID_STATE, ErrorCode.INVALID_INPUT)


def test_criterion_figures() -> None:
    figure = survey.CriterionFigure(SurveyCriterion.CONVENIENCE, answers=4, total=15, satisfied=3)
    assert figure.average == 3.75
    assert figure.satisfied_rate == 0.75
    assert survey.CriterionFigure(SurveyCriterion.CONVENIENCE, 0, 0, 0).average is None


# --- who sees and who acts ----------------------------------------------------------------

DEPT, OTHER = "/1/5/", "/1/6/"
PARTIES = DossierParties(
    applicant_account_id=70,
    chain=((5, DEPT), (8, "/1/8/")),
    holder_unit_id=5,
    holder_person_id=300,
)


def _staff(*grants: tuple[Role, str, bool], person: int = 1, unit: int = 9) -> Principal:
    return Principal(
        PrincipalKind.STAFF,
        account_id=person + 1000,
        person_id=person,
        unit_id=unit,
        unit_path="/1/9/",
        grants=tuple(Grant(role, path, sub) for role, path, sub in grants),
    )


APPLICANT = Principal(PrincipalKind.CITIZEN, account_id=70)
STRANGER = Principal(PrincipalKind.CITIZEN, account_id=71)
DESK = _staff((Role.RECEPTION_DESK, DEPT, False))
LEADER = _staff((Role.LEADER, DEPT, False))
CLERK = _staff((Role.CLERK, DEPT, False))
SPECIALIST = _staff(person=300, unit=5)
OTHER_SPECIALIST = _staff((Role.SPECIALIST, DEPT, False), person=301, unit=5)
OVERSEER = _staff((Role.OVERSEER, "/1/", True))
NEXT_AGENCY_LEADER = _staff((Role.LEADER, "/1/8/", False))
OTHER_LEADER = _staff((Role.LEADER, OTHER, True))
INTEGRATOR = Principal(PrincipalKind.INTEGRATOR, grants=(Grant(Role.INTEGRATOR, "/1/", True),))


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (APPLICANT, True),
        (STRANGER, False),
        (ANONYMOUS, False),
        (DESK, True),
        (LEADER, True),
        (CLERK, True),
        (SPECIALIST, True),
        (OTHER_SPECIALIST, False),  # a specialist of the agency it is not assigned to
        (OVERSEER, True),
        (NEXT_AGENCY_LEADER, True),  # the next agency of the chain
        (OTHER_LEADER, False),
        (INTEGRATOR, False),
    ],
)
def test_row_rule(who: Principal, sees: bool) -> None:
    assert can_view_dossier(who, PARTIES) is sees


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (APPLICANT, {Actor.APPLICANT}),
        (STRANGER, set()),
        (DESK, {Actor.DESK}),
        (LEADER, {Actor.LEADER}),
        (CLERK, {Actor.CLERK}),
        (SPECIALIST, {Actor.SPECIALIST}),
        (OTHER_SPECIALIST, set()),
        (OVERSEER, set()),
        (NEXT_AGENCY_LEADER, set()),  # not the holder yet
        (_staff((Role.ADMIN, "/1/", True)), {Actor.DESK, Actor.LEADER, Actor.CLERK}),
    ],
)
def test_sides(who: Principal, expected: set[Actor]) -> None:
    assert policies.sides(who, PARTIES) == expected


def test_the_next_agency_plays_once_it_holds_the_dossier() -> None:
    passed = DossierParties(70, PARTIES.chain, holder_unit_id=8)
    assert policies.sides(NEXT_AGENCY_LEADER, passed) == {Actor.LEADER}
    assert policies.sides(DESK, passed) == {Actor.DESK}  # the receiving desk returns it
    assert policies.sides(LEADER, passed) == set()


def test_scopes() -> None:
    assert dossier_scope(APPLICANT).applicant_account_id == 70
    assert dossier_scope(ANONYMOUS).empty
    assert dossier_scope(INTEGRATOR).empty
    assert dossier_scope(OVERSEER).subtree_paths == ("/1/",)
    assert dossier_scope(DESK).exact_paths == (DEPT,)
    assert dossier_scope(OTHER_SPECIALIST).exact_paths == ()  # SPECIALIST shows nothing
    assert dossier_scope(OTHER_SPECIALIST).person_id == 301


def test_dashboard_events() -> None:
    assert can_see_dossier_event(DESK, 5, DEPT)
    assert not can_see_dossier_event(OTHER_SPECIALIST, 5, DEPT)
    assert not can_see_dossier_event(APPLICANT, 5, DEPT)


def test_notes_for_the_applicant() -> None:
    assert policies.note_visible("REFUSE", staff=False)
    assert policies.note_visible("REQUEST_SUPPLEMENT", staff=False)
    assert not policies.note_visible("RETURN_DRAFT", staff=False)
    assert policies.note_visible("RETURN_DRAFT", staff=True)


def test_dossier_events_on_dashboards_reach_those_who_see_the_agencys_dossiers() -> None:
    from dataclasses import replace

    from domain.notifications.model import (
        NotificationEvent,
        NotificationKind,
        SubjectType,
        Summary,
    )
    from domain.notifications.policies import can_see_event

    event = NotificationEvent(
        NotificationKind.NEW_ASSIGNMENT,
        SubjectType.DOSSIER,
        7,
        5,
        DEPT,
        Summary(title="Hồ sơ #7 · Đăng ký khai sinh"),
        datetime(2026, 10, 5, tzinfo=UTC),
    )
    overseer = _staff((Role.OVERSEER, DEPT, False))
    member = Principal(  # the agency's own staff watch its dashboard, but see no dossier
        PrincipalKind.STAFF, account_id=1301, person_id=301, unit_id=5, unit_path=DEPT
    )
    assert can_see_event(
        member, replace(event, subject_type=SubjectType.TASK), unit_path=DEPT, include_subtree=False
    )
    assert can_see_event(overseer, event, unit_path=DEPT, include_subtree=False)
    assert not can_see_event(member, event, unit_path=DEPT, include_subtree=False)
    assert not can_see_event(APPLICANT, event, unit_path=DEPT, include_subtree=False)

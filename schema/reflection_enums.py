"""The enums of citizens' field reports (001), registered with a description for every value."""

from __future__ import annotations

from domain.reflections import model
from domain.reflections.reading import ReflectionSort
from domain.reflections.workflow import Action
from schema.descriptions import describe_enum

S, A, T = model.ReflectionState, model.AssignmentState, model.SlaStep

describe_enum(
    model.Channel,
    "ReflectionChannel",
    "Where a report came in (001 Art. 4)",
    {
        model.Channel.APP: "The province's mobile app (a citizen account or an anonymous "
        "submission)",
        model.Channel.PORTAL: "The province's web portal",
        model.Channel.HOTLINE: "The hotline, entered by an IOC operator",
        model.Channel.FACEBOOK: "The province's Facebook page, entered by an IOC operator",
        model.Channel.ZALO: "The province's Zalo account, entered by an IOC operator",
        model.Channel.EMAIL: "Email to the IOC, entered by an IOC operator",
    },
)
describe_enum(
    model.ReporterKind,
    "ReporterKind",
    "Who sent a report; the published result addresses them accordingly (001 Annex 1)",
    {
        model.ReporterKind.INDIVIDUAL: "A person (cá nhân)",
        model.ReporterKind.ORGANIZATION: "An organization or a business (tổ chức)",
    },
)
describe_enum(
    model.ReflectionPriority,
    "ReflectionPriority",
    "How a report's limits run (001 Art. 10)",
    {
        model.ReflectionPriority.NORMAL: "Limits in working time",
        model.ReflectionPriority.URGENT: "Fire, accident, robbery, public order: intake in 30 "
        "minutes, acceptance in 30 and approval in 60, on the wall clock; the agencies are "
        "pushed and called at once",
    },
)
describe_enum(
    S,
    "ReflectionState",
    "Where a report stands, and so who acts next (the IOC unless said otherwise)",
    {
        S.SUBMITTED: "Waiting for the IOC's intake: classify, then distribute, verify, ask "
        "the reporter to edit, or cancel",
        S.VERIFYING: "Sent back to intake to check it is accurate (cancelled after 2 days)",
        S.AWAITING_EDIT: "The reporter was asked to complete it (cancelled after 2 days)",
        S.COORDINATING: "Sensitive: the coordinating agency names what to handle and who",
        S.ADVISED: "Sensitive: the coordinating agency advised; the IOC distributes",
        S.IN_HANDLING: "At least one agency is accepting, handling or approving its part",
        S.RETURNED: "The agencies returned it (not their competence); the IOC redistributes",
        S.HANDLED: "Every agency's result is approved; the IOC checks and publishes it",
        S.AWAITING_AGREEMENT: "Sensitive: the coordinating agency agrees with the result",
        S.AGREED: "Sensitive: agreed; the IOC publishes",
        S.PUBLISHED: "The result is public, with the report, on every channel",
        S.ANSWERED_PRIVATELY: "Answered to the reporter alone (secrecy asked, or a report "
        "that is not public)",
        S.CANCELLED: "Cancelled by the IOC (see its reason); nothing more happens",
    },
)
describe_enum(
    A,
    "ReflectionAgencyState",
    "Where one handling agency's part of a report stands (each agency is tracked on its own)",
    {
        A.ASSIGNED: "Distributed to the agency; it accepts within 30 working minutes (30 "
        "minutes when urgent)",
        A.ACCEPTED: "Being handled (6 working days), or to be returned within 1 working day",
        A.RESULT_SUBMITTED: "The handler submitted the result; the agency's leader approves it "
        "within 1 working day",
        A.APPROVED: "The agency's result is approved",
        A.RETURNED: "Returned to the IOC: not this agency's competence",
        A.WITHDRAWN: "The IOC redistributed the report elsewhere",
    },
)
describe_enum(
    model.CancelReason,
    "ReflectionCancelReason",
    "Why the IOC cancelled a report (001 Art. 13)",
    {
        model.CancelReason.DUPLICATE: "A duplicate of another report from the same reporter",
        model.CancelReason.UNCLEAR_OR_TEST: "Unclear, sent by mistake, or a test",
        model.CancelReason.VERIFICATION_FAILED: "Not verified within 2 days",
        model.CancelReason.EDIT_NOT_MADE: "The reporter did not make the edit asked for within "
        "2 days",
    },
)
describe_enum(
    model.Rating,
    "ReflectionRating",
    "The reporter's judgement of the result (001 Art. 12.3)",
    {
        model.Rating.SATISFIED: "Satisfied (hài lòng)",
        model.Rating.ACCEPTABLE: "Acceptable (chấp nhận được)",
        model.Rating.UNSATISFIED: "Not satisfied (không hài lòng)",
    },
)
describe_enum(
    model.MediaKind,
    "ReflectionMediaKind",
    "What an attached file is (the media store holds all three; a field report takes photos "
    "and videos only)",
    {
        model.MediaKind.PHOTO: "A photo: JPEG, PNG, WebP or HEIC, at most 10 MB",
        model.MediaKind.VIDEO: "A video: MP4, QuickTime or WebM, at most 100 MB",
        model.MediaKind.DOCUMENT: "A PDF document, at most 20 MB: a dossier's file (a field "
        "report refuses it)",
    },
)
describe_enum(
    T,
    "ReflectionStep",
    "A step of the flows that carries a limit (001 Art. 6-13), each on its own clock",
    {
        T.INTAKE: "The IOC receives, classifies and distributes: 1 working hour (30 minutes "
        "when urgent)",
        T.COORDINATION: "Sensitive: the coordinating agency advises within 1 working day",
        T.ACCEPT: "An agency accepts its part: 30 working minutes (30 minutes when urgent)",
        T.HANDLE: "An agency verifies and handles: 6 working days",
        T.RETURN: "An agency returns what is not its competence: 1 working day",
        T.APPROVE: "The agency's leader approves the result: 1 working day (60 minutes when "
        "urgent)",
        T.PUBLISH: "The IOC checks and publishes the result: 1 working hour",
        T.AGREEMENT: "Sensitive: the coordinating agency agrees: 1 working day",
        T.ANSWER: "An agency answers the reporter's follow-up question: 1 day",
        T.VERIFICATION: "A report under verification: cancelled after 2 days",
        T.EDIT: "A report awaiting the reporter's edit: cancelled after 2 days",
    },
)
describe_enum(
    ReflectionSort,
    "ReflectionSort",
    "The order of a staff list of reports",
    {
        ReflectionSort.NEWEST: "Last received first",
        ReflectionSort.DUE: "The running step due soonest first, reports with no running "
        "limit last",
    },
)
describe_enum(
    Action,
    "ReflectionAction",
    "A step of the flows, and who takes it",
    {
        Action.SUBMIT: "The reporter (or an IOC operator for them) sends the report",
        Action.CLASSIFY: "The IOC sets category, priority, publicity and sensitivity",
        Action.REQUEST_VERIFICATION: "The IOC sends it back to intake to verify, with a reason",
        Action.VERIFY: "The IOC confirms it after verification",
        Action.REQUEST_EDIT: "The IOC asks the reporter to complete it, with a reason",
        Action.EDIT: "The reporter completes it",
        Action.SEND_TO_COORDINATOR: "Sensitive: the IOC sends it to the coordinating agency",
        Action.ADVISE: "Sensitive: the coordinating agency names the content and the agencies",
        Action.DISTRIBUTE: "The IOC gives it to one or more handling agencies",
        Action.ACCEPT: "An agency acknowledges its part",
        Action.RETURN: "An agency returns its part to the IOC (not its competence), with a reason",
        Action.SUBMIT_RESULT: "An agency's handler submits its result",
        Action.APPROVE: "The agency's leader approves the result (possibly edited)",
        Action.RETURN_RESULT: "The agency's leader sends the result back to the handler",
        Action.SEND_BACK: "The IOC sends approved results back to agencies, with a reason",
        Action.REQUEST_AGREEMENT: "Sensitive: the IOC asks the coordinating agency to agree",
        Action.AGREE: "Sensitive: the coordinating agency agrees with the result",
        Action.DISAGREE: "Sensitive: it disagrees, with a reason; back to advice",
        Action.PUBLISH: "The IOC publishes the result (or answers the reporter privately)",
        Action.CANCEL: "The IOC cancels the report, with its reason",
    },
)

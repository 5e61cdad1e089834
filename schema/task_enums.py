"""The enums of the task chain, registered with a description for every value."""

from __future__ import annotations

from domain.calendar import DayKind
from domain.tasks import model, periods
from domain.tasks.reading import TaskSort
from domain.tasks.workflow import Action
from schema.descriptions import describe_enum

K, S, A = model.TaskKind, model.TaskState, Action

describe_enum(
    K,
    "TaskKind",
    "What work a task is; every kind goes through the same assignment chain",
    {
        K.DIRECTIVE: "A task given by a directive document of the leaders (004)",
        K.PRESS_INCIDENT: "Work on an incident reported in the press, forwarded from the daily "
        "press digest (000 Annex IV)",
        K.CITIZEN_QUESTION: "The answer to a citizen's question forwarded by the office (000 "
        "Annex V)",
        K.VOTER_PETITION: "A voter petition settled at one level of government, escalated one "
        "level up when beyond it (000 Annex VI)",
        K.WORK_PROGRAM_ITEM: "An item of a unit's work program (000 Annex VII.I)",
    },
)
describe_enum(
    S,
    "TaskState",
    "Where a task stands in the chain, and so who acts next",
    {
        S.CREATED: "Entered by the office, not sent yet; the office sends it",
        S.SENT: "Sent to the lead unit; its leader receives it or returns it",
        S.RETURNED: "Given back to the office by the lead unit with a reason; the office "
        "corrects it and sends it again",
        S.RECEIVED: "Accepted by the lead unit; its leader assigns specialists",
        S.ASSIGNED: "Specialists named; the lead specialist starts work or drafts",
        S.IN_PROGRESS: "Being worked on (also after a draft was returned or the task reopened)",
        S.DRAFTED: "A draft response waits for the unit leader's approval",
        S.APPROVED: "The draft is approved; the unit leader reports it with the official reply",
        S.REPORTED: "The unit reported its result; the office confirms it or reopens it",
        S.COMPLETED: "Confirmed done by the office (it may still reopen it)",
        S.CANCELLED: "Cancelled by the office; nothing more happens to it",
        S.ESCALATED: "A voter petition sent one level up; the work goes on in the upper level's "
        "task (`escalatedTo`)",
    },
)
describe_enum(
    model.Priority,
    "TaskPriority",
    "How urgent a task is",
    {
        model.Priority.NORMAL: "Ordinary work",
        model.Priority.HIGH: "To be handled before ordinary work",
        model.Priority.URGENT: "Urgent work: deadline warnings also come at the "
        "URGENT_DEADLINE_WARNINGS thresholds (10 minutes before, by default)",
    },
)
describe_enum(
    model.Period,
    "TaskPeriod",
    "How often work recurs, or how long a reporting period is (periodic tasks, work programs, "
    "periodic reports); windows of the province's local calendar",
    {
        model.Period.WEEKLY: "Every week, Monday to Sunday",
        model.Period.MONTHLY: "Every calendar month",
        model.Period.QUARTERLY: "Every quarter: January-March, April-June, July-September, "
        "October-December",
        model.Period.YEARLY: "Every calendar year",
    },
)
describe_enum(
    model.PetitionLevel,
    "PetitionLevel",
    "The level of government a voter petition sits at (000 Annex VI)",
    {
        model.PetitionLevel.COMMUNE: "A commune or ward's people's committee",
        model.PetitionLevel.DISTRICT: "A district or town's people's committee",
        model.PetitionLevel.PROVINCE: "The provincial people's committee (the last level)",
    },
)
describe_enum(
    model.TrackerRole,
    "TrackerRole",
    "Who follows a task on the office's and the leaders' side (004 Art. 8)",
    {
        model.TrackerRole.SPECIALIST: "A specialist of the office who follows it day to day",
        model.TrackerRole.SECTION_LEADER: "The leader of the office's section in charge",
        model.TrackerRole.OFFICE_LEADER: "A leader of the office (Chánh or Phó Chánh Văn phòng)",
        model.TrackerRole.CHAIRMAN: "The Chairman of the people's committee",
        model.TrackerRole.VICE_CHAIRMAN: "The Vice-chairman in charge of the field",
    },
)
describe_enum(
    model.AssigneeRole,
    "AssigneeRole",
    "A specialist's part in the lead unit's work on a task",
    {
        model.AssigneeRole.LEAD_SPECIALIST: "Responsible for the work and the draft (chủ trì)",
        model.AssigneeRole.COORDINATING_SPECIALIST: "Helps the lead specialist (phối hợp)",
    },
)
D = model.DirectiveType
describe_enum(
    D,
    "DirectiveDocumentType",
    "Kinds of directive documents tasks come from",
    {
        D.DECISION: "A decision (Quyết định)",
        D.DIRECTIVE: "A directive (Chỉ thị)",
        D.PLAN: "A plan (Kế hoạch)",
        D.SCHEME: "A scheme or project (Đề án)",
        D.PROGRAM: "A program (Chương trình)",
        D.TELEGRAM: "An urgent telegram (Công điện)",
        D.OFFICIAL_LETTER: "An official letter (Công văn)",
        D.MEETING_CONCLUSION: "A notice of a meeting's conclusions (Thông báo kết luận)",
        D.OTHER: "Any other kind of document",
    },
)
C = model.StatusClass
describe_enum(
    C,
    "TaskStatusClass",
    "How national task-tracking reports class work, on the server's clock (tasks without a "
    "deadline apart; cancelled and escalated tasks have none). Done means confirmed "
    "completed for a task, the result reported for one period of a periodic task.",
    {
        C.DONE_ON_TIME: "Done no later than the deadline",
        C.DONE_LATE: "Done after the deadline",
        C.OPEN_WITHIN_DEADLINE: "Not done yet, the deadline not passed",
        C.OPEN_OVERDUE: "Not done, and the deadline has passed",
        C.NO_DEADLINE: "The task has no deadline",
    },
)
describe_enum(
    TaskSort,
    "TaskSort",
    "The order of a task list",
    {
        TaskSort.DEADLINE: "Soonest deadline first, tasks without a deadline last, then by id",
        TaskSort.NEWEST: "Last created first",
    },
)
describe_enum(
    A,
    "TaskAction",
    "A step of the chain, and who takes it (the office, the lead unit's leader or its unit "
    "account, a specialist assigned to the task)",
    {
        A.SEND: "The office sends the task to the lead unit (from CREATED or RETURNED)",
        A.RECEIVE: "The lead unit's leader accepts it",
        A.RETURN: "The lead unit's leader gives it back to the office, with a reason",
        A.ASSIGN: "The unit's leader names the lead and coordinating specialists (again later "
        "to change them)",
        A.START: "The lead specialist (or the leader) starts the work",
        A.SUBMIT_DRAFT: "A specialist (or the leader) submits the draft response",
        A.APPROVE: "The unit's leader approves the draft, possibly edited",
        A.RETURN_DRAFT: "The unit's leader sends the draft back to the specialist, with a reason",
        A.REPORT: "The unit's leader reports the result with the official reply's number and date",
        A.CONFIRM: "The office confirms the work is done",
        A.REOPEN: "The office reopens a reported or completed task, with a reason",
        A.CANCEL: "The office cancels open work, with a reason",
        A.ESCALATE: "A voter petition beyond this level's competence goes one level up (the "
        "office or the unit's leader)",
    },
)
describe_enum(
    DayKind,
    "CalendarDayKind",
    "What the province's declaration makes of a date (on top of weekends and the public "
    "holidays the calendar knows)",
    {
        DayKind.DAY_OFF: "A day off on what would be a working day (a bridge day, a day the "
        "province gives off); no deadline falls on it",
        DayKind.WORKING_DAY: "A working day on what would be a day off (a Saturday worked "
        "in exchange for a bridge day); deadlines count it",
    },
)
describe_enum(
    periods.OccurrenceState,
    "TaskOccurrenceState",
    "Where one period's report of a periodic task stands",
    {
        periods.OccurrenceState.OPEN: "Nothing reported for the period yet",
        periods.OccurrenceState.IN_PROGRESS: "Progress reported, the result not final yet",
        periods.OccurrenceState.DONE: "The period's result was reported (progress 100)",
    },
)

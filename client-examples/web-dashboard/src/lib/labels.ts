// Vietnamese labels of the API's enums, and the formats the page shows.

/** Tiers of the tree (levels are data: an unknown one shows the API's own name). */
const LEVEL: Record<string, string> = {
  PROVINCE: "Cấp tỉnh",
  DEPARTMENT: "Sở, ban, ngành",
  DISTRICT: "Cấp huyện",
  OFFICE: "Phòng, đơn vị",
  COMMUNE: "Cấp xã",
};
const UNIT_KIND: Record<string, string> = {
  IOC: "Trung tâm IOC",
  CENTRAL_AGENCY: "Cơ quan Trung ương",
  PUBLIC_SERVICE_COMPANY: "Doanh nghiệp công ích",
};

export function unitTier(unit: { levelCode: string; kind?: string; level?: { name: string } }): string {
  return (unit.kind && UNIT_KIND[unit.kind]) ?? LEVEL[unit.levelCode] ?? unit.level?.name ?? unit.levelCode;
}

export const TASK_KIND: Record<string, string> = {
  DIRECTIVE: "Nhiệm vụ chỉ đạo",
  PRESS_INCIDENT: "Vụ việc báo chí",
  CITIZEN_QUESTION: "Câu hỏi của công dân",
  VOTER_PETITION: "Kiến nghị cử tri",
  WORK_PROGRAM_ITEM: "Chương trình công tác",
};

export const TASK_STATE: Record<string, string> = {
  CREATED: "Mới tạo",
  SENT: "Đã giao",
  RETURNED: "Bị trả lại",
  RECEIVED: "Đã tiếp nhận",
  ASSIGNED: "Đã phân công",
  IN_PROGRESS: "Đang thực hiện",
  DRAFTED: "Chờ duyệt dự thảo",
  APPROVED: "Đã duyệt",
  REPORTED: "Đã báo cáo",
  COMPLETED: "Hoàn thành",
  CANCELLED: "Đã hủy",
  ESCALATED: "Đã chuyển cấp trên",
};

export const PRIORITY: Record<string, string> = {
  NORMAL: "Thường",
  HIGH: "Quan trọng",
  URGENT: "Khẩn",
};

export const NOTIFICATION_KIND: Record<string, string> = {
  NEW_ASSIGNMENT: "Việc mới được giao",
  DEADLINE_WARNING: "Sắp đến hạn",
  OVERDUE: "Quá hạn",
  RETURNED: "Bị trả lại",
  APPROVED: "Đã được duyệt",
  PUBLISHED: "Đã công khai",
  ESCALATED: "Chuyển cấp trên",
  REPORT_DUE: "Sắp đến hạn báo cáo",
  BIRTHDAY: "Sinh nhật đồng nghiệp",
};

export const REFLECTION_STATE: Record<string, string> = {
  SUBMITTED: "Mới tiếp nhận",
  VERIFYING: "Đang xác minh",
  AWAITING_EDIT: "Chờ bổ sung",
  COORDINATING: "Đang phối hợp",
  ADVISED: "Đã tham mưu",
  IN_HANDLING: "Đang xử lý",
  RETURNED: "Bị trả lại",
  HANDLED: "Đã xử lý",
  AWAITING_AGREEMENT: "Chờ thống nhất",
  AGREED: "Đã thống nhất",
  PUBLISHED: "Đã công khai",
  ANSWERED_PRIVATELY: "Đã trả lời riêng",
  CANCELLED: "Đã hủy",
};

/** The map's colour groups of report states. */
export interface StateGroup {
  key: string;
  label: string;
  color: string;
  states: string[];
}

export const REFLECTION_GROUPS: StateGroup[] = [
  { key: "new", label: "Mới tiếp nhận", color: "#7c3aed", states: ["SUBMITTED", "VERIFYING", "AWAITING_EDIT"] },
  {
    key: "handling",
    label: "Đang xử lý",
    color: "#f59e0b",
    states: ["COORDINATING", "ADVISED", "IN_HANDLING", "RETURNED", "AWAITING_AGREEMENT", "AGREED"],
  },
  { key: "handled", label: "Đã xử lý, chờ công khai", color: "#0ea5e9", states: ["HANDLED"] },
  { key: "done", label: "Đã công khai / trả lời", color: "#16a34a", states: ["PUBLISHED", "ANSWERED_PRIVATELY"] },
  { key: "cancelled", label: "Đã hủy", color: "#9ca3af", states: ["CANCELLED"] },
];

export function groupOf(state: string): StateGroup {
  return REFLECTION_GROUPS.find((g) => g.states.includes(state)) ?? REFLECTION_GROUPS[1];
}

const ZONE = "Asia/Ho_Chi_Minh";
const DATE = new Intl.DateTimeFormat("vi-VN", { timeZone: ZONE, day: "2-digit", month: "2-digit", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat("vi-VN", {
  timeZone: ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const NUMBER = new Intl.NumberFormat("vi-VN");

export const formatDate = (iso: string | null | undefined): string => (iso ? DATE.format(new Date(iso)) : "—");
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? DATE_TIME.format(new Date(iso)) : "—";
export const formatNumber = (n: number): string => NUMBER.format(n);
export const formatPercent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? "—" : `${NUMBER.format(Math.round(rate * 1000) / 10)}%`;

/** "vừa xong", "5 phút trước", "3 giờ trước", or the date. */
export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60000);
  if (minutes < 1) return "vừa xong";
  if (minutes < 60) return `${minutes} phút trước`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} giờ trước`;
  return formatDateTime(iso);
}

/** "2026-11" -> "T11/2026" */
export function monthLabel(period: string): string {
  const [year, month] = period.split("-");
  return `T${Number(month)}/${year}`;
}

// GraphQL over HTTP (POST /graphql) with the session's bearer token.
import { clearSession, token } from "./session";

export const GRAPHQL_URL = new URL("/graphql", location.href).toString();

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

export interface Result<T> {
  data: T | null;
  errors: GraphQLError[];
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** Listeners told when the server no longer accepts the token (expired or revoked). */
const signedOut = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOut.add(listener);
  return () => signedOut.delete(listener);
}

/** Data and errors as the server gave them (a field may fail while the others answer). */
export async function request<T>(
  query: string,
  variables: Record<string, unknown> = {},
  bearer: string | null = token(),
): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("Không kết nối được máy chủ. Vui lòng thử lại.", "NETWORK");
  }
  if (response.status === 401) {
    clearSession();
    signedOut.forEach((listener) => listener());
    throw new ApiError("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", "UNAUTHENTICATED");
  }
  let body: { data?: T | null; errors?: GraphQLError[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`Máy chủ trả lời không hợp lệ (HTTP ${response.status}).`, "HTTP");
  }
  const errors = body.errors ?? [];
  if (errors.some((e) => e.extensions?.code === "UNAUTHENTICATED") && bearer) {
    clearSession();
    signedOut.forEach((listener) => listener());
  }
  return { data: body.data ?? null, errors };
}

/** Data, or an ApiError with the first error's code. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { data, errors } = await request<T>(query, variables);
  if (errors.length || data === null) {
    const first = errors[0];
    throw new ApiError(describe(first), first?.extensions?.code ?? null);
  }
  return data;
}

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
  FORBIDDEN: "Tài khoản không có quyền xem nội dung này.",
  OUT_OF_SCOPE: "Đơn vị này nằm ngoài phạm vi được giao của tài khoản.",
  NOT_FOUND: "Không tìm thấy.",
  INVALID_PERIOD: "Kỳ thống kê không hợp lệ.",
  PASSWORD_CHANGE_REQUIRED: "Tài khoản phải đổi mật khẩu trước khi sử dụng.",
};

export function describe(error: GraphQLError | undefined): string {
  const code = error?.extensions?.code;
  if (code && MESSAGES[code]) return MESSAGES[code];
  return error?.message ?? "Đã có lỗi xảy ra.";
}

/** The error of one root field (by alias), if that field failed. */
export function fieldError(errors: GraphQLError[], field: string): GraphQLError | undefined {
  return errors.find((e) => e.path?.[0] === field);
}

/** The one typed client of the yanxiu API: JSON, CSRF header, one error shape. */

/** A field-level validation problem (`details.fields[]`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A row-level import problem (`details.rows[]`). */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/** An answer with `{error: {code, message, details}}`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** `details.fields` when the server sent them. */
  get fields(): FieldProblem[] {
    return listOf(this.details, 'fields').filter(isFieldProblem);
  }

  /** `details.rows` when the server sent them. */
  get rows(): RowProblem[] {
    return listOf(this.details, 'rows').filter(isRowProblem);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(details: unknown, key: string): unknown[] {
  if (!isRecord(details)) return [];
  const list = details[key];
  return Array.isArray(list) ? list : [];
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

function isRowProblem(value: unknown): value is RowProblem {
  return isRecord(value) && typeof value.row === 'number' && typeof value.message === 'string';
}

/** Query parameters; empty values are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the CSRF token from login or GET /api/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 (except the login request itself). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Builds `path?query` leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error)) {
    const code = typeof error.code === 'string' ? error.code : 'error';
    const message = typeof error.message === 'string' ? error.message : '';
    return new ApiError(status, code, message, error.details);
  }
  return new ApiError(status, 'error', '', undefined);
}

function handleStatus(path: string, status: number): void {
  if (status === 401 && path !== '/api/auth/login' && onUnauthenticated) onUnauthenticated();
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '', undefined);
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    handleStatus(path, response.status);
    throw toApiError(response.status, parsed);
  }
  const data: T = text ? JSON.parse(text) : null;
  return data;
}

/** Uploads one file as multipart field `file` (after any text `fields`), reporting progress in percent. */
function upload<T>(
  path: string,
  file: Blob,
  onProgress?: (percent: number) => void,
  fields?: Record<string, string>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '', undefined));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const data: T = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        resolve(data);
        return;
      }
      handleStatus(path, xhr.status);
      reject(toApiError(xhr.status, parsed));
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields ?? {})) form.append(name, value);
    form.append('file', file);
    xhr.send(form);
  });
}

/** The API client. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload,
};

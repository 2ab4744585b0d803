// How the server writes answers: ApiResult JSON with the protocol's status per error code, and small pages.
import type { ServerResponse } from 'node:http';
import type { ApiError, ApiErrorCode, ApiResult } from '../../shared/api/result';
import { applyNoStore } from './security-headers';

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // An operation held for review is not done; like a conflict, the caller must act (approve) before it happens.
  held: 409,
  keychain_unavailable: 503,
  upstream: 502,
  internal: 500,
};

export const statusForResult = (result: ApiResult<unknown>): number =>
  result.ok ? 200 : STATUS_BY_CODE[result.error.code];

export const sendJson = (res: ServerResponse, status: number, body: ApiResult<unknown>): void => {
  const text = JSON.stringify(body);
  applyNoStore(res);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
};

export const sendResult = (res: ServerResponse, result: ApiResult<unknown>): void =>
  sendJson(res, statusForResult(result), result);

export const sendApiError = (res: ServerResponse, status: number, error: ApiError): void =>
  sendJson(res, status, { ok: false, error });

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small self-contained page (no scripts, no styles, so the strict CSP holds). */
export const sendPage = (
  res: ServerResponse,
  status: number,
  title: string,
  text: string,
  head = false,
): void => {
  const html =
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>\n`;
  applyNoStore(res);
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(head ? undefined : html);
};

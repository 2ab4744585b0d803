// POST /api/rpc/<method>: the JSON body is the method's input; the answer is the ApiResult of dispatch().
// Every contract method is served by construction, because dispatch() validates and runs core.handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMethodName } from '../../shared/api/contract';
import { dispatch } from '../app/dispatch';
import type { Handlers } from '../app/handlers';
import type { Logger } from '../log/logger';
import { readBody } from './request-body';
import { sendApiError, sendResult } from './responses';

export const RPC_PREFIX = '/api/rpc/';

export interface RpcRouteOptions {
  handlers: Handlers;
  maxBodyBytes: number;
  log: Logger;
  /** Who the calls are recorded as in the audit log (the admin's name); default "ui". */
  actor?: () => string | Promise<string>;
}

const isJsonContentType = (value: string): boolean => {
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json';
};

const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Answers 413 and closes the connection, so the rest of an oversized body is never read. */
const refuseTooLarge = (req: IncomingMessage, res: ServerResponse, maxBytes: number): void => {
  res.setHeader('Connection', 'close');
  res.on('finish', () => req.socket.destroySoon());
  sendApiError(res, 413, {
    code: 'bad_input',
    message: `The request body is larger than ${maxBytes} bytes.`,
    hint: 'Send a smaller request; large workspaces are applied with `lanyard config apply` instead.',
  });
};

const parseMethod = (pathname: string): string => {
  const raw = pathname.slice(RPC_PREFIX.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

export const handleRpc = async (
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  opts: RpcRouteOptions,
): Promise<void> => {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendApiError(res, 405, { code: 'bad_input', message: `Use POST for ${RPC_PREFIX}<method>.` });
    return;
  }
  const contentType = req.headers['content-type'];
  // Only JSON is accepted: HTML forms cannot send it, which keeps cross-site form posts out even without a cookie check.
  if (contentType === undefined ? hasBody(req) : !isJsonContentType(contentType)) {
    sendApiError(res, 415, {
      code: 'bad_input',
      message: 'The request body must be JSON (Content-Type: application/json).',
    });
    return;
  }
  const method = parseMethod(pathname);
  // A contract method without a handler answers 404 like an unknown one, so a transport coverage test catches it.
  if (!isMethodName(method) || typeof opts.handlers[method] !== 'function') {
    sendApiError(res, 404, { code: 'not_found', message: `Unknown method "${method.slice(0, 80)}"` });
    return;
  }

  const read = await readBody(req, opts.maxBodyBytes);
  if (!read.ok) {
    if (read.reason === 'too_large') refuseTooLarge(req, res, opts.maxBodyBytes);
    else req.socket.destroy();
    return;
  }
  let input: unknown = {};
  if (read.body.length > 0) {
    try {
      input = JSON.parse(read.body.toString('utf8'));
    } catch {
      sendApiError(res, 400, { code: 'bad_input', message: 'The request body is not valid JSON.' });
      return;
    }
  }
  const actor = (await opts.actor?.()) ?? 'ui';
  const result = await dispatch(opts.handlers, method, input, { actor }, opts.log);
  if (!result.ok && result.error.code === 'internal') opts.log.warn('rpc failed', { method });
  sendResult(res, result);
};

// The single entry both transports call: validate the input with the contract, run the handler, wrap the result.
import { z } from 'zod';
import { contract, isMethodName, type MethodName, type MethodOutput } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import { LanyardError, formatPath } from './errors';
import type { CallContext, Handlers } from './handlers';
import type { Logger } from '../log/logger';
import { redact, redactDeep, redactKnown } from '../log/logger';

export const validationError = (err: z.ZodError): LanyardError => {
  const issues = err.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const first = issues[0]!;
  return new LanyardError('bad_input', first.path ? `${first.path}: ${first.message}` : first.message, {
    path: first.path,
    issues,
  });
};

export const toApiFailure = (err: unknown, log?: Logger): ApiResult<never> => {
  if (err instanceof LanyardError) {
    // The last pass before any transport: message, hint, path and issues may quote a vendor (or the caller).
    return { ok: false, error: redactDeep(err.toApiError()) };
  }
  log?.error('unexpected error', { error: err });
  return {
    ok: false,
    error: { code: 'internal', message: redact(`Internal error: ${(err as Error)?.message ?? String(err)}`) },
  };
};

export const dispatch = async (
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  ctx: CallContext,
  log?: Logger,
): Promise<ApiResult<MethodOutput<MethodName>>> => {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'not_found', message: `Unknown method "${method.slice(0, 80)}"` } };
  }
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) return toApiFailure(validationError(parsed.error));
  try {
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    // Results carry text from outside too (a check's details quote the vendor; accounts, groups and names come
    // from IdPs and apps): any secret value the core resolved is masked wherever a vendor echoed it. Only known
    // values, not credential shapes: a field named "password" holding a secret reference is data, not a leak.
    return { ok: true, value: redactDeep(value, redactKnown) as MethodOutput<MethodName> };
  } catch (err) {
    return toApiFailure(err, log);
  }
};

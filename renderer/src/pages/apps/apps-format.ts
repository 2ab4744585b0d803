// Words for the Apps page: kinds, policies, health and capabilities as an admin reads them, and the server's
// validation messages made short enough to sit under a field.
import type { AppConfig } from '../../../../shared/config/workspace';
import type { AppHealth, ScimPresetView } from '../../../../shared/api/methods-workspace';
import type { BadgeTone } from '../../components/status-badge';
import { ApiCallError } from '../../api/api-error';
import { plural } from '../../components/plural';

export const kindLabel = (kind: AppConfig['kind']): string =>
  kind === 'scim' ? 'SCIM 2.0' : kind === 'github' ? 'GitHub organization' : 'Manual checklist';

export const kindDetail = (app: AppConfig, presets: ScimPresetView[] | undefined): string => {
  if (app.kind === 'scim') return presets?.find((p) => p.id === app.preset)?.name ?? app.preset;
  if (app.kind === 'github') return `org ${app.org}`;
  return app.assignee ? `by ${app.assignee}` : 'tasks for an admin';
};

export const deprovisionLabel = (d: AppConfig['deprovision']): string =>
  d === 'deactivate'
    ? 'Deactivate'
    : d === 'delete'
      ? 'Delete'
      : `Deactivate, delete after ${d.deactivateThenDeleteAfterDays} d`;

export const reviewLabel = (r: AppConfig['review']): string =>
  r === 'auto' ? 'Automatic, no review' : 'Held for admin review';

export const healthBadge = (h: AppHealth): { tone: BadgeTone; label: string } =>
  h === 'ok'
    ? { tone: 'ok', label: 'Healthy' }
    : h === 'degraded'
      ? { tone: 'degraded', label: 'Degraded' }
      : h === 'quarantined'
        ? { tone: 'error', label: 'Quarantined' }
        : { tone: 'neutral', label: 'Paused' };

export const rateLimitLabel = (app: AppConfig): string => {
  if (app.kind === 'manual' || !app.rateLimit) return 'Vendor default';
  const r = app.rateLimit;
  const parts = [
    r.requestsPerMinute ? `${r.requestsPerMinute} requests/min` : null,
    r.writesPerMinute ? `${r.writesPerMinute} writes/min` : null,
    r.burst ? `burst ${r.burst}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Vendor default';
};

/** "None", or the first few protected accounts and how many more. */
export const protectedLabel = (app: AppConfig): string => {
  const list = app.protected ?? [];
  if (!list.length) return 'None';
  return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
};

export const limitsLabel = (limits: NonNullable<AppConfig['limits']>): string => {
  const parts = [
    limits.maxDeprovisionsPerRun !== undefined ? `at most ${limits.maxDeprovisionsPerRun} per run` : null,
    limits.maxDeprovisionsPerWindow !== undefined
      ? `at most ${limits.maxDeprovisionsPerWindow} per guardrails window`
      : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Workspace guardrails only';
};

/** Counts in words: the one rule of components/plural.ts. */
export { plural };

export const formatWhen = (iso: string | null): string => {
  if (!iso) return 'never';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

/** zod's generic wording for an empty required field, said plainly. */
const friendly = (message: string): string => {
  if (/expected string to have >=1 characters?$/.test(message) || /received undefined$/.test(message))
    return 'Required.';
  const bound = /^Too (small|big): expected number to be ([<>]=?)(-?[\d.]+)$/.exec(message);
  if (bound) return `Must be ${bound[1] === 'small' ? 'at least' : 'at most'} ${bound[3]}.`;
  return message.replace(/^Invalid input: /, '');
};

/** The server's errors by field path ("app.baseUrl"), without the path repeated in front of the message. */
export const serverFieldErrors = (err: unknown): Map<string, string> => {
  const out = new Map<string, string>();
  if (!(err instanceof ApiCallError)) return out;
  for (const [path, message] of err.fieldErrors())
    out.set(path, friendly(message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message));
  return out;
};

/** The first error at or under any of these paths (`app.deprovision` also covers its nested day count). */
export const errorAt = (errors: Map<string, string>, ...paths: string[]): string | undefined => {
  for (const p of paths) {
    if (errors.has(p)) return errors.get(p);
    for (const [k, v] of errors) if (k.startsWith(`${p}.`) || k.startsWith(`${p}[`)) return v;
  }
  return undefined;
};

// How ledger fields read on screen: local time with the exact UTC instant on hover, a tone for each result,
// and before/after as indented JSON.
import type { JsonValue } from '../../../../shared/api/methods-audit';
import type { BadgeTone } from '../../components/status-badge';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatAt = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : timeFormat.format(d);
};

/** "ok" and "approved" read as done, "held" as waiting, "failed: …" as an error; anything else is neutral. */
export const resultTone = (result: string): BadgeTone => {
  const word = result.split(/[:\s]/, 1)[0]?.toLowerCase() ?? '';
  if (word === 'ok' || word === 'approved' || word === 'applied') return 'ok';
  if (word === 'held') return 'degraded';
  if (word === 'failed' || word === 'error') return 'error';
  return 'neutral';
};

/** The badge shows the first word; the full text (a failure's reason) is in the expanded row. */
export const resultWord = (result: string): string => result.split(':', 1)[0]!.trim() || result;

export const prettyJson = (value: JsonValue | null): string | null =>
  value === null ? null : typeof value === 'string' ? value : JSON.stringify(value, null, 2);

// Edit state for one settings section: what the admin typed (as text) over the server's current values,
// the save mutation, and errors per field — local "not a number" first, then the server's (by error.path).
import { useState } from 'react';
import type { Settings } from '../../../shared/domain/settings';
import { useRpcMutation } from '../api/queries';

type Section = 'schedule' | 'guardrails';
type NumberKey<S extends Section> = {
  [K in keyof Settings[S]]: Settings[S][K] extends number ? K : never;
}[keyof Settings[S]] &
  string;

const parseNumber = (text: string): number | null => {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
};

export const useSectionDraft = <S extends Section>(section: S, current: Settings[S] | undefined) => {
  type K = NumberKey<S>;
  const save = useRpcMutation('settings.set', ['settings.get']);
  const [draft, setDraft] = useState<Partial<Record<K, string>>>({});
  const [notNumbers, setNotNumbers] = useState<Partial<Record<K, string>>>({});
  const serverErrors = save.error?.fieldErrors();

  const text = (key: K): string => draft[key] ?? (current ? String(current[key]) : '');

  return {
    save,
    dirty: Object.keys(draft).length > 0,
    text,
    error: (key: K): string | undefined => notNumbers[key] ?? serverErrors?.get(`${section}.${key}`),
    /** The server's message when it names no field of this form (so it still gets shown somewhere). */
    formError: (keys: readonly K[]): string | undefined =>
      save.error && !keys.some((k) => serverErrors?.has(`${section}.${k}`)) ? save.error.message : undefined,
    change: (key: K, value: string) => {
      setDraft((d) => ({ ...d, [key]: value }));
      if (save.isSuccess) save.reset(); // an old "Saved" would be misleading once something changed again
    },
    markTouched: () => {
      if (save.isSuccess) save.reset();
    },
    /** The typed numbers, or null after marking the fields that are not numbers. */
    parse: (keys: readonly K[]): Record<K, number> | null => {
      const values = {} as Record<K, number>;
      const bad: Partial<Record<K, string>> = {};
      for (const key of keys) {
        const n = parseNumber(text(key));
        if (n === null) bad[key] = 'Enter a number.';
        else values[key] = n;
      }
      setNotNumbers(bad);
      return Object.keys(bad).length > 0 ? null : values;
    },
    clear: () => {
      setDraft({});
      setNotNumbers({});
    },
  };
};

/** The polite live text under a settings form. */
export const saveStatus = (
  state: { isPending: boolean; isSuccess: boolean; isError: boolean },
  what: string,
  formError: string | undefined,
  hasFieldErrors: boolean,
): { text: string; tone: 'ok' | 'error' | 'neutral' } => {
  if (state.isPending) return { text: 'Saving…', tone: 'neutral' };
  if (formError) return { text: formError, tone: 'error' };
  if (hasFieldErrors) return { text: `${what} not saved: fix the highlighted field.`, tone: 'error' };
  if (state.isSuccess) return { text: `${what} saved.`, tone: 'ok' };
  return { text: '', tone: 'neutral' };
};

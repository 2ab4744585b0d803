// Runs one offboarding mutation at a time for a case, refreshes what it changed and keeps the error text (what
// failed and how to fix it) for the UI to show next to the case.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../../shared/api/contract';
import { rpcKey } from '../../api/rpc-key';
import { errorText } from '../../offboarding/offboarding-format';

const offboardingQueries: MethodName[] = ['offboarding.list', 'offboarding.get', 'review.list'];

export const useCaseAction = (invalidates: MethodName[] = offboardingQueries) => {
  const queries = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** `key` names the running action (a button shows "Working…" for its own key only). */
  const run = async (key: string, what: string, action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(key);
    setError(null);
    try {
      await action();
      await Promise.all(invalidates.map((m) => queries.invalidateQueries({ queryKey: rpcKey(m) })));
      return true;
    } catch (err) {
      setError(errorText(err, what));
      return false;
    } finally {
      setBusy(null);
    }
  };

  return { busy, error, run, clearError: () => setError(null) };
};

// After a directory pull: who needs a case opened (suspended / deprovisioned / deleted, with an active account
// somewhere, and no open case), and whose open case a rehire cancels (active again: for a directory-opened case,
// simply active; for a manual offboard of someone still active in the IdP, active with a status change AFTER the
// case opened). Pure.
import type { DirectoryPerson } from '../directory/types';

const LEAVER = new Set(['suspended', 'deprovisioned', 'deleted']);

export interface OpenCaseRef {
  id: number;
  personId: string;
  trigger: 'directory' | 'manual';
  openedAt: string;
}

/** A person is active again after their case opened. */
export const isRehired = (
  p: Pick<DirectoryPerson, 'status' | 'statusChangedAt'>,
  c: Pick<OpenCaseRef, 'trigger' | 'openedAt'>,
): boolean =>
  p.status === 'active' &&
  (c.trigger === 'directory' ||
    (p.statusChangedAt !== null && Date.parse(p.statusChangedAt) > Date.parse(c.openedAt)));

export const detectLeavers = (
  people: readonly DirectoryPerson[],
  openCases: readonly OpenCaseRef[],
  hasActiveAccount: (personId: string) => boolean,
): { open: DirectoryPerson[]; rehired: { caseId: number; person: DirectoryPerson }[] } => {
  const byPerson = new Map(openCases.map((c) => [c.personId, c]));
  const open: DirectoryPerson[] = [];
  const rehired: { caseId: number; person: DirectoryPerson }[] = [];
  for (const p of people) {
    const c = byPerson.get(p.id);
    if (c) {
      if (isRehired(p, c)) rehired.push({ caseId: c.id, person: p });
      continue;
    }
    if (LEAVER.has(p.status) && hasActiveAccount(p.id)) open.push(p);
  }
  return { open, rehired };
};

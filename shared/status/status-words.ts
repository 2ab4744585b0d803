// The words for what waits for an admin, shared by the tray (electron/desktop/tray.ts) and the renderer (Overview,
// Sync page), so a count reads the same wherever it shows. Revocations waiting for approval and tasks a person does
// by hand are never added up into one "pending" number: they ask for different things (a decision vs. work).
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "2 revocations wait for approval". */
export const approvalsWords = (n: number): string =>
  plural(n, 'revocation waits for approval', 'revocations wait for approval');

/** "3 tasks to do by hand" (offboarding checklist steps such as a laptop or a file transfer, manual apps). */
export const manualTasksWords = (n: number): string => plural(n, 'task to do by hand', 'tasks to do by hand');

/** "1 other change held for review" (creates, role changes, adoptions: not revocations). */
export const otherHeldWords = (n: number): string =>
  plural(n, 'other change held for review', 'other changes held for review');

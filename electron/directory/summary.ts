// Human summaries of directory results, shared by the CLI (and usable by notifications):
// "Read 5,000 people (4,990 active, 10 suspended), 40 groups, 9,000 memberships in 27 requests".
import type { DirectoryPullResult, DirectoryTestResult } from '../../shared/api/methods-directory';

const n = (x: number): string => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = `${one}s`): string => `${n(x)} ${x === 1 ? one : many}`;

const statusList = (byStatus: DirectoryPullResult['byStatus']): string => {
  const parts = Object.entries(byStatus)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${n(v)} ${k}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

export const pullSummary = (r: DirectoryPullResult): string => {
  const what = `${plural(r.people, 'person', 'people')}${statusList(r.byStatus)}, ${plural(r.groups, 'group')}, ${plural(r.memberships, 'membership')}`;
  const requests = plural(r.requests, 'request');
  if (r.suspicious && !r.stored) {
    return `Suspicious read NOT stored: ${r.suspiciousDetail ?? ''}\nRead ${what} in ${requests}. Run again with --accept-drop if the drop is expected.`;
  }
  if (r.mode === 'delta')
    return `Applied ${plural(r.changes ?? 0, 'change')} from ${r.name} in ${requests}; the snapshot now has ${what}.`;
  const lines = [`Read ${what} in ${requests}.`];
  if (r.reason && r.reason !== 'requested' && r.reason !== 'no previous read')
    lines.push(`Full read: ${r.reason}.`);
  if (r.newlyDeleted)
    lines.push(`${plural(r.newlyDeleted, 'person', 'people')} no longer in ${r.name}: kept as deleted.`);
  if (r.suspicious) lines.push(r.suspiciousDetail ?? '');
  return lines.join('\n');
};

export const testSummary = (r: DirectoryTestResult): string =>
  [
    `${r.ok ? 'OK' : 'FAILED'}: ${r.name} (${r.kind})`,
    ...r.details.map((d) => `  ${d}`),
    ...(r.missing.length ? [`Missing: ${r.missing.join(', ')}`] : []),
  ].join('\n');

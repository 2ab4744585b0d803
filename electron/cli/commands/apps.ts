// `lanyard apps …` commands: test a connection, read accounts, probe a SCIM app, confirm a manual task.
// Each calls the API method of the same name; exit 1 when the check or read failed.
import { CliUsageError, printResult, type CliCommand } from '../command';
import type {
  AccountsSnapshot,
  AppCheckResult,
  ManualAction,
  ProbeReport,
} from '../../../shared/api/methods-apps';
import { manualActionSchema } from '../../../shared/api/methods-apps';

const checkText = (r: AppCheckResult): string =>
  [
    r.ok ? 'OK' : 'FAILED',
    ...r.details.map((d) => `  ${d}`),
    ...(r.missing.length ? [`  missing: ${r.missing.join(', ')}`] : []),
  ].join('\n');

const accountsText = (s: AccountsSnapshot): string =>
  [
    `${s.count} account(s) in ${s.appId} (${s.linked} linked to directory people; ${s.requests} request(s))`,
    ...s.accounts
      .slice(0, 200)
      .map(
        (a) =>
          `  ${a.active ? ' ' : '✗'} ${a.userName}${a.externalId ? `  [${a.externalId}]` : ''}${a.role ? `  role ${a.role}` : ''}`,
      ),
    ...(s.count > 200 ? [`  … and ${s.count - 200} more (use --json for all)`] : []),
  ].join('\n');

const probeText = (r: ProbeReport): string => {
  const c = r.capabilities;
  return [
    `${r.ok ? 'OK' : 'PROBLEMS FOUND'} — ${r.appId}`,
    ...r.steps.map((s) => `  ${s.status.padEnd(7)} ${s.name}: ${s.detail}`),
    `  capabilities: updates by ${c.update}, filter ${c.filter ? 'yes' : 'no'}, groups ${c.groups ? 'yes' : 'no'}, etag ${c.etag ? 'yes' : 'no'}, DELETE ${c.deleteMeans}, page size ${c.pageSize}`,
    `  preset: ${r.presetFit.matches ? `${r.presetFit.preset} fits` : `best fit ${r.presetFit.preset}`}${r.presetFit.notes.length ? `\n    ${r.presetFit.notes.join('\n    ')}` : ''}`,
    ...(r.wrote ? [`  throwaway user cleaned up: ${r.cleanedUp ? 'yes' : 'NO — remove it by hand'}`] : []),
    `  ${r.requests} request(s); capabilities stored for later syncs.`,
  ].join('\n');
};

export const appsCommands: CliCommand[] = [
  {
    words: ['apps', 'test'],
    usage: 'lanyard apps test APP',
    summary: "Check an app's credentials with a minimal read",
    args: { min: 1, max: 1 },
    async run({ positionals, call, io }) {
      const r = await call('apps.test', { appId: positionals[0]! });
      printResult(io, r, checkText);
      return r.ok ? 0 : 1;
    },
  },
  {
    words: ['apps', 'accounts'],
    usage: 'lanyard apps accounts APP',
    summary: "Read an app's accounts and store them (nothing is stored if the read fails)",
    args: { min: 1, max: 1 },
    async run({ positionals, call, io }) {
      const r = await call('apps.accounts', { appId: positionals[0]! });
      printResult(io, r, accountsText);
      return 0;
    },
  },
  {
    words: ['apps', 'probe'],
    usage: 'lanyard apps probe APP [--write]',
    summary: 'Find out what a SCIM app supports and store it (--write: round trips on a throwaway user)',
    help: [
      'Checks auth, discovery, paging and filtering; with --write also create, PATCH (or PUT), deactivate and delete',
      'on a throwaway user "lanyard-probe-…", which is always deleted (or deactivated where DELETE is not offered).',
    ].join('\n'),
    args: { min: 1, max: 1 },
    options: { write: { type: 'boolean' } },
    async run({ positionals, values, call, io }) {
      const r = await call('apps.probe', { appId: positionals[0]!, write: values.write === true });
      printResult(io, r, probeText);
      return r.ok ? 0 : 1;
    },
  },
  {
    words: ['apps', 'confirm'],
    usage: 'lanyard apps confirm APP USERNAME ACTION [--person ID] [--role ROLE]',
    summary: 'Record a done manual-app task: ACTION is created, updated, deactivated, reactivated or deleted',
    args: { min: 3, max: 3 },
    options: { person: { type: 'string' }, role: { type: 'string' } },
    async run({ positionals, values, call, io }) {
      const [appId, userName, action] = positionals as [string, string, string];
      const parsed = manualActionSchema.safeParse(action);
      if (!parsed.success)
        throw new CliUsageError(
          `ACTION must be one of ${manualActionSchema.options.join(', ')} (got "${action}")`,
        );
      const r = await call('apps.confirmManual', {
        appId,
        userName,
        action: parsed.data as ManualAction,
        ...(typeof values.person === 'string' ? { personId: values.person } : {}),
        ...(typeof values.role === 'string' ? { role: values.role } : {}),
      });
      printResult(io, r, (v) =>
        v.account
          ? `Recorded: ${v.account.userName} ${v.action} in ${v.appId}.`
          : `Recorded: ${userName} deleted from ${v.appId}.`,
      );
      return 0;
    },
  },
];

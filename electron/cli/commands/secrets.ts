// `lanyard secrets …`: keychain entries. Values go in on stdin and never come out: output has names, where each
// is used, and "set" / "not set".
import { secretNameSchema, type SecretStatus } from '../../../shared/domain/secrets';
import { LanyardError } from '../../app/errors';
import { printResult, type CliCommand } from '../command';
import { readSecretValue } from '../read-input';

const checkName = (name: string): string => {
  const parsed = secretNameSchema.safeParse(name);
  if (!parsed.success) {
    throw new LanyardError(
      'bad_input',
      `"${name.slice(0, 64)}" is not a valid secret name: ${parsed.error.issues[0]!.message}`,
    );
  }
  return parsed.data;
};

const usedBy = (s: SecretStatus): string => (s.usedBy.length ? s.usedBy.join(', ') : '-');

const renderList = (list: SecretStatus[]): string => {
  if (!list.length)
    return 'No secrets are stored or referenced yet. Store one with `lanyard secrets set NAME`.';
  const rows = [
    ['NAME', 'SOURCE', 'STATUS', 'USED BY'],
    ...list.map((s) => [s.name, s.source, s.set ? 'set' : 'not set', usedBy(s)]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ')).join('\n');
};

const set: CliCommand = {
  words: ['secrets', 'set'],
  usage: 'lanyard secrets set NAME',
  summary: 'Store a secret in the OS keychain (value on stdin, or typed without echo)',
  help: [
    'The value is read from stdin (one trailing newline is removed) or, at a terminal, typed without echo.',
    'Refer to it in the workspace file as keychain:NAME. The value is never printed.',
    '',
    'Example:',
    '  printf %s "$SLACK_TOKEN" | lanyard secrets set slack-scim',
  ].join('\n'),
  args: { min: 1, max: 1 },
  async run({ positionals, call, io }) {
    const name = checkName(positionals[0]!);
    const value = await readSecretValue(io, name);
    if (value === '') {
      throw new LanyardError(
        'bad_input',
        `Refusing to store an empty value for ${name}; nothing was stored.`,
        {
          hint: `Pipe the value on stdin, e.g. printf %s "$TOKEN" | lanyard secrets set ${name}`,
        },
      );
    }
    const status = await call('secrets.set', { name, value });
    printResult(io, status, (s) =>
      s.usedBy.length
        ? `Stored ${s.name} in the OS keychain (used by ${s.usedBy.join(', ')}).`
        : `Stored ${s.name} in the OS keychain. Refer to it in the workspace file as ${s.ref}.`,
    );
    return 0;
  },
};

const list: CliCommand = {
  words: ['secrets', 'list'],
  usage: 'lanyard secrets list',
  summary: 'List secret names, their source, whether each is set and what uses it (never values)',
  args: { max: 0 },
  async run({ call, io }) {
    printResult(io, await call('secrets.list', {}), renderList);
    return 0;
  },
};

const del: CliCommand = {
  words: ['secrets', 'delete'],
  usage: 'lanyard secrets delete NAME',
  summary: 'Remove a secret from the OS keychain',
  args: { min: 1, max: 1 },
  async run({ positionals, call, io }) {
    const name = checkName(positionals[0]!);
    const { deleted } = await call('secrets.delete', { name });
    const stillUsed =
      (await call('secrets.list', {})).find((s) => s.ref === `keychain:${name}`)?.usedBy ?? [];
    printResult(io, { name, deleted, usedBy: stillUsed }, () => {
      const head = deleted
        ? `Deleted ${name} from the OS keychain.`
        : `No secret named ${name} was stored; nothing to delete.`;
      return stillUsed.length
        ? `${head}\nwarning: the workspace still uses keychain:${name} (${stillUsed.join(', ')}).`
        : head;
    });
    return 0;
  },
};

export const secretsCommands: CliCommand[] = [set, list, del];

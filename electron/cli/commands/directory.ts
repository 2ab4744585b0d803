// `lanyard directory …` commands: test the connection, pull the directory now.
import { printResult, type CliCommand } from '../command';
import { pullSummary, testSummary } from '../../directory/summary';

export const directoryCommands: CliCommand[] = [
  {
    words: ['directory', 'test'],
    usage: 'lanyard directory test [--json]',
    summary: 'Check the directory credentials and permissions',
    help: 'Signs in to the configured directory and tries to read users, groups (and the Okta System Log).\nExits 1 when something is missing.',
    args: { max: 0 },
    async run({ call, io }) {
      const result = await call('directory.test', {});
      printResult(io, result, testSummary);
      return result.ok ? 0 : 1;
    },
  },
  {
    words: ['directory', 'pull'],
    usage: 'lanyard directory pull [--full] [--accept-drop] [--json]',
    summary: 'Read the directory now and store the snapshot',
    help: [
      'Reads the changes since the last read (or everything with --full, or on the first read) and stores them',
      'all at once: if any request fails, nothing is stored and the previous snapshot stays.',
      'A full read with far fewer people than the last good one is not stored (exit 1) unless --accept-drop.',
      '',
      'Options:',
      '  --full          read everything instead of the changes since the last read',
      '  --accept-drop   store a full read even if it lost more people than guardrails.suspiciousDropPercent',
    ].join('\n'),
    options: { full: { type: 'boolean' }, 'accept-drop': { type: 'boolean' } },
    args: { max: 0 },
    async run({ call, io, values }) {
      const result = await call('directory.pull', {
        full: values.full === true,
        acceptDrop: values['accept-drop'] === true,
      });
      printResult(io, result, pullSummary);
      return result.stored ? 0 : 1;
    },
  },
];

// The JSON-lines log sink of `lanyard server`: one object per line, errors as data, and the same redaction as the
// text sinks (registered secret values, credential shapes, credential-named fields), with the line still JSON.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import { createLogger, jsonLinesSink, jsonLogLine, registerSecret } from '../../../electron/log/logger';

const capture = (minLevel?: 'debug' | 'info' | 'warn' | 'error') => {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (c: string) => (text += c));
  const log = createLogger(jsonLinesSink(stream, minLevel), 'lanyard');
  return {
    log,
    lines: (): Record<string, unknown>[] =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => text,
  };
};

describe('jsonLinesSink', () => {
  it('writes one JSON object per entry with time, level, component, msg and the fields at the top level', () => {
    const c = capture();
    c.log.child('server').info('listening', { url: 'http://127.0.0.1:1/?token=abc', port: 1 });
    c.log.warn('two\nlines');
    expect(c.raw().split('\n')).toHaveLength(3); // two lines and the final newline
    const [first, second] = c.lines();
    expect(Object.keys(first!)).toEqual(['time', 'level', 'component', 'msg', 'url', 'port']);
    expect(first).toMatchObject({
      level: 'info',
      component: 'lanyard:server',
      msg: 'listening',
      url: 'http://127.0.0.1:1/?token=abc',
      port: 1,
    });
    expect(new Date(first!.time as string).toISOString()).toBe(first!.time);
    expect(second).toMatchObject({ level: 'warn', msg: 'two\nlines' });
  });

  it('leaves out entries below the minimum level', () => {
    const c = capture('warn');
    c.log.debug('d');
    c.log.info('i');
    c.log.warn('w');
    c.log.error('e');
    expect(c.lines().map((l) => l.msg)).toEqual(['w', 'e']);
  });

  it('writes errors as name, message, code and hint, without the stack', () => {
    const c = capture();
    c.log.error('failed', {
      error: new LanyardError('conflict', 'Port 80 is in use.', { hint: 'Choose another.' }),
      plain: new Error('boom'),
    });
    const [line] = c.lines();
    expect(line!.error).toEqual({
      name: 'LanyardError',
      message: 'Port 80 is in use.',
      code: 'conflict',
      hint: 'Choose another.',
    });
    expect(line!.plain).toEqual({ name: 'Error', message: 'boom' });
    expect(c.raw()).not.toContain('at ');
  });

  it('redacts registered secrets, bearer tokens and credential-named fields and stays valid JSON', () => {
    registerSecret('s3cr3t-"quoted"-value');
    const line = jsonLogLine('info', 'lanyard', 'sent Bearer abcdefghijklmnop to the app', {
      echoed: 'the app said: s3cr3t-"quoted"-value',
      password: 'hunter2-hunter2',
      nested: { client_secret: 'xyz-123', note: 'password=letmein&x=1' },
      reason: 'auth.password: expected a secret reference',
    });
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(line).not.toContain('abcdefghijklmnop');
    expect(line).not.toContain('s3cr3t');
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('xyz-123');
    expect(line).not.toContain('letmein');
    expect(parsed.msg).toBe('sent Bearer [redacted] to the app');
    expect(parsed.password).toBe('[redacted]');
    expect(parsed.nested).toEqual({ client_secret: '[redacted]', note: 'password=[redacted]&x=1' });
    expect(parsed.reason).toBe('auth.password: expected a secret reference');
  });

  it('keeps the reserved keys and renames a field that would overwrite one', () => {
    const parsed = JSON.parse(
      jsonLogLine('info', 'lanyard:sync', 'run', { msg: 'other', level: 9, time: 'then' }),
    ) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      msg: 'run',
      level: 'info',
      component: 'lanyard:sync',
      'field.msg': 'other',
      'field.level': 9,
      'field.time': 'then',
    });
  });

  it('logs a line saying so instead of throwing on fields JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const parsed = JSON.parse(jsonLogLine('warn', 'lanyard', 'odd', { cyclic })) as Record<string, unknown>;
    expect(parsed.msg).toBe('odd');
    expect(String(parsed.fields)).toMatch(/^\[not serializable: /);
  });
});

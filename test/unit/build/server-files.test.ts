// The deployment files in build/server/, checked without a container runtime or systemd as PID 1 (neither exists
// where the tests run): each command line they run parses as a `lanyard` command with options it has; every
// LANYARD_* variable they set is one the code reads, with a value the code accepts; the health check asks a path
// the server answers; the compose file parses and wires the replicas, the database and the secrets consistently;
// and `systemd-analyze` verifies the unit when it is installed here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { commands } from '../../../electron/cli/registry';
import { findCommand, GLOBAL_OPTIONS, leadingWords } from '../../../electron/cli/resolve-command';
import { listenAddress, logFormatOf, parseShutdownTimeout } from '../../../electron/cli/commands/server';
import { parseDatabaseUrl } from '../../../electron/server/database-url';
import { PROBE_PATHS } from '../../../electron/server/probes';
import { sealKeysFromEnv } from '../../../electron/audit/seal-key';
import { secretFilePath } from '../../../electron/secrets/file-secret';
import { secretRefSchema } from '../../../shared/domain/secrets';
import { tempDirForTest } from '../../helpers/temp-dir';
import { REPO_ROOT } from '../../helpers/processes';

const DIR = path.join(REPO_ROOT, 'build/server');
const read = (name: string): string => fs.readFileSync(path.join(DIR, name), 'utf8');

/** Every .ts file under electron/, joined: a variable the code reads appears there by name. */
const code = (() => {
  const texts: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) texts.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(REPO_ROOT, 'electron'));
  return texts.join('\n');
})();
const expectReadByCode = (names: string[]): void => {
  expect(names.length).toBeGreaterThan(0);
  for (const n of names)
    expect(code, `${n} is not read anywhere in electron/`).toMatch(new RegExp(`\\b${n}\\b`));
};
const lanyardVars = (text: string): string[] => [...new Set(text.match(/\bLANYARD_[A-Z_]+\b/g) ?? [])];

/** `lanyard ARGS` as main() parses it: the command it runs and its parsed options (throws on an unknown one). */
const cli = (args: string[]) => {
  const cmd = findCommand(commands, leadingWords(args));
  expect(cmd, `no lanyard command for ${args.join(' ')}`).toBeDefined();
  const { values } = parseArgs({
    args,
    options: { ...cmd!.options, ...GLOBAL_OPTIONS },
    strict: true,
    allowPositionals: true,
  });
  return { name: cmd!.words.join(' '), values: values as Record<string, string | boolean | undefined> };
};

/** A systemd unit as [key, value] pairs in order (repeated keys kept). */
const unitEntries = (text: string): [string, string][] =>
  text
    .split('\n')
    .filter((l) => /^[A-Za-z]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]);

describe('build/server/lanyard.service', () => {
  const text = read('lanyard.service');
  const entries = unitEntries(text);
  const one = (key: string): string | undefined => entries.find(([k]) => k === key)?.[1];
  const all = (key: string): string[] => entries.filter(([k]) => k === key).map(([, v]) => v);

  it('starts `lanyard server` through bin/lanyard.mjs with options the command has', () => {
    const [node, script, ...args] = one('ExecStart')!.split(/\s+/);
    expect(node).toMatch(/\/node$/);
    expect(script).toMatch(/\/bin\/lanyard\.mjs$/);
    expect(fs.existsSync(path.join(REPO_ROOT, 'bin/lanyard.mjs'))).toBe(true);
    const { name, values } = cli(args);
    expect(name).toBe('server');
    const timeout = parseShutdownTimeout(values['shutdown-timeout'] as string | undefined);
    expect(timeout).not.toBeNull();
    // systemd waits longer than Lanyard's own bound before SIGKILL.
    expect(Number(one('TimeoutStopSec'))).toBeGreaterThan(timeout!);
    expect(one('KillSignal')).toBe('SIGTERM');
    expect(one('Restart')).toBe('on-failure');
  });

  it('is hardened and may write only its data folder', () => {
    for (const [k, v] of [
      ['DynamicUser', 'yes'],
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['StateDirectory', 'lanyard'],
    ])
      expect(one(k!), k).toBe(v);
    const dataDir = parseDatabaseUrl(
      /^LANYARD_DATABASE_URL=(.*)$/m.exec(read('lanyard.env.example'))![1]!,
    ) as { dataDir: string };
    expect(all('ReadWritePaths')).toEqual([dataDir.dataDir]);
  });

  it('passes secrets as credentials the seal key and file: references resolve to', () => {
    const loaded = all('LoadCredential').map((v) => v.split(':')[0]!);
    expect(loaded).toEqual(expect.arrayContaining(['audit-seal-key', 'okta-token']));
    const credentials = '/run/credentials/lanyard.service';
    const sealVar = all('Environment').find((v) => v.startsWith('LANYARD_AUDIT_SEAL_KEY='))!;
    expectReadByCode(lanyardVars(all('Environment').join('\n')));
    const seal = sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: sealVar.split('=')[1] });
    expect(loaded.map((n) => `the file ${credentials}/${n}`)).toContain(seal.description);
    // The reference the header tells admins to write is valid and names a loaded credential.
    const ref = /file:\$\{CREDENTIALS_DIRECTORY\}\/[\w.@-]+/.exec(text)![0];
    expect(secretRefSchema.safeParse(ref).success).toBe(true);
    const file = secretFilePath(
      ref.slice('file:'.length),
      { CREDENTIALS_DIRECTORY: credentials },
      {
        ref,
        usedBy: 'test',
      },
    );
    expect(loaded.map((n) => `${credentials}/${n}`)).toContain(file);
    expect(one('EnvironmentFile')).toBe('/etc/lanyard/lanyard.env');
    expect(text).toContain('build/server/lanyard.env.example /etc/lanyard/lanyard.env');
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const haveAnalyze = analyze.status === 0;
  if (!haveAnalyze)
    console.warn('systemd-analyze is not installed here: the unit is not verified by systemd');
  it.skipIf(!haveAnalyze)('passes `systemd-analyze verify` without a warning, with a low exposure', () => {
    const dir = tempDirForTest('unit');
    const unit = path.join(dir, 'lanyard.service');
    // verify needs ExecStart's program to exist: this machine's node stands in for /usr/bin/node.
    fs.writeFileSync(unit, text.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`));
    const verify = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8', timeout: 30_000 });
    expect(verify.status, verify.stderr).toBe(0);
    expect(`${verify.stdout}${verify.stderr}`.trim()).toBe('');
    const security = spawnSync('systemd-analyze', ['security', '--offline=true', unit], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const score = /Overall exposure level for lanyard\.service: ([\d.]+)/.exec(security.stdout);
    if (!score) console.warn(`systemd-analyze security --offline is not supported here: ${security.stderr}`);
    else expect(Number(score[1])).toBeLessThanOrEqual(2);
  });
});

describe('build/server/lanyard.env.example', () => {
  const text = read('lanyard.env.example');
  const values = (name: string): string[] =>
    [...text.matchAll(new RegExp(`^#?${name}=(.*)$`, 'gm'))].map((m) => m[1]!);

  it('sets only variables the code reads, each to a value it accepts', () => {
    expectReadByCode(lanyardVars(text));
    const urls = values('LANYARD_DATABASE_URL');
    expect(urls.map((u) => parseDatabaseUrl(u).kind)).toEqual(['sqlite', 'postgres']);
    const [listen] = values('LANYARD_LISTEN');
    expect(listenAddress(undefined, { LANYARD_LISTEN: listen }, false)).toEqual({
      host: '127.0.0.1',
      port: 8080,
    });
    expect(logFormatOf(undefined, { LANYARD_LOG_FORMAT: values('LANYARD_LOG_FORMAT')[0] })).toBe('json');
    expect(['debug', 'info', 'warn', 'error']).toContain(values('LANYARD_LOG_LEVEL')[0]);
    expect(() =>
      sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: values('LANYARD_AUDIT_SEAL_KEY')[0] }),
    ).not.toThrow();
  });
});

describe('build/server/Dockerfile', () => {
  const text = read('Dockerfile');
  const instr = (name: string): string[] =>
    text
      .replace(/\\\n/g, ' ')
      .split('\n')
      .filter((l) => l.startsWith(`${name} `))
      .map((l) => l.slice(name.length + 1).trim());
  const env = Object.fromEntries(
    instr('ENV')
      .join(' ')
      .split(/\s+/)
      .filter((kv) => kv.includes('='))
      .map((kv) => kv.split('=', 2) as [string, string]),
  );

  it('builds on node:20-bookworm-slim, installs production dependencies alone and runs as a non-root user', () => {
    expect(instr('FROM').map((f) => f.split(' ')[0])).toEqual(Array(3).fill('node:20-bookworm-slim'));
    expect(text).toMatch(/^RUN npm ci --omit=dev$/m);
    expect(instr('USER')).toEqual(['lanyard']);
    for (const from of instr('COPY').filter((c) => !c.startsWith('--from')))
      for (const src of from.split(/\s+/).slice(0, -1))
        expect(fs.existsSync(path.join(REPO_ROOT, src)), src).toBe(true);
  });

  it('runs `lanyard server` with known options, on an address its flags allow, and sets variables the code reads', () => {
    const entry = JSON.parse(instr('ENTRYPOINT')[0]!) as string[];
    const cmd = JSON.parse(instr('CMD')[0]!) as string[];
    expect(entry.slice(0, 2)).toEqual(['node', '/app/bin/lanyard.mjs']);
    const { name, values } = cli(cmd);
    expect(name).toBe('server');
    expectReadByCode(Object.keys(env).filter((k) => k.startsWith('LANYARD_')));
    const address = listenAddress(undefined, env, values['allow-remote'] === true);
    expect(instr('EXPOSE')).toEqual([String(address.port)]);
    expect(parseDatabaseUrl(env.LANYARD_DATABASE_URL!).kind).toBe('sqlite');
    expect(instr('STOPSIGNAL')).toEqual(['SIGTERM']);
  });

  it('health-checks a probe path the server answers, with the script the image contains', () => {
    const check = instr('HEALTHCHECK')[0]!;
    expect(check).toContain('CMD ["node", "/app/build/server/healthcheck.mjs"]');
    expect(instr('COPY')).toContain('build/server/healthcheck.mjs ./build/server/healthcheck.mjs');
    // The path the script fetches: the part after the port in its URL.
    const paths = [...read('healthcheck.mjs').matchAll(/:\$\{port\}(\/[\w/]*)/g)].map((m) => m[1]);
    expect(paths).toEqual(['/healthz']);
    expect(PROBE_PATHS.has(paths[0]!)).toBe(true);
  });
});

describe('build/server/compose.yaml', () => {
  interface Service {
    image?: string;
    build?: { context: string; dockerfile: string };
    environment?: Record<string, string>;
    ports?: string[];
    volumes?: string[];
    secrets?: string[];
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
    stop_grace_period?: string;
  }
  const doc = parseYaml(read('compose.yaml'), { merge: true }) as {
    services: Record<string, Service>;
    secrets: Record<string, { file: string }>;
    volumes: Record<string, unknown>;
  };
  const replicas = Object.entries(doc.services).filter(([n]) => n.startsWith('lanyard'));
  const sub = (v: string): string => v.replace(/\$\{LANYARD_DB_PASSWORD[^}]*\}/g, 'pw');

  it('runs PostgreSQL 16 with a volume and a health check', () => {
    const pg = doc.services.postgres!;
    expect(pg.image).toBe('postgres:16');
    expect(pg.volumes?.[0]?.split(':')[0]).toBe('pgdata');
    expect(doc.volumes).toHaveProperty('pgdata');
    expect(pg.healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  it('runs two replicas of the image built from the Dockerfile, on the same database', () => {
    expect(replicas).toHaveLength(2);
    const dockerfile = read('Dockerfile');
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(dockerfile)![1]!) as string[];
    const urls = new Set<string>();
    for (const [name, s] of replicas) {
      expect(s.image, name).toBe('lanyard:local');
      expect(path.resolve(DIR, s.build!.context, s.build!.dockerfile)).toBe(path.join(DIR, 'Dockerfile'));
      expect(s.depends_on?.postgres?.condition).toBe('service_healthy');
      expectReadByCode(Object.keys(s.environment!));
      const target = parseDatabaseUrl(sub(s.environment!.LANYARD_DATABASE_URL!));
      expect(target.kind).toBe('postgres');
      const url = new URL((target as { url: string }).url);
      expect(url.hostname).toBe('postgres');
      urls.add(url.toString());
      // The Host check wants the port the server listens on: published on the host's loopback, same number.
      const { port } = listenAddress(undefined, s.environment!, cli(cmd).values['allow-remote'] === true);
      expect(s.ports).toEqual([`127.0.0.1:${port}:${port}`]);
      expect(parseInt(s.stop_grace_period!, 10)).toBeGreaterThan(parseShutdownTimeout(cmd.at(-1))!);
    }
    expect(urls.size).toBe(1);
  });

  it('mounts the secrets as files the seal key and the workspace can refer to', () => {
    for (const [name, s] of replicas) {
      for (const secret of s.secrets!) expect(doc.secrets, name).toHaveProperty(secret);
      const seal = sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: s.environment!.LANYARD_AUDIT_SEAL_KEY });
      expect(s.secrets!.map((n) => `the file /run/secrets/${n}`)).toContain(seal.description);
      expect(secretRefSchema.safeParse('file:/run/secrets/okta-token').success).toBe(true);
      expect(s.secrets).toContain('okta-token');
    }
  });
});

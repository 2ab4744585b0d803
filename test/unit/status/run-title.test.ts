// Run titles (runTitle in electron/sync/engine/stats.ts): a run in one line as the run history, the Overview and
// the tray say it. A failed run says why it failed, never "0 applied, 0 held, 0 failed".
import { describe, expect, it } from 'vitest';
import { runTitle } from '../../../electron/sync/engine/stats';
import { BEFORE_PLANNING, OKTA_DOWN, directoryFailure, run, skippedApp } from './status-fixtures';

describe('run titles', () => {
  it('a run that could not read the directory says so, and that nothing was changed', () => {
    const title = directoryFailure(3, 1).title;
    expect(title).toBe(`Poll #3 failed, nothing was changed: ${OKTA_DOWN}`);
    expect(title).not.toMatch(/0 applied/);
    expect(title).not.toContain(BEFORE_PLANNING);
  });

  it('a successful run gives its figures, leaving out the zeros that say nothing', () => {
    const view = run(5, 1, { kind: 'manual' });
    expect(view.title).toBe('Sync #5 succeeded: 0 applied');
    const busy = run(6, 1, { kind: 'full' });
    busy.stats!.applied = 3;
    busy.stats!.held = 2;
    expect(runTitle(busy)).toBe('Full sync #6 succeeded: 3 applied, 2 held for review');
  });

  it('a partial run names the app it could not do and why', () => {
    expect(skippedApp(7, 1).title).toBe(
      'Poll #7 partly failed: 0 applied; acme: could not read its accounts: 401 Unauthorized',
    );
  });

  it('an interrupted run and a run in progress say so', () => {
    expect(run(8, 1, { status: 'interrupted', error: null }).title).toBe(
      'Poll #8 was interrupted: the process running it stopped before it finished',
    );
    expect(run(9, 0, { status: 'running', stats: null, finishedAt: null }).title).toBe('Poll #9 is running');
  });

  it('leaves out the request a failure happened on, which only makes the line long', () => {
    const error = `${BEFORE_PLANNING}Okta: answered 401: Invalid token provided (GET http://127.0.0.1:4000/api/v1/logs?since=x&limit=1000) Okta rejected the credentials.`;
    expect(run(11, 1, { status: 'failed', stats: null, error }).title).toBe(
      'Poll #11 failed, nothing was changed: Okta: answered 401: Invalid token provided Okta rejected the credentials.',
    );
  });

  it('a failed run without an error still never reads like a clean run', () => {
    expect(run(10, 1, { status: 'failed', stats: null }).title).toBe('Poll #10 failed before it could plan');
  });
});

// The Apps form's Guardrails section as data: the protected accounts (one per line) and the removal limits an
// admin types become the app's `protected` and `limits` for apps.save, an edit keeps them, and clearing them
// removes them; a server error about one entry names that entry.
import { describe, expect, it } from 'vitest';
import { appConfigSchema, type AppConfig } from '../../../shared/config/workspace';
import { buildSaveInput, draftFromApp, emptyDraft } from '../../../renderer/src/pages/apps/app-draft';
import { protectedEntries, protectedError } from '../../../renderer/src/pages/apps/protected-entries';

const github = appConfigSchema.parse({
  id: 'github',
  name: 'GitHub',
  kind: 'github',
  org: 'acme',
  auth: { type: 'bearer', token: 'keychain:github' },
  protected: ['octo-admin', 'deploy-bot'],
  limits: { maxDeprovisionsPerRun: 3 },
  timeoutMs: 5000,
});

describe('the Apps form guardrails', () => {
  it('shows the stored list one per line and saves it back unchanged', () => {
    const draft = draftFromApp(github);
    expect(draft.protectedAccounts).toBe('octo-admin\ndeploy-bot');
    expect(draft.maxDeprovisionsPerRun).toBe('3');
    expect(draft.maxDeprovisionsPerWindow).toBe('');
    const { app } = buildSaveInput(draft, github, '');
    expect(appConfigSchema.parse(app)).toEqual(github);
  });

  it('turns typed lines into entries: trimmed, blank lines dropped, commas kept', () => {
    expect(protectedEntries('  breakglass@acme.io \r\n\n\tdeploy-bot\nDoe, John\n   \n')).toEqual([
      'breakglass@acme.io',
      'deploy-bot',
      'Doe, John',
    ]);
  });

  it('saves what the admin typed, and clearing the fields removes list and limits', () => {
    const typed = {
      ...draftFromApp(github),
      protectedAccounts: 'octo-admin\n\n  ci-bot  \n',
      maxDeprovisionsPerRun: '',
      maxDeprovisionsPerWindow: '0',
    };
    const { app } = buildSaveInput(typed, github, '');
    expect(app).toMatchObject({
      protected: ['octo-admin', 'ci-bot'],
      limits: { maxDeprovisionsPerWindow: 0 },
    });
    expect(app.limits).toEqual({ maxDeprovisionsPerWindow: 0 });

    const cleared = { ...typed, protectedAccounts: ' \n', maxDeprovisionsPerWindow: '' };
    const saved = buildSaveInput(cleared, github, '').app;
    expect(saved).not.toHaveProperty('protected');
    expect(saved).not.toHaveProperty('limits');
    expect(saved).toMatchObject({ timeoutMs: 5000 });
  });

  it('lets a new manual app carry a protected list', () => {
    const draft = {
      ...emptyDraft(),
      kind: 'manual' as const,
      id: 'badge',
      name: 'Badge',
      protectedAccounts: 'ceo@acme.io',
    };
    const app: AppConfig = appConfigSchema.parse(buildSaveInput(draft, null, '').app);
    expect(app.protected).toEqual(['ceo@acme.io']);
  });

  it('names the entry a server error is about, and the one it duplicates', () => {
    const typed = 'ana@acme.io\n\ndeploy-bot\nANA@acme.io';
    const errors = new Map([
      ['app.protected[2]', 'listed twice: the same account as protected[0] (compared case-insensitively)'],
    ]);
    expect(protectedError(typed, errors)).toBe(
      '“ANA@acme.io”: listed twice: the same account as “ana@acme.io” (compared case-insensitively)',
    );
    expect(
      protectedError(typed, new Map([['app.protected', 'at most 200 protected accounts per app']])),
    ).toBe('at most 200 protected accounts per app');
    expect(protectedError(typed, new Map([['app.name', 'Required.']]))).toBeUndefined();
  });
});

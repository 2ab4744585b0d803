// Access rules: the rules in order (one ordering concept: the place in the list) with add / edit (dialog with
// pickers of what each app reports), reorder and delete, an impact preview of the unsaved changes (rules.preview: a
// dry run, nothing sent; it also flags roles and groups the app does not report), and Save, which only stores them —
// the next sync applies them, with its guardrails. Unsaved changes survive leaving the page by the back button and
// are never dropped by a link without asking (leave-guard.ts).
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { RuleConfig } from '../../../../shared/config/workspace';
import { unwrap, type ApiCallError } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { rpcKey } from '../../api/rpc-key';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page } from '../../components/page';
import { ExceptionsCard } from './exceptions-card';
import { ImpactPanel } from './impact-panel';
import { useLeaveGuard } from './leave-guard';
import { OrderNote } from './order-note';
import { RuleDialog } from './rule-dialog';
import { RulesTable } from './rules-table';
import { changedRules, plural, ruleLabel, sameRules } from './rules-format';
import '../../styles/rules.css';

/** The unsaved draft, kept while the page is away (back button, another tab of the app) until saved or discarded. */
let keptDraft: RuleConfig[] | null = null;

export const RulesPage = () => {
  const client = useClient();
  const workspace = useRpcQuery('workspace.get', {});
  const people = useRpcQuery('people.list', {});
  const save = useRpcMutation('rules.save', ['workspace.get', 'apps.status']);
  const stored = useMemo(() => workspace.data?.rules ?? [], [workspace.data]);
  const [draft, setDraftState] = useState<RuleConfig[] | null>(() => keptDraft);
  const setDraft = (next: RuleConfig[] | null) => {
    keptDraft = next;
    setDraftState(next);
  };
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const rules = draft ?? stored;
  const dirty = draft !== null && !sameRules(draft, stored);
  const guard = useLeaveGuard(dirty);
  const runPreview = async (next: RuleConfig[]) =>
    unwrap(await client.call('rules.preview', { rules: next }));
  const preview = useQuery<Awaited<ReturnType<typeof runPreview>>, ApiCallError>({
    queryKey: [...rpcKey('rules.preview', { rules }), stored],
    queryFn: () => runPreview(rules),
    // Also for the stored rules: the table flags roles and groups the app does not report even before an edit.
    enabled: !workspace.isPending,
    placeholderData: (prev) => prev,
    retry: false,
  });

  const apps = workspace.data?.apps ?? [];
  const flagged = new Set((preview.data?.ruleWarnings ?? []).map((w) => w.rule)).size;
  const groups = useMemo(() => (people.data?.groups ?? []).map((g) => g.name), [people.data]);
  const change = (next: RuleConfig[]) => {
    setSaved(null);
    save.reset();
    setDraft(next);
  };

  if (workspace.isPending) {
    return (
      <Page title="Access rules" lead="Who gets which app, and with which role.">
        <div className="card" aria-busy="true">
          <span className="skeleton" aria-hidden="true" /> Loading rules…
        </div>
      </Page>
    );
  }
  if (workspace.error) {
    return (
      <Page title="Access rules" lead="Who gets which app, and with which role.">
        <p className="callout callout-error" role="alert">
          Could not load the workspace: {workspace.error.message}.{' '}
          {workspace.error.hint ?? 'Check that Lanyard is running, then reload.'}
        </p>
      </Page>
    );
  }

  const noApps = apps.length === 0;
  return (
    <Page title="Access rules" lead="Who gets which app, and with which role.">
      <div className="rules-layout">
        <div className="stack">
          <div className="rules-toolbar">
            <button type="button" className="button" onClick={() => setEditing('new')} disabled={noApps}>
              Add rule
            </button>
            <span className="muted">
              {plural(rules.length, 'rule')}
              {dirty ? ' · unsaved changes' : ''}
            </span>
          </div>
          <OrderNote rules={rules} onListOrder={change} />
          {noApps ? (
            <div className="card rules-empty">
              <p>
                No apps yet — add one in <Link to="/apps">Apps</Link>, then come back to say who gets it.
              </p>
            </div>
          ) : rules.length === 0 ? (
            <div className="card rules-empty">
              <p>
                No rules yet, so nobody gets any app. Add a rule such as “Engineering → GitHub, role member”.
              </p>
            </div>
          ) : (
            <RulesTable
              rules={rules}
              apps={apps}
              termWarnings={preview.data?.ruleWarnings ?? []}
              onEdit={setEditing}
              onMove={(i, by) => {
                const next = [...rules];
                [next[i], next[i + by]] = [next[i + by]!, next[i]!];
                change(next);
              }}
              onDelete={setDeleting}
            />
          )}
          {people.error ? (
            <p className="callout callout-warning">
              Directory groups are unavailable ({people.error.message}); you can still match by attributes.
            </p>
          ) : null}
          <ExceptionsCard />
        </div>

        <div className="rules-side">
          <ImpactPanel
            dirty={dirty}
            preview={dirty ? preview.data : undefined}
            loading={dirty && preview.isFetching}
            error={dirty ? preview.error : null}
          />
          <div className="card rules-save">
            <p className="muted">
              Saving stores the rules only. The next sync applies them, with its guardrails.
            </p>
            {dirty && flagged ? (
              <p className="rules-save-flagged">
                {flagged === 1 ? 'A rule names' : `${flagged} rules name`} a role, team or group its app does
                not report — check the Impact panel before saving.
              </p>
            ) : null}
            <div className="form-footer">
              <button
                type="button"
                className="button"
                disabled={!dirty || save.isPending}
                onClick={() =>
                  save.mutate(
                    { rules },
                    {
                      onSuccess: (r) => {
                        setDraft(null);
                        setSaved(
                          `Saved ${plural(r.rules, 'rule')}. Nothing was applied yet — run a sync to apply them.`,
                        );
                      },
                    },
                  )
                }
              >
                {save.isPending ? 'Saving…' : 'Save rules'}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={!dirty || save.isPending}
                onClick={() => change(stored)}
              >
                Discard changes
              </button>
            </div>
            <p
              className={`form-status${save.error ? ' form-status-error' : saved ? ' form-status-ok' : ''}`}
              role="status"
            >
              {save.error
                ? `Not saved: ${save.error.message}${save.error.hint ? ` ${save.error.hint}` : ''}`
                : (saved ?? '')}
            </p>
          </div>
        </div>
      </div>

      <RuleDialog
        editing={editing}
        rule={typeof editing === 'number' ? (rules[editing] ?? null) : null}
        apps={apps}
        groups={groups}
        otherNames={rules.flatMap((r, i) => (r.name && i !== editing ? [r.name] : []))}
        onCancel={() => setEditing(null)}
        onSave={(rule) => {
          change(editing === 'new' ? [...rules, rule] : rules.map((r, i) => (i === editing ? rule : r)));
          setEditing(null);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting === null ? 'rule' : ruleLabel(deleting + 1, rules[deleting]?.name)}?`}
        confirmLabel="Delete rule"
        busy={false}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          change(rules.filter((_, i) => i !== deleting));
          setDeleting(null);
        }}
      >
        <p>
          The rule leaves the unsaved draft; the Impact panel shows who would lose access before you save.
          Later rules move up one number.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={guard.pending !== null}
        title={`Discard changes to ${dirty ? changedRules(rules, stored) : 'the rules'}?`}
        confirmLabel="Discard changes"
        busy={false}
        onCancel={guard.stay}
        onConfirm={() => guard.leave(() => setDraft(null))}
      >
        <p>
          Your changes to the access rules are not saved. Discarding them keeps the stored rules as they are.
        </p>
      </ConfirmDialog>
    </Page>
  );
};

// Step 4: the dry run (sync.plan): what the first sync would do, with a few reasons. Nothing is applied here;
// applying is the Sync page's job, where the guardrails and the review queue are in view.
import { Link } from 'react-router';
import type { SyncOpKind, SyncPlanResult } from '../../../shared/api/methods-sync';
import { useRpcMutation } from '../api/queries';
import { ErrorNote } from './setup-parts';

const SAMPLE = 5;

const kindLabel = (kind: string): string =>
  kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/-/g, ' ');

export const DryRunStep = () => {
  const plan = useRpcMutation('sync.plan', []);
  const result: SyncPlanResult | undefined = plan.data;
  const totals = result
    ? (Object.entries(result.total) as [SyncOpKind, number][]).filter(([, n]) => n > 0)
    : [];
  return (
    <div className="setup-step-body">
      <div className="setup-actions">
        <button
          type="button"
          className="button"
          aria-disabled={plan.isPending || undefined}
          onClick={() => !plan.isPending && plan.mutate({})}
        >
          {plan.isPending ? 'Planning…' : result ? 'Run the dry run again' : 'Run the dry run'}
        </button>
        <ErrorNote error={plan.error} fieldErrors={false} what="Dry run failed" />
      </div>
      {result ? (
        <section className="setup-result" aria-label="Dry run">
          <p className="setup-nothing-applied" role="note">
            This was a dry run: nothing was applied and no app was changed.
          </p>
          <dl className="setup-counts">
            {totals.length ? (
              totals.map(([kind, n]) => (
                <div key={kind}>
                  <dt>{kindLabel(kind)}</dt>
                  <dd>{n.toLocaleString('en-US')}</dd>
                </div>
              ))
            ) : (
              <div>
                <dt>Changes</dt>
                <dd>0</dd>
              </div>
            )}
            <div>
              <dt className="setup-count-plain">Held for review</dt>
              <dd>{result.held.toLocaleString('en-US')}</dd>
            </div>
          </dl>
          {result.ops.length ? (
            <>
              <h3>A few of the reasons</h3>
              <ul className="setup-reasons">
                {result.ops.slice(0, SAMPLE).map((op) => (
                  <li key={op.key}>
                    <span className="setup-op">{kindLabel(op.kind)}</span> {op.reason}
                    {op.heldReason ? ` (held: ${op.heldReason})` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {[...result.warnings, ...result.skippedApps.map((s) => `${s.appId}: ${s.reason}`)].map((w) => (
            <p key={w} className="setup-missing">
              {w}
            </p>
          ))}
          <div className="setup-actions">
            <Link className="button" to="/sync">
              Go to Sync to apply
            </Link>
          </div>
        </section>
      ) : null}
    </div>
  );
};

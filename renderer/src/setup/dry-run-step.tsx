// Step 4: the dry run (sync.plan): what the first sync would do, with a few reasons. Nothing is applied here, and
// the setup ends by saying so: a new workspace reads and plans on schedule but applies nothing until the admin
// reviews and applies a first plan on the Sync page, where the guardrails and the review queue are in view.
// Without a directory, an app and a rule the plan could only be empty — which would look like "nothing to do" —
// so the dry run waits for them and says what is missing, with the way to each.
import { Link } from 'react-router';
import type { SetupStatus } from '../../../shared/api/methods-setup';
import type { SchedulerStatus, SyncOpKind, SyncPlanResult } from '../../../shared/api/methods-sync';
import { useRpcMutation, useRpcQuery } from '../api/queries';
import { applyingAfterSkip } from './step-gates';
import { ErrorNote } from './setup-parts';

const SAMPLE = 5;

const kindLabel = (kind: string): string =>
  kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/-/g, ' ');

interface Props {
  status: SetupStatus | undefined;
  /** Titles of the steps the admin skipped and has not done since. */
  skipped: string[];
  onGoTo: (step: number) => void;
}

/** What the dry run still needs, each with the step that provides it. */
const missingFor = (s: SetupStatus | undefined): { what: string; step: number; label: string }[] =>
  !s
    ? []
    : [
        ...(s.directory.configured
          ? []
          : [{ what: 'a connected directory', step: 0, label: 'Connect your directory' }]),
        ...(s.apps > 0 ? [] : [{ what: 'at least one app', step: 1, label: 'Add an app' }]),
        ...(s.rules > 0 ? [] : [{ what: 'at least one access rule', step: 2, label: 'Add a rule' }]),
      ];

export const DryRunStep = ({ status: setup, skipped, onGoTo }: Props) => {
  const plan = useRpcMutation('sync.plan', ['sync.status']);
  const status = useRpcQuery('sync.status', {});
  const result: SyncPlanResult | undefined = plan.data;
  const missing = missingFor(setup);
  const ready = setup !== undefined && missing.length === 0;
  const totals = result
    ? (Object.entries(result.total) as [SyncOpKind, number][]).filter(([, n]) => n > 0)
    : [];
  return (
    <div className="setup-step-body">
      {missing.length ? (
        <div className="setup-missing-parts" id="dry-run-why">
          <p>
            The dry run needs {missing.map((m) => m.what).join(' and ')}: it plans what your rules give people
            in your apps, so without them the plan could only be empty, which would tell you nothing.
          </p>
          <div className="setup-actions">
            {missing.map((m) => (
              <button
                key={m.step}
                type="button"
                className="button button-secondary"
                onClick={() => onGoTo(m.step)}
              >
                {m.label}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <div className="setup-actions">
        <button
          type="button"
          className="button"
          aria-disabled={plan.isPending || !ready || undefined}
          aria-describedby={missing.length ? 'dry-run-why' : undefined}
          onClick={() => ready && !plan.isPending && plan.mutate({})}
        >
          {plan.isPending ? 'Planning…' : result ? 'Run the dry run again' : 'Run the dry run'}
        </button>
        <ErrorNote error={plan.error} fieldErrors={false} what="Dry run failed" />
      </div>
      {skipped.length ? (
        <p className="setup-skipped" role="note">
          You skipped: {skipped.join(', ')}. {applyingAfterSkip(status.data?.applying)}
        </p>
      ) : null}
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
        </section>
      ) : null}
      <WhatNext status={status.data} />
    </div>
  );
};

/** The end of the setup: whether anything will be applied, and the way to the first plan on the Sync page. */
const WhatNext = ({ status }: { status: SchedulerStatus | undefined }) => {
  if (!status) return null;
  const on = status.applying === 'on';
  return (
    <section className="setup-next" aria-labelledby="setup-next-title">
      <h3 id="setup-next-title">
        {status.applying === 'awaiting-first-review'
          ? 'Applying is paused until you review the first plan'
          : on
            ? 'Applying is on'
            : 'Applying is paused'}
      </h3>
      <p>
        {status.applying === 'awaiting-first-review'
          ? 'From now on Lanyard reads your directory and apps on schedule and plans what it would change, but it changes nothing in any app until you review a plan on the Sync page and apply it.'
          : on
            ? 'Scheduled syncs apply their plans within the guardrails; large deprovisions wait for your review.'
            : (status.applyingDetail ?? 'Syncs read and plan but change nothing in your apps for now.')}
      </p>
      <div className="setup-actions">
        <Link className="button" to="/sync?preview=1">
          Review the plan on the Sync page
        </Link>
      </div>
    </section>
  );
};

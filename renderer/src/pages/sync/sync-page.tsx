// Sync: preview the plan (sync.plan, nothing sent), apply it all or per app (sync.run) after a confirmation with the
// counts, watch live progress (sync.progress / sync.finished events), work the review queue, read the run history,
// and drive the scheduler (Sync now, Pause / Resume, quarantined apps). Above it all: whether runs apply anything
// yet (a new workspace waits for its first reviewed plan) and what is held. `#/sync?preview=1` starts a preview on
// arrival (the Overview's "Review the first plan"); `#/sync?focus=review` moves to the review queue.
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { SyncPlanResult, SyncProgress, SyncRunResult } from '../../../../shared/api/methods-sync';
import { useClient } from '../../api/client-context';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { rpcKey } from '../../api/rpc-key';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page } from '../../components/page';
import { PlanPreview } from './plan-preview';
import { ReviewQueue } from './review-queue';
import { RunHistory } from './run-history';
import { RunFailures, RunOutcome } from './run-outcome';
import { SchedulerCard } from './scheduler-card';
import { SyncAttention } from '../../sync-state/sync-attention';
import { StatusProblems } from '../../sync-state/status-problems';
import { useStatusSummary } from '../../sync-state/use-status';
import { kindCounts, plural } from './sync-format';
import '../../styles/sync.css';

const AFTER_RUN = [
  'runs.list',
  'runs.history',
  'sync.status',
  'review.list',
  'apps.status',
  'people.list',
] as const;
type Pending = { mode: 'apply'; appId: string | null } | { mode: 'now' } | null;

const ERROR_TEXT = (e: { message: string; hint?: string | undefined }) =>
  `${e.message}${e.hint ? ` ${e.hint}` : ''}`;

export const SyncPage = () => {
  const client = useClient();
  const queries = useQueryClient();
  const workspace = useRpcQuery('workspace.get', {});
  const status = useRpcQuery('sync.status', {});
  const summary = useStatusSummary();
  const settings = useRpcQuery('settings.get', {});
  const appStatus = useRpcQuery('apps.status', {});
  const review = useRpcQuery('review.list', {});
  const planM = useRpcMutation('sync.plan', []);
  const runM = useRpcMutation('sync.run', [...AFTER_RUN]);
  const nowM = useRpcMutation('sync.now', [...AFTER_RUN]);
  const [plan, setPlan] = useState<SyncPlanResult | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [result, setResult] = useState<SyncRunResult | null>(null);
  const [params, setParams] = useSearchParams();
  const planTop = useRef<HTMLDivElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const revealPlan = useRef(false);
  const arrived = useRef(false);

  useEffect(() => {
    const refresh = () => AFTER_RUN.forEach((m) => void queries.invalidateQueries({ queryKey: rpcKey(m) }));
    const offs = [
      client.on('sync.progress', (p) => setProgress(p.phase === 'done' ? null : p)),
      client.on('sync.finished', () => {
        setProgress(null);
        refresh();
      }),
      client.on('review.changed', () => void queries.invalidateQueries({ queryKey: rpcKey('review.list') })),
    ];
    return () => offs.forEach((off) => off());
  }, [client, queries]);

  const apps = workspace.data?.apps ?? [];
  const appName = (id: string) => apps.find((a) => a.id === id)?.name ?? id;
  const busy = planM.isPending || runM.isPending || nowM.isPending || Boolean(status.data?.running);
  const runError = runM.error ?? nowM.error;
  const canPlan = Boolean(workspace.data?.directory && workspace.data.apps.length);
  const firstReview = status.data?.applying === 'awaiting-first-review';

  const { mutate: planMutate } = planM;
  // A preview holds the core's run lock, so sync.status may have been read as "running" meanwhile: read it again.
  const planned = {
    onSuccess: setPlan,
    onSettled: () => void queries.invalidateQueries({ queryKey: rpcKey('sync.status') }),
  };
  const preview = (reveal: boolean) => {
    revealPlan.current = reveal;
    planMutate({}, planned);
  };
  const showReview = () => {
    reviewHeading.current?.scrollIntoView({ block: 'start' });
    reviewHeading.current?.focus();
  };

  // Arriving from a link: preview at once, or go to the review queue; the request leaves the address after.
  const wants =
    params.get('preview') === '1' ? 'preview' : params.get('focus') === 'review' ? 'review' : null;
  useEffect(() => {
    if (!wants || arrived.current || (wants === 'preview' && !canPlan)) return;
    arrived.current = true;
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('preview');
        next.delete('focus');
        return next;
      },
      { replace: true },
    );
    if (wants === 'preview') {
      revealPlan.current = true;
      planMutate(
        {},
        {
          onSuccess: setPlan,
          onSettled: () => void queries.invalidateQueries({ queryKey: rpcKey('sync.status') }),
        },
      );
    } else {
      reviewHeading.current?.scrollIntoView({ block: 'start' });
      reviewHeading.current?.focus();
    }
  }, [wants, canPlan, planMutate, setParams, queries]);

  // A preview asked for from a banner scrolls to the plan it made.
  useEffect(() => {
    if (!plan || !revealPlan.current) return;
    revealPlan.current = false;
    planTop.current?.scrollIntoView({ block: 'start' });
  }, [plan]);

  const finish = (r: SyncRunResult) => {
    setResult(r);
    setPlan(null);
    setPending(null);
  };
  // The dialog closes at once: the page then shows the run's live progress, and its outcome or error.
  const confirm = () => {
    if (!pending) return;
    setPending(null);
    setResult(null);
    if (pending.mode === 'now') nowM.mutate({}, { onSuccess: finish });
    else runM.mutate(pending.appId ? { appId: pending.appId } : {}, { onSuccess: finish });
  };
  const toApply = plan
    ? plan.ops.filter(
        (o) =>
          o.status === 'planned' &&
          (pending?.mode !== 'apply' || !pending.appId || o.appId === pending.appId),
      )
    : [];
  const counts: Record<string, number> = {};
  for (const o of toApply) counts[o.kind] = (counts[o.kind] ?? 0) + 1;

  let body;
  if (workspace.isPending)
    body = (
      <div className="card" aria-busy="true">
        Loading…
      </div>
    );
  else if (workspace.error)
    body = (
      <p className="callout callout-error" role="alert">
        Could not load the workspace: {ERROR_TEXT(workspace.error)}
      </p>
    );
  else if (!workspace.data.directory)
    body = (
      <div className="card sync-empty">
        <p>
          No directory yet — connect one in <Link to="/settings">Settings → Workspace</Link>. Sync reads
          people from it.
        </p>
      </div>
    );
  else if (!apps.length)
    body = (
      <div className="card sync-empty">
        <p>
          No apps yet — add one in <Link to="/apps">Apps</Link> and say who gets it in{' '}
          <Link to="/rules">Access rules</Link>.
        </p>
      </div>
    );
  else
    body = (
      <div className="stack">
        <div className="sync-actions">
          <button type="button" className="button" disabled={busy} onClick={() => preview(false)}>
            {planM.isPending ? 'Reading directory and apps…' : plan ? 'Preview again' : 'Preview'}
          </button>
          <span className="muted">
            A preview reads the directory and every app and shows what would change. Nothing is sent.
          </span>
        </div>
        <RunOutcome
          progress={progress}
          starting={runM.isPending || nowM.isPending}
          result={result}
          appName={appName}
        />
        {planM.error ? (
          <p className="callout callout-error" role="alert">
            The preview failed: {ERROR_TEXT(planM.error)}
          </p>
        ) : null}
        {runError && !pending ? (
          <p className="callout callout-error" role="alert">
            The sync failed: {ERROR_TEXT(runError)}
          </p>
        ) : null}
        {result ? <RunFailures result={result} appName={appName} /> : null}
        <div ref={planTop} className="sync-plan-anchor">
          {plan ? (
            <PlanPreview
              plan={plan}
              appName={appName}
              busy={busy}
              onApply={(appId) => setPending({ mode: 'apply', appId })}
            />
          ) : null}
        </div>
      </div>
    );

  return (
    <Page title="Sync" lead="Preview what Lanyard would change, apply it, and look back at past runs.">
      <StatusProblems summary={summary.summary} here="/sync" />
      <SyncAttention
        status={status.data}
        inPlace={{ previewPlan: () => preview(true), busy: busy || !canPlan, showReview }}
      />
      <div className="sync-layout">
        <div className="stack sync-main">
          {body}
          <section className="card" aria-labelledby="sync-review-title">
            <div className="card-header">
              <h2 id="sync-review-title" ref={reviewHeading} tabIndex={-1}>
                Waiting for review
              </h2>
              {review.data ? <span className="muted">{review.data.total}</span> : null}
            </div>
            {review.error ? (
              <p className="callout callout-error">
                Could not read the review queue: {ERROR_TEXT(review.error)}
              </p>
            ) : review.data ? (
              <ReviewQueue review={review.data} appName={appName} />
            ) : (
              <span className="skeleton" />
            )}
          </section>
        </div>
        <aside className="sync-side">
          <SchedulerCard
            status={status.data}
            paused={settings.data?.schedule.paused}
            quarantined={
              status.data?.quarantined ??
              (appStatus.data ?? [])
                .filter((a) => a.health === 'quarantined')
                .map((a) => ({
                  appId: a.id,
                  appName: appName(a.id),
                  reason: a.healthDetail ?? 'too many failures in a row',
                }))
            }
            appName={appName}
            busy={busy}
            onSyncNow={() => setPending({ mode: 'now' })}
          />
        </aside>
      </div>
      <section className="card sync-history" aria-labelledby="sync-runs-title">
        <div className="card-header">
          <h2 id="sync-runs-title">Run history</h2>
        </div>
        <RunHistory />
      </section>
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.mode === 'now'
            ? 'Sync now?'
            : pending?.appId
              ? `Apply ${plural(toApply.length, 'change')} to ${appName(pending.appId)}?`
              : `Apply ${plural(toApply.length, 'change')}?`
        }
        confirmLabel={pending?.mode === 'now' ? 'Sync now' : 'Apply'}
        busy={false}
        onCancel={() => {
          setPending(null);
          runM.reset();
          nowM.reset();
        }}
        onConfirm={confirm}
      >
        {pending?.mode === 'now' ? (
          <p>
            Lanyard reads the directory and every app and applies what the rules say, now. Guardrails hold
            large deprovisions for review.
          </p>
        ) : (
          <>
            <p>
              <strong>{kindCounts(counts) || 'No planned changes'}</strong>
              {plan?.held ? `; ${plural(plan.held, 'held op')} stay in review.` : '.'}
            </p>
            {firstReview ? (
              <p>
                This is the first plan you apply: from now on, scheduled syncs apply their changes too (within
                the guardrails; large deprovisions still wait for review).
              </p>
            ) : null}
            <p className="muted">
              Lanyard reads the directory and apps again first and applies the plan as it is then, so it can
              differ from this preview if something changed. Single ops cannot be picked: apply everything or
              one app.
            </p>
          </>
        )}
      </ConfirmDialog>
    </Page>
  );
};

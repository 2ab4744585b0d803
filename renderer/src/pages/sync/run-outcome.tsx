// The Sync page's outcome line: live progress of a run, then how it ended (a failed run says why, in its title),
// and the ops that failed, each named by what it does in its app.
import type { SyncProgress, SyncRunResult } from '../../../../shared/api/methods-sync';
import { RunHandTasks } from '../tasks/hand-tasks-note';
import { KIND_LABEL, kindCounts, plural } from './sync-format';

interface OutcomeProps {
  progress: SyncProgress | null;
  /** A run was asked for and has not reported progress yet. */
  starting: boolean;
  result: SyncRunResult | null;
  appName: (id: string) => string;
}

export const RunOutcome = ({ progress, starting, result, appName }: OutcomeProps) => (
  <div className="sync-progress" aria-live="polite" data-testid="sync-progress">
    {progress ? (
      <>
        <progress value={progress.total ? progress.done : undefined} max={progress.total || undefined} />
        <span>
          {progress.phase === 'apply' ? `Applying ${progress.done} of ${progress.total}` : progress.message}
          {progress.appId ? ` · ${appName(progress.appId)}` : ''}
        </span>
      </>
    ) : starting ? (
      <>
        <progress />
        <span>Starting the run…</span>
      </>
    ) : result && (result.run.status === 'failed' || result.run.status === 'interrupted') ? (
      // A run that failed says why (its title), never "nothing to apply".
      <span className="sync-error">{result.run.title}</span>
    ) : result ? (
      <span className={result.run.status === 'ok' ? 'sync-ok' : 'sync-error'}>
        Run #{result.run.id} finished ({result.run.status}): {kindCounts(result.run.stats?.opsByKind ?? {})}
        <RunHandTasks applied={kindCounts(result.run.stats?.opsByKind ?? {}) !== ''} />
        {result.failed.length ? ` · ${plural(result.failed.length, 'failure')} — see below` : ''}
        {result.held.length ? ` · ${result.held.length} held for review` : ''}
      </span>
    ) : null}
  </div>
);

export const RunFailures = ({
  result,
  appName,
}: {
  result: SyncRunResult;
  appName: (id: string) => string;
}) =>
  result.failed.length ? (
    <div className="callout callout-error">
      <strong>Failed:</strong>
      <ul>
        {result.failed.map((f) => (
          <li key={f.id}>
            {appName(f.appId)}: {f.target} — {f.label ?? KIND_LABEL[f.kind]}: {f.error}
          </li>
        ))}
      </ul>
    </div>
  ) : null;

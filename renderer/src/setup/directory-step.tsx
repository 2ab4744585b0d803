// Step 1: the directory connection (the same form as Settings → Directory, filled from the saved connection when
// the admin comes back), then Pull (directory.pull) once a test passed and the connection is saved, with the counts
// it read.
import type { DirectoryPullResult } from '../../../shared/api/methods-directory';
import { useRpcMutation, useRpcQuery } from '../api/queries';
import { StatusBadge } from '../components/status-badge';
import { DirectoryForm } from './directory-form';
import type { DirectoryOutcome } from './directory-outcome';
import { ErrorNote } from './setup-parts';

interface Props {
  onPulled: (result: DirectoryPullResult) => void;
  pulled: DirectoryPullResult | null;
  onOutcome: (outcome: DirectoryOutcome | null) => void;
}

export const DirectoryStep = ({ onPulled, pulled, onOutcome }: Props) => {
  const workspace = useRpcQuery('workspace.get', {});
  const pull = useRpcMutation('directory.pull', ['setup.status', 'people.list']);
  if (!workspace.data) {
    return workspace.error ? (
      <p className="callout callout-error" role="alert">
        Could not load the workspace: {workspace.error.message}
      </p>
    ) : (
      <p className="setup-loading">Loading the saved connection…</p>
    );
  }
  return (
    <div className="setup-step-body">
      <DirectoryForm
        saved={workspace.data.directory}
        onOutcome={onOutcome}
        afterSaved={
          <div className="setup-actions">
            <button
              type="button"
              className="button"
              aria-disabled={pull.isPending || undefined}
              onClick={() => !pull.isPending && pull.mutate({}, { onSuccess: onPulled })}
            >
              {pull.isPending ? 'Reading the directory…' : pulled ? 'Pull again' : 'Pull the directory'}
            </button>
            <ErrorNote error={pull.error} fieldErrors={false} what="Pull failed" />
          </div>
        }
      />
      {pulled ? <PullCounts result={pulled} /> : null}
    </div>
  );
};

const PullCounts = ({ result }: { result: DirectoryPullResult }) => (
  <section className="setup-result" aria-label="Directory read">
    <h3>
      Read {result.name}{' '}
      <StatusBadge tone={result.stored ? 'ok' : 'degraded'} label={result.stored ? 'Stored' : 'Not stored'} />
    </h3>
    <dl className="setup-counts">
      <div>
        <dt>People</dt>
        <dd>{result.people.toLocaleString('en-US')}</dd>
      </div>
      {Object.entries(result.byStatus)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => (
          <div key={status}>
            <dt>{status[0]!.toUpperCase() + status.slice(1)}</dt>
            <dd>{n.toLocaleString('en-US')}</dd>
          </div>
        ))}
      <div>
        <dt>Groups</dt>
        <dd>{result.groups.toLocaleString('en-US')}</dd>
      </div>
      <div>
        <dt>Memberships</dt>
        <dd>{result.memberships.toLocaleString('en-US')}</dd>
      </div>
    </dl>
    {result.suspiciousDetail ? <p className="field-error">{result.suspiciousDetail}</p> : null}
  </section>
);

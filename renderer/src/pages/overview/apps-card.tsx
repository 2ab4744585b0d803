// App health on the Overview: each app's state (quarantined ones with a Resume button, after a confirmation), and
// orphaned accounts — accounts in apps that match nobody in the directory.
import { useState } from 'react';
import type { AppStatusView } from '../../../../shared/api/methods-workspace';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StatusBadge, type BadgeTone } from '../../components/status-badge';
import { plural, pluralWord } from '../../components/plural';
import { useCaseAction } from '../offboarding/use-case-action';
import { errorText } from '../../offboarding/offboarding-format';

const healthTone: Record<AppStatusView['health'], BadgeTone> = {
  ok: 'ok',
  degraded: 'degraded',
  quarantined: 'error',
  paused: 'neutral',
};
const healthWord: Record<AppStatusView['health'], string> = {
  ok: 'OK',
  degraded: 'Degraded',
  quarantined: 'Quarantined',
  paused: 'Paused',
};

export const AppsCard = () => {
  const status = useRpcQuery('apps.status', {});
  const workspace = useRpcQuery('workspace.get', {});
  const client = useClient();
  const action = useCaseAction(['apps.status', 'sync.status', 'review.list', 'runs.list']);
  const [resuming, setResuming] = useState<AppStatusView | null>(null);
  const [done, setDone] = useState('');
  const names = new Map(workspace.data?.apps.map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const apps = status.data ?? [];
  // Ignored orphans and service accounts are known: only the ones nobody has dealt with count.
  const orphanList = useRpcQuery('orphans.list', {});
  const orphans = orphanList.data?.open ?? apps.reduce((n, a) => n + a.orphans, 0);
  const troubled = apps.filter((a) => a.health !== 'ok').length;

  return (
    <section className="card overview-card" aria-labelledby="apps-card-title">
      <div className="card-header">
        <h2 id="apps-card-title">
          <a href="#/apps">Apps</a>
        </h2>
        {status.data && apps.length ? (
          <StatusBadge
            tone={troubled ? 'degraded' : 'ok'}
            label={troubled ? `${troubled} need${troubled === 1 ? 's' : ''} attention` : 'All healthy'}
          />
        ) : null}
      </div>
      {status.error ? (
        <p className="callout callout-error">{errorText(status.error, 'Could not read app status')}</p>
      ) : status.data && apps.length === 0 ? (
        <p className="muted">
          No apps yet. <a href="#/apps">Add an app</a> (SCIM, GitHub or a manual checklist) to start
          provisioning.
        </p>
      ) : (
        <ul className="overview-apps">
          {apps.map((a) => (
            <li key={a.id}>
              <span className="overview-app-name">{nameOf(a.id)}</span>
              <span className="muted overview-app-detail">
                {a.accounts === null ? 'never read' : plural(a.accounts, 'account')}
                {a.healthDetail ? ` · ${a.healthDetail}` : ''}
              </span>
              <StatusBadge tone={healthTone[a.health]} label={healthWord[a.health]} />
              {a.health === 'quarantined' ? (
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={`Resume ${nameOf(a.id)}`}
                  onClick={() => setResuming(a)}
                >
                  Resume
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="overview-figure">
        <strong>{status.data ? orphans : '–'}</strong>{' '}
        <a href="#/people?view=orphans">orphaned {pluralWord(orphans, 'account')}</a>
        <span className="muted"> — in an app, but nobody in the directory.</span>
      </p>
      <p className="muted" role="status">
        {done}
      </p>
      <ConfirmDialog
        open={resuming !== null}
        title={`Resume ${resuming ? nameOf(resuming.id) : ''}?`}
        confirmLabel="Resume"
        busy={action.busy !== null}
        error={action.error}
        onCancel={() => setResuming(null)}
        onConfirm={() => {
          const app = resuming;
          if (!app) return;
          void action
            .run('resume', `Could not resume ${nameOf(app.id)}`, async () => {
              const r = unwrap(await client.call('sync.resumeApp', { appId: app.id }));
              setDone(
                `${nameOf(app.id)} resumed; ${plural(r.released, 'held operation')} ${pluralWord(r.released, 'goes', 'go')} back into the next sync.`,
              );
            })
            .then((ok) => ok && setResuming(null));
        }}
      >
        <p>
          Lanyard stopped writing to this app after repeated failures
          {resuming?.healthDetail ? `: ${resuming.healthDetail}` : ''}. Fix the cause first (credentials,
          permissions, the app's status page); the operations it held run in the next sync.
        </p>
      </ConfirmDialog>
    </section>
  );
};

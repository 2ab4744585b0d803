// Step 2: add a first app with the Apps page's own form (preset picker, write-only credential), then Test it —
// and, for a SCIM app, Probe it (read-only) to see what the server really supports, as the Apps page does.
import { useState } from 'react';
import type { AppCheckResult } from '../../../shared/api/methods-apps';
import { useRpcMutation, useRpcQuery, useSecrets } from '../api/queries';
import { StatusBadge } from '../components/status-badge';
import { AppForm } from '../pages/apps/app-form';
import { Capabilities } from '../pages/apps/connection-panel';
import { CheckLines, ErrorNote } from './setup-parts';

interface Props {
  appId: string | null;
  onSaved: (id: string) => void;
  onTested: (ok: boolean) => void;
}

export const AppStep = ({ appId, onSaved, onTested }: Props) => {
  const presets = useRpcQuery('apps.presets', {});
  const workspace = useRpcQuery('workspace.get', {});
  const secrets = useSecrets();
  const test = useRpcMutation('apps.test', ['apps.status']);
  const probe = useRpcMutation('apps.probe', ['apps.status']);
  const [result, setResult] = useState<AppCheckResult | null>(null);
  const [editing, setEditing] = useState(appId === null);
  const app = workspace.data?.apps.find((a) => a.id === appId) ?? null;

  if (editing || !appId) {
    return presets.data ? (
      <AppForm
        existing={app}
        presets={presets.data}
        secrets={secrets.data}
        onSaved={(id) => {
          setEditing(false);
          setResult(null);
          onSaved(id);
        }}
        onCancel={() => appId && setEditing(false)}
      />
    ) : (
      <p className="setup-loading">Loading presets…</p>
    );
  }

  return (
    <section className="setup-result" aria-label="App test">
      <h3>
        {app?.name ?? appId} saved{' '}
        {result ? (
          <StatusBadge tone={result.ok ? 'ok' : 'error'} label={result.ok ? 'Test passed' : 'Test failed'} />
        ) : null}
      </h3>
      {result ? <CheckLines details={result.details} missing={result.missing} /> : null}
      <div className="setup-actions">
        <button
          type="button"
          className="button"
          aria-disabled={test.isPending || undefined}
          onClick={() =>
            !test.isPending &&
            test.mutate(
              { appId },
              {
                onSuccess: (r) => {
                  setResult(r);
                  onTested(r.ok);
                },
                onError: () => onTested(false),
              },
            )
          }
        >
          {test.isPending ? 'Testing…' : result ? 'Test again' : 'Test the app'}
        </button>
        {app?.kind === 'scim' ? (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={probe.isPending || undefined}
            onClick={() => !probe.isPending && probe.mutate({ appId, write: false })}
          >
            {probe.isPending ? 'Probing…' : 'Probe (read-only)'}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
          Edit the app
        </button>
        <ErrorNote
          error={test.error ?? probe.error}
          fieldErrors={false}
          what={test.error ? 'Test failed' : 'Probe failed'}
        />
      </div>
      {probe.data ? (
        <div className="setup-probe" aria-label="Probe result" role="group">
          <h4>
            What {app?.name ?? appId} supports{' '}
            <StatusBadge
              tone={probe.data.ok ? 'ok' : 'error'}
              label={probe.data.ok ? 'Probe finished' : 'Probe found problems'}
            />
          </h4>
          <Capabilities caps={probe.data.capabilities} />
          <p className="muted">
            {probe.data.presetFit.matches
              ? `Matches what the ${probe.data.presetFit.preset} preset documents. Lanyard uses these capabilities.`
              : `Differs from the ${probe.data.presetFit.preset} preset: ${probe.data.presetFit.notes.join(' ')} Lanyard uses what the probe found.`}
          </p>
        </div>
      ) : null}
    </section>
  );
};

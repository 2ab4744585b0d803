// Test connection and the SCIM probe, with readable results: the check's lines and missing permissions, the
// probe's steps and the capabilities it found. The write probe (a throwaway user) asks first.
import { useState } from 'react';
import type { AppConfig } from '../../../../shared/config/workspace';
import type { AppCapabilities, ProbeStep } from '../../../../shared/api/methods-apps';
import type { StoredCapabilitiesView } from '../../../../shared/api/methods-workspace';
import { useRpcMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StatusBadge, type BadgeTone } from '../../components/status-badge';
import { formatWhen } from './apps-format';

const stepBadge: Record<ProbeStep['status'], { tone: BadgeTone; label: string }> = {
  ok: { tone: 'ok', label: 'OK' },
  failed: { tone: 'error', label: 'Failed' },
  skipped: { tone: 'neutral', label: 'Skipped' },
  absent: { tone: 'degraded', label: 'Not offered' },
};

const yesNo = (v: boolean): string => (v ? 'Yes' : 'No');

export const Capabilities = ({ caps }: { caps: AppCapabilities }) => (
  <dl className="apps-caps" aria-label="Capabilities">
    <div>
      <dt>Updates</dt>
      <dd>{caps.update === 'patch' ? 'PATCH' : 'PUT only (whole user)'}</dd>
    </div>
    <div>
      <dt>Filter by userName</dt>
      <dd>{caps.filter ? 'Yes' : 'No (lists and matches)'}</dd>
    </div>
    <div>
      <dt>Groups</dt>
      <dd>{yesNo(caps.groups)}</dd>
    </div>
    <div>
      <dt>ETags</dt>
      <dd>{yesNo(caps.etag)}</dd>
    </div>
    <div>
      <dt>Enterprise extension</dt>
      <dd>{yesNo(caps.enterpriseExtension)}</dd>
    </div>
    <div>
      <dt>Page size</dt>
      <dd>{caps.pageSize}</dd>
    </div>
    <div>
      <dt>DELETE means</dt>
      <dd>
        {caps.deleteMeans === 'delete'
          ? 'Delete'
          : caps.deleteMeans === 'deactivate'
            ? 'Deactivate'
            : 'Not offered'}
      </dd>
    </div>
    <div>
      <dt>Found from</dt>
      <dd>{caps.sources.join(', ')}</dd>
    </div>
  </dl>
);

interface Props {
  app: AppConfig;
  stored: StoredCapabilitiesView | null;
}

export const ConnectionPanel = ({ app, stored }: Props) => {
  const test = useRpcMutation('apps.test', ['apps.status']);
  const probe = useRpcMutation('apps.probe', ['apps.status']);
  const [askWrite, setAskWrite] = useState(false);
  const scim = app.kind === 'scim';
  const report = probe.data;

  return (
    <section className="apps-panel" aria-labelledby="apps-connection-title">
      <div className="apps-panel-head">
        <div>
          <h3 id="apps-connection-title">Connection</h3>
          <p className="muted">
            {scim
              ? 'Test signs in and reads one page. The probe finds out what this SCIM server really supports.'
              : 'Test signs in and checks the permissions Lanyard needs.'}
          </p>
        </div>
        <div className="apps-actions">
          <button
            type="button"
            className="button"
            aria-disabled={test.isPending || undefined}
            onClick={() => !test.isPending && test.mutate({ appId: app.id })}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          {scim ? (
            <>
              <button
                type="button"
                className="button button-secondary"
                aria-disabled={probe.isPending || undefined}
                onClick={() => !probe.isPending && probe.mutate({ appId: app.id, write: false })}
              >
                {probe.isPending && !probe.variables?.write ? 'Probing…' : 'Probe (read-only)'}
              </button>
              <button
                type="button"
                className="button button-secondary"
                aria-disabled={probe.isPending || undefined}
                onClick={() => !probe.isPending && setAskWrite(true)}
              >
                {probe.isPending && probe.variables?.write ? 'Probing…' : 'Probe with a throwaway user…'}
              </button>
            </>
          ) : null}
        </div>
      </div>

      <div aria-live="polite" className="apps-results">
        {test.error ? (
          <p className="callout callout-error" role="alert">
            The test could not run: {test.error.message} {test.error.hint ?? ''}
          </p>
        ) : null}
        {test.data ? (
          <div className={`apps-result apps-result-${test.data.ok ? 'ok' : 'error'}`}>
            <div className="apps-result-head">
              <StatusBadge
                tone={test.data.ok ? 'ok' : 'error'}
                label={test.data.ok ? 'Connection works' : 'Connection failed'}
              />
            </div>
            <ul className="apps-lines" aria-label="Test results">
              {test.data.details.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            {test.data.missing.length ? (
              <p>
                <strong>Missing permissions:</strong> {test.data.missing.join(', ')}. Grant them in the app’s
                admin settings and test again.
              </p>
            ) : null}
          </div>
        ) : null}

        {probe.error ? (
          <p className="callout callout-error" role="alert">
            The probe could not run: {probe.error.message} {probe.error.hint ?? ''}
          </p>
        ) : null}
        {report ? (
          <div className={`apps-result apps-result-${report.ok ? 'ok' : 'error'}`}>
            <div className="apps-result-head">
              <StatusBadge
                tone={report.ok ? 'ok' : 'error'}
                label={report.ok ? 'Probe finished' : 'Probe found problems'}
              />
              <span className="muted">
                {report.wrote ? 'with a throwaway user' : 'read-only'} · {report.requests} requests
              </span>
            </div>
            <ol className="apps-steps" aria-label="Probe steps">
              {report.steps.map((s, i) => (
                <li key={`${i}-${s.name}`}>
                  <StatusBadge {...stepBadge[s.status]} />
                  <span className="apps-step-name">{s.name}</span>
                  <span className="apps-step-detail">{s.detail}</span>
                </li>
              ))}
            </ol>
            {report.wrote ? (
              <p>
                {report.cleanedUp
                  ? 'The throwaway user is gone again.'
                  : 'The throwaway user could not be removed: delete the user named “lanyard-probe-…” in the app by hand.'}
              </p>
            ) : null}
            <h4>Detected capabilities</h4>
            <Capabilities caps={report.capabilities} />
            <p className="muted">
              {report.presetFit.matches
                ? `Matches what the ${report.presetFit.preset} preset documents.`
                : `Differs from the ${report.presetFit.preset} preset: ${report.presetFit.notes.join(' ')}`}
            </p>
          </div>
        ) : stored && scim ? (
          <div className="apps-result">
            <p className="muted">
              Last probed {formatWhen(stored.probedAt)} (
              {stored.writeTested ? 'with a throwaway user' : 'read-only'}
              ). Lanyard uses these capabilities:
            </p>
            <Capabilities caps={stored} />
          </div>
        ) : null}
      </div>

      <ConfirmDialog
        open={askWrite}
        title="Probe with a throwaway user?"
        confirmLabel="Run write probe"
        busy={false}
        onCancel={() => setAskWrite(false)}
        onConfirm={() => {
          setAskWrite(false);
          probe.mutate({ appId: app.id, write: true });
        }}
      >
        <p>
          Lanyard creates a test user in {app.name}, changes it, and then deletes it (or deactivates it where
          the app does not delete) to see how updates and removals really behave.
        </p>
        <p>On apps that bill per user this may briefly count as a seat.</p>
      </ConfirmDialog>
    </section>
  );
};

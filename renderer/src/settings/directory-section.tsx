// Settings → Directory: the connection in use — IdP, name, where it is, how Lanyard signs in, which secret
// reference holds the credential and whether it is set (never its value), when it was last read — a test of it as
// saved, and the form to change it or rotate its credential. The form is the setup's own (setup/directory-form):
// it tests before it saves, so a bogus token never replaces a working one unless the admin saves anyway.
import type { ReactNode } from 'react';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import type { SecretStatus } from '../../../shared/domain/secrets';
import type { SetupStatus } from '../../../shared/api/methods-setup';
import { useRpcMutation, useRpcQuery, useSecrets } from '../api/queries';
import { StatusBadge } from '../components/status-badge';
import { IDPS, secretRefOf } from '../setup/directory-draft';
import { DirectoryForm } from '../setup/directory-form';
import { CheckLines, ErrorNote } from '../setup/setup-parts';
import '../styles/setup.css';

const signInLabel = (d: DirectoryConfig): string =>
  IDPS.find((i) => i.kind === d.kind)!.authTypes.find((a) => a.type === d.auth.type)?.label ?? d.auth.type;

/** Where the directory is, by IdP: its URL, tenant or admin. */
const whereRows = (d: DirectoryConfig): [string, string][] => {
  switch (d.kind) {
    case 'okta':
    case 'auth0':
      return [['Base URL', d.baseUrl]];
    case 'entra':
      return [
        ['Tenant ID', d.tenantId],
        ...(d.baseUrl ? ([['Graph URL', d.baseUrl]] as [string, string][]) : []),
      ];
    case 'google':
      return [
        ['Admin email', d.adminEmail],
        ['Customer ID', d.customer ?? 'my_customer'],
      ];
  }
};

const formatWhen = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

const CurrentConnection = ({
  directory,
  secret,
  lastPull,
}: {
  directory: DirectoryConfig;
  secret: SecretStatus | undefined;
  lastPull: SetupStatus['directory']['lastPull'] | undefined;
}) => {
  const ref = secretRefOf(directory);
  const rows: [string, ReactNode][] = [
    ['Identity provider', IDPS.find((i) => i.kind === directory.kind)!.label],
    ['Name', directory.name],
    ...whereRows(directory),
    ['Sign-in', signInLabel(directory)],
    [
      'Credential',
      <>
        <code>{ref}</code>{' '}
        {ref.startsWith('env:')
          ? '(environment variable)'
          : ref.startsWith('file:')
            ? '(file)'
            : '(OS keychain)'}{' '}
        <StatusBadge tone={secret?.set ? 'ok' : 'degraded'} label={secret?.set ? 'Set' : 'Not set'} />
      </>,
    ],
    [
      'Last read',
      lastPull
        ? `${formatWhen(lastPull.at)} · ${lastPull.people.toLocaleString('en-US')} people, ${lastPull.groups.toLocaleString('en-US')} groups`
        : 'Never read yet',
    ],
  ];
  return (
    <dl className="facts directory-current" aria-label="Current connection">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
};

export const DirectorySection = () => {
  const workspace = useRpcQuery('workspace.get', {});
  const setup = useRpcQuery('setup.status', {});
  const secrets = useSecrets();
  const test = useRpcMutation('directory.test', []);
  const directory = workspace.data?.directory ?? null;
  const ref = directory ? secretRefOf(directory) : null;

  return (
    <section className="card" aria-labelledby="directory-title">
      <div className="card-header">
        <div>
          <h2 id="directory-title">Directory</h2>
          <p className="card-description">
            Where people and groups come from. Change the connection or rotate its credential below: Lanyard
            tests it first and saves it only when the test passes, so a mistyped token never replaces the one
            that works.
          </p>
        </div>
      </div>

      {workspace.error ? (
        <p className="callout callout-error" role="alert">
          Could not load the directory connection: {workspace.error.message}
        </p>
      ) : !workspace.data ? (
        <p className="setup-loading">Loading the directory connection…</p>
      ) : directory ? (
        <>
          <CurrentConnection
            directory={directory}
            secret={secrets.data?.find((s) => s.ref === ref)}
            lastPull={setup.data?.directory.lastPull}
          />
          <div className="setup-actions">
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={test.isPending || undefined}
              onClick={() => !test.isPending && test.mutate({})}
            >
              {test.isPending ? 'Testing…' : 'Test the saved connection'}
            </button>
            <ErrorNote error={test.error} fieldErrors={false} what="The test could not run" />
          </div>
          {test.data ? (
            <section className="setup-result" aria-label="Saved connection test">
              <h3>
                Saved connection{' '}
                <StatusBadge tone={test.data.ok ? 'ok' : 'error'} label={test.data.ok ? 'Works' : 'Fails'} />
              </h3>
              <CheckLines details={test.data.details} missing={test.data.missing} />
            </section>
          ) : null}
        </>
      ) : (
        <p className="muted">
          No directory is connected yet. Fill in the connection below, then Test &amp; save.
        </p>
      )}

      {workspace.data ? (
        <div className="directory-change">
          <h3>{directory ? 'Change the connection or rotate the credential' : 'Connect a directory'}</h3>
          <DirectoryForm saved={directory} />
        </div>
      ) : null}
    </section>
  );
};

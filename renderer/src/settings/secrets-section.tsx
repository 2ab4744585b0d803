// Secrets: the keychain, env and file secrets and where they are used — names and "set / not set" only, never values.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SecretStatus } from '../../../shared/domain/secrets';
import { ApiCallError, unwrap } from '../api/api-error';
import { useClient } from '../api/client-context';
import { useSecrets } from '../api/queries';
import { rpcKey } from '../api/rpc-key';
import { ConfirmDialog } from '../components/confirm-dialog';
import { StatusBadge } from '../components/status-badge';
import { SecretForm } from './secret-form';

const SOURCE_LABEL: Record<SecretStatus['source'], string> = {
  keychain: 'OS keychain',
  env: 'Environment variable',
  file: 'File',
};

export const SecretsSection = () => {
  const secrets = useSecrets();
  const client = useClient();
  const queries = useQueryClient();
  const [toDelete, setToDelete] = useState<SecretStatus | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const confirmDelete = async () => {
    if (!toDelete) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      unwrap(await client.call('secrets.delete', { name: toDelete.name }));
      await queries.invalidateQueries({ queryKey: rpcKey('secrets.list') });
      setAnnouncement(`Deleted secret ${toDelete.name} from the keychain.`);
      setToDelete(null);
    } catch (err) {
      setDeleteError(err instanceof ApiCallError ? err.message : 'The secret could not be deleted.');
    } finally {
      setDeleting(false);
    }
  };

  return (
    <section className="card" aria-labelledby="secrets-title">
      <div className="card-header">
        <div>
          <h2 id="secrets-title">Secrets</h2>
          <p className="card-description">
            Tokens and keys live in the OS keychain (or environment variables, or files on a server). Lanyard
            shows only whether each one is set — values are never displayed or sent back.
          </p>
        </div>
      </div>

      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Secrets known to this workspace</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Used by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {secrets.data?.map((secret) => (
              <tr key={secret.ref}>
                <th scope="row" className="mono">
                  {secret.name}
                </th>
                <td>{SOURCE_LABEL[secret.source]}</td>
                <td>
                  <StatusBadge tone={secret.set ? 'ok' : 'degraded'} label={secret.set ? 'Set' : 'Not set'} />
                </td>
                <td>
                  {secret.usedBy.length ? (
                    secret.usedBy.join(', ')
                  ) : (
                    <span className="muted">Not used yet</span>
                  )}
                </td>
                <td className="actions">
                  {secret.source === 'keychain' ? (
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={`Delete secret ${secret.name}`}
                      onClick={() => {
                        setDeleteError(null);
                        setToDelete(secret);
                      }}
                    >
                      Delete
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
            {secrets.data && secrets.data.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty">
                  No secrets yet. Add one below, then refer to it as <code>keychain:NAME</code> in an app or
                  directory.
                </td>
              </tr>
            ) : null}
            {!secrets.data ? (
              <tr>
                <td colSpan={5} className="empty">
                  {secrets.error ? `Could not load secrets: ${secrets.error.message}` : 'Loading secrets…'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <SecretForm />

      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete secret ${toDelete?.name ?? ''}?`}
        confirmLabel="Delete secret"
        busy={deleting}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      >
        <p>
          Lanyard removes it from the OS keychain. This cannot be undone; you would have to enter the value
          again.
        </p>
        {toDelete?.usedBy.length ? (
          <p className="callout callout-warning">
            Still used by {toDelete.usedBy.join(', ')}: syncing there stops until the secret is set again.
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
};

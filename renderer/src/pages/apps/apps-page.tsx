// Apps (issue #7 point 3): the apps Lanyard keeps in step with the directory. List with health, accounts and
// policies; add / edit (SCIM with presets, GitHub, manual) with a write-only credential; remove with a
// confirmation that says how many rules go with it; per app Test connection, Probe and the orphan report.
import { useRef, useState } from 'react';
import { useRpcMutation, useRpcQuery, useSecrets } from '../../api/queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page } from '../../components/page';
import { AppDetail } from './app-detail';
import { AppForm } from './app-form';
import { AppsTable } from './apps-table';
import { plural } from './apps-format';
import '../../styles/apps.css';

type Mode = { kind: 'view' } | { kind: 'add' } | { kind: 'edit'; id: string };

export const AppsPage = () => {
  const workspace = useRpcQuery('workspace.get', {});
  const statuses = useRpcQuery('apps.status', {});
  const presets = useRpcQuery('apps.presets', {});
  const secrets = useSecrets();
  const remove = useRpcMutation('apps.remove', ['workspace.get', 'apps.status', 'secrets.list']);

  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [selected, setSelected] = useState<string | null>(null);
  const [focusDetail, setFocusDetail] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);

  const apps = workspace.data?.apps;
  const selectedApp = apps?.find((a) => a.id === selected) ?? null;
  const editing = mode.kind === 'edit' ? (apps?.find((a) => a.id === mode.id) ?? null) : null;
  const removeTarget = apps?.find((a) => a.id === removing) ?? null;
  const removeRules = workspace.data?.rules.filter((r) => r.app === removing).length ?? 0;

  const focusAdd = () => requestAnimationFrame(() => addButton.current?.focus());
  const open = (id: string) => {
    setMode({ kind: 'view' });
    setSelected(id);
    setFocusDetail(true);
  };

  const confirmRemove = () => {
    if (!removeTarget) return;
    remove.mutate(
      { id: removeTarget.id },
      {
        onSuccess: (r) => {
          setAnnouncement(`Removed ${removeTarget.name} and ${plural(r.rulesRemoved, 'access rule')}.`);
          setRemoving(null);
          if (selected === r.id) setSelected(null);
          if (mode.kind === 'edit' && mode.id === r.id) setMode({ kind: 'view' });
          focusAdd();
        },
      },
    );
  };

  const showForm = mode.kind === 'add' || (mode.kind === 'edit' && editing !== null);

  return (
    <Page title="Apps" lead="The SaaS apps Lanyard keeps in step with your directory.">
      <div className="apps">
        <div className="apps-toolbar">
          <p className="muted" aria-live="polite">
            {apps
              ? apps.length
                ? `${plural(apps.length, 'app')} connected`
                : 'No apps yet'
              : 'Loading apps…'}
          </p>
          <button
            type="button"
            className="button"
            ref={addButton}
            onClick={() => {
              setMode({ kind: 'add' });
              setSelected(null);
            }}
          >
            Add app
          </button>
        </div>

        {workspace.error ? (
          <div className="callout callout-error" role="alert">
            <p>Could not load the apps: {workspace.error.message}</p>
            {workspace.error.hint ? <p>{workspace.error.hint}</p> : null}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void workspace.refetch()}
            >
              Try again
            </button>
          </div>
        ) : null}

        {showForm ? (
          <AppForm
            key={mode.kind === 'edit' ? `edit-${mode.id}` : 'add'}
            existing={editing}
            presets={presets.data ?? []}
            secrets={secrets.data}
            onSaved={(id) => {
              setAnnouncement(`Saved ${id}.`);
              open(id);
            }}
            onCancel={() => {
              setMode({ kind: 'view' });
              if (selected) setFocusDetail(true);
              else focusAdd();
            }}
          />
        ) : null}

        {apps && apps.length === 0 && !showForm ? (
          <div className="card apps-empty-state">
            <h2>Connect your first app</h2>
            <p>
              Lanyard creates, updates and removes accounts in the apps you connect, following your directory.
              Add a SCIM app such as Slack or Zoom, a GitHub organization, or a manual checklist for an app
              without an API.
            </p>
            <p className="muted">
              Prefer config as code? Describe apps in a workspace file and import it in Settings → Workspace
              file.
            </p>
            <div>
              <button type="button" className="button" onClick={() => setMode({ kind: 'add' })}>
                Add your first app
              </button>
            </div>
          </div>
        ) : null}

        {!apps && !workspace.error ? (
          <div className="card apps-loading" aria-hidden="true">
            <span className="skeleton" />
            <span className="skeleton" />
          </div>
        ) : null}

        {apps && apps.length > 0 ? (
          <AppsTable
            apps={apps}
            statuses={statuses.data}
            presets={presets.data}
            secrets={secrets.data}
            selected={mode.kind === 'view' ? selected : null}
            onOpen={(id) => (selected === id && mode.kind === 'view' ? setSelected(null) : open(id))}
            onEdit={(id) => {
              setSelected(id);
              setMode({ kind: 'edit', id });
            }}
            onRemove={(id) => {
              remove.reset();
              setRemoving(id);
            }}
          />
        ) : null}

        {selectedApp && mode.kind === 'view' ? (
          <AppDetail
            key={selectedApp.id}
            app={selectedApp}
            status={statuses.data?.find((s) => s.id === selectedApp.id)}
            presets={presets.data}
            secrets={secrets.data}
            focusOnOpen={focusDetail}
            onEdit={() => setMode({ kind: 'edit', id: selectedApp.id })}
            onRemove={() => {
              remove.reset();
              setRemoving(selectedApp.id);
            }}
            onClose={() => {
              setSelected(null);
              focusAdd();
            }}
          />
        ) : null}

        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </div>

      <ConfirmDialog
        open={removeTarget !== null}
        title={`Remove ${removeTarget?.name ?? ''}?`}
        confirmLabel="Remove app"
        busy={remove.isPending}
        error={remove.error ? `${remove.error.message} ${remove.error.hint ?? ''}` : null}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        <p>
          Lanyard stops managing {removeTarget?.name}.{' '}
          <strong>
            {removeRules
              ? `${plural(removeRules, 'access rule')} that grant${removeRules === 1 ? 's' : ''} it will be removed too.`
              : 'No access rules grant it.'}
          </strong>
        </p>
        <p>
          Nothing changes in the app itself: its accounts stay as they are. Its credential stays in the
          keychain (delete it in Settings → Secrets if nothing else uses it).
        </p>
      </ConfirmDialog>
    </Page>
  );
};

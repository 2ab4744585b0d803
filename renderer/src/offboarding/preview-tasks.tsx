// What an offboard would do, task by task, before anything happens: the step, and whether it runs now or waits
// (held for review, done by hand). A fixed-height placeholder while the preview loads, so the dialog does not jump.
import type { OffboardingPreview } from '../../../shared/api/methods-offboarding';
import { StatusBadge } from '../components/status-badge';
import { plural } from '../components/plural';

export const PreviewTasks = ({ preview }: { preview: OffboardingPreview | undefined }) => {
  if (!preview)
    return (
      <p className="muted offboard-preview-loading" role="status">
        Working out what an offboard would do…
      </p>
    );
  const now = preview.tasks.filter((t) => !t.heldReason && t.kind !== 'manual' && t.kind !== 'checklist');
  return (
    <div className="offboard-preview-list">
      <p>
        <strong>{preview.displayName ?? preview.person}</strong>{' '}
        <span className="muted">
          ({preview.person}, {preview.status}) — {plural(preview.tasks.length, 'task')}, {now.length} run at
          once.
        </span>
      </p>
      <table className="table offboard-preview-table" aria-label="Tasks this offboard creates">
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">App</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {preview.tasks.map((t, i) => {
            const manual = t.kind === 'manual' || t.kind === 'checklist';
            return (
              <tr key={`${t.kind}-${t.appId ?? ''}-${i}`}>
                <th scope="row">
                  {t.title}
                  {/* The reason mostly restates the title; the held reason is what the admin needs. */}
                  {t.heldReason ? <span className="muted offboard-cell-detail">{t.heldReason}</span> : null}
                </th>
                <td>{t.appName ?? (t.kind.startsWith('idp') ? 'Identity provider' : '—')}</td>
                <td>
                  {t.heldReason ? (
                    <StatusBadge tone="degraded" label="Waits for approval" />
                  ) : manual ? (
                    <StatusBadge tone="degraded" label="By hand" />
                  ) : t.kind === 'verify' ? (
                    <StatusBadge tone="neutral" label="At the end" />
                  ) : (
                    <StatusBadge tone="ok" label="Now" />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};

// What the unsaved rules would do, from rules.preview (a dry run on the stored directory and accounts): counts of
// adds, changes and removes per app, and who, with each op's reason, behind a disclosure. Roles, teams and app groups
// the proposed rules name but the app does not report are flagged first: a typo there reaches every person matched.
import type { RulesPreview } from '../../../../shared/api/methods-rules';
import type { ApiCallError } from '../../api/api-error';
import { plural } from './rules-format';

interface Props {
  dirty: boolean;
  preview: RulesPreview | undefined;
  loading: boolean;
  error: ApiCallError | null;
}

export const ImpactPanel = ({ dirty, preview, loading, error }: Props) => {
  let body;
  if (!dirty) {
    body = (
      <p className="muted">No unsaved changes. Add, edit or reorder a rule to see who it would affect.</p>
    );
  } else if (error) {
    body = (
      <p className="callout callout-error" role="alert">
        Could not preview these rules: {error.message}
        {error.hint ? ` ${error.hint}` : ''}
      </p>
    );
  } else if (!preview) {
    body = <p className="muted">Working out who these rules would affect…</p>;
  } else {
    const { counts } = preview;
    const nothing = counts.adds + counts.changes + counts.removes === 0;
    body = (
      <>
        <p className="rules-impact-summary" data-testid="impact-summary">
          <span className="rules-impact-count rules-adds">adds {counts.adds}</span>
          <span className="rules-impact-count rules-changes">changes {counts.changes}</span>
          <span className="rules-impact-count rules-removes">removes {counts.removes}</span>
        </p>
        {preview.ruleWarnings.length ? (
          <div className="callout callout-warning rules-impact-flags" data-testid="impact-flags">
            <p>
              <strong>Check before saving:</strong> the changes below would use names the app does not report.
            </p>
            <ul>
              {preview.ruleWarnings.map((w) => (
                <li key={`${w.rule}-${w.field}-${w.value}`}>
                  {w.label.charAt(0).toUpperCase() + w.label.slice(1)}: {w.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {preview.people === 0 ? (
          <p className="callout callout-warning">
            No directory read yet — connect one in Settings → Workspace; until then no rule matches anyone.
          </p>
        ) : null}
        {preview.unreadApps.length ? (
          <p className="muted">
            Not read yet (assumed empty): {preview.unreadApps.join(', ')}. Run a sync preview to read them.
          </p>
        ) : null}
        {nothing ? <p className="muted">These changes would not add, change or remove anyone.</p> : null}
        {preview.apps.map((app) => {
          const ops = preview.ops.filter((o) => o.appId === app.appId);
          return (
            <details key={app.appId} className="rules-impact-app">
              <summary>
                <strong>{app.appName}</strong>: adds {app.counts.adds}, changes {app.counts.changes}, removes{' '}
                {app.counts.removes} — show who
              </summary>
              <ul className="rules-impact-ops">
                {ops.slice(0, 500).map((op, i) => (
                  <li key={`${op.kind}-${op.target}-${i}`} className={`rules-op rules-op-${op.class}`}>
                    <span className="rules-op-kind">{op.kind}</span>{' '}
                    <span className="rules-op-target">{op.target}</span>
                    <span className="rules-op-reason">{op.reason}</span>
                    {op.heldReason ? <span className="rules-op-held">{op.heldReason}</span> : null}
                  </li>
                ))}
                {ops.length > 500 ? <li className="muted">… and {ops.length - 500} more</li> : null}
              </ul>
            </details>
          );
        })}
        {preview.dropped.length ? (
          <p className="muted">
            {plural(preview.dropped.length, 'pending change')} of the current rules would no longer happen.
          </p>
        ) : null}
        {preview.warnings.map((w) => (
          <p key={w} className="callout callout-warning">
            {w}
          </p>
        ))}
      </>
    );
  }
  return (
    <section className="card rules-impact" aria-labelledby="rules-impact-title" aria-busy={loading}>
      <div className="card-header">
        <h2 id="rules-impact-title">Impact</h2>
        {loading && preview ? <span className="muted">Updating…</span> : null}
      </div>
      <div aria-live="polite">{body}</div>
    </section>
  );
};

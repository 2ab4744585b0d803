// What replacing the workspace would change, from config.apply's dry run: per section the items added, changed
// and removed, by name. Removals come first and stand out (a word and a mark, not colour alone), since a pasted
// `apps: []` silently dropping apps and their rules is what this view exists to prevent.
import type { SectionChanges, WorkspaceChanges } from '../../../shared/config/workspace-changes';
import '../styles/workspace-changes.css';

const SECTIONS = [
  ['apps', 'Apps'],
  ['rules', 'Access rules'],
  ['exceptions', 'Access exceptions'],
  ['reviews', 'Recurring access reviews'],
] as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 apps removed, 1 added" for a section; null when it does not change. */
const sectionLine = (s: SectionChanges): string | null => {
  const parts = [
    s.removed.length ? `${s.removed.length} removed` : null,
    s.added.length ? `${s.added.length} added` : null,
    s.changed.length ? `${s.changed.length} changed` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(', ') : null;
};

export const WorkspaceChangesView = ({ changes }: { changes: WorkspaceChanges }) => {
  if (changes.same) return <p>The file is the same as the stored workspace: nothing would change.</p>;
  const d = changes.directory;
  return (
    // Focusable: the list may scroll inside the dialog, and the keyboard must reach all of it.
    <div
      className="workspace-changes"
      data-testid="workspace-changes"
      role="region"
      aria-label="What would change"
      tabIndex={0}
    >
      {changes.removals ? (
        <p className="callout callout-warning">
          <strong>{plural(changes.removals, 'item')} would be removed.</strong> Rules and exceptions of a
          removed app go with it; accounts in the apps are not touched by the replacement itself.
        </p>
      ) : null}
      {d.change !== 'same' ? (
        <p>
          Directory:{' '}
          {d.change === 'removed'
            ? `${d.before} would be removed`
            : d.change === 'added'
              ? `${d.after} would be added`
              : `${d.before} would be replaced by ${d.after}`}
        </p>
      ) : null}
      {SECTIONS.map(([key, title]) => {
        const s = changes[key];
        const line = sectionLine(s);
        if (!line) return null;
        return (
          <section key={key} aria-label={`${title}: ${line}`} className="workspace-changes-section">
            <h3>
              {title}: <span className="muted">{line}</span>
            </h3>
            <ul>
              {s.removed.map((i) => (
                <li key={`r-${i.key}`} className="workspace-change-removed">
                  <span aria-hidden="true">− </span>Removed: {i.name}
                </li>
              ))}
              {s.added.map((i) => (
                <li key={`a-${i.key}`}>
                  <span aria-hidden="true">+ </span>Added: {i.name}
                </li>
              ))}
              {s.changed.map((i) => (
                <li key={`c-${i.key}`}>
                  <span aria-hidden="true">~ </span>Changed: {i.name}
                  {i.detail ? <span className="muted"> ({i.detail})</span> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {changes.settings.length ? (
        <p>
          Settings that change (left out of the file: back to their defaults): {changes.settings.join(', ')}.
        </p>
      ) : null}
    </div>
  );
};

// Add or edit one access rule in a modal <dialog>: the app (from the workspace), who it matches (directory groups,
// any or all, and attribute conditions), the role with suggestions for the app's kind, teams / app groups and the
// priority. Nothing is stored here: the rule goes into the page's draft, previewed and saved from there.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AppConfig, RuleConfig } from '../../../../shared/config/workspace';
import {
  draftOf,
  emptyDraft,
  roleSuggestions,
  ruleOf,
  type DraftErrors,
  type RuleDraft,
} from './rules-format';

interface Props {
  /** null: closed; 'new' or the index of the rule being edited. */
  editing: number | 'new' | null;
  rule: RuleConfig | null;
  apps: AppConfig[];
  groups: string[];
  onSave: (rule: RuleConfig) => void;
  onCancel: () => void;
}

const ErrorLine = ({ id, text }: { id: string; text: string | undefined }) => (
  <p id={id} className="field-error">
    {text ?? ''}
  </p>
);

export const RuleDialog = ({ editing, rule, apps, groups, onSave, onCancel }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft());
  const [errors, setErrors] = useState<DraftErrors>({});
  const [filter, setFilter] = useState('');

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (editing !== null && !el.open) {
      setDraft(rule ? draftOf(rule) : emptyDraft(apps[0]?.id ?? ''));
      setErrors({});
      setFilter('');
      el.showModal();
    }
    if (editing === null && el.open) el.close();
  }, [editing, rule, apps]);

  const app = apps.find((a) => a.id === draft.app);
  const set = (patch: Partial<RuleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // A message stays only while it is still true: changing who the rule matches clears "pick a group".
    if (patch.groups || patch.attributes !== undefined) setErrors((e) => ({ ...e, who: undefined }));
  };
  // Groups the rule names that the directory does not (renamed or not read yet) stay pickable.
  const allGroups = useMemo(
    () => [...new Set([...groups, ...draft.groups])].sort((a, b) => a.localeCompare(b)),
    [groups, draft.groups],
  );
  const shown = allGroups.filter((g) => g.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (g: string) =>
    set({ groups: draft.groups.includes(g) ? draft.groups.filter((x) => x !== g) : [...draft.groups, g] });

  const submit = () => {
    const { rule: next, errors: found } = ruleOf(draft, app);
    setErrors(found);
    if (next) onSave(next);
  };

  const entitlementLabel = app?.kind === 'github' ? 'Teams' : 'App groups';
  return (
    <dialog
      ref={dialog}
      className="dialog rules-dialog"
      aria-labelledby={`${id}-title`}
      onClose={() => editing !== null && onCancel()}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <h2 id={`${id}-title`}>{editing === 'new' ? 'Add a rule' : `Edit rule ${Number(editing) + 1}`}</h2>
        <div className="dialog-body rules-form">
          <div className={`field${errors.app ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-app`}>App</label>
            <div className="field-control">
              <select
                id={`${id}-app`}
                value={draft.app}
                onChange={(e) => set({ app: e.target.value })}
                aria-describedby={`${id}-app-error`}
              >
                {apps.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.id})
                  </option>
                ))}
              </select>
            </div>
            <ErrorLine id={`${id}-app-error`} text={errors.app} />
          </div>

          <fieldset
            className={`rules-groups${errors.who ? ' field-invalid' : ''}`}
            aria-describedby={`${id}-who-error`}
          >
            <legend>Who: directory groups</legend>
            <div className="rules-match" role="radiogroup" aria-label="How groups combine">
              <label>
                <input
                  type="radio"
                  name={`${id}-match`}
                  checked={draft.match === 'any'}
                  onChange={() => set({ match: 'any' })}
                />{' '}
                Member of any
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-match`}
                  checked={draft.match === 'all'}
                  onChange={() => set({ match: 'all' })}
                />{' '}
                Member of all
              </label>
            </div>
            {allGroups.length > 8 ? (
              <input
                type="search"
                className="rules-group-filter"
                placeholder="Filter groups"
                aria-label="Filter groups"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            ) : null}
            <div className="rules-group-list">
              {allGroups.length === 0 ? (
                <p className="muted">
                  No directory groups yet — read the directory in Settings → Workspace, or use attributes
                  below.
                </p>
              ) : (
                shown.map((g) => (
                  <label key={g} className="rules-group">
                    <input type="checkbox" checked={draft.groups.includes(g)} onChange={() => toggle(g)} />{' '}
                    {g}
                  </label>
                ))
              )}
            </div>
            <ErrorLine id={`${id}-who-error`} text={errors.who} />
          </fieldset>

          <div className={`field field-wide${errors.attributes ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-attrs`}>Attribute conditions</label>
            <div className="field-control">
              <textarea
                id={`${id}-attrs`}
                rows={2}
                value={draft.attributes}
                placeholder="department = Engineering, Design"
                onChange={(e) => set({ attributes: e.target.value })}
                aria-describedby={`${id}-attrs-help ${id}-attrs-error`}
              />
            </div>
            <p id={`${id}-attrs-help`} className="field-help">
              One a line; all must hold. Several values after “=” mean any of them.
            </p>
            <ErrorLine id={`${id}-attrs-error`} text={errors.attributes} />
          </div>

          <div className="rules-row">
            <div className="field">
              <label htmlFor={`${id}-role`}>Role</label>
              <div className="field-control">
                <input
                  id={`${id}-role`}
                  list={`${id}-roles`}
                  value={draft.role}
                  placeholder="App default"
                  onChange={(e) => set({ role: e.target.value })}
                />
                <datalist id={`${id}-roles`}>
                  {roleSuggestions(app).map((r) => (
                    <option key={r} value={r} />
                  ))}
                </datalist>
              </div>
              <p className="field-error" />
            </div>
            <div className={`field${errors.priority ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-priority`}>Priority</label>
              <div className="field-control">
                <input
                  id={`${id}-priority`}
                  inputMode="numeric"
                  value={draft.priority}
                  placeholder="0"
                  onChange={(e) => set({ priority: e.target.value })}
                  aria-describedby={`${id}-priority-error`}
                />
              </div>
              <ErrorLine id={`${id}-priority-error`} text={errors.priority} />
            </div>
          </div>

          {app && app.kind !== 'manual' ? (
            <div className="field field-wide">
              <label htmlFor={`${id}-ent`}>{entitlementLabel}</label>
              <div className="field-control">
                <input
                  id={`${id}-ent`}
                  value={draft.entitlements}
                  placeholder={app.kind === 'github' ? 'platform, oncall' : 'Engineers, VPN users'}
                  onChange={(e) => set({ entitlements: e.target.value })}
                  aria-describedby={`${id}-ent-help`}
                />
              </div>
              <p id={`${id}-ent-help`} className="field-help">
                Comma-separated {app.kind === 'github' ? 'team slugs' : `group names in ${app.name}`}.
              </p>
            </div>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button">
            {editing === 'new' ? 'Add rule' : 'Update rule'}
          </button>
        </div>
      </form>
    </dialog>
  );
};

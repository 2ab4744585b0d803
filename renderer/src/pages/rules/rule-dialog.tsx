// Add or edit one access rule in a modal <dialog>: an optional name and description, the app (from the workspace),
// who it matches (directory groups, any or all, and attribute conditions), and the role and teams / app groups with
// what the app reports offered as choices (term-picker.tsx). Nothing is stored here: the rule goes into the page's
// draft, previewed and saved from there. Cancelling a changed rule asks before the changes are dropped.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AppConfig, RuleConfig } from '../../../../shared/config/workspace';
import { ConfirmDialog } from '../../components/confirm-dialog';
import {
  draftOf,
  emptyDraft,
  ruleLabel,
  ruleOf,
  splitList,
  type DraftErrors,
  type RuleDraft,
} from './rules-format';
import { TermPicker } from './term-picker';
import { termFields, useVocabulary } from './vocabulary-view';

interface Props {
  /** null: closed; 'new' or the index of the rule being edited. */
  editing: number | 'new' | null;
  rule: RuleConfig | null;
  apps: AppConfig[];
  groups: string[];
  /** Names of the other rules (a name must be unique). */
  otherNames: string[];
  onSave: (rule: RuleConfig) => void;
  onCancel: () => void;
}

const ErrorLine = ({ id, text }: { id: string; text: string | undefined }) => (
  <p id={id} className="field-error">
    {text ?? ''}
  </p>
);

export const RuleDialog = ({ editing, rule, apps, groups, otherNames, onSave, onCancel }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft());
  const [initial, setInitial] = useState<RuleDraft>(emptyDraft());
  const [errors, setErrors] = useState<DraftErrors>({});
  const [filter, setFilter] = useState('');
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (editing !== null && !el.open) {
      const start = rule ? draftOf(rule) : emptyDraft(apps[0]?.id ?? '');
      setDraft(start);
      setInitial(start);
      setErrors({});
      setFilter('');
      setConfirming(false);
      el.showModal();
    }
    if (editing === null && el.open) el.close();
  }, [editing, rule, apps]);

  const app = apps.find((a) => a.id === draft.app);
  const vocab = useVocabulary(app, editing !== null);
  const terms = termFields(app, vocab, {
    ...(draft.role.trim() ? { role: draft.role.trim() } : {}),
    ...(app?.kind === 'github' ? { teams: splitList(draft.entitlements) } : {}),
    ...(app?.kind === 'scim' ? { appGroups: splitList(draft.entitlements) } : {}),
  });
  const title = editing === 'new' ? 'the new rule' : ruleLabel(Number(editing) + 1, rule?.name);
  const changed = JSON.stringify(draft) !== JSON.stringify(initial);
  /** Cancel, Escape: straight away when nothing changed, else after "Discard changes to rule …?". */
  const leave = () => (changed ? setConfirming(true) : onCancel());
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
    const { rule: next, errors: found } = ruleOf(draft, app, otherNames);
    setErrors(found);
    if (next) onSave(next);
  };

  const entitlementLabel = app?.kind === 'github' ? 'Teams' : 'App groups';
  // The confirmation is a sibling, not a child: React would pass its close event up to this dialog's onClose.
  return (
    <>
      <dialog
        ref={dialog}
        className="dialog rules-dialog"
        aria-labelledby={`${id}-title`}
        onClose={() => editing !== null && onCancel()}
        onCancel={(e) => {
          e.preventDefault();
          leave();
        }}
      >
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
        >
          <h2 id={`${id}-title`}>
            {editing === 'new' ? 'Add a rule' : `Edit ${ruleLabel(Number(editing) + 1, rule?.name)}`}
          </h2>
          <div className="dialog-body rules-form">
            <div className={`field field-wide${errors.name ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-name`}>Name (optional)</label>
              <div className="field-control">
                <input
                  id={`${id}-name`}
                  value={draft.name}
                  placeholder="Engineering → GitHub"
                  maxLength={200}
                  onChange={(e) => set({ name: e.target.value })}
                  aria-describedby={`${id}-name-help ${id}-name-error`}
                />
              </div>
              <p id={`${id}-name-help`} className="field-help">
                Plans and the “why” of a person then say “rule 'name'” instead of the rule’s number.
              </p>
              <ErrorLine id={`${id}-name-error`} text={errors.name} />
            </div>
            <div className="field field-wide">
              <label htmlFor={`${id}-description`}>Description (optional)</label>
              <div className="field-control">
                <textarea
                  id={`${id}-description`}
                  rows={2}
                  maxLength={1000}
                  value={draft.description}
                  placeholder="Why this rule exists, for the next admin"
                  onChange={(e) => set({ description: e.target.value })}
                />
              </div>
            </div>
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

            <TermPicker
              id={`${id}-role`}
              label="Role"
              value={draft.role}
              onChange={(role) => set({ role })}
              multi={false}
              placeholder="App default"
              known={terms.role.known}
              caption={terms.role.caption}
              warnings={terms.role.warnings}
              choicesLabel={`Roles ${app?.name ?? 'the app'} reports`}
            />
            {app && app.kind !== 'manual' ? (
              <TermPicker
                id={`${id}-ent`}
                label={entitlementLabel}
                value={draft.entitlements}
                onChange={(entitlements) => set({ entitlements })}
                multi
                placeholder={app.kind === 'github' ? 'platform, oncall' : 'Engineers, VPN users'}
                known={terms.groups.known}
                caption={terms.groups.caption}
                warnings={terms.groups.warnings}
                choicesLabel={`${entitlementLabel} ${app.name} reports`}
              />
            ) : null}
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={leave}>
              Cancel
            </button>
            <button type="submit" className="button">
              {editing === 'new' ? 'Add rule' : 'Update rule'}
            </button>
          </div>
        </form>
      </dialog>
      <ConfirmDialog
        open={confirming}
        title={`Discard changes to ${title}?`}
        confirmLabel="Discard changes"
        busy={false}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          onCancel();
        }}
      >
        <p>What you changed in this rule is dropped; the page’s rules stay as they were.</p>
      </ConfirmDialog>
    </>
  );
};

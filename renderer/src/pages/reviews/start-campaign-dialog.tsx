// Start a campaign, in a modal <dialog>: a name, the apps in scope (all by default), an optional people filter
// (directory groups and attribute conditions), the due date and the fallback reviewer. Reviewers are assigned by the
// core in the order named reviewer → app owner → manager, with the fallback for the rest (and for anyone's own
// access). Starting takes a snapshot; it reads the stored accounts and writes nothing to any app.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ReviewPeopleFilter } from '../../../../shared/config/reviews-schema';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { Field } from '../../components/field';
import { dayFromNow, plural } from './reviews-format';

interface Props {
  onClose: () => void;
  onStarted: (campaignId: number) => void;
}

const quarterName = (now = new Date()): string =>
  `Access review Q${Math.floor(now.getMonth() / 3) + 1} ${now.getFullYear()}`;

/** "department = Engineering, Design" lines → { department: ['Engineering', 'Design'] }; a bad line is named. */
const parseAttributes = (text: string): { value: Record<string, string | string[]>; error?: string } => {
  const value: Record<string, string | string[]> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    const key = at > 0 ? line.slice(0, at).trim() : '';
    const values = line
      .slice(at + 1)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (!key || !values.length) return { value, error: `Line ${i + 1}: write it as "attribute = value".` };
    value[key] = values.length === 1 ? values[0]! : values;
  }
  return { value };
};

export const StartCampaignDialog = ({ onClose, onStarted }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const workspace = useRpcQuery('workspace.get', {});
  const people = useRpcQuery('people.list', {});
  const start = useRpcMutation('reviews.start', ['reviews.list', 'reviews.status']);
  const [name, setName] = useState(quarterName);
  const [due, setDue] = useState(() => dayFromNow(14));
  const [fallback, setFallback] = useState('');
  const [apps, setApps] = useState<string[] | null>(null);
  const [groups, setGroups] = useState<string[]>([]);
  const [attributes, setAttributes] = useState('');
  const [attrError, setAttrError] = useState<string | undefined>();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const allApps = workspace.data?.apps ?? [];
  const chosen = apps ?? allApps.map((a) => a.id);
  const groupNames = (people.data?.groups ?? []).map((g) => g.name).sort((a, b) => a.localeCompare(b));
  const fieldErrors = start.error?.fieldErrors() ?? new Map<string, string>();
  const toggle = (list: string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const attrs = parseAttributes(attributes);
    setAttrError(attrs.error);
    if (attrs.error) return;
    const filter: ReviewPeopleFilter = {
      ...(groups.length ? { groups } : {}),
      ...(Object.keys(attrs.value).length ? { attributes: attrs.value } : {}),
    };
    start.mutate(
      {
        name: name.trim(),
        dueAt: due,
        fallback: fallback.trim(),
        apps: chosen,
        ...(Object.keys(filter).length ? { people: filter } : {}),
      },
      { onSuccess: (c) => onStarted(c.id) },
    );
  };

  return (
    <dialog ref={dialog} className="dialog reviews-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Start an access review</h2>
        <div className="dialog-body reviews-form">
          <Field
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            error={fieldErrors.get('name')}
          />
          <fieldset className="reviews-fieldset" aria-describedby={`${id}-apps-error`}>
            <legend>Apps in scope</legend>
            {allApps.length === 0 ? (
              <p className="muted">
                {workspace.isPending ? 'Loading apps…' : 'The workspace has no apps yet.'}
              </p>
            ) : (
              <div className="reviews-checks">
                {allApps.map((a) => (
                  <label key={a.id}>
                    <input
                      type="checkbox"
                      checked={chosen.includes(a.id)}
                      onChange={() => setApps(toggle(chosen, a.id))}
                    />{' '}
                    {a.name}
                    <span className="muted">{a.owner ? ` · owner ${a.owner}` : ' · no owner'}</span>
                  </label>
                ))}
              </div>
            )}
            <p id={`${id}-apps-error`} className="field-error">
              {chosen.length === 0 && allApps.length
                ? 'Pick at least one app.'
                : (fieldErrors.get('apps') ?? '')}
            </p>
          </fieldset>
          <details className="reviews-people">
            <summary>
              Only some people{groups.length || attributes.trim() ? ' (filter set)' : ' (optional)'}
            </summary>
            <p className="field-help">
              Orphan accounts (no directory person) are always reviewed. Leave empty to review everyone.
            </p>
            {groupNames.length ? (
              <div className="reviews-checks" role="group" aria-label="Members of any of these groups">
                {groupNames.map((g) => (
                  <label key={g}>
                    <input
                      type="checkbox"
                      checked={groups.includes(g)}
                      onChange={() => setGroups(toggle(groups, g))}
                    />{' '}
                    {g}
                  </label>
                ))}
              </div>
            ) : null}
            <div className={`field${attrError ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-attrs`}>Attribute conditions</label>
              <div className="field-control">
                <textarea
                  id={`${id}-attrs`}
                  rows={2}
                  value={attributes}
                  placeholder="department = Engineering, Design"
                  aria-describedby={`${id}-attrs-error`}
                  onChange={(e) => setAttributes(e.target.value)}
                />
              </div>
              <p id={`${id}-attrs-error`} className="field-error">
                {attrError ?? ''}
              </p>
            </div>
          </details>
          <div className="reviews-pair">
            <Field
              label="Due date"
              type="date"
              value={due}
              onChange={(e) => setDue(e.target.value)}
              required
              error={fieldErrors.get('dueAt')}
            />
            <Field
              label="Fallback reviewer"
              type="email"
              placeholder="it@acme.io"
              help="Reviews items with no owner or manager, and each reviewer's own access."
              value={fallback}
              onChange={(e) => setFallback(e.target.value)}
              required
              autoComplete="off"
              spellCheck={false}
              error={fieldErrors.get('fallback')}
            />
          </div>
          {start.error && !fieldErrors.size ? (
            <p className="callout callout-error" role="alert">
              Not started: {start.error.message}
              {start.error.hint ? ` ${start.error.hint}` : ''}
            </p>
          ) : null}
          <p className="muted">
            Starting takes a snapshot of the accounts in {plural(chosen.length, 'app')}, as Lanyard last read
            them. Nothing is changed in any app until you apply the decisions or close the campaign.
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button"
            disabled={start.isPending || chosen.length === 0 || !fallback.trim() || !name.trim()}
          >
            {start.isPending ? 'Starting…' : 'Start campaign'}
          </button>
        </div>
      </form>
    </dialog>
  );
};

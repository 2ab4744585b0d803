// The person panel: profile, groups, each app's account with the "why" explainer, changes waiting for approval
// (each linked to where it is approved), and the Offboard action. A non-modal side sheet: the grid stays usable
// behind it; Escape or the close button shut it and the caller returns focus to the row it was opened from.
// It stays live while open: a directory read, a sync run, an approval, a case or a task done by hand refetches
// the person, their access and what waits (a deactivation that arrives by poll shows without closing the panel).
import { useEffect, useId, useMemo, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../../shared/api/contract';
import type { PeopleListApp, PeopleListPerson } from '../../../../shared/api/methods-people';
import { useClient } from '../../api/client-context';
import { useRpcQuery } from '../../api/queries';
import { rpcKey } from '../../api/rpc-key';
import { StatusBadge } from '../../components/status-badge';
import { nameOf } from './people-filter';
import { formatDate, managerLabel, statusLabel, statusTone } from './people-format';
import { AppsAndWhy } from './why-explainer';
import { OffboardAction } from './offboard-action';
import { WaitingForApproval, heldByApp } from './waiting-for-approval';

/** What a person's panel shows, refetched when the core says something about people or access changed. */
const PANEL_QUERIES: MethodName[] = ['people.list', 'people.get', 'sync.explain', 'review.list'];

const usePanelEvents = (): void => {
  const client = useClient();
  const queries = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      for (const m of PANEL_QUERIES) void queries.invalidateQueries({ queryKey: rpcKey(m) });
    };
    const offs = (
      [
        'directory.pulled',
        'sync.finished',
        'review.changed',
        'offboarding.caseChanged',
        'tasks.changed',
      ] as const
    ).map((event) => client.on(event, refresh));
    return () => offs.forEach((off) => off());
  }, [client, queries]);
};

interface Props {
  person: PeopleListPerson;
  /** The directory, to name the manager (the IdP gives their id or email). */
  people: readonly PeopleListPerson[];
  apps: PeopleListApp[];
  groupNames: ReadonlyMap<string, string>;
  onClose: () => void;
}

export const PersonPanel = ({ person, people, apps, groupNames, onClose }: Props) => {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = useRpcQuery('people.get', { id: person.id });
  const d = detail.data;
  const held = useRpcQuery('review.list', { personId: person.id });
  const heldOps = useMemo(() => heldByApp(held.data), [held.data]);
  const shownApps = useMemo(() => new Set(apps.map((a) => a.id)), [apps]);
  usePanelEvents();

  useEffect(() => {
    heading.current?.focus();
  }, [person.id]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      // Escape inside the offboard dialog closes only the dialog.
      const inDialog = event.target instanceof Element && event.target.closest('dialog') !== null;
      if (event.key === 'Escape' && !event.defaultPrevented && !inDialog) {
        event.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const manager = useMemo(() => managerLabel(d?.manager, people), [d?.manager, people]);
  const facts: [string, string | null | undefined][] = [
    ['Login', person.login],
    ['Email', person.email],
    ['Department', person.department],
    ['Title', person.title],
    ['Manager', manager],
    ['Employee number', d?.employeeNumber],
    ['Status in the IdP', d?.vendorStatus],
    ['Status changed', formatDate(person.statusChangedAt)],
  ];
  const extra = d ? Object.entries(d.attributes).filter(([, v]) => v !== null && v !== '') : [];
  const groups =
    d?.groups ?? person.groups.map((id) => ({ id, name: groupNames.get(id) ?? id, description: null }));

  return (
    <aside className="person-panel" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header className="person-panel-header">
        <div className="person-panel-title">
          <h2 id={titleId} ref={heading} tabIndex={-1}>
            {nameOf(person)}
          </h2>
          <p className="muted">{person.email ?? person.login}</p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close person panel">
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      <div className="person-panel-status">
        <StatusBadge tone={statusTone[person.status]} label={statusLabel[person.status]} />
        <span className="muted">since {formatDate(person.statusChangedAt)}</span>
      </div>

      <OffboardAction person={person} />

      {detail.error ? (
        <div className="callout callout-error" role="alert">
          <p>{detail.error.message}</p>
          {detail.error.hint ? <p className="muted">{detail.error.hint}</p> : null}
        </div>
      ) : null}

      <section className="person-section" aria-labelledby={`${titleId}-profile`}>
        <h3 id={`${titleId}-profile`}>Profile</h3>
        <dl className="facts person-facts">
          {facts.map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>
                {value ??
                  (d ? <span className="muted">—</span> : <span className="skeleton" aria-hidden="true" />)}
              </dd>
            </div>
          ))}
          {extra.map(([key, value]) => (
            <div key={key} className="fact">
              <dt className="mono">{key}</dt>
              <dd>{Array.isArray(value) ? value.join(', ') : String(value)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="person-section" aria-labelledby={`${titleId}-groups`}>
        <h3 id={`${titleId}-groups`}>Groups</h3>
        {groups.length ? (
          <ul className="chips">
            {groups.map((g) => (
              <li key={g.id} className="chip" title={g.description ?? undefined}>
                {g.name}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Not in any group.</p>
        )}
      </section>

      <WaitingForApproval review={held.data} shownApps={shownApps} />

      <section className="person-section" aria-labelledby={`${titleId}-apps`}>
        <h3 id={`${titleId}-apps`}>Apps and why</h3>
        <AppsAndWhy
          personId={person.id}
          apps={apps}
          cells={person.accounts}
          accounts={d?.accounts}
          held={heldOps}
        />
      </section>
    </aside>
  );
};

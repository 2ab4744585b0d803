// The Offboard dialog, reusable from the Offboarding page and the People page's person panel: pick a person
// (unless one is given), preview every task (offboarding.preview: each app and its action, which wait for review,
// the kill switch, checklist, verify), one confirmation, then live progress of the case until it shows what is
// done and what is left. Built on the native <dialog>: focus is trapped, Escape closes, focus returns on close.
import { useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OffboardingCaseView } from '../../../shared/api/methods-offboarding';
import { unwrap } from '../api/api-error';
import { useClient } from '../api/client-context';
import { useRpcQuery } from '../api/queries';
import { CaseProgress } from './case-progress';
import { errorText } from './offboarding-format';
import { PersonPicker, type PickedPerson } from './person-picker';
import { PreviewTasks } from './preview-tasks';
import { useOffboardingEvents } from './use-offboarding-events';
import '../styles/offboarding.css';

interface Props {
  /** Skip the search: offboard this person (from the People page). */
  person?: PickedPerson;
  onClose: () => void;
  /** The case was opened (the dialog stays open to show progress). */
  onOpened?: (c: OffboardingCaseView) => void;
}

export const OffboardDialog = ({ person: given, onClose, onOpened }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [person, setPerson] = useState<PickedPerson | null>(given ?? null);
  const [killSessions, setKillSessions] = useState(true);
  const [opened, setOpened] = useState<OffboardingCaseView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const client = useClient();
  const queries = useQueryClient();
  useOffboardingEvents();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const start = async () => {
    if (!person) return;
    setBusy(true);
    setError(null);
    try {
      const c = unwrap(
        await client.call('offboarding.start', { person: person.id, killSessions, confirm: true }),
      );
      setOpened(c);
      onOpened?.(c);
      await queries.invalidateQueries({ queryKey: ['rpc'] });
    } catch (err) {
      setError(errorText(err, 'The offboarding did not start'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog offboard-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="offboard-dialog"
    >
      <h2 id={titleId}>
        {opened
          ? `Offboarding ${person?.label ?? opened.person}`
          : person && given
            ? `Offboard ${person.label}?`
            : 'Offboard someone'}
      </h2>
      <div className="dialog-body">
        {opened ? (
          <LiveCase initial={opened} />
        ) : (
          <>
            {given ? null : <PersonPicker value={person} onChange={setPerson} />}
            {person ? (
              <Preview person={person} killSessions={killSessions} onKillSessions={setKillSessions} />
            ) : null}
          </>
        )}
      </div>
      {error ? (
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        {opened ? (
          <>
            <a
              className="button button-secondary"
              href="#/offboarding"
              onClick={() => dialog.current?.close()}
            >
              Follow it on the Offboarding page
            </a>
            <button type="button" className="button" onClick={() => dialog.current?.close()} autoFocus>
              Close
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => dialog.current?.close()}
              disabled={busy}
              autoFocus={Boolean(given)}
            >
              Cancel
            </button>
            {person ? (
              <StartButton
                person={person}
                killSessions={killSessions}
                busy={busy}
                onStart={() => void start()}
              />
            ) : (
              <button type="button" className="button button-danger" disabled>
                Choose a person first
              </button>
            )}
          </>
        )}
      </div>
    </dialog>
  );
};

/** The one confirmation: enabled once the preview has answered, naming who is offboarded. */
const StartButton = ({
  person,
  killSessions,
  busy,
  onStart,
}: {
  person: PickedPerson;
  killSessions: boolean;
  busy: boolean;
  onStart: () => void;
}) => {
  // The same query as the preview above (shared cache): confirming is possible once the preview was seen.
  const preview = useRpcQuery('offboarding.preview', { person: person.id, killSessions });
  return (
    <button type="button" className="button button-danger" disabled={!preview.data || busy} onClick={onStart}>
      {busy ? 'Offboarding…' : 'Offboard now'}
    </button>
  );
};

const Preview = ({
  person,
  killSessions,
  onKillSessions,
}: {
  person: PickedPerson;
  killSessions: boolean;
  onKillSessions: (v: boolean) => void;
}) => {
  const preview = useRpcQuery('offboarding.preview', { person: person.id, killSessions });
  return (
    <div className="offboard-preview">
      <label className="offboard-kill">
        <input type="checkbox" checked={killSessions} onChange={(e) => onKillSessions(e.target.checked)} />
        <span>
          Kill switch: suspend in the identity provider and end every session now
          <span className="muted offboard-kill-help">
            Use it for urgent leavers; apps that cache a session log them out on the next check.
          </span>
        </span>
      </label>
      {preview.error ? (
        <p className="callout callout-error" role="alert">
          {errorText(preview.error, `Could not preview the offboarding of ${person.label}`)}
        </p>
      ) : (
        <PreviewTasks preview={preview.data} />
      )}
    </div>
  );
};

/** The case after start: refetched on events, and every second while tasks are still running. */
const LiveCase = ({ initial }: { initial: OffboardingCaseView }) => {
  const live = useRpcQuery('offboarding.get', { caseId: initial.id });
  const c = live.data ?? initial;
  const running = c.tasks.some((t) => t.status === 'running' || t.status === 'pending');
  const { refetch } = live;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refetch(), 1000);
    return () => clearInterval(timer);
  }, [running, refetch]);
  return <CaseProgress c={c} />;
};

// One ledger event: a summary line that is a disclosure button, and when open the before/after state (already
// redacted by the core) and the hashes that chain it to its neighbours. The person is shown by name (from the
// directory); their id stays in the details.
import type { KeyboardEvent } from 'react';
import type { AuditEvent, AuditPersonName } from '../../../../shared/api/methods-audit';
import { StatusBadge } from '../../components/status-badge';
import { formatAt, prettyJson, resultTone, resultWord } from './audit-format';

interface Props {
  event: AuditEvent;
  /** The person's name from the directory; undefined when the id is no longer in it. */
  person?: AuditPersonName | undefined;
  expanded: boolean;
  onToggle: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

export const AuditRow = ({ event, person, expanded, onToggle, onKeyDown }: Props) => {
  const detailsId = `audit-event-${event.seq}`;
  return (
    <>
      <button
        type="button"
        className="audit-summary"
        aria-expanded={expanded}
        aria-controls={detailsId}
        data-seq={event.seq}
        onClick={onToggle}
        onKeyDown={onKeyDown}
      >
        <span className="audit-chevron" aria-hidden="true" />
        <span className="audit-seq">
          <span className="visually-hidden">Event </span>#{event.seq}
        </span>
        <time className="audit-at" dateTime={event.at} title={event.at}>
          {formatAt(event.at)}
        </time>
        <span className="audit-actor">{event.actor}</span>
        <span className="audit-action mono">{event.action}</span>
        <span className="audit-subject">
          {event.app || event.person ? (
            <>
              {event.app ? <span className="audit-app">{event.app}</span> : null}
              {event.app && event.person ? <span aria-hidden="true"> · </span> : null}
              {event.person ? (
                <span className="audit-person" title={event.person}>
                  {person?.name ?? person?.email ?? event.person}
                </span>
              ) : null}
            </>
          ) : (
            <span className="muted">Workspace</span>
          )}
        </span>
        <span className="audit-result">
          <StatusBadge tone={resultTone(event.result)} label={resultWord(event.result)} />
        </span>
      </button>
      {expanded ? <AuditDetails id={detailsId} event={event} person={person} /> : null}
    </>
  );
};

const AuditDetails = ({
  id,
  event,
  person,
}: {
  id: string;
  event: AuditEvent;
  person: AuditPersonName | undefined;
}) => (
  <div id={id} className="audit-details" role="region" aria-label={`Details of event ${event.seq}`}>
    <div className="audit-states">
      <StateBlock title="Before" value={prettyJson(event.before)} />
      <StateBlock title="After" value={prettyJson(event.after)} />
    </div>
    <dl className="audit-facts">
      <div>
        <dt>Time (UTC)</dt>
        <dd className="mono">{event.at}</dd>
      </div>
      {event.person !== null ? (
        <div>
          <dt>Person</dt>
          <dd>
            {person ? `${person.name ?? person.login} · ${person.email ?? person.login} · ` : ''}
            directory id <span className="mono">{event.person}</span>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Result</dt>
        <dd>{event.result}</dd>
      </div>
      {event.run !== null ? (
        <div>
          <dt>Sync run</dt>
          <dd>#{event.run}</dd>
        </div>
      ) : null}
      {event.case !== null ? (
        <div>
          <dt>Offboarding case</dt>
          <dd>#{event.case}</dd>
        </div>
      ) : null}
      <div>
        <dt>Hash</dt>
        <dd className="mono audit-hash">{event.hash}</dd>
      </div>
      <div>
        <dt>Previous hash</dt>
        <dd className="mono audit-hash">{event.prevHash}</dd>
      </div>
    </dl>
  </div>
);

const StateBlock = ({ title, value }: { title: string; value: string | null }) => (
  <figure className="audit-state">
    <figcaption>{title}</figcaption>
    {value === null ? (
      <p className="audit-state-empty">Nothing recorded</p>
    ) : (
      <pre className="audit-json" tabIndex={0} aria-label={`${title} (JSON)`}>
        {value}
      </pre>
    )}
  </figure>
);

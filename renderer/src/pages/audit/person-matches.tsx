// Says whom a person filter matched in the directory: one person (named), several (all shown — a shared name is
// not narrowed silently), or nobody (then only events stored under that exact id can match).
import type { AuditPersonName } from '../../../../shared/api/methods-audit';

export const personLabel = (p: AuditPersonName): string => {
  const contact = p.email ?? p.login;
  return p.name ? `${p.name} (${contact})` : contact;
};

export const PersonMatches = ({ query, matches }: { query: string; matches: AuditPersonName[] }) => {
  if (matches.length === 1) {
    return (
      <p className="muted audit-person-matches" role="status">
        Events of <strong>{personLabel(matches[0]!)}</strong>.
      </p>
    );
  }
  if (matches.length === 0) {
    return (
      <p className="callout callout-info audit-person-matches" role="status">
        <span>
          Nobody in the directory has the name, email or login “{query}”: only events recorded under that
          exact directory id are shown.
        </span>
      </p>
    );
  }
  return (
    <div className="callout callout-warning audit-person-matches" role="status">
      <p>
        <strong>
          “{query}” matches {matches.length} people in the directory
        </strong>{' '}
        — the events of all of them are shown. Pick one by email to narrow it down:
      </p>
      <ul>
        {matches.map((p) => (
          <li key={p.id}>{personLabel(p)}</li>
        ))}
      </ul>
    </div>
  );
};

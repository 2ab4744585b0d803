// "What Okta must grant Lanyard": the scopes, permissions or admin role the chosen IdP and sign-in need, what each
// is for and what fails without it (shared/domain/directory-needs.ts). Grants the last test found missing are marked.
import { useId } from 'react';
import { directoryNeeds } from '../../../shared/domain/directory-needs';
import type { DirectoryDraft } from './directory-draft';
import { IDPS } from './directory-draft';

interface Props {
  kind: DirectoryDraft['kind'];
  authType: string;
  /** Grants the last connection test reported missing (vendor names, as the test gives them). */
  missing: readonly string[];
}

/** A grant the test names as missing: tests give scopes in full or short form ("…/auth/admin.directory.user"). */
const isMissing = (grant: string, missing: readonly string[]): boolean =>
  missing.some((m) => m === grant || m.endsWith(`/${grant}`));

export const DirectoryNeedsPanel = ({ kind, authType, missing }: Props) => {
  const needs = directoryNeeds(kind, authType);
  const label = IDPS.find((i) => i.kind === kind)!.label;
  const titleId = useId();
  return (
    <section className="directory-needs" aria-labelledby={titleId}>
      <h3 id={titleId}>What {label} must grant Lanyard</h3>
      <p className="field-help">Where: {needs.where}.</p>
      <ul className="directory-needs-list">
        {needs.grants.map((g) => {
          const lacking = isMissing(g.grant, missing);
          return (
            <li key={g.grant} className={lacking ? 'is-missing' : undefined}>
              <span className="directory-grant">
                {/\s/.test(g.grant) ? <strong>{g.grant}</strong> : <code>{g.grant}</code>}
                {g.required ? null : <span className="muted"> (kill switch only)</span>}
                {lacking ? <strong className="directory-grant-missing"> — missing</strong> : null}
              </span>
              <span>
                For: {g.for}. Without it: {g.without}.
              </span>
            </li>
          );
        })}
      </ul>
      {needs.note ? <p className="field-help">{needs.note}</p> : null}
    </section>
  );
};

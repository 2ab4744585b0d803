// The rules as a table in their order (the number is the one sync reasons cite when a rule has no name: "rule 3";
// a named rule is cited by name), with edit, move and delete. A role, team or app group the app does not report is
// flagged in its cell with the preview's sentence.
import type { RuleTermWarning } from '../../../../shared/api/methods-rules';
import type { AppConfig, RuleConfig } from '../../../../shared/config/workspace';
import { ruleLabel, whoText } from './rules-format';

interface Props {
  rules: RuleConfig[];
  apps: AppConfig[];
  /** From the preview of these rules. */
  termWarnings: RuleTermWarning[];
  onEdit: (index: number) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onDelete: (index: number) => void;
}

const Flags = ({ warnings }: { warnings: RuleTermWarning[] }) =>
  warnings.length ? (
    <ul className="rules-flags">
      {warnings.map((w) => (
        <li key={`${w.field}-${w.value}`}>
          <span aria-hidden="true">⚠ </span>
          {w.message}
        </li>
      ))}
    </ul>
  ) : null;

export const RulesTable = ({ rules, apps, termWarnings, onEdit, onMove, onDelete }: Props) => (
  <div className="table-wrap">
    <table className="table rules-table">
      <caption className="visually-hidden">Access rules, in order</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Rule</th>
          <th scope="col">Who</th>
          <th scope="col">Role</th>
          <th scope="col">Teams / app groups</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, i) => {
          const app = apps.find((a) => a.id === rule.app);
          const label = `${ruleLabel(i + 1, rule.name)} (${app?.name ?? rule.app})`;
          const extra = [...(rule.teams ?? []), ...(rule.appGroups ?? [])];
          const flags = termWarnings.filter((w) => w.rule === i + 1);
          return (
            <tr
              key={`${i}-${JSON.stringify(rule)}`}
              className={flags.length ? 'rules-row-flagged' : undefined}
            >
              <td className="mono rules-num">{i + 1}</td>
              <th scope="row" className="rules-title">
                {rule.name ? <span className="rules-name">{rule.name}</span> : null}
                <span className={rule.name ? 'rules-app muted' : 'rules-app'}>
                  {app?.name ?? <span className="rules-missing">{rule.app} (no such app)</span>}
                </span>
                {rule.description ? <span className="rules-description">{rule.description}</span> : null}
              </th>
              <td>
                <ul className="rules-who">
                  {whoText(rule).map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </td>
              <td>
                {rule.role ?? <span className="muted">App default</span>}
                {rule.priority !== undefined ? (
                  <span className="rules-priority"> · priority {rule.priority}</span>
                ) : null}
                <Flags warnings={flags.filter((w) => w.field === 'role')} />
              </td>
              <td>
                {extra.length ? extra.join(', ') : <span className="muted">—</span>}
                <Flags warnings={flags.filter((w) => w.field !== 'role')} />
              </td>
              <td className="actions nowrap">
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={`Move ${label} up`}
                  disabled={i === 0}
                  onClick={() => onMove(i, -1)}
                >
                  ↑
                </button>{' '}
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={`Move ${label} down`}
                  disabled={i === rules.length - 1}
                  onClick={() => onMove(i, 1)}
                >
                  ↓
                </button>{' '}
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={`Edit ${label}`}
                  onClick={() => onEdit(i)}
                >
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="button button-small button-secondary rules-delete"
                  aria-label={`Delete ${label}`}
                  onClick={() => onDelete(i)}
                >
                  Delete
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

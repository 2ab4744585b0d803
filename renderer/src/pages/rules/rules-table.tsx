// The rules as a numbered table (the number is the one sync reasons cite: "rule 3"), with edit, move and delete.
import type { AppConfig, RuleConfig } from '../../../../shared/config/workspace';
import { whoText } from './rules-format';

interface Props {
  rules: RuleConfig[];
  apps: AppConfig[];
  onEdit: (index: number) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onDelete: (index: number) => void;
}

export const RulesTable = ({ rules, apps, onEdit, onMove, onDelete }: Props) => (
  <div className="table-wrap">
    <table className="table rules-table">
      <caption className="visually-hidden">Access rules, in order</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">App</th>
          <th scope="col">Who</th>
          <th scope="col">Role</th>
          <th scope="col">Teams / app groups</th>
          <th scope="col">Priority</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, i) => {
          const app = apps.find((a) => a.id === rule.app);
          const label = `rule ${i + 1} (${app?.name ?? rule.app})`;
          const extra = [...(rule.teams ?? []), ...(rule.appGroups ?? [])];
          return (
            <tr key={`${i}-${JSON.stringify(rule)}`}>
              <td className="mono rules-num">{i + 1}</td>
              <th scope="row">
                {app?.name ?? <span className="rules-missing">{rule.app} (no such app)</span>}
              </th>
              <td>
                <ul className="rules-who">
                  {whoText(rule).map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </td>
              <td>{rule.role ?? <span className="muted">App default</span>}</td>
              <td>{extra.length ? extra.join(', ') : <span className="muted">—</span>}</td>
              <td className="mono">{rule.priority ?? <span className="muted">0</span>}</td>
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

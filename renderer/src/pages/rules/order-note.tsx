// The one ordering concept, said once above the rules: a rule's place in the list decides the role when rules
// disagree. Rules from an older workspace file may carry `priority:`, which still outranks the list (and means the
// same as before); the note says so and offers to fold the priorities into list order, which changes nobody's access
// (toListOrder) — the Impact panel shows that before anything is saved.
import type { RuleConfig } from '../../../../shared/config/workspace';
import { ORDER_EXPLAINED, plural, toListOrder, withPriority } from './rules-format';

interface Props {
  rules: RuleConfig[];
  onListOrder: (rules: RuleConfig[]) => void;
}

export const OrderNote = ({ rules, onListOrder }: Props) => {
  const legacy = withPriority(rules);
  return (
    <>
      {rules.length > 1 ? <p className="rules-order-note muted">{ORDER_EXPLAINED}</p> : null}
      {legacy ? (
        <div className="callout callout-info rules-priority-note">
          <p>
            {plural(legacy, 'rule')} {legacy === 1 ? 'has' : 'have'} a priority from the workspace file, which
            outranks the order of the list. Putting the rules in list order removes the priorities and keeps
            what everyone gets.
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onListOrder(toListOrder(rules))}
          >
            Put rules in list order
          </button>
        </div>
      ) : null}
    </>
  );
};

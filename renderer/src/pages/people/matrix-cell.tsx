// One person × app cell of the matrix: a word (the role, "Account", "Pending", "Deactivated", "To do by hand")
// and a shape, so the state reads without colour; "none" is a quiet dash with its word for screen readers.
// "To do by hand": a manual app's account someone still has to create, change or revoke — not access yet (or
// still access), whatever the rules say, until the task is marked done.
import type { PersonAppCell } from '../../../../shared/api/methods-people';
import { cellState } from './people-filter';
import { cellLabel } from './people-format';
import '../../styles/tasks.css';

export const BY_HAND_LABEL = 'To do by hand';

export const MatrixCell = ({ cell }: { cell: PersonAppCell | undefined }) => {
  const state = cellState(cell);
  if (state === 'none')
    return (
      <span className="cell cell-none">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">None</span>
      </span>
    );
  if (cell?.byHand)
    return (
      <span
        className="cell cell-todo"
        title={cell.active ? 'The account is still active: someone has to change it by hand' : undefined}
      >
        <span className="cell-mark" aria-hidden="true" />
        <span className="cell-text">{BY_HAND_LABEL}</span>
      </span>
    );
  const text = state === 'account' && cell?.role ? cell.role : cellLabel[state];
  return (
    <span
      className={`cell cell-${state}`}
      title={
        state === 'pending'
          ? 'An invitation not accepted yet, or a change waiting to run or for approval: open the person to see which'
          : cell?.role && state !== 'account'
            ? `role ${cell.role}`
            : undefined
      }
    >
      <span className="cell-mark" aria-hidden="true" />
      <span className="cell-text">{text}</span>
    </span>
  );
};

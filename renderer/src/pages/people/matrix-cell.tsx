// One person × app cell of the matrix: a word (the role, "Account", "Pending", "Deactivated") and a shape,
// so the state reads without colour; "none" is a quiet dash with its word for screen readers.
import type { PersonAppCell } from '../../../../shared/api/methods-people';
import { cellState } from './people-filter';
import { cellLabel } from './people-format';

export const MatrixCell = ({ cell }: { cell: PersonAppCell | undefined }) => {
  const state = cellState(cell);
  if (state === 'none')
    return (
      <span className="cell cell-none">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">None</span>
      </span>
    );
  const text = state === 'account' && cell?.role ? cell.role : cellLabel[state];
  return (
    <span
      className={`cell cell-${state}`}
      title={cell?.role && state !== 'account' ? `role ${cell.role}` : undefined}
    >
      <span className="cell-mark" aria-hidden="true" />
      <span className="cell-text">{text}</span>
    </span>
  );
};

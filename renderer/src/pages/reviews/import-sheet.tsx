// Import a returned reviewer sheet: pick the CSV, Lanyard checks every row first (a dry run that records nothing)
// and shows what would be recorded, or every refused row with its number and the reason; only a sheet with no error
// can be recorded, all at once. Re-importing the same sheet records nothing new.
import { useId, useState, type ChangeEvent } from 'react';
import type { SheetImportResult } from '../../../../shared/api/methods-reviews';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcMutation } from '../../api/queries';
import { errorText } from '../../offboarding/offboarding-format';
import { plural } from './reviews-format';

type State =
  | { kind: 'idle' }
  | { kind: 'checking'; file: string }
  | { kind: 'checked'; file: string; csv: string; result: SheetImportResult }
  | { kind: 'recorded'; file: string; result: SheetImportResult }
  | { kind: 'error'; file: string; message: string };

export const ImportSheet = ({ campaignId, open }: { campaignId: number; open: boolean }) => {
  const id = useId();
  const client = useClient();
  const record = useRpcMutation('reviews.importSheet', [
    'reviews.items',
    'reviews.get',
    'reviews.list',
    'reviews.status',
  ]);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setState({ kind: 'checking', file: file.name });
    try {
      const csv = await file.text();
      const result = unwrap(await client.call('reviews.importSheet', { csv, dryRun: true }));
      setState({ kind: 'checked', file: file.name, csv, result });
    } catch (err) {
      setState({ kind: 'error', file: file.name, message: errorText(err, 'The sheet was not read') });
    }
  };

  const confirm = (file: string, csv: string) =>
    record.mutate(
      { csv },
      {
        onSuccess: (result) => setState({ kind: 'recorded', file, result }),
        onError: (err) => setState({ kind: 'error', file, message: errorText(err, 'Nothing was recorded') }),
      },
    );

  const other =
    state.kind === 'checked' && state.result.campaignId !== null && state.result.campaignId !== campaignId
      ? state.result.campaignId
      : null;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div>
        <h2 id={`${id}-title`}>Import sheet</h2>
        <p className="card-description">
          A returned CSV is checked row by row before anything is recorded; a sheet with any error records
          nothing.
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-file`} className="reviews-label">
          Returned sheet (CSV)
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          className="file-input"
          disabled={!open || state.kind === 'checking' || record.isPending}
          onChange={(e) => void pick(e)}
        />
        {!open ? <p className="field-help">The campaign is closed: its decisions are final.</p> : null}
      </div>
      <div role="status" aria-live="polite" className="reviews-import-status">
        {state.kind === 'checking' ? <p className="muted">Checking {state.file}…</p> : null}
        {state.kind === 'error' ? <p className="form-status-error">{state.message}</p> : null}
        {state.kind === 'recorded' ? (
          <p className="form-status-ok">
            Recorded {plural(state.result.recorded, 'decision')} from {state.file}
            {state.result.unchanged ? `; ${plural(state.result.unchanged, 'row')} unchanged or blank` : ''}.
          </p>
        ) : null}
        {state.kind === 'checked' && state.result.errors.length ? (
          <div className="callout callout-error">
            <p>
              <strong>
                {state.file}: {plural(state.result.errors.length, 'row')} refused. Nothing was recorded.
              </strong>{' '}
              Fix the rows (or export a fresh sheet) and import again.
            </p>
            <table className="table reviews-errors">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Item</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {state.result.errors.map((e) => (
                  <tr key={`${e.row}-${e.reason}`}>
                    <td>{e.row}</td>
                    <td>{e.itemId ?? '—'}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {state.kind === 'checked' && !state.result.errors.length ? (
          <div className="callout callout-info">
            {other ? (
              <p>
                {state.file} is a sheet of campaign #{other}, not this one. Import it from{' '}
                <a href={`#/reviews/${other}`}>that campaign</a>.
              </p>
            ) : (
              <>
                <p>
                  {state.file}: {plural(state.result.rows, 'row')} checked.{' '}
                  {state.result.recorded
                    ? `${plural(state.result.recorded, 'row')} with a decision`
                    : 'No row has a decision'}
                  {state.result.unchanged ? `, ${state.result.unchanged} left blank` : ''}. Decisions equal to
                  the ones already recorded are left as they are.
                </p>
                <div className="reviews-inline-actions">
                  <button
                    type="button"
                    className="button"
                    disabled={record.isPending || !state.result.recorded}
                    onClick={() => confirm(state.file, state.csv)}
                  >
                    {record.isPending ? 'Recording…' : 'Record decisions'}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={record.isPending}
                    onClick={() => setState({ kind: 'idle' })}
                  >
                    Cancel
                  </button>
                </div>
              </>
            )}
          </div>
        ) : null}
      </div>
    </section>
  );
};

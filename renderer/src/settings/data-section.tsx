// Data: where this installation keeps its database and audit ledger, and how to point Lanyard somewhere else.
// Read-only on purpose: moving a live database from the UI is a footgun; a start-up flag is explicit.
import { useAppInfo } from '../api/queries';
import { CopyButton } from '../components/copy-button';

export const DataSection = () => {
  const info = useAppInfo().data;
  const rows: [string, string | undefined][] = [
    ['Data folder', info?.dataDir],
    ['Database', info?.dbPath],
  ];
  return (
    <section className="card" aria-labelledby="data-title">
      <div className="card-header">
        <div>
          <h2 id="data-title">Data</h2>
          <p className="card-description">
            The workspace, people, sync history and audit ledger live in one SQLite database in this folder.
            Secrets are not here: they stay in the OS keychain.
          </p>
        </div>
      </div>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact fact-with-action">
            <dt>{label}</dt>
            <dd className="mono">{value ?? <span className="skeleton" aria-hidden="true" />}</dd>
            {/* A <dl> group may hold only <dt>/<dd>: the copy action is the value's third grid cell, in a <dd>. */}
            <dd>{value ? <CopyButton text={value} what={label.toLowerCase()} /> : null}</dd>
          </div>
        ))}
      </dl>
      <p className="field-help">
        To use another folder, start Lanyard with <code>--data-dir DIR</code> (for example{' '}
        <code className="nowrap">lanyard serve --data-dir ~/lanyard-test</code>) or set{' '}
        <code>LANYARD_DATA_DIR</code>. Each folder is a separate workspace; back one up by copying it while
        Lanyard is stopped.
      </p>
    </section>
  );
};

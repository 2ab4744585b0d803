// Export CSV / JSON: the events matching the current filters as a file, built by the core (audit.export) and saved
// through a Blob. The core caps one export at 10,000 events (oldest first); past that the file says so here and
// the CLI, which streams any number, is the way to get everything.
import { useState } from 'react';
import type { AuditExportText, AuditFilter } from '../../../../shared/api/methods-audit';
import { ApiCallError, unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { downloadText } from '../../components/download-file';
import { exportFileName } from './audit-filter';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; format: 'csv' | 'json' }
  | { kind: 'done'; file: string; result: AuditExportText }
  | { kind: 'error'; message: string };

const cliCommand = (format: 'csv' | 'json', filter: AuditFilter): string =>
  [
    'lanyard audit export',
    `--format ${format}`,
    `--out audit.${format}`,
    ...Object.entries(filter).map(([k, v]) => `--${k} ${/^[\w.*:+-]+$/.test(v) ? v : JSON.stringify(v)}`),
  ].join(' ');

export const ExportLedger = ({ filter, filtered }: { filter: AuditFilter; filtered: boolean }) => {
  const client = useClient();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const run = async (format: 'csv' | 'json') => {
    if (status.kind === 'busy') return;
    setStatus({ kind: 'busy', format });
    try {
      const result = unwrap(await client.call('audit.export', { ...filter, format }));
      const file = exportFileName(format);
      downloadText(result.text, file, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
      setStatus({ kind: 'done', file, result });
    } catch (err) {
      const message =
        err instanceof ApiCallError
          ? `Export failed: ${err.message}${err.hint ? ` ${err.hint}` : ''}`
          : 'Export failed: the core did not answer.';
      setStatus({ kind: 'error', message });
    }
  };

  const busy = status.kind === 'busy';
  return (
    <section className="card audit-tool" aria-labelledby="audit-export-title">
      <div className="card-header">
        <div>
          <h2 id="audit-export-title">Export</h2>
          <p className="card-description">
            {filtered ? 'The events matching the filters above' : 'Every event'}, oldest first, with their
            hashes — for auditors or a spreadsheet.
          </p>
        </div>
        <div className="audit-export-buttons">
          {(['csv', 'json'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button button-secondary"
              aria-disabled={busy || undefined}
              onClick={() => void run(format)}
            >
              {status.kind === 'busy' && status.format === format
                ? 'Exporting…'
                : `Export ${format.toUpperCase()}`}
            </button>
          ))}
        </div>
      </div>
      <div className="audit-export-status" role="status" aria-live="polite">
        {status.kind === 'done' ? (
          <>
            <p className="form-status-ok">
              Downloaded {status.result.count.toLocaleString()} event{status.result.count === 1 ? '' : 's'} as{' '}
              <span className="mono">{status.file}</span>.
            </p>
            {status.result.truncated ? (
              <p className="callout callout-warning">
                <span>
                  This file holds only the oldest {status.result.count.toLocaleString()} matching events.
                  Narrow the time filter, or export everything from a terminal:{' '}
                  <code>{cliCommand(status.result.format, filter)}</code>
                </span>
              </p>
            ) : null}
          </>
        ) : status.kind === 'error' ? (
          <p className="form-status-error">{status.message}</p>
        ) : (
          <p className="muted">
            Up to 10,000 events per file; <code>lanyard audit export</code> streams any number.
          </p>
        )}
      </div>
    </section>
  );
};

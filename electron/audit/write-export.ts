// Writing an export to a stream with backpressure: the next chunk is produced (and the next rows read from SQLite)
// only once the stream has room, so exporting a million events to a slow pipe or a file uses constant memory.
import type { AuditEvent } from '../../shared/api/methods-audit';
import { LanyardError } from '../app/errors';
import { exportChunks, type AuditExportFormat, type PersonLookup } from './export-format';

export interface ExportWriteResult {
  count: number;
  bytes: number;
}

const closedError = (): LanyardError =>
  new LanyardError('internal', 'The export output was closed before the export finished.', {
    hint: 'Check the disk space or the program reading the export, and run it again.',
  });

/** Resolves on 'drain'; rejects if the stream fails or closes first. Removes its listeners either way. */
const drained = (out: NodeJS.WritableStream): Promise<void> =>
  new Promise((resolve, reject) => {
    const done = (err?: unknown): void => {
      out.removeListener('drain', onDrain);
      out.removeListener('error', onError);
      out.removeListener('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onError = (err: unknown): void => done(err ?? closedError());
    const onClose = (): void => done(closedError());
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });

export const writeExport = async (
  events: Iterable<AuditEvent> | AsyncIterable<AuditEvent>,
  format: AuditExportFormat,
  out: NodeJS.WritableStream,
  names?: PersonLookup,
): Promise<ExportWriteResult> => {
  let count = 0;
  let bytes = 0;
  const counted = async function* (): AsyncGenerator<AuditEvent> {
    for await (const e of events) {
      count++;
      yield e;
    }
  };
  for await (const chunk of exportChunks(counted(), format, names)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await drained(out);
  }
  return { count, bytes };
};

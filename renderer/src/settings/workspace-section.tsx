// Workspace file: download the whole workspace as workspace.yaml (config.export), or replace it from a file.
// Import reads a file (or pasted text), then shows what the replacement would add, change and remove (a dry run
// of config.apply that stores nothing) and asks before replacing — an explicit tick when anything would be
// removed; on a bad file it lists every problem with its path, and nothing is applied then.
import { useId, useState, type ChangeEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConfigApplyResult } from '../../../shared/config/apply-result';
import { ApiCallError, unwrap } from '../api/api-error';
import { useClient } from '../api/client-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { downloadText } from '../components/download-file';
import { ApplyProblems, type Problems } from './apply-problems';
import { WorkspaceChangesView } from './workspace-changes';

type ExportStatus = { tone: 'ok' | 'error' | 'neutral'; text: string };

export const WorkspaceSection = () => {
  const id = useId();
  const client = useClient();
  const queries = useQueryClient();
  const [exportStatus, setExportStatus] = useState<ExportStatus>({ tone: 'neutral', text: '' });
  const [yaml, setYaml] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [inputError, setInputError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [applied, setApplied] = useState<ConfigApplyResult | null>(null);
  const [preview, setPreview] = useState<ConfigApplyResult | null>(null);
  const [removalsOk, setRemovalsOk] = useState(false);

  const exportYaml = async () => {
    setExportStatus({ tone: 'neutral', text: 'Exporting…' });
    try {
      const { yaml: text } = unwrap(await client.call('config.export', {}));
      downloadText(text, 'workspace.yaml', 'application/yaml;charset=utf-8');
      setExportStatus({ tone: 'ok', text: 'Downloaded workspace.yaml.' });
    } catch (err) {
      const reason = err instanceof ApiCallError ? err.message : 'the core did not answer';
      setExportStatus({ tone: 'error', text: `Export failed: ${reason}` });
    }
  };

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // picking the same file again must fire change again
    if (!file) return;
    if (file.size > 2_000_000) {
      setInputError(`${file.name} is ${Math.round(file.size / 1000)} kB; a workspace file is at most 2 MB.`);
      return;
    }
    setYaml(await file.text());
    setFileName(file.name);
    setInputError('');
    setProblems(null);
    setApplied(null);
  };

  const problemsOf = (err: unknown, what: string): Problems =>
    err instanceof ApiCallError
      ? { message: err.message, hint: err.hint, issues: err.issues, path: err.path }
      : { message: `The core did not answer; ${what}`, issues: [] };

  /** The dry run first: the dialog shows what would change, and a bad file never gets to the dialog. */
  const askToApply = async () => {
    if (!yaml.trim()) {
      setInputError('Choose a workspace file or paste its YAML first.');
      return;
    }
    setInputError('');
    setApplied(null);
    setApplying(true);
    try {
      setPreview(unwrap(await client.call('config.apply', { yaml, dryRun: true })));
      setProblems(null);
      setRemovalsOk(false);
      setConfirming(true);
    } catch (err) {
      setProblems(problemsOf(err, 'nothing was checked or applied.'));
    } finally {
      setApplying(false);
    }
  };
  const removals = preview?.changes?.removals ?? 0;

  const apply = async () => {
    setApplying(true);
    try {
      const result = unwrap(await client.call('config.apply', { yaml }));
      setApplied(result);
      setProblems(null);
      // Everything may have changed (settings, apps, which secrets are referenced).
      await queries.invalidateQueries({ queryKey: ['rpc'] });
    } catch (err) {
      setApplied(null);
      setProblems(problemsOf(err, 'nothing was applied.'));
    } finally {
      setApplying(false);
      setConfirming(false);
    }
  };

  return (
    <section className="card" aria-labelledby="workspace-title">
      <div className="card-header">
        <div>
          <h2 id="workspace-title">Workspace file</h2>
          <p className="card-description">
            The directory, apps, access rules and settings as one YAML file — to review in Git, back up, or
            move to another installation. Secret values are never in it, only references such as{' '}
            <code>keychain:slack-scim</code>.
          </p>
        </div>
      </div>

      <div className="workspace-export">
        <button type="button" className="button button-secondary" onClick={() => void exportYaml()}>
          Export workspace.yaml
        </button>
        <p className={`form-status form-status-${exportStatus.tone}`} role="status" aria-live="polite">
          {exportStatus.text}
        </p>
      </div>

      <form
        className="workspace-import"
        aria-labelledby={`${id}-import-title`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!applying) void askToApply();
        }}
      >
        <h3 id={`${id}-import-title`}>Import a workspace</h3>
        <div className="field">
          <label htmlFor={`${id}-file`}>Workspace file</label>
          <input
            id={`${id}-file`}
            type="file"
            className="file-input"
            accept=".yaml,.yml,application/yaml,text/yaml,text/plain"
            onChange={(e) => void pickFile(e)}
          />
        </div>
        <div className={`field${inputError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-yaml`}>YAML{fileName ? ` (from ${fileName})` : ''}</label>
          <textarea
            id={`${id}-yaml`}
            className="yaml-input"
            rows={10}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            placeholder={'directory:\n  kind: okta\n  …\napps:\n  - id: slack\n    …'}
            value={yaml}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={`${id}-yaml-help ${id}-yaml-error`}
            onChange={(e) => {
              setYaml(e.target.value);
              if (inputError) setInputError('');
            }}
          />
          <p id={`${id}-yaml-help`} className="field-help">
            Choose a file above or paste YAML here; you can edit it before applying. Tip: export first, so you
            can go back.
          </p>
          <p id={`${id}-yaml-error`} className="field-error">
            {inputError}
          </p>
        </div>
        <div className="form-footer">
          <div className="form-status" role="status" aria-live="polite">
            {applied ? <span className="form-status-ok">Workspace applied: {applied.summary}.</span> : null}
          </div>
          <button type="submit" className="button" aria-disabled={applying || undefined}>
            Apply workspace…
          </button>
        </div>
        {problems ? <ApplyProblems problems={problems} /> : null}
      </form>

      <ConfirmDialog
        open={confirming}
        title="Replace the workspace?"
        confirmLabel={removals ? `Replace and remove ${removals}` : 'Replace workspace'}
        busy={applying}
        confirmDisabled={removals > 0 && !removalsOk}
        onConfirm={() => void apply()}
        onCancel={() => setConfirming(false)}
      >
        {preview?.changes ? <WorkspaceChangesView changes={preview.changes} /> : null}
        <p>
          The directory, apps, access rules and settings are replaced by {fileName ?? 'this YAML'}. Secrets in
          the keychain and the audit ledger are kept.
        </p>
        {removals ? (
          <label className="workspace-removals-ok">
            <input type="checkbox" checked={removalsOk} onChange={(e) => setRemovalsOk(e.target.checked)} />
            <span>
              Yes, remove {removals === 1 ? 'this item' : `these ${removals} items`} from the workspace
            </span>
          </label>
        ) : null}
      </ConfirmDialog>
    </section>
  );
};

// The directory connection form, the same in the setup's step 1 and in Settings → Directory: filled from the saved
// connection, "Test" tries what is typed without saving anything (directory.check), "Test & save" saves only when
// that test passes (directory.save tests first, so a bogus token never replaces a working one), and a failed test
// offers "Save anyway…", which first says what would happen. The credential is write-only; rotating it is pasting
// the new one here.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import { useRpcMutation, useSecrets } from '../api/queries';
import { StatusBadge } from '../components/status-badge';
import {
  buildDirectorySave,
  defaultSecretName,
  draftFromDirectory,
  emptyDirectoryDraft,
  errorPathOf,
  secretFieldOf,
  secretRefOf,
  type DirectoryDraft,
} from './directory-draft';
import { DirectoryFields } from './directory-fields';
import type { DirectoryOutcome } from './directory-outcome';
import { DirectoryNeedsPanel } from './directory-needs-panel';
import { SaveAnywayDialog } from './save-anyway-dialog';
import { CheckLines, ErrorNote, errorsOf } from './setup-parts';

interface Props {
  /** The saved connection (null: none yet); the form starts from it. */
  saved: DirectoryConfig | null;
  onOutcome?: (outcome: DirectoryOutcome | null) => void;
  /** Shown under a passing, saved test (the setup's "Pull the directory"). */
  afterSaved?: ReactNode;
}

const INVALIDATES = ['workspace.get', 'secrets.list', 'setup.status'] as const;

export const DirectoryForm = ({ saved, onOutcome, afterSaved }: Props) => {
  const [draft, setDraft] = useState<DirectoryDraft>(() =>
    saved ? draftFromDirectory(saved) : emptyDirectoryDraft(),
  );
  const [nameTouched, setNameTouched] = useState(false);
  const [outcome, setOutcomeState] = useState<DirectoryOutcome | null>(null);
  const [askAnyway, setAskAnyway] = useState(false);
  const secretRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const secrets = useSecrets();
  const check = useRpcMutation('directory.check', []);
  const save = useRpcMutation('directory.save', [...INVALIDATES]);
  const secretField = secretFieldOf(draft.authType);
  const apiError = save.error ?? check.error;
  const errors = errorsOf(apiError);
  const err = (key: keyof DirectoryDraft | 'secret') =>
    errors.get(errorPathOf(key)) ??
    (key === 'secretName' ? errors.get(`directory.auth.${secretField.field}`) : undefined) ??
    (key === 'secret' ? errors.get('secrets[0].field') : undefined);

  const setOutcome = (o: DirectoryOutcome | null) => {
    setOutcomeState(o);
    onOutcome?.(o);
  };

  const set = (patch: Partial<DirectoryDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (!nameTouched && (patch.kind || patch.authType))
        next.secretName = defaultSecretName(next.kind, next.authType);
      return next;
    });
    if (outcome) setOutcome(null);
  };

  const chooseKind = (kind: DirectoryDraft['kind']) => {
    const fresh = saved?.kind === kind ? draftFromDirectory(saved) : emptyDirectoryDraft(kind);
    set({ kind, authType: fresh.authType, name: fresh.name });
  };

  // The stored reference for this IdP and sign-in, and whether the keychain (or environment) has it.
  const savedRef =
    saved && saved.kind === draft.kind && saved.auth.type === draft.authType ? secretRefOf(saved) : null;
  const stored = savedRef ? { ref: savedRef, status: secrets.data?.find((s) => s.ref === savedRef) } : null;

  /** The connection as typed, with the credential when one was pasted. */
  const input = () => buildDirectorySave(draft, secretRef.current?.value ?? '', saved);

  const busy = save.isPending || check.isPending;
  const clearSecret = () => {
    if (secretRef.current) secretRef.current.value = '';
  };

  const test = () => {
    if (busy) return;
    check.reset();
    save.reset();
    const built = input();
    check.mutate(built, { onSuccess: (t) => setOutcome({ kind: 'tested', test: t }) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    check.reset();
    const built = input();
    const rotated = built.secrets?.[0]?.name ?? null;
    save.mutate(built, {
      onSuccess: (r) => {
        if (r.saved) {
          clearSecret();
          setOutcome({ kind: 'saved', test: r.test!, rotated });
        } else setOutcome({ kind: 'not-saved', test: r.test });
      },
    });
  };

  const saveAnyway = () => {
    const built = input();
    const rotated = built.secrets?.[0]?.name ?? null;
    save.mutate(
      { ...built, saveAnyway: true },
      {
        onSuccess: () => {
          clearSecret();
          setAskAnyway(false);
          setOutcome({ kind: 'saved-anyway', rotated });
        },
      },
    );
  };

  const status = check.isPending
    ? 'Testing the connection…'
    : save.isPending
      ? 'Testing, then saving…'
      : null;
  const shownTest = outcome && outcome.kind !== 'saved-anyway' ? outcome.test : null;
  return (
    <div className="setup-step-body">
      <form onSubmit={submit} noValidate aria-label="Directory connection">
        <DirectoryFields
          draft={draft}
          set={set}
          chooseKind={chooseKind}
          onSecretNameTyped={() => setNameTouched(true)}
          err={err}
          secretRef={secretRef}
          stored={stored}
        />
        <DirectoryNeedsPanel kind={draft.kind} authType={draft.authType} missing={shownTest?.missing ?? []} />
        <div className="form-footer">
          <ErrorNote
            error={apiError}
            fieldErrors={errors.size > 0}
            what={save.error ? 'Directory not saved' : 'Not tested'}
            pending={status}
          />
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy || undefined}
            onClick={test}
          >
            Test
          </button>
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            Test &amp; save
          </button>
        </div>
      </form>

      {outcome ? (
        <section className="setup-result" aria-label="Directory test">
          {shownTest ? (
            <h3>
              Connection test{' '}
              <StatusBadge tone={shownTest.ok ? 'ok' : 'error'} label={shownTest.ok ? 'Passed' : 'Failed'} />
            </h3>
          ) : (
            <h3>
              Saved without a passing test <StatusBadge tone="degraded" label="Not tested" />
            </h3>
          )}
          <OutcomeSentence outcome={outcome} hadSaved={saved !== null} />
          {shownTest ? <CheckLines details={shownTest.details} missing={shownTest.missing} /> : null}
          {outcome.kind === 'not-saved' || (outcome.kind === 'tested' && !outcome.test.ok) ? (
            <div className="setup-actions">
              <button type="button" className="button button-secondary" onClick={() => setAskAnyway(true)}>
                Save anyway…
              </button>
            </div>
          ) : null}
          {outcome.kind === 'saved' ? afterSaved : null}
        </section>
      ) : null}

      <SaveAnywayDialog
        open={askAnyway}
        busy={save.isPending}
        error={
          askAnyway && save.error
            ? `${save.error.message}${save.error.hint ? ` ${save.error.hint}` : ''}`
            : null
        }
        replaces={savedRef !== null}
        onCancel={() => setAskAnyway(false)}
        onConfirm={saveAnyway}
      />
    </div>
  );
};

const OutcomeSentence = ({ outcome, hadSaved }: { outcome: DirectoryOutcome; hadSaved: boolean }) => {
  switch (outcome.kind) {
    case 'tested':
      return (
        <p className="directory-outcome">
          Tested only: nothing was saved.{' '}
          {outcome.test.ok ? 'Use Test & save to keep it.' : 'The saved connection is unchanged.'}
        </p>
      );
    case 'saved':
      return (
        <p className="directory-outcome">
          Saved.
          {outcome.rotated ? ` The new credential is in the keychain entry ${outcome.rotated}.` : ''}
        </p>
      );
    case 'saved-anyway':
      return (
        <p className="directory-outcome">
          Saved as it is
          {outcome.rotated ? `, with the new credential in the keychain entry ${outcome.rotated}` : ''}. Every
          poll fails until the connection works; test it again once it is fixed.
        </p>
      );
    case 'not-saved':
      return (
        <p className="directory-outcome directory-outcome-refused" role="alert">
          Not saved: the connection test failed.{' '}
          {hadSaved
            ? 'The saved connection and the keychain keep what they had, and the scheduler keeps using them.'
            : 'Nothing was stored.'}
        </p>
      );
  }
};

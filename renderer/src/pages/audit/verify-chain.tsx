// "Verify chain": recompute every hash in the ledger and compare the end with the anchored head. OK shows how many
// events were checked and the head hash to record elsewhere (that is what catches a rewrite of the whole tail);
// a break names the first bad sequence number and how it broke. The seal line says whether the head is signed with
// the key kept outside the database file (and what that proves); altered triggers or a broken seal fail the check.
import type { AuditProblem } from '../../../../shared/api/methods-audit';
import { useRpcMutation } from '../../api/queries';
import { CopyButton } from '../../components/copy-button';
import { StatusBadge } from '../../components/status-badge';

const problemText: Record<AuditProblem, string> = {
  edited: 'an event was changed after it was written',
  inserted: 'an event was inserted into the chain',
  deleted: 'events are missing',
  reordered: 'events are out of order',
};

export const VerifyChain = () => {
  const verify = useRpcMutation('audit.verify', []);
  const result = verify.data;

  return (
    <section className="card audit-tool" aria-labelledby="audit-verify-title">
      <div className="card-header">
        <div>
          <h2 id="audit-verify-title">Chain verification</h2>
          <p className="card-description">
            Every event carries a hash of itself and the one before it. Verifying recomputes them all, so an
            edited, removed or inserted event shows up.
          </p>
        </div>
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={verify.isPending || undefined}
          onClick={() => {
            if (!verify.isPending) verify.mutate({});
          }}
        >
          {verify.isPending ? 'Verifying…' : 'Verify chain'}
        </button>
      </div>
      <div className="audit-verify-result" aria-live="polite">
        {verify.error ? (
          <div className="callout callout-error" role="alert">
            <p>
              <strong>The chain could not be checked:</strong> {verify.error.message}
            </p>
            {verify.error.hint ? <p>{verify.error.hint}</p> : null}
          </div>
        ) : result?.ok ? (
          <div className="audit-verify-ok">
            <p className="audit-verify-line">
              <StatusBadge tone="ok" label="OK" />
              <span>
                Chain intact: {result.count.toLocaleString()} event{result.count === 1 ? '' : 's'} verified.
              </span>
            </p>
            <p className="audit-verify-line">
              <StatusBadge
                tone={result.seal.status === 'sealed' ? 'ok' : 'degraded'}
                label={result.seal.status === 'sealed' ? 'Sealed' : 'Not sealed'}
              />
              <span>{result.seal.detail}</span>
            </p>
            <div className="audit-head-hash">
              <span className="muted">Head (seq {result.headSeq})</span>
              <code className="audit-hash">{result.headHash}</code>
              <CopyButton text={result.headHash} what="head hash" />
            </div>
            <p className="field-help">
              Record the head hash somewhere outside this computer (a ticket, an email): a later verify that
              ends at a different hash for the same seq means the ledger was rewritten.
            </p>
          </div>
        ) : result?.firstBad ? (
          <div className="callout callout-error" role="alert">
            <p className="audit-verify-line">
              <StatusBadge tone="error" label="Broken" />
              <strong>
                The chain breaks at seq {result.firstBad.seq}: {problemText[result.firstBad.problem]}.
              </strong>
            </p>
            <p>{result.firstBad.detail}</p>
            <p>
              {result.count.toLocaleString()} event{result.count === 1 ? '' : 's'} before it verified (up to
              seq {result.headSeq}). Keep a copy of the database file as evidence and export the ledger for
              review.
            </p>
          </div>
        ) : result ? (
          <div className="callout callout-error" role="alert">
            <p className="audit-verify-line">
              <StatusBadge tone="error" label="Not vouched for" />
              <strong>
                The chain of {result.count.toLocaleString()} event{result.count === 1 ? '' : 's'} is intact,
                but the ledger cannot be vouched for.
              </strong>
            </p>
            {result.protections.detail ? <p>{result.protections.detail}</p> : null}
            <p>{result.seal.detail}</p>
            <p>
              Keep a copy of the database file as evidence and run `lanyard audit verify` for the details.
            </p>
          </div>
        ) : (
          <p className="muted">Not verified in this session yet.</p>
        )}
      </div>
    </section>
  );
};

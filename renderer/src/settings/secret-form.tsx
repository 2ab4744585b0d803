// Set a named secret. The value input is uncontrolled on purpose: React never holds the value in state and never
// writes it into a `value` attribute, so it cannot show up in the page's HTML; the form is reset after saving.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiCallError, unwrap } from '../api/api-error';
import { useClient } from '../api/client-context';
import { rpcKey } from '../api/rpc-key';
import { Field } from '../components/field';

type Status = { tone: 'ok' | 'error' | 'neutral'; text: string };

export const SecretForm = () => {
  const client = useClient();
  const queries = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<Status>({ tone: 'neutral', text: '' });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const value = String(data.get('value') ?? '');
    const local = new Map<string, string>();
    if (!name) local.set('name', 'Enter a name.');
    if (!value) local.set('value', 'Enter the secret value.');
    setErrors(local);
    if (local.size > 0) {
      setStatus({ tone: 'error', text: 'Secret not saved: fix the highlighted field.' });
      return;
    }
    setSaving(true);
    setStatus({ tone: 'neutral', text: 'Saving…' });
    try {
      const saved = unwrap(await client.call('secrets.set', { name, value }));
      form.reset();
      await queries.invalidateQueries({ queryKey: rpcKey('secrets.list') });
      setStatus({ tone: 'ok', text: `Saved ${saved.name} to the keychain.` });
    } catch (err) {
      const fieldErrors = err instanceof ApiCallError ? err.fieldErrors() : new Map<string, string>();
      setErrors(fieldErrors);
      const message = err instanceof ApiCallError ? err.message : 'The secret could not be saved.';
      const hint = err instanceof ApiCallError && err.hint ? ` ${err.hint}` : '';
      setStatus({
        tone: 'error',
        text: fieldErrors.size ? 'Secret not saved: fix the highlighted field.' : message + hint,
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="secret-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="secret-form-title"
    >
      <h3 id="secret-form-title">Set a secret</h3>
      <div className="field-grid">
        <Field
          label="Name"
          name="name"
          help={
            <>
              Letters, digits, “.”, “-” or “_”, e.g. <code className="nowrap">slack-scim</code>. An existing
              name gets the new value.
            </>
          }
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          maxLength={64}
          error={errors.get('name')}
        />
        <Field
          label="Value"
          name="value"
          type="password"
          help="Write-only: stored in the OS keychain and never shown again."
          autoComplete="new-password"
          error={errors.get('value')}
        />
      </div>
      <div className="form-footer">
        <p className={`form-status form-status-${status.tone}`} role="status" aria-live="polite">
          {status.text}
        </p>
        <button type="submit" className="button" aria-disabled={saving || undefined}>
          {saving ? 'Saving…' : 'Save secret'}
        </button>
      </div>
    </form>
  );
};

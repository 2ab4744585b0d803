// A status pill with a word and a shape, never colour alone.
export type BadgeTone = 'ok' | 'degraded' | 'error' | 'neutral';

const defaultLabels: Record<BadgeTone, string> = {
  ok: 'OK',
  degraded: 'Degraded',
  error: 'Error',
  neutral: 'Unknown',
};

export const StatusBadge = ({ tone, label }: { tone: BadgeTone; label?: string }) => (
  <span className={`badge badge-${tone}`}>
    <span className="badge-mark" aria-hidden="true" />
    {label ?? defaultLabels[tone]}
  </span>
);

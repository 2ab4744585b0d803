// The core's side of op labels (shared/ops/op-labels.ts): an app config as the label function sees it — its kind,
// its name and, for SCIM apps, what the vendor's DELETE really does (preset) — and a labeller over the workspace's
// apps that every view of an op (plan preview, review queue, run results, offboarding tasks) goes through.
import { getPreset } from '../apps/scim/presets';
import { opConsequence, opLabel, type LabelApp, type LabelPayload } from '../../shared/ops/op-labels';
import type { AppConfig } from './types';

export const labelApp = (app: AppConfig): LabelApp =>
  app.kind === 'scim'
    ? { kind: app.kind, name: app.name, deleteMeans: getPreset(app.preset).deleteMeans }
    : { kind: app.kind, name: app.name };

type LabelledOp = { appId: string; payload: LabelPayload };

/**
 * Labels ops of the given apps (and says what a change means for the person, for confirmations); an op of an app
 * no longer in the workspace is named by its app id.
 */
export const createOpLabeller = (apps: readonly AppConfig[]) => {
  const byId = new Map(apps.map((a) => [a.id, labelApp(a)]));
  return {
    label: (op: LabelledOp): string => opLabel(op.payload, byId.get(op.appId) ?? null, op.appId),
    consequence: (op: LabelledOp): string | null => opConsequence(op.payload, byId.get(op.appId) ?? null),
  };
};

export type OpLabeller = ReturnType<typeof createOpLabeller>;

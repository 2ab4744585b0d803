// The core's side of op labels (shared/ops/op-labels.ts): an app config as the label function sees it — its kind,
// its name and, for SCIM apps, what the vendor's DELETE really does (preset) — and a labeller over the workspace's
// apps that every view of an op (plan preview, review queue, run results, offboarding tasks) goes through.
import { getPreset } from '../apps/scim/presets';
import { opLabel, type LabelApp, type LabelPayload } from '../../shared/ops/op-labels';
import type { AppConfig } from './types';

export const labelApp = (app: AppConfig): LabelApp =>
  app.kind === 'scim'
    ? { kind: app.kind, name: app.name, deleteMeans: getPreset(app.preset).deleteMeans }
    : { kind: app.kind, name: app.name };

/** Labels ops of the given apps; an op of an app no longer in the workspace is named by its app id. */
export const createOpLabeller = (apps: readonly AppConfig[]) => {
  const byId = new Map(apps.map((a) => [a.id, labelApp(a)]));
  return (op: { appId: string; payload: LabelPayload }): string =>
    opLabel(op.payload, byId.get(op.appId) ?? null, op.appId);
};

export type OpLabeller = ReturnType<typeof createOpLabeller>;

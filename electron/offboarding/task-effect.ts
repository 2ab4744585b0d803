// What an offboarding task does, in the shared op labels. Cases planned since labels exist keep their effect in the
// task's detail (task-plan.ts); a case planned before says "Deactivate ana's account in GitHub" in its stored title,
// which for GitHub was untrue (GitHub removes from the org). Such tasks get their words from what the detail kept
// (op kind, remote id, userName) and the app's kind, so an open old case reads as truthfully as a new one.
import { labelApp } from '../sync/op-label';
import type { AppConfig } from '../sync/types';
import { opConsequence, opLabel, type LabelPayload } from '../../shared/ops/op-labels';
import type { TaskDetail, TaskRow } from './cases-repo';

type ManualAction = Extract<LabelPayload, { kind: 'manual-task' }>['action'];

const payloadOf = (t: Pick<TaskRow, 'kind' | 'title'>, d: TaskDetail): LabelPayload | null => {
  if (t.kind === 'idp-suspend' || t.kind === 'idp-revoke-sessions') return { kind: t.kind };
  if (t.kind === 'checklist') return { kind: 'checklist', title: t.title };
  if (t.kind === 'verify') return { kind: 'verify' };
  const op = d.opKind ?? '';
  if (op.startsWith('manual:')) return { kind: 'manual-task', action: op.slice(7) as ManualAction };
  if (op === 'deactivate' || op === 'delete') return { kind: op, remoteId: d.remoteId };
  return null;
};

export interface TaskWords {
  title: string;
  effect: string | null;
  consequence: string | null;
}

export const taskWords = (
  t: Pick<TaskRow, 'kind' | 'title'>,
  d: TaskDetail,
  app: AppConfig | null,
): TaskWords => {
  if (d.effect) return { title: t.title, effect: d.effect, consequence: d.consequence ?? null };
  const p = payloadOf(t, d);
  if (!p) return { title: t.title, effect: null, consequence: null };
  const labelled = app ? labelApp(app) : null;
  const effect = opLabel(p, labelled, t.kind === 'app' || t.kind === 'manual' ? 'the app' : undefined);
  // Only app steps get a new title: the checklist's and the kill switch's old titles were already true.
  const title =
    (t.kind === 'app' || t.kind === 'manual') && app
      ? `${effect} (${d.userName ?? d.remoteId ?? '?'})`
      : t.title;
  return { title, effect, consequence: opConsequence(p, labelled) };
};

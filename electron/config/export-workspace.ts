// Writing the stored workspace as YAML (config as code). Deterministic: the same workspace always gives the same
// text, so apply → export → apply → export is byte-identical and exports diff cleanly in review.
import { Document, isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import type { AppConfig, DirectoryConfig, RuleConfig } from '../../shared/config/workspace';
import type { Settings } from '../../shared/domain/settings';
import type { AccessException, ReviewDefinition } from '../../shared/config/reviews-schema';

export interface StoredWorkspace {
  directory: DirectoryConfig | null;
  apps: AppConfig[];
  rules: RuleConfig[];
  settings: Settings;
  /** Recurring access reviews and access exceptions (written only when there are some). */
  reviews?: ReviewDefinition[];
  exceptions?: AccessException[];
  /**
   * Applying waits for the first reviewed plan: `schedule.paused` is then left out of the file (an explicit
   * `paused: false` means "start applying", so an export → apply round trip must not say it by accident).
   */
  awaitingFirstReview?: boolean;
}

/** Small maps written on one line, as the docs do: `auth: { type: bearer, token: keychain:slack-scim }`. */
const INLINE_MAPS = new Set(['auth', 'deprovision', 'rateLimit', 'limits']);
/** Lists written one entry per line however short, so a review diff shows each protected account on its own. */
const BLOCK_SEQS = new Set(['protected']);

const allScalars = (node: unknown): boolean =>
  (isSeq(node) || isMap(node)) &&
  node.items.every((item) => (isPair(item) ? isScalar(item.value) : isScalar(item)));

/**
 * What an app is first (id, name, kind, preset), then how it connects, then its policies, as in the docs; the
 * protected accounts last, since that list can be long.
 */
const appFirst = (app: AppConfig): AppConfig => {
  const { id, name, kind, deprovision, review, limits, protected: keep, ...rest } = app;
  return {
    id,
    name,
    kind,
    ...rest,
    deprovision,
    review,
    ...(limits ? { limits } : {}),
    ...(keep ? { protected: keep } : {}),
  } as AppConfig;
};

export const workspaceToYaml = (ws: StoredWorkspace, version: string): string => {
  const doc = new Document({
    ...(ws.directory ? { directory: ws.directory } : {}),
    apps: ws.apps.map(appFirst),
    rules: ws.rules,
    guardrails: ws.settings.guardrails,
    offboarding: ws.settings.offboarding,
    schedule:
      ws.awaitingFirstReview && !ws.settings.schedule.paused
        ? (({ paused: _p, ...rest }) => rest)(ws.settings.schedule)
        : ws.settings.schedule,
    ...(ws.reviews?.length ? { reviews: ws.reviews } : {}),
    ...(ws.exceptions?.length ? { exceptions: ws.exceptions } : {}),
  });
  doc.commentBefore =
    ` Lanyard workspace, exported by Lanyard ${version}.\n` +
    ' Apply with `lanyard config apply FILE`; the format is in docs/workspace-config.md' +
    ' and `lanyard config schema`.\n Secrets are references (keychain:NAME or env:VAR); their values stay in the keychain.';

  visit(doc, {
    Seq(_key, node, path) {
      const parent = path[path.length - 1];
      const key = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : '';
      if (allScalars(node) && !BLOCK_SEQS.has(key)) node.flow = true;
    },
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (INLINE_MAPS.has(key) && allScalars(pair.value))
        (pair.value as Node & { flow: boolean }).flow = true;
    },
  });
  // A blank line between the top-level sections.
  if (isMap(doc.contents)) {
    doc.contents.items.forEach((pair, i) => {
      if (i > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
};

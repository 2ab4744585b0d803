// Rules that name a directory group the last directory read did not have. Such a rule is accepted (the group may
// be created later, or the read may be old) but matches nobody today, which is almost always a typo: `config
// apply` and the sync plan say so. Group names compare as the rule matcher compares them (trimmed, any case).
import type { RuleConfig } from '../../shared/config/workspace';
import type { Store } from '../store/store';
import { createDirectorySnapshotRepo } from '../store/directory-snapshot-repo';
import { DIRECTORY_ID } from '../store/workspace-repo';

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * One warning per unknown group per rule (only the rules of `appId`, when given); none before the directory has
 * been read, as there is nothing to compare with.
 */
export const ruleGroupWarnings = async (
  store: Store,
  rules: readonly RuleConfig[],
  appId?: string,
): Promise<string[]> => {
  const read = await createDirectorySnapshotRepo(store).state();
  if (!read?.lastReadAt) return [];
  const known = new Set(
    (
      await store.q().selectFrom('groups').select('name').where('directory_id', '=', DIRECTORY_ID).execute()
    ).map((g) => norm(g.name)),
  );
  const warnings: string[] = [];
  rules.forEach((rule, i) => {
    if (appId !== undefined && rule.app !== appId) return;
    for (const field of ['groups', 'allGroups'] as const) {
      for (const group of rule[field] ?? []) {
        if (known.has(norm(group))) continue;
        warnings.push(
          `rules[${i}].${field}: the directory has no group named "${group}" (last read ${read.lastReadAt}); ` +
            'the rule matches nobody through it until that group exists. Check the spelling.',
        );
      }
    }
  });
  return warnings;
};

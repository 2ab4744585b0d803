// What the rule dialog's role and team / app-group fields offer and say for the chosen app, from rules.vocabulary
// (listed once per app while the dialog is open): the known values, a caption saying where they come from or why
// they are unknown, and the warnings for typed values the app does not report (shared/config/rule-terms.ts, the
// same sentences as the preview).
import { useQuery } from '@tanstack/react-query';
import type { AppVocabulary } from '../../../../shared/api/methods-rules';
import { ruleTermWarnings } from '../../../../shared/config/rule-terms';
import type { AppConfig, RuleConfig } from '../../../../shared/config/workspace';
import { unwrap, type ApiCallError } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { rpcKey } from '../../api/rpc-key';

export interface TermField {
  known: string[] | null;
  caption: string;
  warnings: string[];
}

/** The app's vocabulary, listing its groups or teams (a read of the app), cached for a few minutes. */
export const useVocabulary = (app: AppConfig | undefined, open: boolean) => {
  const client = useClient();
  const input = { appId: app?.id ?? '', list: true };
  return useQuery<AppVocabulary, ApiCallError>({
    queryKey: rpcKey('rules.vocabulary', input),
    queryFn: async () => unwrap(await client.call('rules.vocabulary', input)),
    enabled: open && !!app && app.kind !== 'manual',
    staleTime: 5 * 60_000,
    retry: false,
  });
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const unread = (app: AppConfig, what: string) =>
  `${app.name} has not been read yet, so its ${what} cannot be checked: run a sync preview first. Any name is accepted.`;

/** Role and team / app-group fields for the draft's app; `partial` is the rule as typed so far. */
export const termFields = (
  app: AppConfig | undefined,
  vocab: { data?: AppVocabulary | undefined; isFetching: boolean; error: ApiCallError | null },
  partial: Pick<RuleConfig, 'role' | 'teams' | 'appGroups'>,
): { role: TermField; groups: TermField } => {
  const none = { known: null, warnings: [] };
  if (!app) return { role: { ...none, caption: '' }, groups: { ...none, caption: '' } };
  if (app.kind === 'manual')
    return {
      role: { ...none, caption: `${app.name} is a manual app: type the role its admins use.` },
      groups: { ...none, caption: '' },
    };
  const v = vocab.data?.appId === app.id ? vocab.data : undefined;
  const teams = app.kind === 'github';
  if (!v) {
    const caption = vocab.error
      ? `Could not ask what ${app.name} has: ${vocab.error.message}. Any name is accepted.`
      : `Asking ${app.name} what it has…`;
    return { role: { ...none, caption }, groups: { ...none, caption: '' } };
  }
  const warnings = ruleTermWarnings({ app: app.id, ...partial }, v);
  const of = (field: string) => warnings.filter((w) => w.field === field).map((w) => w.message);
  return {
    role: {
      known: v.roles,
      caption: v.roles
        ? `${cap(v.rolesFrom ?? '')}: pick one or type another. Empty: the app's default role.`
        : (v.rolesFrom ?? unread(app, 'roles')),
      warnings: of('role'),
    },
    groups: {
      known: v.groups,
      caption: [
        v.groupsError ? `${v.groupsError}.` : '',
        v.groups
          ? `${cap(v.groupsFrom ?? '')}: pick or type, comma-separated.`
          : teams
            ? unread(app, 'teams')
            : `Group names in ${app.name}, comma-separated; Lanyard could not list its groups, so names are not checked.`,
      ]
        .filter(Boolean)
        .join(' '),
      warnings: of(teams ? 'teams' : 'appGroups'),
    },
  };
};

// What an op will do, as one short sentence an admin can trust: "Remove from the GitHub org", "Cancel the GitHub
// invitation", "Deactivate in Slack", "Delete from Zoom", "Set role to admin in Jira", "Task: take back the badge".
// The ONE place such words are made: the plan preview, the review queue, offboarding tasks, the evidence and every
// confirmation read them from here (the core puts the label on the views it returns), so a label can never promise
// a milder effect than the connector carries out. Pure, no imports: shared by the core and the renderer.
//
// Truth first: GitHub has no "deactivated" member — deactivating or deleting removes the person from the org (or
// cancels their pending invitation); several SCIM apps (Slack, Atlassian …) only deactivate on DELETE.

/** The app as far as its words go. `deleteMeans`: what the app's SCIM DELETE really does (preset). */
export interface LabelApp {
  kind: 'scim' | 'github' | 'manual';
  name: string;
  deleteMeans?: 'delete' | 'deactivate' | 'unsupported';
}

type ManualAction =
  'created' | 'updated' | 'deactivated' | 'reactivated' | 'deleted' | 'add-to-group' | 'remove-from-group';

/**
 * The parts of an op payload the words depend on (structurally a superset of the core's OpPayload), plus the two
 * offboarding steps that are not ops: a checklist item and the final verification.
 */
export type LabelPayload =
  | { kind: 'create'; spec?: { role?: string | null } | null }
  | { kind: 'update'; changes?: Record<string, unknown> }
  | { kind: 'set-role'; role: string; previous?: string | null }
  | { kind: 'add-to-group' | 'remove-from-group'; groupName: string }
  | { kind: 'deactivate'; remoteId?: string; deleteAfterDays?: number | null }
  | { kind: 'reactivate'; remoteId?: string }
  | { kind: 'delete'; remoteId?: string }
  | { kind: 'idp-suspend' | 'idp-revoke-sessions' }
  | { kind: 'manual-task'; action: ManualAction; role?: string | null; task?: { title: string } }
  | { kind: 'checklist'; title: string }
  | { kind: 'verify' };

/** A GitHub account that is still a pending invitation (connector remote id `invitation:<id>`). */
export const isGithubInvitation = (remoteId: string | undefined): boolean =>
  remoteId?.startsWith('invitation:') ?? false;

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

const githubLabel = (p: LabelPayload, org: string): string | null => {
  switch (p.kind) {
    case 'create':
      return `Invite to the ${org} org${p.spec?.role ? ` as ${p.spec.role}` : ''}`;
    case 'deactivate':
    case 'delete':
      return isGithubInvitation(p.remoteId) ? `Cancel the ${org} invitation` : `Remove from the ${org} org`;
    case 'reactivate':
      return isGithubInvitation(p.remoteId)
        ? `Send the ${org} invitation again`
        : `Invite to the ${org} org again`;
    case 'set-role':
      return `Set the ${org} org role to ${p.role}`;
    case 'add-to-group':
      return `Add to the team ${p.groupName} in ${org}`;
    case 'remove-from-group':
      return `Remove from the team ${p.groupName} in ${org}`;
    default:
      return null;
  }
};

const MANUAL_VERB: Record<ManualAction, string> = {
  created: 'create the account',
  updated: 'update the account',
  deactivated: 'deactivate the account',
  reactivated: 'reactivate the account',
  deleted: 'delete the account',
  'add-to-group': 'add the account to its group',
  'remove-from-group': 'remove the account from its group',
};

const manualLabel = (p: Extract<LabelPayload, { kind: 'manual-task' }>, app: string): string => {
  if (p.action === 'updated' && p.role) return `Task: set the role to ${p.role} in ${app}`;
  return `Task: ${MANUAL_VERB[p.action]} in ${app}`;
};

/**
 * The label of an op in its app ("Deactivate in Slack"). `app` null: the directory itself (kill switch), or an
 * app no longer in the workspace (then named by `appName`, its id).
 */
export const opLabel = (p: LabelPayload, app: LabelApp | null, appName = 'the app'): string => {
  const name = app?.name ?? appName;
  if (p.kind === 'checklist') return `Task: ${lowerFirst(p.title)}`;
  if (p.kind === 'verify') return 'Verify: re-read every automated app and prove the accounts are inactive';
  if (p.kind === 'idp-suspend') return 'Suspend in the identity provider';
  if (p.kind === 'idp-revoke-sessions') return 'End all sessions and tokens in the identity provider';
  if (p.kind === 'manual-task') return manualLabel(p, name);
  if (app?.kind === 'github') {
    const g = githubLabel(p, name);
    if (g) return g;
  }
  if (app?.kind === 'manual') {
    // A manual app's op before asManualTask turned it into a task (previews of the planner's raw ops).
    if (p.kind === 'create') return manualLabel({ kind: 'manual-task', action: 'created' }, name);
    if (p.kind === 'deactivate') return manualLabel({ kind: 'manual-task', action: 'deactivated' }, name);
    if (p.kind === 'delete') return manualLabel({ kind: 'manual-task', action: 'deleted' }, name);
  }
  switch (p.kind) {
    case 'create':
      return `Create in ${name}${p.spec?.role ? ` with role ${p.spec.role}` : ''}`;
    case 'update': {
      const fields = Object.keys(p.changes ?? {}).filter((f) => f !== 'role');
      return `Update the profile in ${name}${fields.length ? ` (${fields.join(', ')})` : ''}`;
    }
    case 'set-role':
      return `Set role to ${p.role} in ${name}`;
    case 'add-to-group':
      return `Add to the group ${p.groupName} in ${name}`;
    case 'remove-from-group':
      return `Remove from the group ${p.groupName} in ${name}`;
    case 'deactivate':
      return p.deleteAfterDays
        ? `Deactivate in ${name}, then delete after ${days(p.deleteAfterDays)}`
        : `Deactivate in ${name}`;
    case 'reactivate':
      return `Reactivate in ${name}`;
    case 'delete':
      return app?.deleteMeans === 'deactivate'
        ? `Deactivate in ${name} (its SCIM delete only deactivates)`
        : `Delete from ${name}`;
    default:
      return name;
  }
};

/**
 * What the effect means for the person, for confirmations ("they lose every repository and team; to come back
 * they must accept a new invitation"); null when the label says it all.
 */
export const opConsequence = (p: LabelPayload, app: LabelApp | null): string | null => {
  const github = app?.kind === 'github';
  switch (p.kind) {
    case 'deactivate':
    case 'delete':
      if (github)
        return isGithubInvitation(p.remoteId)
          ? 'The invitation can no longer be accepted.'
          : 'They lose every repository and team of the org; to come back they must accept a new invitation.';
      if (app?.kind === 'manual') return 'A person does this by hand; Lanyard records it when marked done.';
      return p.kind === 'delete' && app?.deleteMeans !== 'deactivate'
        ? 'The account and its data are removed from the app; this cannot be undone from Lanyard.'
        : 'They can no longer sign in; the account and its data stay and can be reactivated.';
    case 'remove-from-group':
      return 'They lose what the group gives them in the app.';
    case 'set-role':
      return p.previous ? `Their role was ${p.previous}.` : null;
    case 'idp-suspend':
      return 'They can no longer sign in to anything that uses the identity provider.';
    case 'idp-revoke-sessions':
      return 'Every open session and token ends at once; they must sign in again.';
    default:
      return null;
  }
};

// What an access exception does, in words shared by the CLI, the Access rules page and the campaign report: a
// revoke exception keeps the rules from granting the app again; a role exception keeps the review's role.
export interface ExceptionLike {
  person: string;
  appId: string;
  appName: string | null;
  role: string | null;
}

/** "ana@acme.io keeps no access to Slack from the rules" / "ana@acme.io keeps Slack with role viewer, not the rules' role". */
export const exceptionEffect = (e: ExceptionLike): string =>
  e.role === null
    ? `${e.person} keeps no access to ${e.appName ?? e.appId} from the rules`
    : `${e.person} keeps ${e.appName ?? e.appId} with role ${e.role}, not the rules' role`;

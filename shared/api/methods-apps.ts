// Contract methods of the app connectors (issue #4). Merged into shared/api/contract.ts.
export const appMethods = {} as const;

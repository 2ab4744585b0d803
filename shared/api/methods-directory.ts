// Contract methods of the directory connectors (issue #3). Merged into shared/api/contract.ts.
export const directoryMethods = {} as const;

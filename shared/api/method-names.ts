// A plain list of the contract's method names, for the sandboxed preload, which must not bundle zod.
// Kept by hand next to contract.ts; test/unit/desktop/method-names.test.ts fails until it equals `methodNames`.
import type { MethodName } from './contract';

export const methodNameList: readonly MethodName[] = [
  'app.info',
  'settings.get',
  'settings.set',
  'secrets.list',
  'secrets.set',
  'secrets.delete',
  'config.export',
  'config.apply',
  'directory.test',
  'directory.pull',
  'apps.test',
  'apps.accounts',
  'apps.probe',
  'apps.confirmManual',
  'audit.list',
  'audit.verify',
  'audit.export',
];

// config.apply / config.export: the workspace file (config as code). See docs/workspace-config.md.
import { LanyardError } from '../app/errors';
import type { CoreContext } from '../app/context';

export const createConfigService = (_ctx: CoreContext) => ({
  async exportYaml(): Promise<{ yaml: string }> {
    throw new LanyardError('internal', 'config export is not implemented yet');
  },
  async applyYaml(_yaml: string, _actor: string): Promise<{ applied: true; summary: string }> {
    throw new LanyardError('internal', 'config apply is not implemented yet');
  },
});

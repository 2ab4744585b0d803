// settings.get / settings.set: schedule, guardrails, offboarding settings and the admin's name for the audit log.
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import type { CoreContext } from '../context';

export const createSettingsService = (ctx: CoreContext) => ({
  get: (): Promise<Settings> => ctx.repos.settings.get(),
  set: async (patch: SettingsPatch, actor: string): Promise<Settings> => {
    const current = await ctx.repos.settings.get();
    const next: Settings = {
      schedule: { ...current.schedule, ...patch.schedule },
      guardrails: { ...current.guardrails, ...patch.guardrails },
      offboarding: { ...current.offboarding, ...patch.offboarding },
      operator: { ...current.operator, ...patch.operator },
    };
    await ctx.store.tx(async () => {
      await ctx.repos.settings.put(next);
      await ctx.audit.append({
        actor,
        action: 'settings.changed',
        before: current,
        after: next,
        result: 'ok',
      });
    });
    ctx.log.info('settings changed', { sections: Object.keys(patch) });
    ctx.events.emit('settings.changed', next);
    return next;
  },
});

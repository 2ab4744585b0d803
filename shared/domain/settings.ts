// Workspace-wide settings that the UI and the workspace file edit: schedule, guardrails, offboarding.
import { z } from 'zod';

export const scheduleSchema = z
  .object({
    pollSeconds: z.number().int().min(5).max(86_400).default(60),
    fullSyncMinutes: z.number().int().min(1).max(10_080).default(60),
    paused: z.boolean().default(false),
  })
  .strict();

export const guardrailsSchema = z
  .object({
    // Destructive ops = deactivate, delete, role demotion, removal from a group or team, IdP suspend / session
    // revoke — whatever proposed them (sync run, offboarding case, approval). Only an admin's explicit offboard of
    // one named person passes without counting against these limits (it is still recorded).
    /** Destructive ops in one run (one gate batch), all apps together. */
    maxDeprovisionsPerRun: z.number().int().min(0).max(100_000).default(10),
    /** Destructive ops of one app in one run, as a share of its active accounts. */
    maxDeprovisionPercent: z.number().min(0).max(100).default(20),
    /** The rolling window the two limits below count over, in minutes (ops executed in it, every source). */
    windowMinutes: z.number().int().min(1).max(10_080).default(60),
    /** Destructive ops executed within the window, all apps together. */
    maxDeprovisionsPerWindow: z.number().int().min(0).max(1_000_000).default(30),
    /** Destructive ops of one app executed within the window, as a share of its active accounts. */
    maxDeprovisionPercentPerWindow: z.number().min(0).max(100).default(40),
    /** A directory read that loses more than this share of people is flagged suspicious. */
    suspiciousDropPercent: z.number().min(0).max(100).default(20),
  })
  .strict();

export const offboardingSettingsSchema = z
  .object({
    killSessions: z.boolean().default(false),
    checklist: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  })
  .strict();

/** Who the admin at this desk is, for the audit log. Not part of the workspace file (it is about a person). */
export const operatorSchema = z
  .object({
    /** "Your name in the audit log": UI actions are recorded under it; empty = the OS account's full name. */
    name: z.string().trim().max(100).default(''),
  })
  .strict();

export const settingsSchema = z
  .object({
    schedule: scheduleSchema.default(scheduleSchema.parse({})),
    guardrails: guardrailsSchema.default(guardrailsSchema.parse({})),
    offboarding: offboardingSettingsSchema.default(offboardingSettingsSchema.parse({})),
    operator: operatorSchema.default(operatorSchema.parse({})),
  })
  .strict();

export type Schedule = z.infer<typeof scheduleSchema>;
export type Guardrails = z.infer<typeof guardrailsSchema>;
export type OffboardingSettings = z.infer<typeof offboardingSettingsSchema>;
export type Operator = z.infer<typeof operatorSchema>;
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** A partial update: any subset of each section. */
export const settingsPatchSchema = z
  .object({
    schedule: scheduleSchema.partial().strict().optional(),
    guardrails: guardrailsSchema.partial().strict().optional(),
    offboarding: offboardingSettingsSchema.partial().strict().optional(),
    operator: operatorSchema.partial().strict().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

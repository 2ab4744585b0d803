// The demo's scripted leaver: after LANYARD_DEMO_LEAVER_SECONDS (default 60) one person is deactivated in the Okta
// stand-in, exactly as an admin would do it in Okta (status DEPROVISIONED plus the user.lifecycle.deactivate
// System Log event). Nothing else is nudged: the scheduler's next poll finds the event and offboarding takes over.
import type { OktaFake } from '../test/fakes/okta/server';
import type { DemoPerson } from './people';

export const DEFAULT_LEAVER_SECONDS = 60;

/** Seconds until the leaver leaves, from the environment (a whole number ≥ 0), else the default. */
export const leaverDelaySeconds = (env: NodeJS.ProcessEnv): number => {
  const raw = env.LANYARD_DEMO_LEAVER_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_LEAVER_SECONDS;
  if (!/^\d{1,6}$/.test(raw))
    throw new Error(`LANYARD_DEMO_LEAVER_SECONDS must be a whole number of seconds (got "${raw}")`);
  return Number(raw);
};

export interface ScheduledLeaver {
  readonly person: DemoPerson;
  readonly at: Date;
  cancel(): void;
}

export const scheduleLeaver = (
  okta: OktaFake,
  oktaId: string,
  person: DemoPerson,
  delaySeconds: number,
  onLeave: (person: DemoPerson) => void,
): ScheduledLeaver => {
  const timer = setTimeout(() => {
    okta.state.setStatus(oktaId, 'DEPROVISIONED');
    onLeave(person);
  }, delaySeconds * 1000);
  return {
    person,
    at: new Date(Date.now() + delaySeconds * 1000),
    cancel: () => clearTimeout(timer),
  };
};

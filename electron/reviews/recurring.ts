// Recurring access reviews (workspace `reviews:`): each definition starts one campaign per period (month, quarter,
// half-year, year; UTC calendar periods). `periodOf` and `dueDefinitions` are pure; `startDueReviews` is the duty the
// scheduler-lock owner runs after each scheduled run. "Once per period" holds across restarts and processes
// because the campaign is keyed by (definition, period) in the database: a unique index, checked again inside the
// start's write transaction (review-service.start), so a second start of the same period starts nothing.
import type { ReviewDefinition, ReviewEvery } from '../../shared/config/reviews-schema';
import type { Logger } from '../log/logger';

export interface Period {
  /** Stable key of the period: 2027-03 (month), 2027-Q1, 2027-H1, 2027. */
  key: string;
  /** Readable: "March 2027", "Q1 2027", "H1 2027", "2027". */
  label: string;
  start: Date;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The period of `every` that contains `at` (UTC). */
export const periodOf = (every: ReviewEvery, at: Date): Period => {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const startAt = (month: number): Date => new Date(Date.UTC(y, month, 1));
  switch (every) {
    case 'month':
      return { key: `${y}-${String(m + 1).padStart(2, '0')}`, label: `${MONTHS[m]} ${y}`, start: startAt(m) };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { key: `${y}-Q${q + 1}`, label: `Q${q + 1} ${y}`, start: startAt(q * 3) };
    }
    case 'half-year': {
      const h = m < 6 ? 0 : 1;
      return { key: `${y}-H${h + 1}`, label: `H${h + 1} ${y}`, start: startAt(h * 6) };
    }
    case 'year':
      return { key: String(y), label: String(y), start: startAt(0) };
  }
};

/** Definitions whose current period has no campaign yet, with that period. */
export const dueDefinitions = (
  defs: readonly ReviewDefinition[],
  now: Date,
  started: (definitionId: string, period: string) => boolean,
): { def: ReviewDefinition; period: Period }[] =>
  defs.flatMap((def) => {
    const period = periodOf(def.every, now);
    return started(def.id, period.key) ? [] : [{ def, period }];
  });

const DAY = 86_400_000;

export interface RecurringDeps {
  definitions: () => Promise<ReviewDefinition[]>;
  started: (definitionId: string, period: string) => Promise<boolean>;
  /** Starts the campaign: its id, or null when the period already had one (another process was first). */
  start: (
    input: {
      name: string;
      dueAt: string;
      apps?: string[] | undefined;
      people?: ReviewDefinition['people'];
      assign: ReviewDefinition['assign'];
      reviewers?: Record<string, string> | undefined;
      fallback: string;
      definitionId: string;
      period: string;
    },
    actor: string,
  ) => Promise<number | null>;
  now: () => Date;
  log: Logger;
}

/**
 * Starts every due definition once. A definition that cannot start (an app it names is gone) is logged once per
 * period and tried again on the next call (the admin may fix the workspace); it never stops the others.
 */
export const createRecurringReviews = (deps: RecurringDeps) => {
  const reported = new Set<string>();
  /** dueDefinitions over the stored definitions, with each current period's campaign looked up first. */
  const dueAt = async (now: Date): Promise<{ def: ReviewDefinition; period: Period }[]> => {
    const defs = await deps.definitions();
    const started = new Set<string>();
    for (const def of defs) {
      const key = periodOf(def.every, now).key;
      if (await deps.started(def.id, key)) started.add(`${def.id}\0${key}`);
    }
    return dueDefinitions(defs, now, (id, period) => started.has(`${id}\0${period}`));
  };
  return {
    due: async (): Promise<string[]> => (await dueAt(deps.now())).map((d) => d.def.id),
    /** Starts what is due; the ids of the campaigns started. */
    async startDue(actor: string): Promise<number[]> {
      const now = deps.now();
      const startedNow: number[] = [];
      for (const { def, period } of await dueAt(now)) {
        try {
          const id = await deps.start(
            {
              name: `${def.name} — ${period.label}`,
              dueAt: new Date(now.getTime() + def.dueDays * DAY).toISOString(),
              apps: def.apps,
              people: def.people,
              assign: def.assign,
              reviewers: def.reviewers,
              fallback: def.fallback,
              definitionId: def.id,
              period: period.key,
            },
            actor,
          );
          if (id !== null) startedNow.push(id);
        } catch (err) {
          const key = `${def.id}\0${period.key}`;
          if (reported.has(key)) continue;
          reported.add(key);
          deps.log.warn('could not start a recurring access review', {
            definition: def.id,
            period: period.key,
            error: (err as Error).message,
          });
        }
      }
      return startedNow;
    },
  };
};

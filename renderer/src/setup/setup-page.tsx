// The first-run flow (#/setup): directory → first app → first rule → dry run. Each step is checked by the server
// (its errors appear next to the field they name); nothing is applied to any app here. A step is done when its test
// passed (directory, app) or its rule is saved: until then Continue stays unavailable and says why, and "Skip for
// now" moves on knowingly — a skipped step is marked as such, and applying stays paused (safe start: nothing is
// applied until a first plan is reviewed, electron/sync/gate/safe-start.ts). Jumping ahead in the step list
// skips the same way.
import { useEffect, useRef, useState } from 'react';
import type { DirectoryPullResult } from '../../../shared/api/methods-directory';
import { useRpcQuery } from '../api/queries';
import { Page } from '../components/page';
import type { DirectoryOutcome } from './directory-outcome';
import { DirectoryStep } from './directory-step';
import { AppStep } from './app-step';
import { RuleStep } from './rule-step';
import { DryRunStep } from './dry-run-step';
import { applyingAfterSkip, blockedReason, type StepState } from './step-gates';
import '../styles/apps.css';
import '../styles/setup.css';

const STEPS = [
  { title: 'Connect your directory', lead: 'Where people and groups come from.' },
  { title: 'Add a first app', lead: 'An app Lanyard keeps in step with the directory.' },
  { title: 'A first access rule', lead: 'Who gets an account in the app.' },
  { title: 'Dry run', lead: 'What the first sync would do. Nothing is applied.' },
] as const;

export const SetupPage = () => {
  const [step, setStep] = useState(0);
  const [pulled, setPulled] = useState<DirectoryPullResult | null>(null);
  const [directory, setDirectory] = useState<DirectoryOutcome | null>(null);
  const [appId, setAppId] = useState<string | null>(null);
  const [appTest, setAppTest] = useState<boolean | null>(null);
  const [ruleSaved, setRuleSaved] = useState(false);
  const [skipped, setSkipped] = useState<boolean[]>([false, false, false]);
  const [announcement, setAnnouncement] = useState('');
  const status = useRpcQuery('setup.status', {});
  const sync = useRpcQuery('sync.status', {});
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const states: StepState[] = [
    { step: 'directory', outcome: directory, status: status.data },
    { step: 'app', appId, test: appTest, status: status.data },
    { step: 'rule', saved: ruleSaved, status: status.data },
  ];
  const reasons = states.map(blockedReason);
  const done = [...reasons.map((r) => r === null), false];

  // Moving to a step puts focus on its heading, so keyboard users continue from there.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  /** Goes to step `to`; steps passed over without being done count as skipped. */
  const goTo = (to: number) => {
    const passed = [...Array(Math.max(0, to - step)).keys()].map((i) => step + i).filter((i) => !done[i]);
    if (passed.length) {
      setSkipped((s) => s.map((v, i) => v || passed.includes(i)));
      const names = passed.map((i) => `“${STEPS[i]!.title}”`);
      setAnnouncement(`Skipped ${names.join(' and ')} for now. ${applyingAfterSkip(sync.data?.applying)}`);
    } else setAnnouncement('');
    setStep(to);
  };

  const reason = step < STEPS.length - 1 ? reasons[step] : null;
  return (
    <Page title="Set up Lanyard" lead="Four steps from an empty workspace to a first dry run.">
      <div className="setup">
        <nav aria-label="Setup steps">
          <ol className="setup-steps">
            {STEPS.map((s, i) => {
              const mark = done[i] ? 'done' : skipped[i] ? 'skipped' : null;
              return (
                <li key={s.title}>
                  <button
                    type="button"
                    className={`setup-step-link${i === step ? ' is-current' : ''}${mark ? ` is-${mark}` : ''}`}
                    aria-current={i === step ? 'step' : undefined}
                    onClick={() => goTo(i)}
                  >
                    <span className="setup-step-number" aria-hidden="true">
                      {mark === 'done' ? '✓' : mark === 'skipped' ? '–' : i + 1}
                    </span>
                    <span>
                      {s.title}
                      {mark ? <span className="visually-hidden"> ({mark})</span> : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <section className="card setup-card" aria-labelledby="setup-step-title">
          <header className="setup-card-header">
            <p className="setup-step-count">
              Step {step + 1} of {STEPS.length}
            </p>
            <h2 id="setup-step-title" ref={heading} tabIndex={-1}>
              {STEPS[step]!.title}
            </h2>
            <p className="card-description">{STEPS[step]!.lead}</p>
          </header>
          {/* On the dry run, its own note lists every skipped step instead. */}
          {announcement && step < STEPS.length - 1 ? (
            <p className="setup-skipped" role="status">
              {announcement}
            </p>
          ) : null}
          {step === 0 ? (
            <DirectoryStep pulled={pulled} onPulled={setPulled} onOutcome={setDirectory} />
          ) : step === 1 ? (
            <AppStep
              appId={appId}
              onSaved={(id) => {
                setAppId(id);
                setAppTest(null);
              }}
              onTested={setAppTest}
            />
          ) : step === 2 ? (
            <RuleStep appId={appId} saved={ruleSaved} onSaved={() => setRuleSaved(true)} />
          ) : (
            <DryRunStep
              status={status.data}
              skipped={STEPS.slice(0, 3)
                .filter((_, i) => skipped[i] && !done[i])
                .map((s) => s.title)}
              onGoTo={goTo}
            />
          )}
          {step < STEPS.length - 1 ? (
            <footer className="setup-card-footer">
              {reason ? (
                <>
                  <p id="setup-continue-why" className="setup-blocked">
                    {reason}
                  </p>
                  <button type="button" className="button button-secondary" onClick={() => goTo(step + 1)}>
                    Skip for now
                  </button>
                </>
              ) : null}
              <button
                type="button"
                className="button"
                aria-disabled={reason ? true : undefined}
                aria-describedby={reason ? 'setup-continue-why' : undefined}
                onClick={() => !reason && goTo(step + 1)}
              >
                Continue
              </button>
            </footer>
          ) : null}
        </section>
      </div>
    </Page>
  );
};

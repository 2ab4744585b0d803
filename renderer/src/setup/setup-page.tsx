// The first-run flow (#/setup): directory → first app → first rule → dry run. Each step is checked by the server
// (its errors appear next to the field they name); nothing is applied to any app here. Every step stays reachable
// from the step list, so an admin who already did a part can skip ahead.
import { useEffect, useRef, useState } from 'react';
import type { DirectoryPullResult } from '../../../shared/api/methods-directory';
import { Page } from '../components/page';
import { DirectoryStep } from './directory-step';
import { AppStep } from './app-step';
import { RuleStep } from './rule-step';
import { DryRunStep } from './dry-run-step';
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
  const [appId, setAppId] = useState<string | null>(null);
  const [appOk, setAppOk] = useState(false);
  const [ruleSaved, setRuleSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const done = [pulled?.stored === true, appId !== null && appOk, ruleSaved, false];

  // Moving to a step puts focus on its heading, so keyboard users continue from there.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  const next = (
    <button
      type="button"
      className="button"
      onClick={() => setStep((s) => Math.min(s + 1, STEPS.length - 1))}
    >
      Continue
    </button>
  );

  return (
    <Page title="Set up Lanyard" lead="Four steps from an empty workspace to a first dry run.">
      <div className="setup">
        <nav aria-label="Setup steps">
          <ol className="setup-steps">
            {STEPS.map((s, i) => (
              <li key={s.title}>
                <button
                  type="button"
                  className={`setup-step-link${i === step ? ' is-current' : ''}${done[i] ? ' is-done' : ''}`}
                  aria-current={i === step ? 'step' : undefined}
                  onClick={() => setStep(i)}
                >
                  <span className="setup-step-number" aria-hidden="true">
                    {done[i] ? '✓' : i + 1}
                  </span>
                  <span>
                    {s.title}
                    {done[i] ? <span className="visually-hidden"> (done)</span> : null}
                  </span>
                </button>
              </li>
            ))}
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
          {step === 0 ? (
            <DirectoryStep pulled={pulled} onPulled={setPulled} />
          ) : step === 1 ? (
            <AppStep
              appId={appId}
              onSaved={(id) => {
                setAppId(id);
                setAppOk(false);
              }}
              onTested={setAppOk}
            />
          ) : step === 2 ? (
            <RuleStep appId={appId} saved={ruleSaved} onSaved={() => setRuleSaved(true)} />
          ) : (
            <DryRunStep />
          )}
          {step < STEPS.length - 1 ? (
            <footer className="setup-card-footer">
              {done[step] ? null : <span className="field-help">You can also skip this step.</span>}
              {next}
            </footer>
          ) : null}
        </section>
      </div>
    </Page>
  );
};

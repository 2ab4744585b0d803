// Offboarding: the page lives in ./offboarding/ (cases, tasks, evidence) and the dialog in ../offboarding/; this path
// stays for the page table.
export { OffboardingPage } from './offboarding/offboarding-page';

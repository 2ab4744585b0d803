// Overview: the page lives in ./overview/ (health, sync, apps, offboarding, activity chart); this path stays for the
// page table.
export { OverviewPage } from './overview/overview-page';

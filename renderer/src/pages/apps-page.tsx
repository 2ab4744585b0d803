// Apps: the page lives in ./apps/ (list, add/edit form, detail with test, probe and accounts); this path stays for
// the page table.
export { AppsPage } from './apps/apps-page';

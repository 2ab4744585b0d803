// Sync: the page lives in ./sync/ (plan preview, apply, progress, review queue, run history, scheduler); this path
// stays for the page table.
export { SyncPage } from './sync/sync-page';

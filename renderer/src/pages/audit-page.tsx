// Audit: the page lives in ./audit/ (filters, virtualized ledger, verify, export); this path stays for the page table.
export { AuditPage } from './audit/audit-page';

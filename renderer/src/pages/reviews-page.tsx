// Access reviews: the pages live in ./reviews/ (campaigns, decision grid, sheets, report); this path stays for the
// page table.
export { ReviewsPage } from './reviews/reviews-page';

// People: the page lives in ./people/ (grid, filters, person panel); this path stays for the page table.
export { PeoplePage } from './people/people-page';

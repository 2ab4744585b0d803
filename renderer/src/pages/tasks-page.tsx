// Tasks: the page lives in ./tasks/ (inbox, cards, Done / Undo); this path stays for the page table.
export { TasksPage } from './tasks/tasks-page';

// The app's pages in navigation order: one place for each page's path, nav label and component.
import type { ComponentType } from 'react';
import { OverviewPage } from '../pages/overview-page';
import { PeoplePage } from '../pages/people-page';
import { AppsPage } from '../pages/apps-page';
import { RulesPage } from '../pages/rules-page';
import { SyncPage } from '../pages/sync-page';
import { OffboardingPage } from '../pages/offboarding-page';
import { TasksPage } from '../pages/tasks-page';
import { ReviewsPage } from '../pages/reviews-page';
import { AuditPage } from '../pages/audit-page';
import { SettingsPage } from '../pages/settings-page';
import type { IconName } from '../components/icon';

export interface PageEntry {
  path: string;
  label: string;
  icon: IconName;
  Component: ComponentType;
}

export const pages: PageEntry[] = [
  { path: '/', label: 'Overview', icon: 'overview', Component: OverviewPage },
  { path: '/people', label: 'People', icon: 'people', Component: PeoplePage },
  { path: '/apps', label: 'Apps', icon: 'apps', Component: AppsPage },
  { path: '/rules', label: 'Access rules', icon: 'rules', Component: RulesPage },
  { path: '/sync', label: 'Sync', icon: 'sync', Component: SyncPage },
  { path: '/offboarding', label: 'Offboarding', icon: 'offboarding', Component: OffboardingPage },
  { path: '/tasks', label: 'Tasks', icon: 'tasks', Component: TasksPage },
  { path: '/reviews', label: 'Access reviews', icon: 'reviews', Component: ReviewsPage },
  { path: '/audit', label: 'Audit', icon: 'audit', Component: AuditPage },
  { path: '/settings', label: 'Settings', icon: 'settings', Component: SettingsPage },
];

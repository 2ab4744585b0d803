// Every `lanyard` subcommand, gathered from one module per domain.
import type { CliCommand } from './command';
import { serveCommands } from './commands/serve';
import { serverCommands } from './commands/server';
import { configCommands } from './commands/config';
import { secretsCommands } from './commands/secrets';
import { directoryCommands } from './commands/directory';
import { appsCommands } from './commands/apps';
import { auditCommands } from './commands/audit';
import { syncCommands } from './commands/sync';
import { offboardCommands } from './commands/offboard';
import { reviewsCommands } from './commands/reviews';
import { tasksCommands } from './commands/tasks';
import { storeCommands } from './commands/store';

export const commands: CliCommand[] = [
  ...serveCommands,
  ...serverCommands,
  ...configCommands,
  ...secretsCommands,
  ...directoryCommands,
  ...appsCommands,
  ...auditCommands,
  ...syncCommands,
  ...offboardCommands,
  ...reviewsCommands,
  ...tasksCommands,
  ...storeCommands,
];

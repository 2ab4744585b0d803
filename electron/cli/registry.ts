// Every `lanyard` subcommand, gathered from one module per domain.
import type { CliCommand } from './command';
import { serveCommands } from './commands/serve';
import { configCommands } from './commands/config';
import { secretsCommands } from './commands/secrets';
import { directoryCommands } from './commands/directory';
import { appsCommands } from './commands/apps';

export const commands: CliCommand[] = [
  ...serveCommands,
  ...configCommands,
  ...secretsCommands,
  ...directoryCommands,
  ...appsCommands,
];

// `lanyard apps …` commands.
import type { CliCommand } from '../command';

export const appsCommands: CliCommand[] = [];

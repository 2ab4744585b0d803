// `lanyard secrets …` commands.
import type { CliCommand } from '../command';

export const secretsCommands: CliCommand[] = [];

// `lanyard serve …` commands.
import type { CliCommand } from '../command';

export const serveCommands: CliCommand[] = [];

// Vitest global setup of the "postgres" project (vitest.config.ts): one throwaway PostgreSQL cluster for the whole
// run (test/helpers/postgres.ts), its socket folder handed to the test processes in LANYARD_TEST_PG_SOCKET; every
// core a test opens gets a database of its own in it (test-database.ts). Stopped and removed at the end.
import { startPostgres, type TestPostgres } from './postgres';

let server: TestPostgres | null = null;

export const setup = (): void => {
  server = startPostgres();
  process.env.LANYARD_TEST_PG_SOCKET = server.socketDir;
};

export const teardown = (): void => {
  server?.stop();
};

// Builds the directory connector for the stored config: one factory per vendor kind.
// Google and Auth0 are loaded on demand, so a workspace on Okta never loads their modules (and vice versa).
import type { DirectoryConfig } from '../../shared/config/workspace';
import type { ConnectorDeps, DirectoryConnector } from './types';
import { createOktaConnector } from './okta/connector';
import { createEntraConnector } from './entra/connector';

export type ConnectorFactory = (config: DirectoryConfig, deps: ConnectorDeps) => Promise<DirectoryConnector>;

export const createDirectoryConnector: ConnectorFactory = async (config, deps) => {
  switch (config.kind) {
    case 'okta':
      return createOktaConnector(config, deps);
    case 'entra':
      return createEntraConnector(config, deps);
    case 'google':
      return (await import('./google/connector')).createGoogleConnector(config, deps);
    case 'auth0':
      return (await import('./auth0/connector')).createAuth0Connector(config, deps);
  }
};

// Builds the connector for an app's config: SCIM 2.0 (with its preset), GitHub org, or manual checklist.
import type { AppConnector, ConnectorDeps } from './types';
import type { AppConfig } from './types-config';
import { createScimConnector } from './scim/connector';
import { createGithubConnector } from './github/connector';
import { createManualConnector, type ManualConnectorDeps } from './manual/connector';

export const createAppConnector = (
  config: AppConfig,
  deps: ConnectorDeps & Pick<ManualConnectorDeps, 'confirmedAccounts'>,
): AppConnector => {
  switch (config.kind) {
    case 'scim':
      return createScimConnector(config, deps);
    case 'github':
      return createGithubConnector(config, deps);
    case 'manual':
      return createManualConnector(config, deps);
  }
};

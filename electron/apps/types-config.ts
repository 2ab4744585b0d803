// Config and capability types the app connectors share, re-exported from shared/ so connector code imports from
// one place.
export type {
  AppConfig,
  ScimAppConfig,
  GithubAppConfig,
  ManualAppConfig,
} from '../../shared/config/workspace';
export type { AppCapabilities } from '../../shared/api/methods-apps';

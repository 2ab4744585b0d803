// The port through which the core reaches secret values. Production: the OS keychain. Values stay in the core.

export interface SecretStore {
  /** A short description for health and errors, e.g. "OS keychain (Secret Service)". */
  readonly description: string;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  /** Returns true when an entry existed. */
  delete(name: string): Promise<boolean>;
}

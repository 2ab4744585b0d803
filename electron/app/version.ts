import pkg from '../../package.json' with { type: 'json' };
export const LANYARD_VERSION: string = pkg.version;

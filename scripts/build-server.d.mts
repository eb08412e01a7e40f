/** dist/server/main.mjs: the bundled server. */
export const SERVER_BUNDLE: string;
/** Builds the server bundle and answers its path. */
export function buildServer(): Promise<string>;

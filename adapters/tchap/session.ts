import { createClient, MatrixError, type LoginResponse, type MatrixClient } from 'matrix-js-sdk';
import type { TchapConfig } from './config.js';
import { sdkLogger } from './sdk-log.js';
import { TCHAP_TEXTS } from './texts.js';
import { ConfigError, type Logger, type StateStore } from '../../src/index.js';

/**
 * The bot's Matrix session. Tchap asks bots to reuse their access token rather
 * than log in on each call: a token from the environment is used as is; with a
 * password, the bot logs in once, stores the token and reuses it on every later
 * start, logging in again only if the server has revoked it.
 */

export const STORE_NAMESPACE = 'tchap';
const DEVICE_NAME = 'Assistant RUPN (bot)';

interface StoredSession {
  homeserverUrl: string;
  accessToken: string;
  deviceId?: string;
}

const sessionKey = (c: TchapConfig) => `session:${c.userId}`;

export interface Credentials {
  accessToken: string;
  deviceId?: string;
}

/** A client for the bot's account, not yet syncing. */
export function makeClient(config: TchapConfig, creds: Credentials, log: Logger): MatrixClient {
  return createClient({
    baseUrl: config.homeserverUrl,
    userId: config.userId,
    accessToken: creds.accessToken,
    deviceId: creds.deviceId,
    logger: sdkLogger(log),
  });
}

const isUnknownToken = (err: unknown) => err instanceof MatrixError && (err.httpStatus === 401 || err.errcode === 'M_UNKNOWN_TOKEN');

/** The token's device when the server still accepts it (one /whoami call), else undefined. */
async function accepted(client: MatrixClient, config: TchapConfig, log: Logger): Promise<{ deviceId?: string } | undefined> {
  try {
    const me = await client.whoami();
    if (me.user_id !== config.userId)
      log.warn('tchap.token_other_account', { expected: config.userId, actual: me.user_id, hint: TCHAP_TEXTS.log.otherAccount });
    return { deviceId: me.device_id };
  } catch (err) {
    if (isUnknownToken(err)) return undefined;
    throw err;
  }
}

/** A client and where its token came from: the environment's token cannot be replaced by a new login. */
export interface Session {
  client: MatrixClient;
  fromEnv: boolean;
}

/** Returns a client with a working token: the configured one, the stored one, or a fresh login (stored). */
export async function openSession(config: TchapConfig, store: StateStore, log: Logger): Promise<Session> {
  if (config.accessToken) {
    const probe = makeClient(config, { accessToken: config.accessToken }, log);
    const ok = await accepted(probe, config, log);
    if (!ok) throw new ConfigError('TCHAP_ACCESS_TOKEN', TCHAP_TEXTS.tokenRefused);
    // The crypto module needs the token's device id, which only /whoami tells.
    return { client: makeClient(config, { accessToken: config.accessToken, deviceId: ok.deviceId }, log), fromEnv: true };
  }
  const stored = await store.read<StoredSession>(STORE_NAMESPACE, sessionKey(config));
  if (stored && stored.homeserverUrl === config.homeserverUrl) {
    const client = makeClient(config, stored, log);
    if (await accepted(client, config, log)) {
      log.info('tchap.session_resumed', { deviceId: stored.deviceId });
      return { client, fromEnv: false };
    }
    log.warn('tchap.stored_token_refused', { hint: TCHAP_TEXTS.log.storedTokenRefused });
    await store.delete(STORE_NAMESPACE, sessionKey(config));
  }
  return { client: await login(config, store, log), fromEnv: false };
}

/** Logs in with the password as a new device, stored in place of the previous session. */
export async function login(config: TchapConfig, store: StateStore, log: Logger): Promise<MatrixClient> {
  if (!config.password) throw new ConfigError('TCHAP_PASSWORD', TCHAP_TEXTS.noCredentials);
  if (store.kind === 'memory') log.warn('tchap.token_not_kept', { hint: TCHAP_TEXTS.log.memoryStore });
  const anonymous = createClient({ baseUrl: config.homeserverUrl, logger: sdkLogger(log) });
  let res: LoginResponse;
  try {
    res = await anonymous.loginRequest({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: config.userId },
      password: config.password,
      initial_device_display_name: DEVICE_NAME,
    });
  } catch (err) {
    if (err instanceof MatrixError && err.httpStatus === 403) {
      throw new ConfigError('TCHAP_PASSWORD', TCHAP_TEXTS.loginRefused);
    }
    throw err;
  }
  const session: StoredSession = { homeserverUrl: config.homeserverUrl, accessToken: res.access_token, deviceId: res.device_id };
  await store.write(STORE_NAMESPACE, sessionKey(config), session);
  log.info('tchap.logged_in', { deviceId: res.device_id, stored: true });
  return makeClient(config, session, log);
}

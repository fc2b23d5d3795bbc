import { createClient, MatrixError, type MatrixClient } from 'matrix-js-sdk';
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

/** Whether the server still accepts this client's token (one /whoami call). */
async function accepted(client: MatrixClient, config: TchapConfig, log: Logger): Promise<boolean> {
  try {
    const me = await client.whoami();
    if (me.user_id !== config.userId) log.warn('tchap.token_other_account', { expected: config.userId, actual: me.user_id, hint: TCHAP_TEXTS.log.otherAccount });
    return true;
  } catch (err) {
    if (isUnknownToken(err)) return false;
    throw err;
  }
}

/** Returns a client with a working token: the configured one, the stored one, or a fresh login (stored). */
export async function openSession(config: TchapConfig, store: StateStore, log: Logger): Promise<MatrixClient> {
  if (config.accessToken) {
    const client = makeClient(config, { accessToken: config.accessToken }, log);
    if (await accepted(client, config, log)) return client;
    throw new ConfigError('TCHAP_ACCESS_TOKEN', TCHAP_TEXTS.tokenRefused);
  }
  const stored = await store.read<StoredSession>(STORE_NAMESPACE, sessionKey(config));
  if (stored && stored.homeserverUrl === config.homeserverUrl) {
    const client = makeClient(config, stored, log);
    if (await accepted(client, config, log)) {
      log.info('tchap.session_resumed', { deviceId: stored.deviceId });
      return client;
    }
    log.warn('tchap.stored_token_refused', { hint: TCHAP_TEXTS.log.storedTokenRefused });
    await store.delete(STORE_NAMESPACE, sessionKey(config));
  }
  return login(config, store, log);
}

async function login(config: TchapConfig, store: StateStore, log: Logger): Promise<MatrixClient> {
  if (!config.password) throw new ConfigError('TCHAP_PASSWORD', TCHAP_TEXTS.noCredentials);
  if (store.kind === 'memory') log.warn('tchap.token_not_kept', { hint: TCHAP_TEXTS.log.memoryStore });
  const anonymous = createClient({ baseUrl: config.homeserverUrl, logger: sdkLogger(log) });
  let res;
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

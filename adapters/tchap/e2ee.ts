import { LoggerLevel, Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import { MatrixEventEvent, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { AllDevicesIsolationMode, CryptoEvent, type UserVerificationStatus } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { TchapConfig } from './config.js';
import type { CryptoStateFile } from './crypto-file.js';
import { routeConsoleDuring } from './sdk-log.js';
import { login, openSession } from './session.js';
import { TCHAP_TEXTS } from './texts.js';
import { ConfigError, type Logger, type StateStore } from '../../src/index.js';

/**
 * End-to-end encryption for the bot, with matrix-js-sdk's Rust crypto: one
 * device for the bot's whole life, its state in a file (see crypto-file.ts),
 * and trust on first use for the people's devices and identities.
 */

export interface EncryptedSession {
  client: MatrixClient;
  /** Where the crypto state is saved; undefined when encryption is off. */
  state?: CryptoStateFile;
}

/** Whether the server holds device keys for this device: then a state must exist somewhere. */
async function serverHasKeys(client: MatrixClient, userId: string, deviceId: string): Promise<boolean> {
  const res = await client.downloadKeysForUsers([userId]);
  return Boolean(res.device_keys?.[userId]?.[deviceId]);
}

/**
 * Opens the session, then the crypto module on the device's own state. A
 * device the server knows keys for but whose state is missing here has lost
 * its state: the bot logs that, retires the device and logs in as a new one
 * (with the password; a token from the environment cannot be replaced).
 */
export async function openEncryptedSession(config: TchapConfig, store: StateStore, log: Logger): Promise<EncryptedSession> {
  const session = await openSession(config, store, log);
  if (!config.crypto) {
    log.warn('tchap.encryption_off', { hint: TCHAP_TEXTS.log.e2eeOff });
    return { client: session.client };
  }
  const { file, passphrase } = config.crypto;
  // Loaded only here: it installs IndexedDB in the process, which a bot without encryption does not need.
  const { CryptoStateFile } = await import('./crypto-file.js');
  let client = session.client;
  let deviceId = client.getDeviceId() ?? '';
  const owner = await CryptoStateFile.ownerOf(file);
  const mine = owner?.userId === config.userId && owner.deviceId === deviceId;
  if (!mine && (await serverHasKeys(client, config.userId, deviceId))) {
    if (session.fromEnv) throw new ConfigError('TCHAP_ACCESS_TOKEN', TCHAP_TEXTS.lostWithToken(deviceId));
    log.warn('tchap.crypto_state_lost', { deviceId, file, hint: TCHAP_TEXTS.log.cryptoLost });
    // People's clients would go on encrypting for the old device: it is removed.
    await client.logout(true).catch((err: unknown) => log.warn('tchap.old_device_kept', { deviceId, err: err as Error }));
    client = await login(config, store, log);
    deviceId = client.getDeviceId() ?? '';
  }
  const state = await CryptoStateFile.open(file, { userId: config.userId, deviceId }, (err) =>
    log.error('tchap.crypto_save_failed', { file, err, hint: TCHAP_TEXTS.log.cryptoSaveFailed }),
  );
  try {
    await routeConsoleDuring(log, async () => {
      await client.initRustCrypto({ storagePassword: passphrase });
      new Tracing(LoggerLevel.Error).turnOff();
    });
  } catch (err) {
    await state.close();
    if (/decrypt|unpickl|cipher/i.test(String((err as Error)?.message ?? err)))
      throw new ConfigError('TCHAP_CRYPTO_PASSPHRASE', TCHAP_TEXTS.badPassphrase(file));
    throw err;
  }
  trustOnFirstUse(client, log);
  await state.flush();
  log.info(mine ? 'tchap.crypto_resumed' : 'tchap.crypto_created', {
    deviceId,
    file,
    hint: mine ? TCHAP_TEXTS.log.cryptoResumed : TCHAP_TEXTS.log.cryptoCreated,
  });
  return { client, state };
}

/**
 * No verification: every device of the people in a room gets the room keys,
 * and a person whose identity changes is accepted again (pinned), with a log line.
 */
function trustOnFirstUse(client: MatrixClient, log: Logger): void {
  const crypto = client.getCrypto();
  crypto?.setDeviceIsolationMode(new AllDevicesIsolationMode(false));
  client.on(CryptoEvent.UserTrustStatusChanged, (userId: string, status: UserVerificationStatus) => {
    if (!status.needsUserApproval) return;
    crypto?.pinCurrentUserIdentity(userId).then(
      () => log.info('tchap.identity_pinned', { user: userId, hint: TCHAP_TEXTS.log.identityPinned }),
      (err: unknown) => log.warn('tchap.identity_pin_failed', { user: userId, err: err as Error }),
    );
  });
}

/**
 * The clear event once decrypted. A key that has not arrived yet may come in a
 * later /sync: the event is then decrypted again, which is waited for up to `waitMs`.
 * Resolves false when it stays unreadable.
 */
export async function decrypted(client: MatrixClient, ev: MatrixEvent, waitMs: number): Promise<boolean> {
  await client.decryptEventIfNeeded(ev);
  if (!ev.isDecryptionFailure()) return true;
  return new Promise<boolean>((resolve) => {
    const onDecrypted = () => {
      if (ev.isDecryptionFailure()) return;
      finish(true);
    };
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      ev.off(MatrixEventEvent.Decrypted, onDecrypted);
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), waitMs);
    timer.unref();
    ev.on(MatrixEventEvent.Decrypted, onDecrypted);
  });
}

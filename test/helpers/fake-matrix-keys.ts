/**
 * The end-to-end encryption part of the fake homeserver: what a real server
 * stores and relays for Olm and Megolm without ever reading it (device keys,
 * one-time and fallback keys, to-device messages, device-list changes).
 */

type Json = Record<string, unknown>;
export interface ToDeviceEvent {
  type: string;
  sender: string;
  content: Json;
}

interface DeviceKeys {
  keys: Json;
  oneTime: Map<string, unknown>;
  fallback: Map<string, unknown>;
}

const deviceOf = (user: string, device: string) => `${user}|${device}`;

export class FakeKeyServer {
  /** user → device → keys */
  private readonly devices = new Map<string, Map<string, DeviceKeys>>();
  private readonly inbox = new Map<string, ToDeviceEvent[]>();
  /** Users whose device list changed, per user who has not yet been told. */
  private readonly changed = new Map<string, Set<string>>();
  /** Every to-device message relayed, as sent: the tests check it carries ciphertext only. */
  readonly relayed: ToDeviceEvent[] = [];

  constructor(private readonly watchers: () => string[]) {}

  /** The device ids a user has uploaded keys for. */
  devicesOf(user: string): string[] {
    return [...(this.devices.get(user)?.keys() ?? [])];
  }

  /** A device logged out: its keys go, and the others are told. */
  removeDevice(user: string, device: string): void {
    if (this.devices.get(user)?.delete(device)) this.deviceListChanged(user);
  }

  /** Tells every other user, at their next /sync, that `user`'s devices changed. */
  deviceListChanged(user: string): void {
    for (const w of this.watchers()) {
      if (w === user) continue;
      const set = this.changed.get(w) ?? new Set<string>();
      set.add(user);
      this.changed.set(w, set);
    }
  }

  private entry(user: string, device: string): DeviceKeys {
    const byDevice = this.devices.get(user) ?? new Map<string, DeviceKeys>();
    this.devices.set(user, byDevice);
    const d = byDevice.get(device) ?? { keys: {}, oneTime: new Map(), fallback: new Map() };
    byDevice.set(device, d);
    return d;
  }

  /** POST /keys/upload */
  upload(user: string, device: string, body: Json): Json {
    const d = this.entry(user, device);
    if (body.device_keys) {
      d.keys = body.device_keys as Json;
      this.deviceListChanged(user);
    }
    for (const [id, key] of Object.entries((body.one_time_keys as Json) ?? {})) d.oneTime.set(id, key);
    const fallback = Object.entries((body.fallback_keys as Json) ?? {});
    if (fallback.length) d.fallback = new Map(fallback);
    return { one_time_key_counts: this.counts(user, device) };
  }

  private counts(user: string, device: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const id of this.devices.get(user)?.get(device)?.oneTime.keys() ?? []) {
      const alg = id.split(':')[0];
      counts[alg] = (counts[alg] ?? 0) + 1;
    }
    return counts;
  }

  /** POST /keys/query */
  query(body: Json): Json {
    const device_keys: Json = {};
    for (const [user, wanted] of Object.entries((body.device_keys as Record<string, string[]>) ?? {})) {
      const out: Json = {};
      for (const [id, d] of this.devices.get(user) ?? []) if ((!wanted.length || wanted.includes(id)) && d.keys.keys) out[id] = d.keys;
      device_keys[user] = out;
    }
    return { device_keys, failures: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {} };
  }

  /** POST /keys/claim: one one-time key per device, else its fallback key. */
  claim(body: Json): Json {
    const one_time_keys: Json = {};
    for (const [user, byDevice] of Object.entries((body.one_time_keys as Record<string, Record<string, string>>) ?? {})) {
      const out: Json = {};
      for (const [device, alg] of Object.entries(byDevice)) {
        const d = this.devices.get(user)?.get(device);
        if (!d) continue;
        const pick = (m: Map<string, unknown>, del: boolean) => {
          const id = [...m.keys()].find((k) => k.startsWith(`${alg}:`));
          if (id === undefined) return undefined;
          const key = m.get(id);
          if (del) m.delete(id);
          return { [id]: key };
        };
        const key = pick(d.oneTime, true) ?? pick(d.fallback, false);
        if (key) out[device] = key;
      }
      one_time_keys[user] = out;
    }
    return { one_time_keys, failures: {} };
  }

  /** PUT /sendToDevice/{type}/{txn}: `*` reaches every device of the user. */
  sendToDevice(sender: string, type: string, body: Json): void {
    for (const [user, byDevice] of Object.entries((body.messages as Record<string, Record<string, Json>>) ?? {})) {
      for (const [device, content] of Object.entries(byDevice)) {
        const targets = device === '*' ? this.devicesOf(user) : [device];
        for (const t of targets) {
          const ev = { type, sender, content };
          this.relayed.push(ev);
          const key = deviceOf(user, t);
          this.inbox.set(key, [...(this.inbox.get(key) ?? []), ev]);
        }
      }
    }
  }

  /** Whether a /sync for this device has something to carry. */
  hasNews(user: string, device: string): boolean {
    return Boolean(this.inbox.get(deviceOf(user, device))?.length || this.changed.get(user)?.size);
  }

  /** The E2EE part of a /sync response for this device; drains what it carries. */
  syncPart(user: string, device: string): Json {
    const events = this.inbox.get(deviceOf(user, device)) ?? [];
    this.inbox.delete(deviceOf(user, device));
    const changed = [...(this.changed.get(user) ?? [])];
    this.changed.delete(user);
    const fallback = [...(this.devices.get(user)?.get(device)?.fallback.keys() ?? [])].map((k) => k.split(':')[0]);
    return {
      to_device: { events },
      device_lists: { changed, left: [] },
      device_one_time_keys_count: this.counts(user, device),
      device_unused_fallback_key_types: fallback,
    };
  }
}

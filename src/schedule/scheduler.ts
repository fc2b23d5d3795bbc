import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import type { Adapter, Niveau, OutgoingMessage } from '../shared/types.js';
import type { StateStore } from '../state/store.js';
import { loadRecipients, SCHEDULE, type Recipient } from './audience.js';
import { deliver, dropped, LEDGER, LEDGER_TTL_MS, ledgerKey, noteOutcome, type LedgerEntry } from './deliver.js';
import { composeDigest, digestMessage } from './digest.js';
import { personalMessage, reminderMessage, renewalMessage } from './messages.js';
import { readNewsFiles, type NewsItem } from './news.js';
import { JOBS, planSends, type Due, type Job } from './plan.js';
import { addDays, FRENCH_DAYS, mondayOf, parisDate, TIME_ZONE } from './time.js';
import { topicCounts } from './topics.js';

export interface SchedulerOptions {
  kb: KnowledgeBase;
  store: StateStore;
  /** The started adapters, by their name (`slack`, `discord`, `tchap`, `console`): each recipient's platform. */
  adapters: Adapter[];
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Sends missed by less than this go out late; older ones are skipped and logged. Default 12 h. */
  toleranceMs?: number;
  maxAttempts?: number;
  maxWaitMs?: number;
  /** Least time between two sends on a platform (Tchap asks about one call a second for mass actions). */
  paceMs?: Record<string, number>;
  /** News from the feed, if one is configured (the pack's `actus/` files are always read). */
  feed?: () => Promise<NewsItem[]>;
  /** How long a person's record lives after their last exchange (the core's `retentionMs`): subscriptions end with it. */
  retentionMs?: number;
}

/** What one run did, for the logs and the tests. */
export interface RunReport {
  delivered: number;
  refused: number;
  retry: number;
  late: number;
  uncertain: number;
}

/** Catch-up never looks further back than this, whatever the last run. */
const MAX_LOOKBACK_MS = 30 * 864e5;
const SLOT_LOCK_MS = 10 * 60e3;
const SEND_LOCK_MS = 5 * 60e3;

/**
 * Sends what the calendar and the store make due: node-cron wakes a few
 * named jobs on Paris time; each run plans from its last run (or the
 * tolerance) to now and goes through the ledger, so a restart, a second
 * instance or a daylight-saving change never sends anything twice.
 */
export class Scheduler {
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly tolerance: number;
  private readonly retention: number;
  private readonly adapters: Map<string, Adapter>;
  private readonly lastSend = new Map<string, number>();
  private readonly running = new Map<string, Promise<RunReport>>();
  private tasks: ScheduledTask[] = [];

  constructor(private readonly o: SchedulerOptions) {
    this.log = o.logger ?? silentLogger;
    this.now = o.now ?? (() => new Date());
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tolerance = o.toleranceMs ?? 12 * 3600e3;
    this.retention = o.retentionMs ?? DEFAULT_SETTINGS.retentionMs;
    this.adapters = new Map(o.adapters.map((a) => [a.name, a]));
  }

  /** Runs the given jobs once (one run at a time per set of jobs in this process). */
  run(jobs: readonly Job[] = JOBS): Promise<RunReport> {
    const key = jobs.join(',');
    const current = this.running.get(key);
    if (current) return current;
    const p = this.runOnce(jobs).finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }

  private async runOnce(jobs: readonly Job[]): Promise<RunReport> {
    const report: RunReport = { delivered: 0, refused: 0, retry: 0, late: 0, uncertain: 0 };
    const now = this.now();
    const { store, kb } = this.o;
    const recipients = await loadRecipients(store, now, this.retention);
    for (const job of jobs) {
      const last = await store.read<string>(SCHEDULE, `last:${job}`);
      const from = Math.max(now.getTime() - MAX_LOOKBACK_MS, Math.min(last ? Date.parse(last) : Infinity, now.getTime() - this.tolerance));
      const due = planSends(kb, new Date(from), new Date(now.getTime() + 1), recipients, this.retention).filter(
        (d) => d.job === job && d.recipients.length,
      );
      for (const d of due) {
        // a renewal notice is still worth it late, up to the day before the end
        const late = d.at.getTime() < now.getTime() - this.tolerance && !(d.job === 'renouvellement' && now < d.lateUntil);
        if (late) await this.skipLate(d, report);
        else await this.sendSlot(d, report);
      }
      await store.write(SCHEDULE, `last:${job}`, now.toISOString());
    }
    if (report.delivered || report.refused || report.retry || report.late)
      this.log.info('schedule.run', { jobs: jobs.join(','), ...report });
    return report;
  }

  /** A slot missed by more than the tolerance: logged once, never sent out of context. */
  private async skipLate(d: Due, report: RunReport): Promise<void> {
    const key = ledgerKey(d.job, d.slot, '*');
    if (await this.o.store.read(LEDGER, key)) return;
    await this.o.store.write<LedgerEntry>(LEDGER, key, { status: 'skipped', at: this.now().toISOString(), attempts: 0 }, LEDGER_TTL_MS);
    report.late += 1;
    this.log.warn('schedule.skipped_late', {
      job: d.job,
      slot: d.slot,
      due: d.at.toISOString(),
      recipients: d.recipients.length,
      hint: 'envoi manqué depuis plus longtemps que la tolérance : il n’est pas envoyé en retard',
    });
  }

  /** One slot to its recipients, under a lock so that one instance runs it; each recipient through the ledger. */
  private async sendSlot(d: Due, report: RunReport): Promise<void> {
    const { store } = this.o;
    const lock = `${d.job}|${d.slot}`;
    if (!(await store.claim('slot-locks', lock, SLOT_LOCK_MS))) return;
    try {
      const missing = new Set<string>();
      for (const r of d.recipients) {
        const adapter = this.adapters.get(r.platform);
        if (!adapter) {
          // left for a run where that platform is started, within the tolerance
          if (!missing.has(r.platform))
            this.log.warn('schedule.no_adapter', {
              platform: r.platform,
              slot: d.slot,
              hint: 'aucun adaptateur démarré pour cette plateforme',
            });
          missing.add(r.platform);
          continue;
        }
        await this.sendOne(adapter, d, r, report);
      }
    } finally {
      await store.release('slot-locks', lock).catch(() => {});
    }
  }

  private async sendOne(adapter: Adapter, d: Due, r: Recipient, report: RunReport): Promise<void> {
    const { store } = this.o;
    const key = ledgerKey(d.job, d.slot, r.key);
    if (!(await store.claim('send-locks', key, SEND_LOCK_MS))) return;
    try {
      const seen = await store.read<LedgerEntry>(LEDGER, key);
      if (seen?.status === 'sending') {
        report.uncertain += 1;
        return;
      }
      if (seen && seen.status !== 'retry') return;
      if (await dropped(store, r.key)) return;
      const message = await this.message(d, r);
      await this.pace(r.platform);
      const attemptsBefore = seen?.attempts ?? 0;
      await store.write<LedgerEntry>(
        LEDGER,
        key,
        { status: 'sending', at: this.now().toISOString(), attempts: attemptsBefore },
        LEDGER_TTL_MS,
      );
      const out = await deliver(adapter, r.address, message, {
        sleep: this.sleep,
        maxAttempts: this.o.maxAttempts ?? 4,
        maxWaitMs: this.o.maxWaitMs ?? 60e3,
      });
      await store.write<LedgerEntry>(
        LEDGER,
        key,
        { ...out, attempts: attemptsBefore + out.attempts, at: this.now().toISOString() },
        LEDGER_TTL_MS,
      );
      await noteOutcome(store, r.key, out.status);
      report[out.status] += 1;
      if (out.status !== 'delivered')
        this.log.warn(`schedule.${out.status === 'refused' ? 'refused' : 'retry_later'}`, {
          job: d.job,
          slot: d.slot,
          platform: r.platform,
          reason: out.reason,
        });
    } finally {
      await store.release('send-locks', key).catch(() => {});
    }
  }

  private async pace(platform: string): Promise<void> {
    const gap = this.o.paceMs?.[platform] ?? (platform === 'tchap' ? 1000 : 0);
    const last = this.lastSend.get(platform);
    const t = this.now().getTime();
    if (gap && last !== undefined && t - last < gap) await this.sleep(gap - (t - last));
    this.lastSend.set(platform, this.now().getTime());
  }

  private readonly digests = new Map<string, OutgoingMessage>();

  private async message(d: Due, r: Recipient): Promise<OutgoingMessage> {
    if (d.job === 'rappel') return reminderMessage(this.o.kb, d.occurrence, r);
    if (d.job === 'personnel') return personalMessage(d.reminder);
    if (d.job === 'renouvellement') return renewalMessage(this.o.kb, r, d.ends);
    return this.digest(d.week, d.niveau);
  }

  /** The week's digest of a niveau, composed once per slot. */
  private async digest(week: string, niveau: Niveau): Promise<OutgoingMessage> {
    const key = `${niveau}:${week}`;
    let m = this.digests.get(key);
    if (!m) {
      const news = [...readNewsFiles(this.o.kb.dir), ...(this.o.feed ? await this.o.feed().catch(() => []) : [])];
      const counts = await topicCounts(this.o.store, addDays(week, -7));
      m = digestMessage(composeDigest(this.o.kb, week, niveau, { news, counts }));
      if (this.digests.size > 8) this.digests.clear();
      this.digests.set(key, m);
    }
    return m;
  }

  /**
   * Starts the named jobs on Paris time (reminders and promised reminders
   * every five minutes, the digest on its day and hour) and catches up at
   * once. With Redis, node-cron's run coordinator claims each run in the store.
   */
  start(): void {
    const { store, kb } = this.o;
    const coordinator: RunCoordinator | undefined =
      store.kind === 'redis' ? { shouldRun: (key, ttlMs) => store.claim('cron-runs', key, ttlMs) } : undefined;
    const options = (name: string) => ({
      name,
      timezone: TIME_ZONE,
      noOverlap: true,
      ...(coordinator ? { distributed: true, runCoordinator: coordinator } : {}),
    });
    const guarded = (jobs: readonly Job[]) => () =>
      void this.run(jobs).catch((err: Error) => this.log.error('schedule.run_failed', { err }));
    this.tasks = [
      cron.schedule('*/5 * * * *', guarded(['rappel']), options('rappels-du-calendrier')),
      cron.schedule('*/5 * * * *', guarded(['personnel']), options('rappels-promis')),
      cron.schedule('0 * * * *', guarded(['renouvellement']), options('fin-des-abonnements')),
    ];
    if (kb.calendar) this.tasks.push(cron.schedule(digestCron(kb.calendar.digest), guarded(['digest']), options('digest')));
    guarded(JOBS)();
    this.log.info('schedule.started', {
      jobs: this.tasks.map((t) => t.name).join(','),
      today: parisDate(this.now()),
      week: mondayOf(parisDate(this.now())),
    });
  }

  /** Stops the jobs and waits for a run in progress. */
  async stop(): Promise<void> {
    await Promise.allSettled(this.tasks.map((t) => t.stop()));
    this.tasks = [];
    await Promise.allSettled([...this.running.values()]);
  }
}

/** `0 8 * * 1` for « lundi, 08:00 ». */
export function digestCron(d: { jour: (typeof FRENCH_DAYS)[number]; heure: string }): string {
  const [h, m] = d.heure.split(':').map(Number);
  return `${m} ${h} * * ${(FRENCH_DAYS.indexOf(d.jour) + 1) % 7}`;
}

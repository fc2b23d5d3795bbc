import { previewDigests } from '../schedule/preview.js';
import { digestMessage } from '../schedule/digest.js';
import { S } from '../schedule/texts.js';
import { messageToText } from '../shared/text.js';
import { FeedReader } from '../schedule/feed.js';
import { createLogger } from '../shared/logger.js';
import { memoryStore } from '../state/store.js';
import { calendarKnowledge, isoDay, readArgs, storeFor, usage } from './schedule-args.js';
import { quietOnClosedOutput } from './exit.js';

/** `npm run -s digest -- --date YYYY-MM-DD [--niveau college|lycee] [--json]`: the week's digest, as it would go out. */
const HELP = 'Usage : npm run -s digest -- --date AAAA-MM-JJ [--niveau college|lycee] [--json] [--store URL]';
quietOnClosedOutput();
const args = readArgs({ date: { type: 'string' }, niveau: { type: 'string' }, json: { type: 'boolean' } }, HELP);
const date = isoDay(args.date, 'date', HELP);
if (args.niveau !== undefined && args.niveau !== 'college' && args.niveau !== 'lycee')
  usage(`--niveau : « college » ou « lycee » (reçu « ${String(args.niveau)} »).\n${HELP}`);
const niveaux = args.niveau ? [args.niveau as 'college' | 'lycee'] : (['college', 'lycee'] as const).slice();
const kb = calendarKnowledge();
const store = await storeFor(args.store);
// the feed, when one is configured, read as the scheduler reads it (timeout, size limit, last good copy)
const feedUrl = process.env.RUPN_DIGEST_FEED || kb.calendar!.digest.flux;
const news = feedUrl ? await new FeedReader(feedUrl, store ?? memoryStore(), createLogger('warn', 'digest')).items() : [];
const digests = await previewDigests(kb, date, niveaux, { store, news });
for (const [i, d] of digests.entries()) {
  if (args.json) process.stdout.write(`${JSON.stringify(d)}\n`);
  else {
    if (i) process.stdout.write('\n────────\n\n');
    if (d.holidays) process.stdout.write(`${S.digest.holidays(d.holidays)}\n\n`);
    process.stdout.write(`${messageToText(digestMessage(d))}\n`);
  }
}
await store?.close();

import { previewReminders } from '../schedule/preview.js';
import { calendarKnowledge, isoDay, readArgs, storeFor, usage } from './schedule-args.js';
import { quietOnClosedOutput } from './exit.js';

/** `npm run -s reminders -- --from YYYY-MM-DD --to YYYY-MM-DD --json`: what would be sent, one JSON object per line; nothing is sent. */
const HELP = 'Usage : npm run -s reminders -- --from AAAA-MM-JJ --to AAAA-MM-JJ --json [--store URL]';
quietOnClosedOutput();
const args = readArgs({ from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } }, HELP);
const from = isoDay(args.from, 'from', HELP);
const to = isoDay(args.to, 'to', HELP);
if (to < from) usage(`--to (${to}) précède --from (${from}).\n${HELP}`);
const kb = calendarKnowledge();
const store = await storeFor(args.store);
for (const line of await previewReminders(kb, from, to, store)) {
  process.stdout.write(
    args.json
      ? `${JSON.stringify(line)}\n`
      : `${line.at}  ${line.job}  ${line.slot}  ${String(line.titre ?? line.texte)}  (${String(line.destinataires)} destinataire(s))\n`,
  );
}
await store?.close();

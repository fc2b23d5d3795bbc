/**
 * Dates on the school's clock: every day and hour of the calendar is Paris
 * time, whatever the server's zone; instants are computed through Intl so a
 * daylight-saving change moves the UTC instant, never the wall-clock hour.
 */
export const TIME_ZONE = 'Europe/Paris';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The last minute read, and its wall clock: every turn asks for the week of « now », and Intl is slow. */
let lastMinute = Number.NaN;
let lastClock = { date: '', time: '' };

/** Paris wall clock of an instant: `{ date: '2026-09-01', time: '08:00' }`. */
export function parisClock(d: Date): { date: string; time: string } {
  // Paris is a whole number of minutes ahead of UTC: the same UTC minute is the same wall-clock minute
  const minute = Math.floor(d.getTime() / 60000);
  if (minute !== lastMinute) {
    const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
    lastClock = { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
    lastMinute = minute;
  }
  return { ...lastClock };
}

/** The Paris date of an instant (`2026-09-01`). */
export const parisDate = (d: Date): string => parisClock(d).date;

/** Minutes Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(d: Date): number {
  const { date, time } = parisClock(d);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(d.getTime() / 60000) * 60000) / 60000);
}

/**
 * The instant of a Paris wall-clock time. In the autumn hour that happens
 * twice the first one is taken; in the spring hour that does not exist, the
 * time one hour later.
 */
export function parisInstant(date: string, time = '00:00'): Date {
  const guess = Date.parse(`${date}T${time}:00Z`);
  // Paris is one or two hours ahead: of the two candidates, the earliest that reads back as the wall-clock time
  for (const hours of [2, 1]) {
    const t = new Date(guess - hours * 3600e3);
    const back = parisClock(t);
    if (back.date === date && back.time === time) return t;
  }
  return new Date(guess - 3600e3);
}

/** `date` moved by `days` (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T12:00:00Z`) + days * 864e5;
  return new Date(t).toISOString().slice(0, 10);
}

/** 1 for Monday … 7 for Sunday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

/** The Monday of the week that contains `date`. */
export const mondayOf = (date: string): string => addDays(date, 1 - isoWeekday(date));

export const FRENCH_DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « mardi 1er septembre 2026 ». */
export function frenchDay(date: string, withYear = true): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = d === 1 ? '1er' : String(d);
  return `${FRENCH_DAYS[isoWeekday(date) - 1]} ${day} ${MONTHS[m - 1]}${withYear ? ` ${y}` : ''}`;
}

/** An instant written with its Paris offset, for people and JSON (`2026-09-02T08:00:00+02:00`). */
export function parisIso(d: Date): string {
  const { date, time } = parisClock(d);
  const off = offsetMinutes(d);
  const sign = off >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
  const mm = String(Math.abs(off) % 60).padStart(2, '0');
  return `${date}T${time}:${String(d.getUTCSeconds()).padStart(2, '0')}${sign}${hh}:${mm}`;
}

/**
 * When digests run. Each subscription is a cron expression in a time zone; croner computes the
 * runs, including across daylight-saving changes (a 01:30 that does not exist on the spring-
 * forward night runs at the first valid minute after it).
 */
import { Cron } from 'croner';
import { normalize } from '../knowledge/normalize.js';
import { t, type Lang } from '../messages/strings/index.js';
import { isValidTimeZone } from '../time.js';

export interface Schedule {
  cron: string;
  timezone: string;
}

function cron(schedule: Schedule): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
}

/** The next run strictly after `after`. */
export function nextRun(schedule: Schedule, after: Date): Date | undefined {
  return cron(schedule).nextRun(after) ?? undefined;
}

/** The latest run at or before `now`, if any. */
export function latestRun(schedule: Schedule, now: Date): Date | undefined {
  return recentRuns(schedule, now, 1)[0];
}

/** The runs at or before `now`, newest first. */
export function recentRuns(schedule: Schedule, now: Date, count: number): Date[] {
  // previousRuns excludes its reference instant; a millisecond later includes a run at `now`.
  return cron(schedule).previousRuns(count, new Date(now.getTime() + 1));
}

const DAYS: Array<[number, string[]]> = [
  [0, ['sun', 'sunday', 'الاحد', 'الأحد']],
  [1, ['mon', 'monday', 'الاثنين', 'الإثنين']],
  [2, ['tue', 'tues', 'tuesday', 'الثلاثاء']],
  [3, ['wed', 'wednesday', 'الاربعاء', 'الأربعاء']],
  [4, ['thu', 'thur', 'thurs', 'thursday', 'الخميس']],
  [5, ['fri', 'friday', 'الجمعة']],
  [6, ['sat', 'saturday', 'السبت']],
];
const DAY_LOOKUP = new Map(DAYS.flatMap(([day, names]) => names.map((name) => [normalize(name), day] as const)));

export type ScheduleArgs =
  | { ok: true; schedule: Schedule; described: { day?: number; hour?: number; minute?: number } }
  | { ok: false; problem: string };

/** Day, hour and minute of a simple weekly cron ("M H * * D"), to fill in what a person left out. */
function simpleWeekly(expression: string): { day: number; hour: number; minute: number } | undefined {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\d)$/.exec(expression.trim());
  if (!match) return undefined;
  return { minute: Number(match[1]), hour: Number(match[2]), day: Number(match[3]) % 7 };
}

/**
 * `[day] [HH:MM] [time zone]`, in any order, each optional: the rest comes from the defaults
 * (DIGEST_SCHEDULE, DIGEST_TIMEZONE).
 */
export function parseScheduleArgs(args: string[], defaults: Schedule): ScheduleArgs {
  let day: number | undefined;
  let hour: number | undefined;
  let minute: number | undefined;
  let timezone: string | undefined;
  for (const arg of args) {
    const dayMatch = DAY_LOOKUP.get(normalize(arg));
    const time = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(arg);
    if (dayMatch !== undefined) {
      if (day !== undefined) return { ok: false, problem: `two days given ("${arg}")` };
      day = dayMatch;
    } else if (time) {
      hour = Number(time[1]);
      minute = Number(time[2]);
    } else if (/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(arg) && (arg.includes('/') || /^utc$/i.test(arg))) {
      const zone = /^utc$/i.test(arg) ? 'UTC' : arg;
      if (!isValidTimeZone(zone)) return { ok: false, problem: `"${arg}" is not a time zone` };
      timezone = zone;
    } else {
      return { ok: false, problem: `"${arg}" is not a day, a time (HH:MM) or a time zone` };
    }
  }
  const zone = timezone ?? defaults.timezone;
  if (day === undefined && hour === undefined) return { ok: true, schedule: { cron: defaults.cron, timezone: zone }, described: {} };
  const base = simpleWeekly(defaults.cron) ?? { day: 1, hour: 9, minute: 0 };
  const chosen = { day: day ?? base.day, hour: hour ?? base.hour, minute: minute ?? base.minute };
  return { ok: true, schedule: { cron: `${chosen.minute} ${chosen.hour} * * ${chosen.day}`, timezone: zone }, described: chosen };
}

/** "Monday at 09:00 (Europe/London)" (in `lang`: "يوم الاثنين الساعة 09:00 (…)") for simple weekly schedules, else the cron expression. */
export function describeSchedule(schedule: Schedule, lang: Lang = 'en'): string {
  const s = t(lang).digestCommands;
  const simple = simpleWeekly(schedule.cron);
  if (!simple) return s.cron(schedule.cron, schedule.timezone);
  const time = `${String(simple.hour).padStart(2, '0')}:${String(simple.minute).padStart(2, '0')}`;
  return s.weekly(s.days[simple.day]!, time, schedule.timezone);
}

export function formatInZone(date: Date, timezone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
}

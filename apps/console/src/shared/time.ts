// Instants are shown in Asia/Shanghai whatever the browser's zone (the promise is kept in Beijing time).
const SHANGHAI = 'Asia/Shanghai';

export function formatInstant(iso: string | null | undefined, language: 'zh' | 'en'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: SHANGHAI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Shanghai calendar day (yyyy-mm-dd) of an instant. */
export function shanghaiDay(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Remaining working time as "1 d 3 h 20 min" / "1 天 3 小时 20 分"; negative means overdue. */
export function formatWorkingTime(ms: number, language: 'zh' | 'en'): string {
  const sign = ms < 0 ? '-' : '';
  let minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const units = language === 'zh' ? ['天', '小时', '分'] : [' d', ' h', ' min'];
  const parts = [
    days ? `${days}${units[0]}` : '',
    days || hours ? `${hours}${units[1]}` : '',
    `${minutes}${units[2]}`,
  ].filter(Boolean);
  return sign + parts.join(' ');
}

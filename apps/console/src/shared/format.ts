// Small formatting shared by the areas. Money is stored in fen (分) by the services and typed in yuan.

/** The first block of a UUID (case, vacancy): enough to read out and recognise; the link has the whole id. */
export function shortId(uuid: string): string {
  return uuid.split('-')[0] ?? uuid;
}

/** Yuan as typed (up to 2 decimals) to whole fen; rounding removes float noise such as 0.1 + 0.2. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** Fen as yuan text: whole yuan without decimals, otherwise two decimals. */
export function formatYuan(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

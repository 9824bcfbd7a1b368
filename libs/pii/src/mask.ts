/** Phone `138****5678`: first 3 and last 4 digits. */
export function maskPhone(normalized: string): string {
  return `${normalized.slice(0, 3)}****${normalized.slice(-4)}`;
}

/** ID number: first 3 and last 4 only, so the birth date (characters 7-14) is never shown. */
export function maskIdNumber(normalized: string): string {
  return `${normalized.slice(0, 3)}${'*'.repeat(normalized.length - 7)}${normalized.slice(-4)}`;
}

/** Phone `138****5678`: first 3 and last 4 digits. */
export function maskPhone(normalized: string): string {
  return `${normalized.slice(0, 3)}****${normalized.slice(-4)}`;
}

/** ID number: first 3 and last 4 only, so the birth date (characters 7-14) is never shown. */
export function maskIdNumber(normalized: string): string {
  return `${normalized.slice(0, 3)}${'*'.repeat(normalized.length - 7)}${normalized.slice(-4)}`;
}

/**
 * Disability certificate number (残疾人证号: the holder's ID number, then category and grade digits): only
 * the first 3 characters, since the last ones tell the kind and grade of disability.
 */
export function maskCertificateNo(normalized: string): string {
  return `${normalized.slice(0, 3)}${'*'.repeat(Math.max(normalized.length - 3, 0))}`;
}

/**
 * A street address: at most its first 6 characters and never more than half of it (the road, not the door or
 * the flat), e.g. `玉林北路****`, so a screen can tell which address was given without showing it.
 */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}

/** The contact phone formats the employers service accepts: a mobile, or a landline with area code. */
export const CONTACT_PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/**
 * Shown masked on the profile page (138****5678, 028-****5678); the full number appears only in the edit form,
 * where the employer maintains its own contacts.
 */
export function maskContactPhone(phone: string): string {
  const landline = /^(0\d{2,3})-(\d{7,8})$/.exec(phone);
  if (landline) return `${landline[1]}-****${landline[2].slice(-4)}`;
  return phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

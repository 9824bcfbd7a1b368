import { PiiContext, piiContext } from '@platform/pii';

/** The encrypted columns of `persons`; each value is bound to its row (see PiiCipher). */
export type PersonEncryptedColumn = 'id_number_enc' | 'phone_enc' | 'disability_certificate_enc';

export const personField = (column: PersonEncryptedColumn, personId: string): PiiContext =>
  piiContext('persons', column, personId);

/** Every encrypted column of the people schema, for `npm run pii:rotate`. */
export const PEOPLE_ENCRYPTED_COLUMNS: Array<{ table: string; column: PersonEncryptedColumn }> = [
  { table: 'persons', column: 'id_number_enc' },
  { table: 'persons', column: 'phone_enc' },
  { table: 'persons', column: 'disability_certificate_enc' },
];

import { PiiContext, piiContext } from '@platform/pii';

/** The encrypted columns of `persons`; each value is bound to its row (see PiiCipher). */
export type PersonEncryptedColumn =
  | 'id_number_enc'
  | 'phone_enc'
  | 'disability_certificate_enc'
  /** 低保, single parenthood, poverty status, … as one JSON object. */
  | 'circumstances_enc';

export const personField = (column: PersonEncryptedColumn, personId: string): PiiContext =>
  piiContext('persons', column, personId);

/** A household's low-income flag (`true` / `false`), bound to the household's row. */
export const householdLowIncome = (householdId: string): PiiContext =>
  piiContext('households', 'low_income_enc', householdId);

/**
 * Why a category matched (its reasons carry the person's facts: which of 低保, poverty, … made it hold), bound
 * to the person and the category: the table's key, as `person_id:category_code`.
 */
export const categoryReasons = (personId: string, categoryCode: string): PiiContext =>
  piiContext('person_categories', 'reasons_enc', `${personId}:${categoryCode}`);

/** Who witnessed a signature at the service station (a name), bound to the service record. */
export const serviceRecordWitness = (recordId: string): PiiContext =>
  piiContext('service_records', 'witness_enc', recordId);

/** SQL for the row id of `categoryReasons` (rotation reads and writes by it). */
const PERSON_CATEGORY_ID = `(person_id::text || ':' || category_code)`;

/** Every encrypted column of the people schema, for `npm run pii:rotate`. */
export const PEOPLE_ENCRYPTED_COLUMNS: Array<{ table: string; column: string; idColumn?: string }> = [
  { table: 'persons', column: 'id_number_enc' },
  { table: 'persons', column: 'phone_enc' },
  { table: 'persons', column: 'disability_certificate_enc' },
  { table: 'persons', column: 'circumstances_enc' },
  { table: 'households', column: 'low_income_enc' },
  { table: 'person_categories', column: 'reasons_enc', idColumn: PERSON_CATEGORY_ID },
  { table: 'service_records', column: 'witness_enc' },
];

import { createHmac } from 'node:crypto';
import type { CaseCaller, CaseIntake, PersonIntake } from '@platform/contracts';
import { maskPhone, PiiCipher, piiContext, validateIdNumber, validateMobile } from '@platform/pii';

/**
 * The caller's card a case keeps (encrypted) so operators can work from the case page and lists: the name, the
 * masked phone, the birth date (for the age) and what the person asked for. The ID number and the full phone
 * are not on it; the full phone is read through the people service's audited unmask.
 */
export interface CallerCard {
  name: string;
  phoneMasked: string;
  /** yyyy-mm-dd, from the ID number. */
  birthDate: string | null;
  wants: string;
  acceptsAnyJob: boolean;
  constraints: CaseIntake['constraints'];
}

/** What `case_callers` stores for a case: ciphertexts bound to the row, and keyed indexes for exact search. */
export interface StoredCaller {
  cardEncrypted: string;
  personEncrypted: string;
  nameIndex: Buffer;
  phoneIndex: Buffer;
  idNumberIndex: Buffer;
}

export const cardContext = (caseId: string) => piiContext('case_callers', 'card_encrypted', caseId);
export const personContext = (caseId: string) => piiContext('case_callers', 'person_encrypted', caseId);

/**
 * Names are compared whole, after NFKC (full-width letters), without spaces and case: a keyed HMAC, so the
 * index neither reveals the name nor allows partial matches that would list strangers.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export class CallerCards {
  private readonly nameKey: Buffer;

  constructor(
    private readonly cipher: PiiCipher,
    blindIndexKey: string,
  ) {
    this.nameKey = Buffer.from(blindIndexKey, 'base64');
  }

  /** The card and indexes of an intake already checked (`idNumber` and `phone` normalized). */
  store(caseId: string, intake: CaseIntake): StoredCaller {
    const { person } = intake;
    const id = validateIdNumber(person.idNumber);
    const card: CallerCard = {
      name: person.name,
      phoneMasked: maskPhone(person.phone),
      birthDate: id.valid ? id.birthDate : null,
      wants: intake.wants,
      acceptsAnyJob: intake.acceptsAnyJob,
      constraints: intake.constraints,
    };
    return {
      cardEncrypted: this.cipher.encrypt(JSON.stringify(card), cardContext(caseId)),
      personEncrypted: this.cipher.encrypt(JSON.stringify(person), personContext(caseId)),
      nameIndex: this.nameIndex(person.name),
      phoneIndex: this.cipher.blindIndex('phone', person.phone),
      idNumberIndex: this.cipher.blindIndex('id', person.idNumber),
    };
  }

  card(stored: string, caseId: string): CallerCard {
    return JSON.parse(this.cipher.decrypt(stored, cardContext(caseId))) as CallerCard;
  }

  person(stored: string, caseId: string): PersonIntake {
    return JSON.parse(this.cipher.decrypt(stored, personContext(caseId))) as PersonIntake;
  }

  encryptPerson(person: PersonIntake, caseId: string): string {
    return this.cipher.encrypt(JSON.stringify(person), personContext(caseId));
  }

  nameIndex(name: string): Buffer {
    return createHmac('sha256', this.nameKey)
      .update(`case-name\u0000${normalizeName(name)}`)
      .digest();
  }

  /** How a search term is matched: exact ID number or phone (blind index), a case number's start, or a name. */
  searchOf(term: string): CaseSearchMatch {
    const trimmed = term.trim();
    const id = validateIdNumber(trimmed);
    if (id.valid) return { by: 'idNumber', index: this.cipher.blindIndex('id', id.normalized) };
    const phone = validateMobile(trimmed);
    if (phone.valid) return { by: 'phone', index: this.cipher.blindIndex('phone', phone.normalized) };
    if (CASE_NUMBER.test(trimmed)) return { by: 'caseNumber', prefix: trimmed.toLowerCase() };
    return { by: 'name', index: this.nameIndex(trimmed) };
  }
}

/** The start of a case ID as lists show it (8 hex digits), up to the whole UUID. */
const CASE_NUMBER = /^[0-9a-f]{8}(-[0-9a-f]{1,4}){0,4}[0-9a-f]*$/i;

export type CaseSearchMatch =
  { by: 'idNumber' | 'phone' | 'name'; index: Buffer } | { by: 'caseNumber'; prefix: string };

/** Whole years from a yyyy-mm-dd birth date to `today` (yyyy-mm-dd, Shanghai). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The card as the case page shows it. */
export function callerOf(card: CallerCard, today: string): CaseCaller {
  return {
    name: card.name,
    phoneMasked: card.phoneMasked,
    age: ageOn(card.birthDate, today),
    wants: card.wants,
    acceptsAnyJob: card.acceptsAnyJob,
    constraints: card.constraints,
  };
}

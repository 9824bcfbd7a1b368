import { z } from 'zod';
import { base64Bytes } from '@platform/config';
import { parseEncryptionKeys } from './pii-cipher';

/** Key settings of every service that stores personal data, checked so a bad key stops the process at start. */
export const piiKeyFields = {
  PII_ENCRYPTION_KEYS: z.string().superRefine((value, ctx) => {
    try {
      parseEncryptionKeys(value);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  }),
  PII_ACTIVE_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a key id listed in PII_ENCRYPTION_KEYS'),
  PII_BLIND_INDEX_KEY: base64Bytes(32),
};

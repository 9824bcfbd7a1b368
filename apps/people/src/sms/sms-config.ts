import { z } from 'zod';
import { ConfigError } from '@platform/config';
import { HttpSmsSettings } from './http-sms-gateway';

/**
 * How the people service sends texts (confirmation codes). `http`: the provider's HTTP API (the four
 * SMS_HTTP_* variables). `dev-sink`: nothing leaves the process, texts are kept for the console's dev page;
 * refused when NODE_ENV=production. Unset: `dev-sink` in development and tests, a start-up error in production,
 * so a production deployment can never silently drop codes.
 */
export const smsFields = {
  SMS_GATEWAY: z.enum(['http', 'dev-sink'], { message: 'must be http or dev-sink' }).optional(),
  SMS_HTTP_URL: z
    .string()
    .url('must be a URL such as https://sms.example.org/v1/messages')
    .refine((value) => /^https?:\/\//.test(value), 'must start with https:// or http://')
    .optional(),
  SMS_HTTP_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The sender name or number the provider registered for the city (e.g. 962110). */
  SMS_HTTP_SENDER: z.string().min(1).max(32, 'must be at most 32 characters').optional(),
  SMS_HTTP_TIMEOUT_MS: z.coerce
    .number({ invalid_type_error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(100, 'must be between 100 and 60000')
    .max(60_000, 'must be between 100 and 60000')
    .default(5000),
};

export interface SmsSettingsSource {
  NODE_ENV: 'development' | 'test' | 'production';
  SMS_GATEWAY?: 'http' | 'dev-sink';
  SMS_HTTP_URL?: string;
  SMS_HTTP_API_KEY?: string;
  SMS_HTTP_SENDER?: string;
  SMS_HTTP_TIMEOUT_MS: number;
}

export type SmsSettings = { kind: 'http'; http: HttpSmsSettings } | { kind: 'dev-sink' };

/** The gateway the settings choose; a ConfigError naming the variables (never their values) otherwise. */
export function smsSettings(config: SmsSettingsSource): SmsSettings {
  const production = config.NODE_ENV === 'production';
  const kind = config.SMS_GATEWAY ?? (production ? undefined : 'dev-sink');
  if (!kind) {
    throw new ConfigError([
      'SMS_GATEWAY: is required when NODE_ENV=production (http, with SMS_HTTP_URL, SMS_HTTP_API_KEY and SMS_HTTP_SENDER; see docs/operations.md)',
    ]);
  }
  if (kind === 'dev-sink') {
    if (production) {
      throw new ConfigError(['SMS_GATEWAY: dev-sink sends nothing and is refused when NODE_ENV=production']);
    }
    return { kind };
  }
  const missing = (['SMS_HTTP_URL', 'SMS_HTTP_API_KEY', 'SMS_HTTP_SENDER'] as const).filter(
    (name) => !config[name],
  );
  if (missing.length)
    throw new ConfigError(missing.map((name) => `${name}: is required when SMS_GATEWAY=http`));
  return {
    kind,
    http: {
      url: config.SMS_HTTP_URL!,
      apiKey: config.SMS_HTTP_API_KEY!,
      sender: config.SMS_HTTP_SENDER!,
      timeoutMs: config.SMS_HTTP_TIMEOUT_MS,
    },
  };
}

import type { TLSConfig } from '@temporalio/client';
import { ConfigError } from '@platform/config';

/** The config fields (libs/config `temporalFields`) that say how to reach Temporal. */
export interface TemporalConnectionSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TLS?: boolean;
  /** PEM of the CA that signed the server's certificate (instead of the system's CAs). */
  TEMPORAL_TLS_CA?: string;
  /** PEM client certificate and key for mTLS: both or neither. */
  TEMPORAL_TLS_CERT?: string;
  TEMPORAL_TLS_KEY?: string;
  /** The name the server's certificate must carry, when it is not the address's host. */
  TEMPORAL_TLS_SERVER_NAME?: string;
  /** Sent as a bearer token on every call (e.g. Temporal Cloud). */
  TEMPORAL_API_KEY?: string;
}

/** What both `Connection.connect` (clients) and `NativeConnection.connect` (workers) take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/**
 * Connection options from config: plaintext (the local stack) unless TLS is asked for, directly or by a CA,
 * client certificate, server name or API key (a key is never sent in the clear). Throws a ConfigError naming the
 * variable when a client certificate comes without its key or the other way round.
 */
export function temporalConnectionOptions(settings: TemporalConnectionSettings): TemporalConnectionOptions {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key } = settings;
  if (!!cert !== !!key) {
    throw new ConfigError([
      cert
        ? 'TEMPORAL_TLS_KEY: is required when TEMPORAL_TLS_CERT is set'
        : 'TEMPORAL_TLS_CERT: is required when TEMPORAL_TLS_KEY is set',
    ]);
  }
  const useTls =
    settings.TEMPORAL_TLS ||
    !!(settings.TEMPORAL_TLS_CA || cert || settings.TEMPORAL_TLS_SERVER_NAME || settings.TEMPORAL_API_KEY);
  const options: TemporalConnectionOptions = { address: settings.TEMPORAL_ADDRESS };
  if (useTls) {
    options.tls = {
      ...(settings.TEMPORAL_TLS_CA ? { serverRootCACertificate: Buffer.from(settings.TEMPORAL_TLS_CA) } : {}),
      ...(cert && key ? { clientCertPair: { crt: Buffer.from(cert), key: Buffer.from(key) } } : {}),
      ...(settings.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: settings.TEMPORAL_TLS_SERVER_NAME } : {}),
    };
  }
  if (settings.TEMPORAL_API_KEY) options.apiKey = settings.TEMPORAL_API_KEY;
  return options;
}

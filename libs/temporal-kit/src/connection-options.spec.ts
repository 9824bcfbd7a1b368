import { ConfigError, loadConfig, temporalFields } from '@platform/config';
import { temporalConnectionOptions } from './connection-options';

const CA = '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----';
const CERT = '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----';

/** Through the real config fields, as a process reads its environment. */
const optionsFrom = (env: Record<string, string>) =>
  temporalConnectionOptions(
    loadConfig(temporalFields, {
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
      ...env,
    }),
  );

describe('Temporal connection options', () => {
  it('stays plaintext when nothing asks for TLS (the local stack)', () => {
    expect(optionsFrom({})).toEqual({ address: 'temporal.internal:7233' });
    expect(optionsFrom({ TEMPORAL_TLS: 'false' })).toEqual({ address: 'temporal.internal:7233' });
  });

  it('uses TLS with the system CAs on TEMPORAL_TLS=true', () => {
    expect(optionsFrom({ TEMPORAL_TLS: 'true' })).toEqual({ address: 'temporal.internal:7233', tls: {} });
  });

  it('builds mTLS from a CA, a client certificate and key, and a server name (PEM on one line too)', () => {
    const options = optionsFrom({
      TEMPORAL_TLS_CA: CA.replace(/\n/g, '\\n'),
      TEMPORAL_TLS_CERT: CERT,
      TEMPORAL_TLS_KEY: KEY,
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend.temporal.svc',
    });
    expect(options.tls?.serverNameOverride).toBe('temporal-frontend.temporal.svc');
    expect(Buffer.from(options.tls!.serverRootCACertificate!).toString()).toBe(CA);
    expect(Buffer.from(options.tls!.clientCertPair!.crt).toString()).toBe(CERT);
    expect(Buffer.from(options.tls!.clientCertPair!.key).toString()).toBe(KEY);
    expect(options.apiKey).toBeUndefined();
  });

  it('sends an API key only over TLS', () => {
    expect(optionsFrom({ TEMPORAL_API_KEY: 'cloud-key' })).toEqual({
      address: 'temporal.internal:7233',
      tls: {},
      apiKey: 'cloud-key',
    });
  });

  it('names the missing half of a client certificate pair, and a value that is not PEM', () => {
    expect(() => optionsFrom({ TEMPORAL_TLS_CERT: CERT })).toThrow(
      new ConfigError(['TEMPORAL_TLS_KEY: is required when TEMPORAL_TLS_CERT is set']),
    );
    expect(() => optionsFrom({ TEMPORAL_TLS_KEY: KEY })).toThrow(/TEMPORAL_TLS_CERT: is required/);
    expect(() => optionsFrom({ TEMPORAL_TLS_CA: 'not a pem' })).toThrow(
      /TEMPORAL_TLS_CA: must be PEM text \(-----BEGIN CERTIFICATE-----\)/,
    );
    expect(() => optionsFrom({ TEMPORAL_TLS: 'yes' })).toThrow(/TEMPORAL_TLS: must be true or false/);
  });
});

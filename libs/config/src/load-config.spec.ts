import { ConfigError, loadConfig } from './load-config';
import { serviceFields } from './fields';

const valid = {
  DATABASE_URL: 'postgres://svc:secret@127.0.0.1:54329/hotline962110',
  KAFKA_BROKERS: '127.0.0.1:19092,127.0.0.2:19092',
  JWT_SECRET: 'x'.repeat(32),
};

describe('service configuration', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(serviceFields(3001, 'people'), { ...valid, PORT: '4000' });
    expect(config).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', DB_SCHEMA: 'people', LOG_LEVEL: 'info' });
  });

  it('names each missing variable', () => {
    expect(() => loadConfig(serviceFields(3001, 'people'), {})).toThrow(ConfigError);
    try {
      loadConfig(serviceFields(3001, 'people'), {});
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL: is required',
        'KAFKA_BROKERS: is required',
        'JWT_SECRET: is required',
      ]);
    }
  });

  it('names each malformed variable and the rule, never the value', () => {
    const secretValue = 'postgres-password-in-a-bad-url';
    let problems: string[] = [];
    try {
      loadConfig(serviceFields(3001, 'people'), {
        ...valid,
        DATABASE_URL: `mysql://root:${secretValue}@db/x`,
        KAFKA_BROKERS: 'no-port-here',
        PORT: '70000',
        JWT_SECRET: 'short',
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
      expect((error as Error).message).not.toContain(secretValue);
    }
    expect(problems).toEqual([
      'PORT: must be between 1 and 65535',
      'DATABASE_URL: must start with postgres:// or postgresql://',
      'KAFKA_BROKERS: must be a comma-separated list of host:port',
      'JWT_SECRET: must be at least 32 characters long',
    ]);
  });
});

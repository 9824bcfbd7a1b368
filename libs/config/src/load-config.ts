import { z } from 'zod';

/** Raised when the environment does not satisfy a service's config schema; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates `env` against a zod object whose keys are environment variable names.
 * Values never appear in the message: a secret in a malformed variable must not reach a log.
 */
export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const rule =
      issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
    return `${name}: ${rule}`;
  });
  throw new ConfigError(problems);
}

/**
 * Loads config at process start; on failure prints the problems and exits, so an operator sees
 * which variable is wrong instead of a stack trace.
 */
export function loadConfigOrExit<S extends z.ZodRawShape>(
  shape: S,
  processName: string,
): z.infer<z.ZodObject<S>> {
  try {
    return loadConfig(shape);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${processName}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

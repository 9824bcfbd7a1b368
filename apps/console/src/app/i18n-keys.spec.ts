import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { employerStrings } from '../employer/i18n';
import { householdStrings } from '../households/i18n';
import { fairStrings } from '../job-fairs/i18n';
import { ledgerStrings } from '../ledgers/i18n';
import { operatorStrings } from '../operator/i18n';
import { common } from '../shared/common.i18n';
import { recordStrings } from '../operator/service-records/i18n';
import { planStrings } from '../operator/personal-plans/i18n';
import { supervisorStrings } from '../supervisor/i18n';
import { threePlusOneStrings } from '../operator/three-plus-one/i18n';
import { trainingStrings } from '../training/i18n';

// Every key the console's code names must exist in Chinese and in English: a missing one shows its raw key.
const NAMESPACES: Record<string, { zh: object; en: object }> = {
  common,
  operator: operatorStrings,
  employer: employerStrings,
  supervisor: supervisorStrings,
  records: recordStrings,
  plans: planStrings,
  households: householdStrings,
  fairs: fairStrings,
  threePlusOne: threePlusOneStrings,
  training: trainingStrings,
  ledgers: ledgerStrings,
};
const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function lookup(tree: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

/** `ns:a.b` written out, and the fixed part of `ns:a.${x}` (which must name an object). */
function keysUsed(): Array<{ file: string; key: string; dynamic: boolean }> {
  return sourceFiles(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const fixed = [
      ...text.matchAll(
        /['"`]((?:common|operator|employer|supervisor|records|households|fairs|threePlusOne|training|plans):[\w.-]+)['"`]/g,
      ),
    ].map((m) => ({
      file,
      key: m[1],
      dynamic: false,
    }));
    const templated = [
      ...text.matchAll(
        /`((?:common|operator|employer|supervisor|records|households|fairs|threePlusOne|training|plans):[\w.-]+)\.\$\{/g,
      ),
    ].map((m) => ({
      file,
      key: m[1],
      dynamic: true,
    }));
    return [...fixed, ...templated];
  });
}

describe('console strings', () => {
  const used = keysUsed();

  it('finds the keys the code uses', () => {
    expect(used.length).toBeGreaterThan(200);
  });

  it.each(['zh', 'en'] as const)('has every key the code names in %s', (language) => {
    const missing = used
      .filter(({ key, dynamic }) => {
        const [ns, path] = key.split(':');
        const value = lookup(NAMESPACES[ns][language], path);
        return dynamic ? typeof value !== 'object' || value === null : typeof value !== 'string';
      })
      .map(({ file, key }) => `${file.slice(SRC.length + 1)}: ${key}`);
    expect([...new Set(missing)]).toEqual([]);
  });
});

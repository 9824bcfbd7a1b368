import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@platform/testing';

const MONITORING = join(REPO_ROOT, 'infra/monitoring');

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The metric names the code registers (`name: '…'` in prom-client constructors), with a histogram's series. */
function registeredMetricNames(): Set<string> {
  const sources = [
    'libs/metrics/src/process-metrics.ts',
    'libs/metrics/src/http-metrics.ts',
    'libs/metrics/src/metrics.service.ts',
    'apps/hotline/src/board/case-metrics.ts',
  ];
  const names = sources.flatMap((file) =>
    [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/name: '([a-z_]+)'/g)].map((match) => match[1]),
  );
  return new Set(names.flatMap((name) => [name, `${name}_bucket`, `${name}_count`, `${name}_sum`]));
}

/** Metrics that come from elsewhere: Prometheus itself, prom-client's defaults, the Temporal SDK. */
const foreignMetric = (name: string) => /^(up|process_\w+|nodejs_\w+|temporal_\w+)$/.test(name);

/** The metric names a PromQL expression reads (identifiers not followed by "(", minus keywords and labels). */
function metricsIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '{}');
  const withoutGroupings = withoutStrings.replace(/\b(by|without)\s*\([^)]*\)/g, '');
  const keywords = new Set(['sum', 'max', 'min', 'rate', 'or', 'and', 'vector', 'histogram_quantile', 'le']);
  return [...withoutGroupings.matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)]
    .map((match) => match[1])
    .filter((name) => !keywords.has(name) && !/^\d/.test(name));
}

const promtool = (() => {
  try {
    return execFileSync('bash', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();

describe('monitoring definitions (infra/monitoring)', () => {
  const rules: Rule[] = (
    parse(readFileSync(join(MONITORING, 'alerts.yml'), 'utf8')) as { groups: Array<{ rules: Rule[] }> }
  ).groups.flatMap((group) => group.rules);
  const known = registeredMetricNames();

  it('alerts on SLA breaches and on a stuck outbox, each rule named, timed, with a severity and a summary', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['HotlineSlaBreached', 'OutboxStuck']),
    );
    for (const rule of rules) {
      expect({ alert: rule.alert, for: rule.for, severity: rule.labels?.severity }).toEqual({
        alert: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
        for: expect.stringMatching(/^\d+[smh]$/),
        severity: expect.stringMatching(/^(warning|critical)$/),
      });
      expect(rule.annotations?.summary).toBeTruthy();
    }
    expect(rules.find((rule) => rule.alert === 'OutboxStuck')?.expr).toMatch(
      /outbox_oldest_unpublished_age_seconds\) > 300$/,
    );
  });

  it('reads only metrics that the code registers (or Prometheus, Node and the Temporal SDK provide)', () => {
    const dashboard = JSON.parse(readFileSync(join(MONITORING, 'grafana-dashboard.json'), 'utf8')) as {
      panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
    };
    const exprs = [
      ...rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
      ...dashboard.panels.flatMap((panel) =>
        (panel.targets ?? []).map(({ expr }) => ({ where: `panel "${panel.title}"`, expr })),
      ),
    ];
    expect(exprs.length).toBeGreaterThan(20);
    const unknown = exprs.flatMap(({ where, expr }) =>
      metricsIn(expr)
        .filter((name) => !known.has(name) && !foreignMetric(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(unknown).toEqual([]);
    expect(
      metricsIn(
        'histogram_quantile(0.95, sum by (service, le) (rate(http_server_request_duration_seconds_bucket{status=~"5.."}[5m]))) or vector(0)',
      ),
    ).toEqual(['http_server_request_duration_seconds_bucket']);
    expect([...known]).toEqual(
      expect.arrayContaining(['outbox_unpublished_events', 'kafka_consumer_group_lag', 'hotline_open_cases']),
    );
  });

  it('passes promtool: the rules, their unit tests (alerts.test.yml) and the rendered Prometheus configuration', () => {
    // Debian's prometheus package brings promtool; scripts/test.sh installs it (`infra/local/stack.sh install prometheus`).
    if (!promtool) throw new Error('promtool is not installed: run infra/local/stack.sh install prometheus');
    const run = (args: string[], cwd = MONITORING) =>
      execFileSync(promtool, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
    expect(run(['check', 'rules', 'alerts.yml'])).toMatch(/SUCCESS: \d+ rules found/);
    expect(run(['test', 'rules', 'alerts.test.yml'])).toMatch(/SUCCESS/);
    // The part's own rendering (it runs `promtool check config` on what it wrote), on a throwaway STACK_HOME.
    const stackHome = mkdtempSync(join(tmpdir(), 'prometheus-config-'));
    try {
      execFileSync(
        'bash',
        [
          '-c',
          'set -e; source infra/local/lib.sh; source infra/local/parts/prometheus.sh; prometheus_write_config',
        ],
        { cwd: REPO_ROOT, env: { ...process.env, STACK_HOME: stackHome }, stdio: 'pipe' },
      );
      const config = readFileSync(join(stackHome, 'data/prometheus/prometheus.yml'), 'utf8');
      expect(config).toContain(`${MONITORING}/alerts.yml`);
      const targets = JSON.parse(
        readFileSync(join(stackHome, 'data/prometheus/targets/platform.json'), 'utf8'),
      ) as Array<{ targets: string[]; labels: { service: string } }>;
      expect(targets.map(({ targets: [target], labels }) => `${labels.service} ${target}`)).toEqual([
        'hotline 127.0.0.1:3000',
        'people 127.0.0.1:3001',
        'employers 127.0.0.1:3002',
        'jobs 127.0.0.1:3003',
        'worker 127.0.0.1:3004',
      ]);
      expect(run(['check', 'config', join(stackHome, 'data/prometheus/prometheus.yml')], REPO_ROOT)).toMatch(
        /SUCCESS/,
      );
    } finally {
      rmSync(stackHome, { recursive: true, force: true });
    }
  });
});

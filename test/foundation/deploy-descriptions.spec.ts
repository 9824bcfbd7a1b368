import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '@platform/testing';

const KUBE_DIR = join(REPO_ROOT, 'infra/deploy/kubernetes');

interface Resource {
  kind: string;
  metadata: { name: string };
  spec?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function loadResources(): Resource[] {
  const kustomization = parseAllDocuments(
    readFileSync(join(KUBE_DIR, 'kustomization.yaml'), 'utf8'),
  )[0].toJS();
  return (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(readFileSync(join(KUBE_DIR, file), 'utf8')).map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
      return document.toJS() as Resource;
    }),
  );
}

const processes = readdirSync(join(REPO_ROOT, 'apps')).filter((name) => name !== 'console');
const httpServices = processes.filter((name) => name !== 'worker');

describe('Kubernetes deployment descriptions', () => {
  const resources = loadResources();
  const byKind = (kind: string) => resources.filter((resource) => resource.kind === kind);

  it('lists only files that parse, and every resource has a kind and a name', () => {
    for (const resource of resources) {
      expect(resource.kind).toEqual(expect.any(String));
      expect(resource.metadata.name).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('deploys every process in apps/ with probes on its health endpoints and resource limits', () => {
    const deployments = byKind('Deployment').filter((deployment) => deployment.metadata.name !== 'console');
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual([...processes].sort());
    for (const deployment of deployments) {
      const [container] = deployment.spec!.template.spec.containers;
      expect(container.args.join(' ')).toContain(`apps/${deployment.metadata.name}/src/main.ts`);
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.limits.memory).toBeDefined();
      expect(deployment.spec!.replicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec!.template.spec.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it('serves the console behind the one ingress, routing every API prefix the browser calls', () => {
    const [consoleDeployment] = byKind('Deployment').filter(
      (deployment) => deployment.metadata.name === 'console',
    );
    expect(consoleDeployment.spec!.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(consoleDeployment.spec!.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/');
    const [ingress] = byKind('Ingress');
    expect(ingress.spec!.rules[0].http.paths[0].backend.service.name).toBe('console');
    // The same prefixes as the local preview server (apps/console/vite.config.mts).
    const nginx = readFileSync(join(REPO_ROOT, 'infra/deploy/console/nginx.conf'), 'utf8');
    const viteConfig = readFileSync(join(REPO_ROOT, 'apps/console/vite.config.mts'), 'utf8');
    for (const service of httpServices) {
      expect(nginx).toContain(`location /api/${service}/ { proxy_pass http://${service}/;`);
      expect(viteConfig).toContain(`${service}: process.env.CONSOLE_${service.toUpperCase()}_URL`);
    }
    expect(nginx).toMatch(/location = \/api\/hotline\/board\/stream \{[^}]*proxy_buffering off;/);
    // Access logs without query strings (the stream's token travels in one).
    expect(nginx).toMatch(/access_log \S+ path_only;/);
    const logFormat = /log_format path_only [^;]*;/.exec(nginx)?.[0];
    expect(logFormat).toContain('$uri');
    expect(logFormat).not.toMatch(/\$request_uri|\$args|\$query_string|\$request[" ]/);
    expect(ingress.metadata).toMatchObject({
      annotations: expect.objectContaining({ 'nginx.ingress.kubernetes.io/enable-access-log': 'false' }),
    });
  });

  it('takes secrets from Secrets, never from literal values', () => {
    for (const deployment of [...byKind('Deployment'), ...byKind('Job')]) {
      for (const container of deployment.spec!.template.spec.containers) {
        for (const variable of container.env ?? []) {
          if (/SECRET|PASSWORD|DATABASE_URL|KEY/.test(variable.name)) {
            expect(variable.value).toBeUndefined();
            expect(variable.valueFrom.secretKeyRef.name).toEqual(expect.any(String));
          }
        }
      }
    }
  });

  it("gives the workflow worker the hotline's database from the hotline's own secret (it writes the hotline's outbox)", () => {
    const [worker] = byKind('Deployment').filter((d) => d.metadata.name === 'worker');
    const [hotline] = byKind('Deployment').filter((d) => d.metadata.name === 'hotline');
    const secretOf = (deployment: Resource, name: string) =>
      deployment.spec!.template.spec.containers[0].env.find((v: { name: string }) => v.name === name)
        ?.valueFrom?.secretKeyRef;
    expect(secretOf(worker, 'HOTLINE_DATABASE_URL')).toEqual(secretOf(hotline, 'DATABASE_URL'));
    expect(secretOf(worker, 'HOTLINE_DATABASE_URL')).toEqual({ name: 'hotline-database', key: 'url' });
  });

  it('gives every process that talks to Temporal the shared payload key', () => {
    for (const deployment of byKind('Deployment').filter((d) => d.metadata.name !== 'console')) {
      const [container] = deployment.spec!.template.spec.containers;
      const names = (container.env ?? []).map((variable: { name: string }) => variable.name);
      expect([deployment.metadata.name, names.includes('TEMPORAL_PAYLOAD_KEY')]).toEqual([
        deployment.metadata.name,
        true,
      ]);
    }
  });

  it('gives the private token key to the hotline alone, the public key to every HTTP service, no shared secret', () => {
    const envOf = (name: string): string[] => {
      const [deployment] = byKind('Deployment').filter((d) => d.metadata.name === name);
      return (deployment.spec!.template.spec.containers[0].env ?? []).map((v: { name: string }) => v.name);
    };
    for (const deployment of byKind('Deployment')) {
      const names = envOf(deployment.metadata.name);
      expect([deployment.metadata.name, names.includes('JWT_PRIVATE_KEY')]).toEqual([
        deployment.metadata.name,
        deployment.metadata.name === 'hotline',
      ]);
      expect(names).not.toContain('JWT_SECRET');
    }
    for (const service of httpServices) {
      expect([service, envOf(service).includes('JWT_PUBLIC_KEY')]).toEqual([service, true]);
    }
  });

  it('connects every Temporal client and worker over mTLS with its own certificate', () => {
    const [config] = byKind('ConfigMap').filter((c) => c.metadata.name === 'platform-config');
    expect((config as unknown as { data: Record<string, string> }).data).toMatchObject({
      TEMPORAL_TLS: 'true',
      TEMPORAL_TLS_SERVER_NAME: expect.any(String),
    });
    for (const deployment of byKind('Deployment').filter((d) => d.metadata.name !== 'console')) {
      const [container] = deployment.spec!.template.spec.containers;
      const secretOf = (name: string) =>
        container.env.find((variable: { name: string }) => variable.name === name)?.valueFrom?.secretKeyRef
          ?.name;
      for (const name of ['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY']) {
        expect([deployment.metadata.name, name, secretOf(name)]).toEqual([
          deployment.metadata.name,
          name,
          `${deployment.metadata.name}-temporal-tls`,
        ]);
      }
    }
  });

  it('creates topics for a 3-broker Kafka (3 replicas, 2 in sync) and exports traces to a collector', () => {
    const [config] = byKind('ConfigMap').filter((c) => c.metadata.name === 'platform-config');
    const data = (config as unknown as { data: Record<string, string> }).data;
    expect(data.KAFKA_BROKERS.split(',')).toHaveLength(3);
    expect(data).toMatchObject({
      KAFKA_TOPIC_REPLICATION_FACTOR: '3',
      KAFKA_TOPIC_MIN_INSYNC_REPLICAS: '2',
      OTEL_EXPORTER_OTLP_ENDPOINT: expect.stringMatching(/^https?:\/\/[^/]+:\d+$/),
    });
  });

  it('scrapes /metrics and the Temporal SDK metrics of every process, on ports the pods declare', () => {
    const [config] = byKind('ConfigMap').filter((c) => c.metadata.name === 'platform-config');
    const data = (config as unknown as { data: Record<string, string> }).data;
    const [monitor] = byKind('PodMonitor');
    const endpoints = monitor.spec!.podMetricsEndpoints as { port: string; path: string }[];
    expect(endpoints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ port: 'http', path: '/metrics' }),
        expect.objectContaining({ port: 'temporal-metrics', path: '/metrics' }),
      ]),
    );
    const [selected] = monitor.spec!.selector.matchExpressions;
    expect([...selected.values].sort()).toEqual([...processes].sort());
    for (const deployment of byKind('Deployment').filter((d) => d.metadata.name !== 'console')) {
      const [container] = deployment.spec!.template.spec.containers;
      const ports = container.ports.map((port: { name: string; containerPort: number }) => [
        port.name,
        port.containerPort,
      ]);
      expect([deployment.metadata.name, ports]).toEqual([
        deployment.metadata.name,
        expect.arrayContaining([['temporal-metrics', Number(data.TEMPORAL_METRICS_PORT)]]),
      ]);
    }
    // Bound to all interfaces in a pod (the default, 127.0.0.1, is for one machine).
    expect(data.TEMPORAL_METRICS_HOST).toBe('0.0.0.0');
  });

  it("runs each service's migrations as a Job and exposes each HTTP service", () => {
    expect(
      byKind('Job')
        .map((job) => job.metadata.name)
        .sort(),
    ).toEqual(httpServices.map((name) => `migrate-${name}`).sort());
    expect(
      byKind('Service')
        .map((service) => service.metadata.name)
        .sort(),
    ).toEqual([...httpServices, 'console'].sort());
  });
});

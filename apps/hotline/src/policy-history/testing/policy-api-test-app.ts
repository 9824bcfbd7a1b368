import request, { Response } from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { HotlineConfig } from '../../config';
import { startHotline, tokenFor } from '../../identity/testing/hotline-test-app';

/** The callers a city-wide policy's API spec needs: who may change it (admin, city supervisor) and who may not. */
export interface PolicyApiTestApp {
  service: TestServiceApp<HotlineConfig>;
  admin: string;
  cityLead: string;
  wuhouLead: string;
  operator: string;
  http(): ReturnType<typeof request>;
}

/**
 * Starts the real hotline app for the enclosing `describe` (closed after it) and signs in its callers. Read the
 * fields inside tests: they are filled in `beforeAll`.
 */
export function usePolicyApiTestApp(): PolicyApiTestApp {
  const api = { http: () => request(api.service.app.getHttpServer()) } as PolicyApiTestApp;
  beforeAll(async () => {
    api.service = await startHotline();
    [api.admin, api.cityLead, api.wuhouLead, api.operator] = await Promise.all([
      tokenFor(api.service, 'admin'),
      tokenFor(api.service, 'supervisor.city'),
      tokenFor(api.service, 'supervisor.wuhou'),
      tokenFor(api.service, 'operator.wuhou'),
    ]);
  });
  afterAll(() => api.service?.close());
  return api;
}

/**
 * A 400 problem answer naming the field and the broken rule, in Chinese and in English (the English names the
 * field's last part: `refusal.validReasonCodes` says `validReasonCodes`).
 */
export function expectFieldProblem(response: Response, field: string, rule: string): void {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const error = response.body.errors.find(
    (e: { field: string; rule: string }) => e.field === field && e.rule === rule,
  );
  expect(error).toBeDefined();
  expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(error.message.en).toContain(field.split('.').pop());
}

import { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import {
  ApiProperty,
  ApiPropertyOptions,
  DECORATORS,
  DocumentBuilder,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { IS_PUBLIC, REQUIRED_ROLES } from '@platform/auth';
import { PROBLEM_JSON } from '../problem-details/problem-details';

/** One class-validator rule of a property (the class is not exported by the package's entry point). */
type ValidationRule = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/**
 * The service's OpenAPI document, valid for client generators and API fuzzers: the DTOs the routes take whole
 * (`@Param() params: IdParams`, `@Query()`, `@Body()`) are described from their class-validator rules wherever
 * a property has no `@ApiProperty` (so path parameters are declared and typed, and no validated field is left
 * out), any `{name}` of a path still undeclared is declared as a string, every operation documents its
 * error answers as problem+json, and who may call it: `security` (bearer token, or none for public routes) and
 * `x-roles` (the roles of `@Roles`; absent: any signed-in caller). Admin is a role like the others.
 */
export function buildOpenApiDocument(app: INestApplication, title: string): OpenAPIObject {
  const routes = scanRoutes(app);
  for (const dto of routes.dtos) describeFromValidation(dto, new Set());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(title).setVersion('1').addBearerAuth().build(),
  );
  declarePathParameters(document);
  documentProblemAnswers(document);
  documentAccess(document, routes.access);
  return document;
}

const WHOLE_DTO_SOURCES = new Set<number>([
  RouteParamtypes.BODY,
  RouteParamtypes.QUERY,
  RouteParamtypes.PARAM,
]);

interface RouteAccess {
  isPublic: boolean;
  roles?: string[];
}

/**
 * The classes that handlers receive whole as their body, query or path parameters, and each handler's access
 * by its operation id (Nest's default: `Controller_method`).
 */
function scanRoutes(app: INestApplication): { dtos: Set<Type>; access: Map<string, RouteAccess> } {
  const dtos = new Set<Type>();
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[method];
        // The guard's rule (getAllAndOverride): the handler's metadata, else the controller's.
        const own = <T>(key: string): T | undefined =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        access.set(`${controller.name}_${method}`, {
          isPublic: own<boolean>(IS_PUBLIC) === true,
          roles: own<string[]>(REQUIRED_ROLES),
        });
        const args: Record<string, { index: number; data?: unknown }> =
          Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
        const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
        for (const [key, arg] of Object.entries(args)) {
          const source = Number(key.split(':')[0]);
          const type = types[arg.index];
          if (WHOLE_DTO_SOURCES.has(source) && arg.data === undefined && isDtoClass(type)) dtos.add(type);
        }
      }
    }
  }
  return { dtos, access };
}

function isDtoClass(type: unknown): type is Type {
  return (
    typeof type === 'function' && ![Object, Array, String, Number, Boolean, Date].includes(type as never)
  );
}

/** Adds `@ApiProperty` from the validation rules to each validated property that has none, nested DTOs too. */
function describeFromValidation(dto: Type, seen: Set<Type>): void {
  if (seen.has(dto)) return;
  seen.add(dto);
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, ValidationRule[]>();
  for (const rule of rules)
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  for (const [property, propertyRules] of byProperty) {
    const designType = Reflect.getMetadata('design:type', dto.prototype, property);
    if (
      propertyRules.some((rule) => rule.type === ValidationTypes.NESTED_VALIDATION) &&
      isDtoClass(designType)
    )
      describeFromValidation(designType, seen);
    if (Reflect.hasMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype, property)) continue;
    ApiProperty(schemaFromRules(propertyRules, designType))(dto.prototype, property);
  }
}

/** An OpenAPI schema for one property, from its class-validator rules (the TypeScript type as fallback). */
export function schemaFromRules(rules: ValidationRule[], designType: unknown): ApiPropertyOptions {
  const schema: Record<string, unknown> = {
    required: !rules.some((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION),
  };
  const item: Record<string, unknown> = {};
  for (const rule of rules) {
    const target = rule.each ? item : schema;
    const [first, second] = rule.constraints ?? [];
    switch (rule.type === ValidationTypes.CUSTOM_VALIDATION ? rule.name : undefined) {
      case 'isUuid':
        Object.assign(target, { type: 'string', format: 'uuid' });
        break;
      case 'isString':
      case 'isDateString':
      case 'isISO8601':
        target.type = 'string';
        break;
      case 'isInt':
        target.type = 'integer';
        break;
      case 'isNumber':
      case 'isLatitude':
      case 'isLongitude':
        target.type = 'number';
        break;
      case 'isBoolean':
        target.type = 'boolean';
        break;
      case 'isIn':
        target.enum = first;
        break;
      case 'isEnum':
        target.enum = Object.values(first as object);
        break;
      case 'matches':
        Object.assign(target, {
          type: 'string',
          pattern: first instanceof RegExp ? first.source : String(first),
        });
        break;
      case 'min':
        target.minimum = first;
        break;
      case 'max':
        target.maximum = first;
        break;
      case 'minLength':
        target.minLength = first;
        break;
      case 'maxLength':
        target.maxLength = first;
        break;
      case 'length':
        Object.assign(target, { minLength: first, ...(second !== undefined ? { maxLength: second } : {}) });
        break;
      case 'arrayMinSize':
        schema.minItems = first;
        break;
      case 'arrayMaxSize':
        schema.maxItems = first;
        break;
    }
  }
  const isArray = designType === Array || rules.some((rule) => rule.each);
  if (isArray)
    return { ...schema, type: 'array', items: Object.keys(item).length ? item : {} } as ApiPropertyOptions;
  if (!schema.type && !schema.enum) {
    if (designType === Number) schema.type = 'number';
    else if (designType === Boolean) schema.type = 'boolean';
    else if (designType === String) schema.type = 'string';
    else if (isDtoClass(designType)) schema.type = designType;
    else schema.type = 'object';
  }
  return schema as ApiPropertyOptions;
}

/** OpenAPI requires every `{name}` of a path template to be declared as a required path parameter. */
function declarePathParameters(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const operation of operationsOf(item)) {
      const parameters = (operation.parameters ??= []) as Array<{
        name: string;
        in: string;
        required?: boolean;
      }>;
      for (const name of names) {
        const declared = parameters.find((parameter) => parameter.in === 'path' && parameter.name === name);
        if (declared) declared.required = true;
        else parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } } as never);
      }
    }
  }
}

/** Every error leaves as problem+json (ProblemDetailsFilter); documenting it lets clients and fuzzers check it. */
function documentProblemAnswers(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  (components.schemas ??= {}).ProblemDetails = PROBLEM_DETAILS_SCHEMA;
  for (const item of Object.values(document.paths)) {
    for (const operation of operationsOf(item)) {
      operation.responses.default ??= {
        description: 'An error, as RFC 9457 problem details (Chinese and English)',
        content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      };
    }
  }
}

function documentAccess(document: OpenAPIObject, access: Map<string, RouteAccess>): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of operationsOf(item)) {
      const route = access.get(operation.operationId ?? '');
      if (!route) continue;
      operation.security = route.isPublic ? [] : [{ bearer: [] }];
      if (!route.isPublic && route.roles?.length) Object.assign(operation, { 'x-roles': route.roles });
    }
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(item: OpenAPIObject['paths'][string]) {
  return HTTP_METHODS.flatMap((method) => (item[method] ? [item[method]] : []));
}

const PROBLEM_DETAILS_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        properties: {
          field: { type: 'string' },
          rule: { type: 'string' },
          message: {
            type: 'object',
            required: ['zh', 'en'],
            properties: { zh: { type: 'string' }, en: { type: 'string' } },
          },
        },
      },
    },
  },
};

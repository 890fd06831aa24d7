import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import document from '../../../../../../books-service/src/main/resources/openapi.json';

/*
 * books-service's OpenAPI document as a contract for test doubles: every request a test double
 * receives and every response it gives are checked against the same file the service serves and
 * the app's types are generated from. A mismatch is a violation, reported by the test double.
 */

type Json = Record<string, unknown>;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...document, $id: 'openapi.json' });
const validators = new Map<string, ValidateFunction>();

function at(pointer: string): unknown {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** The node at a pointer, following one `$ref` (components/responses, components/parameters). */
function resolve(pointer: string): [string, Json | undefined] {
  const node = at(pointer) as Json | undefined;
  const ref = node?.$ref;
  return typeof ref === 'string' ? [ref.replace(/^#/, ''), at(ref.replace(/^#/, '')) as Json | undefined] : [pointer, node];
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function check(pointer: string, value: unknown, what: string): string[] {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
    validators.set(pointer, validate);
  }
  if (validate(value)) return [];
  return [`${what} does not match openapi.json#${pointer}: ${ajv.errorsText(validate.errors)}`];
}

/** The documented path template a request path falls under, e.g. /books/{isbn}. */
function template(path: string): string | undefined {
  return Object.keys(document.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
}

function operation(method: string, path: string): string | undefined {
  const found = template(path);
  if (!found) return undefined;
  const pointer = `/paths/${escape(found)}/${method.toLowerCase()}`;
  return at(pointer) ? pointer : undefined;
}

export interface ContractRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export interface ContractResponse {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** What is wrong with this request by openapi.json; empty when it is a documented request. */
export function requestViolations({ method, url, headers, body }: ContractRequest): string[] {
  const what = `${method} ${url.pathname}${url.search}`;
  const op = operation(method, url.pathname);
  if (!op) return [`${what}: not an operation in openapi.json`];
  const parameters = (((at(op) as Json).parameters ?? []) as unknown[]).map((_, i) => resolve(`${op}/parameters/${i}`)[1] as Json);
  const violations: string[] = [];
  for (const name of url.searchParams.keys()) {
    if (!parameters.some((p) => p.in === 'query' && p.name === name)) {
      violations.push(`${what}: query parameter '${name}' is not documented`);
    }
  }
  for (const p of parameters) {
    if (p.in === 'header' && p.required && !headers[String(p.name).toLowerCase()]) {
      violations.push(`${what}: required header ${String(p.name)} is missing`);
    }
  }
  const [requestBody, described] = resolve(`${op}/requestBody`);
  if (described) {
    if (body === undefined) violations.push(`${what}: the request body is missing`);
    else violations.push(...check(`${requestBody}/content/application~1json/schema`, body, `${what} request body`));
  } else if (body !== undefined) {
    violations.push(`${what}: sends a body the operation does not take`);
  }
  return violations;
}

/** What is wrong with this answer to a documented request by openapi.json. */
export function responseViolations(request: ContractRequest, response: ContractResponse): string[] {
  const what = `${request.method} ${request.url.pathname} → ${response.status}`;
  const op = operation(request.method, request.url.pathname);
  if (!op) return [];
  const [pointer, described] = resolve(`${op}/responses/${response.status}`);
  if (!described) return [`${what}: status not documented`];
  const content = described.content as Json | undefined;
  if (!content) return response.body === undefined ? [] : [`${what}: has a body, the document says none`];
  const type = response.contentType?.split(';')[0]?.trim() ?? '';
  if (!(type in content)) return [`${what}: Content-Type '${type}' not documented (${Object.keys(content).join(', ')})`];
  return check(`${pointer}/content/${escape(type)}/schema`, response.body, `${what} body`);
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppConfig, trustProxySetting } from '@app/config';
import { PUBLIC_OPERATION_EXTENSION } from '@app/health';
import { SESSION_COOKIE } from './auth/auth-context';
import { MULTIPART_FORM_EXTENSION } from './common/api-body-forms';
import { jsonCompression } from './common/json-compression';
import { ProblemDetailsDto } from './common/problem-details.dto';
import { createValidationPipe, rejectDeepJson, RejectUntrustedInputPipe } from './common/validation';
import { serveWebUi } from './web-ui/web-ui';
import { AuthService } from './auth/auth.service';

const PROBLEM_RESPONSES: Record<string, string> = {
  '400': 'Invalid input: the problem lists each offending field',
  '401': 'Not logged in',
  '403': 'Logged in, but the role does not allow this',
  '404': 'Not found, or not visible to the caller',
  '409': 'Conflicts with the current state (duplicate, stale version, work in the way)',
  '422': 'Breaks a business rule',
};

const SWAGGER_UI_PATH = '/api/docs';

/**
 * Swagger UI's page and assets: its own scripts and styles (its page has an inline <style>,
 * its components set style attributes), its icons as data: URLs, "Try it out" calls to this
 * origin. No upgrade-insecure-requests: plain http://localhost must keep working.
 */
const swaggerUiCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
  },
});

/**
 * Options to create the app with. Nest's default parsers are off: the API takes JSON only
 * (a form post is a cross-site request forgery vector), parsed in configureApp.
 */
export const API_APP_OPTIONS = { bodyParser: false } as const;

export interface AppSetupOptions {
  /** Where the built web UI is (default dist/web); the e2e tests serve a build of their own. */
  webUiDir?: string;
}

/** Everything main.ts and the e2e tests both apply to the app, so tests run what ships. */
export function configureApp(app: NestExpressApplication, options: AppSetupOptions = {}): OpenAPIObject {
  app.setGlobalPrefix('api');
  // The client's address (req.ip, which the login throttle counts by): X-Forwarded-For is
  // believed only from the proxies TRUST_PROXY names.
  // (No config in Nest's preview mode, which only builds the OpenAPI document and serves nothing.)
  const appConfig = app.get<AppConfig, AppConfig | null>(AppConfig);
  if (appConfig) app.set('trust proxy', trustProxySetting(appConfig));
  // Security headers first, so that the answers written by the body parser (malformed JSON,
  // too large) carry them too. The web UI and Swagger UI get content security policies of
  // their own; the API's JSON needs none.
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(SWAGGER_UI_PATH, swaggerUiCsp);
  // Answers can be long (up to 200,000 characters); Express's default 100 kB is too small.
  app.useBodyParser('json', { limit: '2mb', verify: rejectDeepJson });
  app.use(cookieParser());
  app.use(jsonCompression());
  app.useGlobalPipes(new RejectUntrustedInputPipe(), createValidationPipe());
  app.enableShutdownHooks();

  const config = new DocumentBuilder()
    .setTitle('AuditDesk API')
    .setDescription('Contract-compliance audits: demands, subjects, requests, responses and their review.')
    .setVersion('1')
    // Paths carry the /api prefix, so the server is the installation's own origin.
    .addServer('/', 'This installation')
    .addCookieAuth(SESSION_COOKIE)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Personal API token (POST /api/auth/tokens)' })
    .addSecurityRequirements('cookie')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto] });
  completeOperations(document);
  SwaggerModule.setup(SWAGGER_UI_PATH.slice(1), app, document, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
  // (No AuthService in Nest's preview mode either.)
  const auth = app.get<AuthService, AuthService | null>(AuthService);
  serveWebUi(app, {
    dir: options.webUiDir,
    // Read on each page: the tests turn DEMO_MODE on and off on a running app.
    isDemo: () => appConfig?.DEMO_MODE ?? false,
    isLiveSession: (secret) => (auth ? auth.isLiveSession(secret) : Promise.resolve(false)),
  });
  return document;
}

/** Errors that only some routes give: a route declares them, and they get the problem shape here. */
const PROBLEM_ONLY_WHERE_DECLARED = ['413', '416', '429'];

/**
 * String properties of the API's shapes that hold another id than a UUID: the activity log's
 * event number and its entity key, an email's Message-ID, a queue's job id, a filter that
 * also takes "me".
 */
const NOT_UUID: Record<string, string[]> = {
  ResponseFilterDto: ['assigneeId'],
  ResponseQueryDto: ['assigneeId'],
  ActivityEventDto: ['id', 'entityId'],
  ActivityFilterDto: ['entityId'],
  ActivityQueryDto: ['entityId'],
  ReminderDto: ['messageId'],
  IntegrityCheckQueuedDto: ['jobId'],
};

/**
 * Every id the API hands out or takes is a UUID (`id`, `<thing>Id`, `<thing>Ids`): say so in
 * the document's shapes, once for all of them, but for the NOT_UUID exceptions.
 */
function markUuidProperties(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const properties = (schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
    for (const [field, property] of Object.entries(properties)) {
      if (NOT_UUID[name]?.includes(field)) continue;
      const target = /^(id|.+Id)$/.test(field)
        ? property
        : /.+Ids$/.test(field) && property.type === 'array'
          ? (property.items as Record<string, unknown> | undefined)
          : undefined;
      if (target && target.type === 'string' && !target.format && !target.enum) target.format = 'uuid';
    }
  }
}

/**
 * Every operation can fail with the shared problem shape; say so once for all of them.
 * Any request body may be too large (413). Public operations need no credentials: give them an
 * empty security list.
 */
function completeOperations(document: OpenAPIObject): void {
  markUuidProperties(document);
  const schema = { $ref: '#/components/schemas/ProblemDetailsDto' };
  const problem = { 'application/problem+json': { schema } };
  for (const path of Object.values(document.paths)) {
    for (const value of Object.values(path) as unknown[]) {
      if (!value || typeof value !== 'object' || !('responses' in value)) continue;
      const operation = value as OperationObject & Record<string, unknown>;
      if (operation[PUBLIC_OPERATION_EXTENSION]) {
        delete operation[PUBLIC_OPERATION_EXTENSION];
        operation.security = [];
      }
      const form = operation[MULTIPART_FORM_EXTENSION] as { $ref: string } | undefined;
      if (form) {
        delete operation[MULTIPART_FORM_EXTENSION];
        const content = (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
        if (content) content['multipart/form-data'] = { schema: form };
      }
      for (const [status, description] of Object.entries(PROBLEM_RESPONSES)) {
        operation.responses[status] ??= { description, content: problem };
      }
      if (operation.requestBody) {
        operation.responses['413'] ??= { description: 'The request body (or file) is larger than allowed' };
      }
      for (const status of PROBLEM_ONLY_WHERE_DECLARED) {
        const response = operation.responses[status] as { content?: unknown } | undefined;
        if (response) response.content ??= problem;
      }
    }
  }
}

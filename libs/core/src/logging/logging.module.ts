import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';

/** Path segments that could be secrets (survey tokens) or personal data are not logged as such. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return path
    .split('/')
    .map((segment) => (segment.length > 40 || /[^A-Za-z0-9._~-]/.test(segment) ? ':redacted' : segment))
    .join('/');
}

/**
 * Structured JSON logs. Requests are logged by method, path (query strings dropped), status
 * and timing only: no bodies, no headers, no personal data.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          // The id fastify assigned from `x-request-id` (see http-app.ts) is reused here.
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
          serializers: {
            req: (req: IncomingMessage & { id?: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          customProps: () => ({ service: 'campus-care' }),
          redact: { paths: ['req.headers', 'req.body', 'req.query'], remove: true },
          quietReqLogger: true,
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

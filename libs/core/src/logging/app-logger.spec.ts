import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { pino } from 'pino';
import { AppLogger } from './app-logger.js';

function capturing(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: new AppLogger(pino({ level }, stream)), lines };
}

describe('AppLogger', () => {
  afterEach(() => Logger.overrideLogger(false));

  it("writes Nest's Logger calls as JSON lines with their context, objects merged, strings as msg", () => {
    const { logger, lines } = capturing();
    Logger.overrideLogger(logger);
    const log = new Logger('ReminderSweepJob');
    log.log({ msg: 'Reminder sweep', created: 3 });
    log.warn('Slow query');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'ReminderSweepJob', msg: 'Reminder sweep', created: 3 }),
      expect.objectContaining({ level: 40, context: 'ReminderSweepJob', msg: 'Slow query' }),
    ]);
  });

  it('keeps the stack Nest passes before the context of an error, and the stack of an Error, at debug', () => {
    const { logger, lines } = capturing('debug');
    logger.error('Unhandled', 'Error: x\n    at here', 'ExceptionHandler');
    logger.error(new TypeError('bad thing'), 'Worker');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'Unhandled', stack: 'Error: x\n    at here', context: 'ExceptionHandler' });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'bad thing', errName: 'TypeError', context: 'Worker' });
    expect(String(lines[1].stack)).toContain('TypeError: bad thing');
  });

  it('writes no stack above debug, whichever way it comes', () => {
    const { logger, lines } = capturing('info');
    logger.error('Unhandled', 'Error: x\n    at here', 'ExceptionHandler');
    logger.error(new TypeError('bad thing'), 'Worker');
    logger.error({ msg: 'Unhandled error', errName: 'RangeError', stack: 'RangeError: deep\n    at TransformOperationExecutor' });
    expect(lines.map((l) => [l.errName, l.context])).toEqual([[undefined, 'ExceptionHandler'], ['TypeError', 'Worker'], ['RangeError', undefined]]);
    expect(lines.filter((l) => 'stack' in l)).toEqual([]);
  });

  it('drops what is below the level', () => {
    const { logger, lines } = capturing('warn');
    logger.log('bootstrapped');
    logger.debug('details');
    logger.warn('careful');
    expect(lines.map((l) => l.msg)).toEqual(['careful']);
  });
});

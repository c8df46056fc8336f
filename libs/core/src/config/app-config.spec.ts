import { ConfigValidationError, loadAppConfig } from './app-config.js';

describe('loadAppConfig', () => {
  it('applies defaults', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATABASE_POOL_SIZE: 10, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers from strings and ignores variables it does not own', () => {
    expect(loadAppConfig({ PORT: '8080', PATH: '/usr/bin' }).PORT).toBe(8080);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(ConfigValidationError);
    expect(() => loadAppConfig(env)).toThrow(message);
  });
});

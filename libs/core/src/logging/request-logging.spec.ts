import { loggablePath } from './logging.module.js';

describe('loggablePath', () => {
  it('drops query strings', () => {
    expect(loggablePath('/api/v1/students?name=张三')).toBe('/api/v1/students');
  });

  it('keeps ids but redacts token-like or non-ASCII segments', () => {
    expect(loggablePath('/api/v1/students/7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b')).toBe('/api/v1/students/7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b');
    expect(loggablePath(`/api/v1/survey/${'a'.repeat(43)}`)).toBe('/api/v1/survey/:redacted');
    expect(loggablePath('/api/v1/search/%E5%BC%A0')).toBe('/api/v1/search/:redacted');
  });
});

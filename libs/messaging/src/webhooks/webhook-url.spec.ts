import { checkWebhookUrl } from './webhook-url.js';

const refusal = (url: string, production = true) => {
  const check = checkWebhookUrl(url, production);
  return check.ok ? null : check.message;
};

describe('webhook URL rule', () => {
  it('accepts a public http(s) URL and answers it normalised', () => {
    expect(checkWebhookUrl('https://Hooks.Example.EDU/campus-care?school=1', true)).toEqual({ ok: true, url: 'https://hooks.example.edu/campus-care?school=1' });
    expect(checkWebhookUrl('http://203.0.113.7:8080/hook', true)).toEqual({ ok: true, url: 'http://203.0.113.7:8080/hook' });
    expect(checkWebhookUrl('https://[2001:db8::1]/hook', true)).toMatchObject({ ok: true });
    expect(checkWebhookUrl('https://[::ffff:203.0.113.7]/hook', true)).toMatchObject({ ok: true });
  });

  it('refuses what is not an absolute http(s) URL, and credentials in it, in every mode', () => {
    for (const production of [true, false]) {
      expect(refusal('hooks.example.edu/x', production)).toMatch(/absolute/);
      expect(refusal('ftp://hooks.example.edu/x', production)).toMatch(/http/);
      expect(refusal('javascript:alert(1)', production)).toMatch(/http/);
      expect(refusal('https://user:secret@hooks.example.edu/x', production)).toMatch(/user name or password/);
      expect(refusal('https://token@hooks.example.edu/x', production)).toMatch(/user name or password/);
    }
  });

  it('in production, refuses loopback, private, link-local and metadata addresses however they are written', () => {
    for (const url of [
      'http://localhost/hook',
      'http://LOCALHOST./hook',
      'http://api.localhost/hook',
      'http://127.0.0.1:3000/api/v1',
      'http://2130706433/', // 127.0.0.1 as one number
      'http://0x7f.1/', // and in hex
      'http://0.0.0.0/',
      'http://10.1.2.3/',
      'http://172.20.0.5/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
    ]) {
      expect({ url, refusal: refusal(url) }).toEqual({ url, refusal: expect.stringMatching(/must not point/) });
    }
  });

  it('outside production, lets loopback through (tests and a developer machine)', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4000/hook', false)).toEqual({ ok: true, url: 'http://127.0.0.1:4000/hook' });
    expect(checkWebhookUrl('http://localhost:4000/hook', false)).toMatchObject({ ok: true });
  });
});

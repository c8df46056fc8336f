import { X509Certificate } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { type MailServer, startMailServer } from './mail-server.js';

const letter = {
  from: '"学校心理中心" <care@school.test>',
  to: '张小明家长 <parent@example.test>',
  subject: '假期安全提醒：请在周五前确认',
  text: '家长您好，请在周五前确认已收到假期安全提醒。',
  html: '<p>家长您好，请在<strong>周五前</strong>确认已收到假期安全提醒。</p>',
};

describe('loopback mail server', () => {
  let server: MailServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('receives what nodemailer sends over its URL and reads a Chinese subject and a text and HTML body back decoded', async () => {
    server = await startMailServer();
    expect(server.url).toBe(`smtp://127.0.0.1:${server.port}`);
    const info = await createTransport(server.url).sendMail({ ...letter, bcc: 'counselor@school.test' });

    const mail = await server.waitFor((received) => received.to.includes('parent@example.test'));
    expect(mail).toMatchObject({
      from: 'care@school.test',
      to: ['parent@example.test', 'counselor@school.test'],
      subject: letter.subject,
      text: letter.text,
      html: letter.html,
      messageId: info.messageId,
      user: undefined,
      secure: false,
    });
    expect(mail.headers.get('subject')).toBe(letter.subject);
    expect(mail.raw.toString('utf8')).not.toContain('假期'); // sent encoded, as a real client does
    expect(server.messages()).toHaveLength(1);
    server.clear();
    expect(server.messages()).toEqual([]);
  });

  it('refuses the next messages with the code asked for, so that sendMail rejects with it, then accepts again', async () => {
    server = await startMailServer();
    const transport = createTransport(server.url);
    server.refuseNext(1);
    await expect(transport.sendMail(letter)).rejects.toMatchObject({ responseCode: 451 });
    server.refuseNext(2, 550);
    await expect(transport.sendMail(letter)).rejects.toMatchObject({ responseCode: 550 });
    await expect(transport.sendMail(letter)).rejects.toMatchObject({ responseCode: 550 });
    await transport.sendMail(letter);
    expect(server.messages()).toHaveLength(1);
    expect(() => server?.refuseNext(1, 250)).toThrow(/4xx or 5xx/);
  });

  it('requires the user and password it was started with, when asked to', async () => {
    server = await startMailServer({ requireAuth: { user: 'mailer@school.test', pass: 'p@ss:word/1' } });
    expect(server.url).toBe(`smtp://mailer%40school.test:p%40ss%3Aword%2F1@127.0.0.1:${server.port}`);
    const address = { host: '127.0.0.1', port: server.port };
    await expect(createTransport({ ...address, auth: { user: 'mailer@school.test', pass: 'wrong' } }).sendMail(letter)).rejects.toMatchObject({ responseCode: 535 });
    await expect(createTransport(address).sendMail(letter)).rejects.toMatchObject({ responseCode: 530 });
    expect(server.messages()).toEqual([]);

    await createTransport(server.url).sendMail(letter);
    expect(server.messages()).toMatchObject([{ user: 'mailer@school.test', subject: letter.subject }]);
  });

  it('serves STARTTLS and implicit TLS with a certificate for 127.0.0.1 made at start', async () => {
    server = await startMailServer({ startTls: true });
    const certificate = server.certificate ?? '';
    expect(new X509Certificate(certificate).checkIP('127.0.0.1')).toBe('127.0.0.1');
    await createTransport({ host: '127.0.0.1', port: server.port, requireTLS: true, tls: { ca: certificate } }).sendMail(letter);
    expect(server.messages()).toMatchObject([{ secure: true }]);
    // A client that does not trust the certificate refuses it.
    await expect(createTransport({ host: '127.0.0.1', port: server.port, requireTLS: true }).sendMail(letter)).rejects.toThrow(/self[- ]signed/);
    await server.close();

    server = await startMailServer({ secure: true });
    expect(server.url).toBe(`smtps://127.0.0.1:${server.port}`);
    await expect(createTransport(server.url).sendMail(letter)).rejects.toThrow(/self[- ]signed/);
    await createTransport({ host: '127.0.0.1', port: server.port, secure: true, tls: { ca: server.certificate } }).sendMail(letter);
    expect(server.messages()).toMatchObject([{ secure: true, subject: letter.subject }]);
  });

  it('gives up waiting with a message that lists what arrived, and fails a waitFor whose predicate throws, not the delivery', async () => {
    server = await startMailServer();
    const broken = (): boolean => {
      throw new Error('a broken predicate');
    };
    const waitingBeforehand = server.waitFor(broken);
    await createTransport(server.url).sendMail(letter);
    await expect(waitingBeforehand).rejects.toThrow('a broken predicate');
    await expect(server.waitFor(broken)).rejects.toThrow('a broken predicate');
    await expect(server.waitFor((mail) => mail.to.includes('nobody@example.test'), 200)).rejects.toThrow(/No matching mail within 200 ms; received: .*parent@example\.test/);
    expect(server.messages()).toHaveLength(1);
  });
});

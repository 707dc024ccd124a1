import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('contact form', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { contact: { windowMs: 60_000, limit: 4 } } });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function freshToken(client = server.client()) {
    return inputValue((await client.get('/en/contact')).text, 'formToken');
  }

  it('mails the message to the program over SMTP with a reply address', async () => {
    const response = await server.client().post('/en/contact', {
      name: 'Jordan Buyer',
      email: 'jordan@example.test',
      message: 'Is the Acme thermostat certified?',
      website: '',
      formToken: await freshToken(),
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Your message is on its way.');
    const mail = await server.smtp.waitFor(
      'program@trustmark.test',
      /Contact form: message from Jordan Buyer/,
    );
    expect(mail.text).toContain('Is the Acme thermostat certified?');
    expect(mail.text).toContain('jordan@example.test');
  });

  it('keeps everything typed and names each problem', async () => {
    const response = await server.client().post('/de/contact', {
      name: 'Jordan',
      email: 'jordan(at)example',
      message: '',
      formToken: await freshToken(),
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.');
    expect(response.text).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(response.text).toContain('value="Jordan"');
    expect(response.text).toContain('value="jordan(at)example"');
  });

  it('refuses a bot that fills the hidden field, or posts without a form from this site', async () => {
    const before = server.smtp.received.length;
    const honeypot = await server.client().post('/en/contact', {
      name: 'Bot',
      email: 'bot@example.test',
      message: 'Buy now',
      website: 'https://spam.example',
      formToken: await freshToken(),
    });
    expect(honeypot.status).toBe(422);
    const forged = await server.client().post('/en/contact', {
      name: 'Bot',
      email: 'bot@example.test',
      message: 'Buy now',
      formToken: '1700000000000.forged-signature',
    });
    expect(forged.status).toBe(422);
    await server.running.jobs.drain();
    expect(server.smtp.received.length).toBe(before);
  });

  it('limits how often one address can send', async () => {
    const client = server.client();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await client.post('/en/contact', { name: '', email: '', message: '', formToken: '' });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.text).toContain('Too many attempts');
        expect(response.headers.get('ratelimit-policy') ?? response.headers.get('ratelimit')).toBeTruthy();
      }
    }
    expect(statuses).toContain(429);
  });
});

describe('contact form timing', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ formMinimumAgeMs: 60_000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a form sent faster than a person could fill it, keeping the message', async () => {
    const client = server.client();
    const token = inputValue((await client.get('/en/contact')).text, 'formToken');
    const response = await client.post('/en/contact', {
      name: 'Quick',
      email: 'quick@example.test',
      message: 'Typed in no time',
      formToken: token,
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('That was very fast.');
    expect(response.text).toContain('Typed in no time');
  });
});

import { BlockList, isIP } from 'node:net';

/** The longest endpoint URL accepted. */
export const WEBHOOK_URL_MAX_LENGTH = 2000;

/**
 * Addresses a production server never POSTs to (SSRF): a school's administrator must not be able
 * to make the server call itself, its database, the cloud's metadata service or the campus
 * network behind it. By literal address only: a public name that resolves inward is not caught
 * here (see the README, "Webhooks").
 */
const REFUSED_ADDRESSES = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, the metadata service 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // protocol assignments (an Oracle metadata address among them)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  REFUSED_ADDRESSES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64
  ['fc00::', 7], // unique local (the metadata service fd00:ec2::254 among them)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  REFUSED_ADDRESSES.addSubnet(network, prefix, 'ipv6');
}
// An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is checked against the IPv4 rules by BlockList itself.

/** Names that are the machine itself or a cloud's metadata service. */
const REFUSED_NAMES = [/^localhost$/, /\.localhost$/, /^metadata\.google\.internal$/];

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Whether `raw` may be an endpoint: an absolute http(s) URL without a user name or password; in
 * production, not at a loopback, private, link-local or metadata address written as an IP
 * literal, nor `localhost`. Answers the URL normalised (host lower-cased, IDN as punycode,
 * numeric IPv4 forms as dotted quads): what was checked is what is called.
 */
export function checkWebhookUrl(raw: string, production: boolean): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'must be an absolute http:// or https:// URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'must be an http:// or https:// URL' };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'must not carry a user name or password: deliveries are signed instead' };
  }
  if (url.href.length > WEBHOOK_URL_MAX_LENGTH) return { ok: false, message: `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters` };
  if (production && refusedHost(url.hostname)) {
    return { ok: false, message: 'must not point at this server, a private or link-local network or a metadata service' };
  }
  return { ok: true, url: url.href };
}

function refusedHost(hostname: string): boolean {
  const host = hostname.replace(/\.$/, '');
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(literal);
  if (family === 4) return REFUSED_ADDRESSES.check(literal, 'ipv4');
  if (family === 6) return REFUSED_ADDRESSES.check(literal, 'ipv6');
  return REFUSED_NAMES.some((name) => name.test(host));
}

/**
 * The client address every limit is keyed by. Behind a proxy (the bundled sticky proxy of
 * `npm run cluster`, nginx, HAProxy) the socket's remote address is the proxy's, so the server
 * believes `X-Forwarded-For` only from proxies named in TRUST_PROXY: addresses or CIDR ranges,
 * comma-separated (`127.0.0.1,10.0.0.0/8,::1`; `loopback` means 127.0.0.0/8 and ::1). The client
 * is the right-most address in the chain that is not a trusted proxy, so a client cannot choose
 * its own address by sending the header itself.
 */
import { BlockList, isIP } from 'node:net';

export type TrustedProxies = BlockList | null;

/** `::ffff:1.2.3.4` (IPv4 on an IPv6 socket) is 1.2.3.4; anything not an IP address is null. */
export function normaliseIp(raw: string | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  // "1.2.3.4:5678" as some proxies write it.
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  return isIP(a) ? a : null;
}

/** Parses TRUST_PROXY; throws with a clear message on a bad entry. Empty: trust no proxy. */
export function parseTrustProxy(text: string | undefined): TrustedProxies {
  const entries = (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [ip, bits, extra] = entry.split('/');
    const addr = normaliseIp(ip);
    const family = addr ? (isIP(addr) === 6 ? 'ipv6' : 'ipv4') : null;
    const max = family === 'ipv6' ? 128 : 32;
    const prefix = bits === undefined ? max : Number(bits);
    if (!addr || !family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1, loopback).`,
      );
    }
    list.addSubnet(addr, prefix, family);
  }
  return list;
}

function trusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's remote address, or, when that is a trusted proxy, the
 * right-most untrusted address of X-Forwarded-For. A malformed entry stops the walk at the last
 * trusted hop (the proxy's own address), never at a value the client wrote.
 */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: TrustedProxies,
): string {
  let current = normaliseIp(remote) ?? 'unknown';
  if (!proxies || current === 'unknown' || !trusted(proxies, current)) return current;
  const chain = ([] as string[])
    .concat(forwardedFor ?? [])
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normaliseIp(chain[i]);
    if (!hop) return current;
    current = hop;
    if (!trusted(proxies, hop)) return hop;
  }
  return current;
}

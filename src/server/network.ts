/**
 * Where phones can reach this server: the addresses the host page offers for the join link and
 * its QR code. `PUBLIC_URL` (a reverse proxy, a tunnel, a DNS name) wins; otherwise a server
 * listening on every interface offers each of this machine's network addresses, and a server
 * listening on one address offers that one. Loopback addresses are listed only when there is
 * nothing else, and then the page says plainly that phones cannot use them.
 */
import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import type { NetworkInfo } from '../protocol/index';

export interface NetworkOptions {
  /** The address the server listens on ('0.0.0.0' or '::' for every interface). */
  host: string;
  port: number;
  /** The address phones should use when it is not this machine's own (HOST/PUBLIC_URL, docs/deploy.md). */
  publicUrl?: string;
  /** This machine's interfaces (os.networkInterfaces() unless a test gives its own). */
  interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>;
}

/** Whether an address (or host name) only reaches this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h) || h === '0:0:0:0:0:0:0:1';
}

/** A bare origin (scheme, host, port), or null when the text is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

function hostPart(address: string, family: string | number): string {
  return family === 'IPv6' || family === 6 ? `[${address}]` : address;
}

/** The base URLs (no trailing slash) phones may use, best first, and whether all of them are loopback. */
export function networkInfo(o: NetworkOptions): NetworkInfo {
  if (o.publicUrl) {
    const origin = originOf(o.publicUrl);
    if (origin) return { urls: [origin], loopbackOnly: isLoopback(new URL(origin).hostname), public: true };
  }
  const urls: string[] = [];
  if (o.host === '0.0.0.0' || o.host === '::') {
    const lists = Object.values(o.interfaces ?? networkInterfaces());
    const addresses = lists.flatMap((l) => l ?? []).filter((a) => !a.internal);
    // IPv4 first (what people type and what every phone resolves), then global IPv6; link-local
    // IPv6 (fe80::) needs a zone id no browser accepts in a URL.
    const v4 = addresses.filter((a) => a.family === 'IPv4');
    const v6 =
      o.host === '::' ? addresses.filter((a) => a.family === 'IPv6' && !/^fe80:/i.test(a.address)) : [];
    for (const a of [...v4, ...v6]) urls.push(`http://${hostPart(a.address, a.family)}:${o.port}`);
  } else if (!isLoopback(o.host)) {
    urls.push(`http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`);
  }
  const unique = [...new Set(urls)];
  if (unique.length > 0) return { urls: unique, loopbackOnly: false, public: false };
  return { urls: [`http://127.0.0.1:${o.port}`], loopbackOnly: true, public: false };
}

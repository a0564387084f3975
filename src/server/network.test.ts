import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isLoopback, networkInfo } from './network';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

const LAPTOP = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  wlan0: [iface('192.168.1.23', 'IPv4'), iface('fe80::1', 'IPv6'), iface('2001:db8::5', 'IPv6')],
  eth0: [iface('10.0.0.7', 'IPv4')],
};

describe('where phones can reach the server', () => {
  it('offers every network address, IPv4 first, when listening on all interfaces', () => {
    expect(networkInfo({ host: '0.0.0.0', port: 4173, interfaces: LAPTOP })).toEqual({
      urls: ['http://192.168.1.23:4173', 'http://10.0.0.7:4173'],
      loopbackOnly: false,
      public: false,
    });
    expect(networkInfo({ host: '::', port: 80, interfaces: LAPTOP }).urls).toEqual([
      'http://192.168.1.23:80',
      'http://10.0.0.7:80',
      'http://[2001:db8::5]:80',
    ]);
  });

  it('says so when the only address is loopback', () => {
    expect(networkInfo({ host: '127.0.0.1', port: 4821, interfaces: LAPTOP })).toEqual({
      urls: ['http://127.0.0.1:4821'],
      loopbackOnly: true,
      public: false,
    });
    expect(networkInfo({ host: '0.0.0.0', port: 4821, interfaces: { lo: LAPTOP.lo } }).loopbackOnly).toBe(
      true,
    );
  });

  it('uses the one address it listens on, and PUBLIC_URL over everything', () => {
    expect(networkInfo({ host: '192.168.1.23', port: 4173, interfaces: LAPTOP }).urls).toEqual([
      'http://192.168.1.23:4173',
    ]);
    expect(
      networkInfo({
        host: '127.0.0.1',
        port: 4173,
        publicUrl: 'https://training.example.org/',
        interfaces: LAPTOP,
      }),
    ).toEqual({ urls: ['https://training.example.org'], loopbackOnly: false, public: true });
  });

  it('knows loopback names', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['192.168.1.23', 'example.org', '::']) expect(isLoopback(h), h).toBe(false);
  });
});

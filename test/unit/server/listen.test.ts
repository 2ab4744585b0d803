// `--listen HOST:PORT` and the rule both server commands share: a non-loopback address needs --allow-remote.
import { describe, expect, it } from 'vitest';
import { formatListen, parseListen, remoteRefusal, remoteWarning } from '../../../electron/server/listen';

describe('parseListen', () => {
  it.each([
    ['127.0.0.1:0', '127.0.0.1', 0],
    ['0.0.0.0:8080', '0.0.0.0', 8080],
    ['localhost:65535', 'localhost', 65535],
    ['lanyard.internal:443', 'lanyard.internal', 443],
    ['[::1]:8080', '::1', 8080],
    ['[::]:8080', '::', 8080],
  ])('reads %s', (text, host, port) => {
    expect(parseListen(text)).toEqual({ host, port });
    expect(formatListen({ host, port })).toBe(text);
  });

  it.each([
    ['127.0.0.1', /has no port/],
    ['127.0.0.1:', /no valid port/],
    ['127.0.0.1:65536', /no valid port/],
    ['127.0.0.1:http', /no valid port/],
    [':8080', /has no host/],
    ['::1:8080', /IPv6 address without brackets/],
    ['::1', /IPv6 address without brackets/],
    ['[127.0.0.1]:80', /not an IPv6 address/],
    ['bad_host!:80', /neither an IP address nor a host name/],
  ])('refuses %j with the forms that work', (text, why) => {
    const r = parseListen(text);
    expect('error' in r && r.error).toMatch(why);
    expect('error' in r && r.error).toContain('[::1]:8080');
  });
});

describe('remote addresses', () => {
  it('allows loopback always and anything else only with --allow-remote', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
      expect(remoteRefusal(host, false), host).toBeNull();
      expect(remoteWarning(host), host).toBeNull();
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'lanyard.internal']) {
      expect(remoteRefusal(host, false), host).toMatch(/--allow-remote/);
      expect(remoteRefusal(host, true), host).toBeNull();
      expect(remoteWarning(host), host).toContain('learns the token');
    }
  });
});

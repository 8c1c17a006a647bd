import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totp, verifyTotp } from './totp.ts';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B test vectors for SHA-1, secret "12345678901234567890", 8 digits.
  const secret = Buffer.from('12345678901234567890');
  it('matches the RFC test vectors (truncated to 8 digits)', () => {
    expect(hotp(secret, Math.floor(59 / 30), 8)).toBe('94287082');
    expect(hotp(secret, Math.floor(1111111109 / 30), 8)).toBe('07081804');
    expect(hotp(secret, Math.floor(2000000000 / 30), 8)).toBe('69279037');
  });
  it('round-trips base32', () => {
    expect(base32Decode(base32Encode(secret)).equals(secret)).toBe(true);
    expect(base32Encode(secret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
  it('accepts the current code and one step of drift, refuses others', () => {
    const s = base32Encode(secret);
    const now = 1_700_000_000_000;
    expect(verifyTotp(s, totp(s, now), now)).toBe(true);
    expect(verifyTotp(s, totp(s, now - 30_000), now)).toBe(true);
    expect(verifyTotp(s, totp(s, now - 90_000), now)).toBe(false);
    expect(verifyTotp(s, 'abcdef', now)).toBe(false);
  });
});

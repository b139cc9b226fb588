import { authenticator } from 'otplib';

import { base32Decode, msUntilNextStep, totp } from '../../nodes/shared/auth/totp';

// RFC 6238 appendix B, SHA-1, key "12345678901234567890" = base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ, 8 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: Array<[number, string]> = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
	it.each(RFC_VECTORS)('matches the RFC vector at T=%i', (seconds, expected) => {
		expect(totp(base32Decode(RFC_SECRET), seconds * 1000, 8)).toBe(expected);
	});

	it('decodes base32 with spaces, dashes, padding and lower case', () => {
		expect(base32Decode('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq==').toString('ascii')).toBe('12345678901234567890');
	});

	it('rejects characters outside the base32 alphabet', () => {
		expect(() => base32Decode('JBSWY3DP1')).toThrow(/not valid base32/);
		expect(() => base32Decode('   ')).toThrow(/empty/);
	});

	it('agrees with otplib (6 digits, 30 s) over 2,000 random secrets and times', () => {
		authenticator.options = { digits: 6, step: 30, window: 0 };
		for (let n = 0; n < 2000; n++) {
			const secret = authenticator.generateSecret(16 + (n % 16));
			const now = Math.floor(Math.random() * 4_000_000_000_000);
			authenticator.options = { epoch: now, digits: 6, step: 30 };
			expect(totp(base32Decode(secret), now)).toBe(authenticator.generate(secret));
		}
	});

	it('counts the time to the next 30-second step', () => {
		expect(msUntilNextStep(0)).toBe(30_000);
		expect(msUntilNextStep(29_999)).toBe(1);
		expect(msUntilNextStep(45_000)).toBe(15_000);
	});
});

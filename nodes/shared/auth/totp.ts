// RFC 6238 TOTP (SHA-1, 30 s steps, 6 digits: what Cloudreve's pquerna/otp expects, cloudreve-api.md §1.11),
// with RFC 4648 base32 secrets. Only node:crypto is used, so the pack keeps zero runtime dependencies.
import { createHmac } from 'crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export class TotpSecretError extends Error {}

/** Decodes a base32 secret; spaces, dashes, `=` padding and lower case are accepted. */
export function base32Decode(secret: string): Buffer {
	const clean = secret.replace(/[\s\-=]/g, '').toUpperCase();
	if (clean === '') throw new TotpSecretError('The TOTP secret is empty');
	const bytes: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const char of clean) {
		const value = BASE32_ALPHABET.indexOf(char);
		if (value < 0) {
			throw new TotpSecretError(
				'The TOTP secret is not valid base32: use only the letters A-Z and digits 2-7 (spaces are fine)',
			);
		}
		buffer = (buffer << 5) | value;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((buffer >>> bits) & 0xff);
		}
	}
	return Buffer.from(bytes);
}

export const TOTP_STEP_MS = 30_000;

/** The TOTP code for `key` at `nowMs`. */
export function totp(key: Buffer, nowMs: number, digits = 6): string {
	const counter = Math.floor(nowMs / TOTP_STEP_MS);
	const message = Buffer.alloc(8);
	message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
	message.writeUInt32BE(counter >>> 0, 4);
	const hmac = createHmac('sha1', key).update(message).digest();
	const offset = hmac[hmac.length - 1] & 0xf;
	const binary =
		((hmac[offset] & 0x7f) << 24) | (hmac[offset + 1] << 16) | (hmac[offset + 2] << 8) | hmac[offset + 3];
	return String(binary % 10 ** digits).padStart(digits, '0');
}

/** Milliseconds until the next 30 s step begins. */
export function msUntilNextStep(nowMs: number): number {
	return TOTP_STEP_MS - (nowMs % TOTP_STEP_MS);
}

// Pure parts of the test server's file routes: the zip central-directory reader and URL signatures.
import { strToU8, zipSync } from 'fflate';

import { signPath, verifySign } from '../server/signed-urls';
import type { State } from '../server/state';
import { listZip } from '../server/zip-listing';

describe('zip listing', () => {
	it('lists names, sizes, folders and DOS times from the central directory', () => {
		const mtime = new Date(Date.UTC(2024, 4, 6, 7, 8, 10));
		const zip = Buffer.from(zipSync({ 'a/b.txt': [strToU8('hello'), { mtime }], 'a/': new Uint8Array(0), 'c 🎉.bin': new Uint8Array(300) }));
		const entries = listZip(zip)!;
		expect(entries.map((e) => [e.name, e.size, e.is_directory])).toEqual([
			['a/b.txt', 5, false],
			['a', 0, true],
			['c 🎉.bin', 300, false],
		]);
		// fflate writes local time; the listing reads the DOS fields back as they are.
		expect(entries[0].updated_at).toMatch(/^2024-05-0[56]T\d\d:08:10Z$/);
	});

	it('answers undefined for data that is not a zip', () => {
		expect(listZip(Buffer.from('not a zip at all, just text'))).toBeUndefined();
		expect(listZip(Buffer.alloc(0))).toBeUndefined();
	});
});

describe('signed URLs', () => {
	const state = {} as State;

	it('accepts its own signature and refuses tampering (40071) and expiry (40005)', () => {
		const { sign } = signPath(state, '/api/v4/file/content/x/0/a b.txt', 60);
		expect(() => verifySign(state, '/api/v4/file/content/x/0/a b.txt', sign)).not.toThrow();
		expect(() => verifySign(state, '/api/v4/file/content/x/0/other.txt', sign)).toThrow(expect.objectContaining({ code: 40071 }));
		expect(() => verifySign(state, '/p', undefined)).toThrow(expect.objectContaining({ code: 40071 }));
		const expired = signPath(state, '/p', -5);
		expect(() => verifySign(state, '/p', expired.sign)).toThrow(expect.objectContaining({ code: 40005 }));
		const [mac] = sign.split(':');
		expect(() => verifySign(state, '/api/v4/file/content/x/0/a b.txt', `${mac}:${Number(sign.split(':')[1]) + 100}`)).toThrow(
			expect.objectContaining({ code: 40071 }),
		);
	});
});

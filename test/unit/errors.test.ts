import { readFileSync } from 'fs';
import { join } from 'path';

import { describeEnvelope, ERROR_TABLE, unwrapSingleBatchError } from '../../nodes/shared/errors';
import { identityOf, normalizeSiteUrl } from '../../nodes/shared/auth/session';

describe('error table', () => {
	it('covers every code of cloudreve-api.md §5', () => {
		const section = readFileSync(join(__dirname, '../fixtures/cloudreve-error-codes.md'), 'utf8');
		const codes = [...section.matchAll(/^\| (-?\d+) \|/gm)].map((m) => Number(m[1])).filter((c) => c !== 0);
		expect(codes.length).toBeGreaterThan(90);
		const missing = codes.filter((c) => !ERROR_TABLE[c]);
		expect(missing).toEqual([]);
	});

	it('describes lock conflicts with path, token and holder', () => {
		const { message, description } = describeEnvelope({
			code: 40073,
			msg: 'Lock conflict',
			correlation_id: 'c0ffee',
			data: [{ path: 'cloudreve://my/a.docx', token: 'tok-1', owner: { application: { type: 'viewer', viewer_id: 'v9' } }, type: 0 }],
		});
		expect(message).toBe('Cloudreve error 40073: The file is locked by another application');
		expect(description).toContain('cloudreve://my/a.docx — token tok-1 — held by viewer (viewer v9)');
		expect(description).toContain('Correlation ID: c0ffee');
	});

	it('unwraps a batch error with one failed item and lists several', () => {
		const single = unwrapSingleBatchError({ code: 40081, msg: 'x', aggregated_error: { 'cloudreve://my/a': { code: 40016, msg: 'Path not exist' } } });
		expect(single.code).toBe(40016);
		const many = describeEnvelope({
			code: 40081,
			msg: 'One or more operation failed',
			aggregated_error: { 'cloudreve://my/a': { code: 40016, msg: 'Path not exist' }, 'cloudreve://my/b': { code: 40073, msg: 'Lock conflict' } },
		});
		expect(many.description).toContain('- cloudreve://my/a: The path does not exist (code 40016: Path not exist)');
		expect(many.description).toContain('- cloudreve://my/b: The file is locked by another application');
	});
});

describe('site URL and identity', () => {
	it.each([
		['https://drive.example.com', 'https://drive.example.com'],
		['https://drive.example.com/', 'https://drive.example.com'],
		['https://drive.example.com/api/v4', 'https://drive.example.com'],
		['https://drive.example.com/api/v4/', 'https://drive.example.com'],
		['  https://example.com/cloud/api/V4//  ', 'https://example.com/cloud'],
		['drive.example.com', 'https://drive.example.com'],
		['http://127.0.0.1:5212/?x=1', 'http://127.0.0.1:5212'],
	])('normalises %j', (input, expected) => {
		expect(normalizeSiteUrl(input)).toBe(expected);
	});

	it('changes the identity when the account changes, not when the URL is spelled differently', () => {
		const base = { baseUrl: 'https://a.example', email: 'me@x.io', password: 'pw' };
		expect(identityOf(base)).toBe(identityOf({ ...base, baseUrl: 'https://a.example/api/v4/', email: 'ME@x.io' }));
		expect(identityOf(base)).not.toBe(identityOf({ ...base, password: 'pw2' }));
		expect(identityOf(base)).not.toBe(identityOf({ ...base, totpSecret: 'JBSWY3DP' }));
		expect(identityOf(base)).not.toBe(identityOf({ ...base, baseUrl: 'https://b.example' }));
		expect(identityOf(base)).not.toContain('pw');
	});
});

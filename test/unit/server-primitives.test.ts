// Building blocks of the test server: hashids, URIs, validation messages, JWTs, the clock.
import { nowMicros, rfc3339 } from '../server/clock';
import { AppError } from '../server/errors';
import { decodeId, encodeId, Hashids, IdType } from '../server/hashid';
import { signJwt, verifyJwt } from '../server/jwt';
import { formatUri, parseUri } from '../server/uri';
import { bind } from '../server/validate';

describe('hashids', () => {
	it('matches the reference implementation vectors', () => {
		const h = new Hashids('this is my salt');
		expect(h.encode([1, 2, 3])).toBe('laHquq');
		expect(h.encode([12345])).toBe('NkK9');
		expect(h.decode('laHquq')).toEqual([1, 2, 3]);
		expect(h.decode('laHquQ')).toEqual([]);
	});

	it('round-trips typed ids and rejects other types', () => {
		for (const id of [1, 2, 99, 123456]) {
			const file = encodeId(id, IdType.File);
			expect(decodeId(file, IdType.File)).toBe(id);
			expect(decodeId(file, IdType.User)).toBeUndefined();
		}
		expect(decodeId('!!', IdType.File)).toBeUndefined();
	});
});

describe('cloudreve URIs', () => {
	const names = ['a b', 'x#y', 'q?r', '100%', 'a+b', '😀', '文件', "it's (1)", 'é'];
	it.each(names)('round-trips %s', (name) => {
		const uri = formatUri('my', ['dir', name]);
		const parsed = parseUri(uri);
		expect(parsed.segments).toEqual(['dir', name]);
		expect(formatUri(parsed.fs, parsed.segments)).toBe(uri);
	});

	it('parses authority, search and cleans paths', () => {
		const u = parseUri('cloudreve://abc:pw@share/a/./b/../c/?name=x&name=y&case_folding');
		expect(u).toMatchObject({ fs: 'share', id: 'abc', password: 'pw', segments: ['a', 'c'] });
		expect(u.search).toEqual({ name: ['x', 'y'], case_folding: '' });
		expect(parseUri('cloudreve://MY').fs).toBe('my');
		expect(parseUri('cloudreve://my/a#frag').segments).toEqual(['a']);
		expect(formatUri('my', [])).toBe('cloudreve://my');
	});

	it('rejects other schemes and filesystems', () => {
		expect(() => parseUri('https://my/a')).toThrow('unknown uri');
		expect(() => parseUri('cloudreve://my/%zz')).toThrow('unknown uri');
		try {
			parseUri('cloudreve://shared_by_me');
		} catch (e) {
			expect((e as AppError).code).toBe(-1);
		}
	});
});

describe('validation messages', () => {
	const schema = {
		email: { type: 'string' as const, go: 'UserName', required: true, email: true },
		password: { type: 'string' as const, required: true, min: 4, max: 8 },
		kind: { type: 'string' as const, oneof: ['a', 'b'] },
	};
	const msg = (body: unknown) => {
		try {
			bind(body, schema);
			return 'ok';
		} catch (e) {
			expect((e as AppError).code).toBe(40001);
			return e instanceof AppError ? e.message : String(e);
		}
	};
	it('names the first failing field like Cloudreve', () => {
		expect(msg({})).toBe('Email cannot be empty');
		expect(msg({ email: 'x' })).toBe('Email format error');
		expect(msg({ email: 'x@y.z' })).toBe('Password cannot be empty');
		expect(msg({ email: 'x@y.z', password: 'abc' })).toBe('Password too short');
		expect(msg({ email: 'x@y.z', password: '123456789' })).toBe('Password too long');
		expect(msg({ email: 'x@y.z', password: '1234', kind: 'c' })).toBe('Parameter error');
		expect(msg({ email: 5, password: '1234' })).toBe('JSON marshall error');
		expect(msg('text')).toBe('JSON marshall error');
		expect(msg({ email: 'x@y.z', password: '1234' })).toBe('ok');
	});
});

describe('jwt and clock', () => {
	it('verifies signature and expiry', () => {
		const t = signJwt({ token_type: 'access', exp: Date.now() / 1000 + 10 }, 'k');
		expect(verifyJwt(t, 'k')).toMatchObject({ token_type: 'access' });
		expect(verifyJwt(t, 'other')).toBeUndefined();
		expect(verifyJwt(t, 'k', Date.now() + 11_000)).toBeUndefined();
		expect(verifyJwt('a.b.c', 'k')).toBeUndefined();
	});

	it('hands out strictly increasing RFC 3339 timestamps', () => {
		const a = nowMicros();
		const b = nowMicros();
		expect(b).toBeGreaterThan(a);
		expect(rfc3339(a)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
		expect(Date.parse(rfc3339(a))).toBe(Math.floor(a / 1000));
	});
});

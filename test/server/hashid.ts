// hashids (the algorithm of speps/go-hashids, default alphabet, min length 0) over the pair [id, typeCode],
// with a fixed salt so ids are stable across runs of the test server (§1.14).

const DEFAULT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
const DEFAULT_SEPS = 'cfhistuCFHISTU';
const SEP_DIV = 3.5;
const GUARD_DIV = 12;

function shuffle(alphabet: string, salt: string): string {
	if (!salt.length) return alphabet;
	const chars = alphabet.split('');
	for (let i = chars.length - 1, v = 0, p = 0; i > 0; i--, v++) {
		v %= salt.length;
		const integer = salt.charCodeAt(v);
		p += integer;
		const j = (integer + v + p) % i;
		[chars[i], chars[j]] = [chars[j], chars[i]];
	}
	return chars.join('');
}

function hash(input: number, alphabet: string): string {
	let id = '';
	do {
		id = alphabet[input % alphabet.length] + id;
		input = Math.floor(input / alphabet.length);
	} while (input > 0);
	return id;
}

function unhash(input: string, alphabet: string): number {
	let n = 0;
	for (const c of input) {
		const pos = alphabet.indexOf(c);
		if (pos < 0) return NaN;
		n = n * alphabet.length + pos;
	}
	return n;
}

export class Hashids {
	private readonly alphabet: string;
	private readonly seps: string;
	private readonly guards: string;

	constructor(private readonly salt: string) {
		let alphabet = DEFAULT_ALPHABET;
		let seps = DEFAULT_SEPS.split('').filter((c) => alphabet.includes(c)).join('');
		alphabet = alphabet.split('').filter((c) => !seps.includes(c)).join('');
		seps = shuffle(seps, salt);
		if (!seps.length || alphabet.length / seps.length > SEP_DIV) {
			let sepsLength = Math.ceil(alphabet.length / SEP_DIV);
			if (sepsLength === 1) sepsLength++;
			if (sepsLength > seps.length) {
				const diff = sepsLength - seps.length;
				seps += alphabet.slice(0, diff);
				alphabet = alphabet.slice(diff);
			} else {
				seps = seps.slice(0, sepsLength);
			}
		}
		alphabet = shuffle(alphabet, salt);
		const guardCount = Math.ceil(alphabet.length / GUARD_DIV);
		let guards: string;
		if (alphabet.length < 3) {
			guards = seps.slice(0, guardCount);
			seps = seps.slice(guardCount);
		} else {
			guards = alphabet.slice(0, guardCount);
			alphabet = alphabet.slice(guardCount);
		}
		this.alphabet = alphabet;
		this.seps = seps;
		this.guards = guards;
	}

	encode(numbers: number[]): string {
		let alphabet = this.alphabet;
		const idInt = numbers.reduce((acc, n, i) => acc + (n % (i + 100)), 0);
		const lottery = alphabet[idInt % alphabet.length];
		let ret = lottery;
		numbers.forEach((n, i) => {
			const buffer = lottery + this.salt + alphabet;
			alphabet = shuffle(alphabet, buffer.slice(0, alphabet.length));
			const last = hash(n, alphabet);
			ret += last;
			if (i + 1 < numbers.length) {
				const m = n % (last.charCodeAt(0) + i);
				ret += this.seps[m % this.seps.length];
			}
		});
		return ret;
	}

	decode(id: string): number[] {
		if (!id) return [];
		const guardRe = new RegExp(`[${escapeClass(this.guards)}]`, 'g');
		const parts = id.replace(guardRe, ' ').split(' ');
		let breakdown = parts[parts.length === 3 || parts.length === 2 ? 1 : 0];
		if (!breakdown) return [];
		const lottery = breakdown[0];
		breakdown = breakdown.slice(1);
		const sepRe = new RegExp(`[${escapeClass(this.seps)}]`, 'g');
		const subs = breakdown.replace(sepRe, ' ').split(' ');
		let alphabet = this.alphabet;
		const out: number[] = [];
		for (const sub of subs) {
			const buffer = lottery + this.salt + alphabet;
			alphabet = shuffle(alphabet, buffer.slice(0, alphabet.length));
			const n = unhash(sub, alphabet);
			if (!Number.isSafeInteger(n)) return [];
			out.push(n);
		}
		return this.encode(out) === id ? out : [];
	}
}

function escapeClass(chars: string): string {
	return chars.replace(/[\\\]^-]/g, '\\$&');
}

/** Type codes of hash ids (§1.14). */
export const IdType = {
	Share: 0,
	User: 1,
	File: 2,
	Folder: 3,
	Tag: 4,
	Policy: 5,
	SourceLink: 6,
	Group: 7,
	Entity: 8,
	AuditLog: 9,
	Node: 10,
	Task: 11,
	DavAccount: 12,
	Payment: 13,
} as const;
export type IdTypeCode = (typeof IdType)[keyof typeof IdType];

const hasher = new Hashids('cloudreve-test-server-fixed-salt-0123456789abcdefghijklmnopqrstuvwxyz');

export function encodeId(id: number, type: IdTypeCode): string {
	return hasher.encode([id, type]);
}

/** Decodes a hash id of the given type; undefined when it does not decode or is of another type. */
export function decodeId(hashId: string, type: IdTypeCode): number | undefined {
	const nums = hasher.decode(hashId);
	if (nums.length !== 2 || nums[1] !== type) return undefined;
	return nums[0];
}

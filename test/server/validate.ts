import { bindingErr } from './errors';

// A small imitation of gin binding + go-playground validation (§1.4): fields are checked in declaration order
// and the first failure becomes 40001 "<Field> <rule>" (field = Go struct name, with Cloudreve's display
// names), a JSON type mismatch "JSON marshall error", anything else "Parameter error".

export interface FieldRule {
	type: 'string' | 'bool' | 'int' | 'number' | 'array' | 'object' | 'any';
	/** Go struct field name used in messages; default: json name in PascalCase (`session_id` → `SessionID`). */
	go?: string;
	required?: boolean;
	min?: number;
	max?: number;
	email?: boolean;
	oneof?: string[];
	/** Element type for arrays. */
	items?: 'string' | 'object' | 'any';
	/** Extra check returning a failing tag name (e.g. 'hexcolor') or undefined. */
	check?: (value: unknown) => string | undefined;
}

export type Schema = Record<string, FieldRule>;

const DISPLAY: Record<string, string> = {
	UserName: 'Email',
	Password: 'Password',
	Path: 'Path',
	SourceID: 'Source resource',
	URL: 'URL',
	Nick: 'Nickname',
};
const TAGS: Record<string, string> = { required: 'cannot be empty', min: 'too short', max: 'too long', email: 'format error' };
const INITIALISMS = new Set(['id', 'url', 'uri', 'ttl', 'ip', 'ua']);

function goName(json: string): string {
	return json
		.split('_')
		.map((p) => (INITIALISMS.has(p) && p !== 'uri' ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
		.join('');
}

export function validationMessage(field: string, tag: string): string {
	const t = TAGS[tag];
	if (!t) return 'Parameter error';
	return `${DISPLAY[field] ?? field} ${t}`;
}

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export const isEmail = (v: string): boolean => EMAIL_RE.test(v);

/** Binds a JSON body (or a query object) against a schema; throws 40001 like Cloudreve. */
export function bind<T = Record<string, any>>(input: unknown, schema: Schema): T {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw bindingErr(input === null || input === undefined ? 'Parameter error' : 'JSON marshall error');
	}
	const obj = input as Record<string, unknown>;
	// Type mismatches are decoding errors: they surface before any validation rule.
	for (const [key, rule] of Object.entries(schema)) {
		const v = obj[key];
		if (v === undefined || v === null) continue;
		if (!typeOk(v, rule)) throw bindingErr('JSON marshall error');
	}
	for (const [key, rule] of Object.entries(schema)) {
		const field = rule.go ?? goName(key);
		const v = obj[key];
		const fail = (tag: string) => {
			throw bindingErr(validationMessage(field, tag));
		};
		const empty = v === undefined || v === null || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0 && rule.required);
		if (rule.required && empty) fail('required');
		if (v === undefined || v === null) continue;
		if (!rule.required && v === '') continue;
		if (typeof v === 'string') {
			const len = [...v].length;
			if (rule.min !== undefined && len < rule.min) fail('min');
			if (rule.max !== undefined && len > rule.max) fail('max');
			if (rule.email && !isEmail(v)) fail('email');
			if (rule.oneof && !rule.oneof.includes(v)) fail('oneof');
		} else if (typeof v === 'number') {
			if (rule.min !== undefined && v < rule.min) fail('min');
			if (rule.max !== undefined && v > rule.max) fail('max');
		} else if (Array.isArray(v)) {
			if (rule.min !== undefined && v.length < rule.min) fail('min');
			if (rule.max !== undefined && v.length > rule.max) fail('max');
		}
		if (rule.check) {
			const tag = rule.check(v);
			if (tag) fail(tag);
		}
	}
	return obj as T;
}

function typeOk(v: unknown, rule: FieldRule): boolean {
	switch (rule.type) {
		case 'string':
			return typeof v === 'string';
		case 'bool':
			return typeof v === 'boolean';
		case 'int':
			return typeof v === 'number' && Number.isInteger(v);
		case 'number':
			return typeof v === 'number';
		case 'object':
			return typeof v === 'object' && !Array.isArray(v);
		case 'array':
			return (
				Array.isArray(v) &&
				(rule.items === undefined ||
					rule.items === 'any' ||
					v.every((e) => (rule.items === 'string' ? typeof e === 'string' : typeof e === 'object' && e !== null)))
			);
		default:
			return true;
	}
}

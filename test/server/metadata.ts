import { CUSTOM_PROPS } from './routes/site';
import { paramErr } from './errors';

// Metadata key/value rules of PATCH /file/metadata (§2.6), shared by create and patch.

const COLOR_RE = /^(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\))$/;

export interface MetadataPatch {
	key: string;
	value?: string;
	remove?: boolean;
}

/** Throws 40001 for a patch Cloudreve would refuse. */
export function validateMetadataPatch(p: MetadataPatch): void {
	const key = p.key;
	const colon = key.indexOf(':');
	if (colon <= 0) throw paramErr('Invalid metadata key');
	const ns = key.slice(0, colon);
	const name = key.slice(colon + 1);
	const value = p.value ?? '';
	switch (ns) {
		case 'customize':
			if (name === 'icon_color' && !p.remove && value && !COLOR_RE.test(value)) throw paramErr('Invalid metadata patch');
			return;
		case 'tag':
			if (!name) throw paramErr('Invalid metadata key');
			if (!p.remove && value && !COLOR_RE.test(value)) throw paramErr('Invalid metadata patch');
			return;
		case 'dav':
		case 'thumb':
			return;
		case 'sys':
			if (p.remove || (name !== 'shared_owner' && name !== 'shared_redirect')) throw paramErr('Invalid metadata patch');
			return;
		case 'props': {
			const prop = CUSTOM_PROPS.find((c) => c.id === name);
			if (!prop) throw paramErr('unkown custom props');
			if (p.remove) return;
			if (prop.type === 'text' && (value.length < 1 || value.length > (prop.max ?? Infinity))) throw paramErr('Invalid metadata patch');
			if (prop.type === 'rating' && value !== '' && !(/^\d+$/.test(value) && Number(value) <= (prop.max ?? 5))) {
				throw paramErr('Invalid metadata patch');
			}
			return;
		}
		default:
			throw paramErr('Invalid metadata key');
	}
}

export function validateMetadataMap(m: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(m)) {
		if (typeof value !== 'string') throw paramErr('JSON marshall error');
		validateMetadataPatch({ key, value });
		out[key] = value;
	}
	return out;
}

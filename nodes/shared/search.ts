// Search and list filters as `cloudreve://` URI query parameters (cloudreve-api.md §1.13). Pure functions, so
// the exact parameters can be unit-tested; the node's List and Search operations only collect the fields.

export type SearchType = 'file' | 'folder';
export type SearchCategory = 'image' | 'video' | 'audio' | 'document';

export interface SearchFilters {
	/** Name terms; `*` is a wildcard, a term wrapped in "…" is a plain substring. */
	names?: string[];
	/** Match any name term instead of all of them. */
	namesMatchAny?: boolean;
	caseInsensitive?: boolean;
	type?: SearchType;
	category?: SearchCategory;
	/** Bytes; when either bound is given both are sent (the server treats a missing bound as 0). */
	sizeMin?: number;
	sizeMax?: number;
	/** Unix seconds. */
	createdAfter?: number;
	createdBefore?: number;
	updatedAfter?: number;
	updatedBefore?: number;
	/** Metadata value contains the given text (case-insensitive); empty value = the key exists. */
	metadataContains?: Record<string, string>;
	/** Metadata value equals the given text exactly (Cloudreve ≥ 4.3). */
	metadataEquals?: Record<string, string>;
}

/** The largest size bound sent when only a minimum is given (int64 max the server accepts). */
export const MAX_SIZE_BOUND = Number.MAX_SAFE_INTEGER;

export class SearchFilterError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

function isBound(n: number | undefined): n is number {
	return typeof n === 'number' && Number.isFinite(n);
}

/** Query parameters for the filters, in a stable order. An empty result means "no search". */
export function searchParams(filters: SearchFilters): Array<[string, string]> {
	const params: Array<[string, string]> = [];
	const names = (filters.names ?? []).map((n) => n.trim()).filter((n) => n !== '');
	for (const name of names) params.push(['name', name]);
	if (names.length > 1 && filters.namesMatchAny) params.push(['use_or', '']);
	if (names.length && filters.caseInsensitive) params.push(['case_folding', '']);
	if (filters.type) params.push(['type', filters.type]);
	if (filters.category) params.push(['category', filters.category]);

	if (isBound(filters.sizeMin) || isBound(filters.sizeMax)) {
		const min = isBound(filters.sizeMin) ? filters.sizeMin : 0;
		const max = isBound(filters.sizeMax) ? filters.sizeMax : MAX_SIZE_BOUND;
		if (min < 0 || max < 0) throw new SearchFilterError('size', 'Sizes cannot be negative');
		if (min > max) throw new SearchFilterError('size', `The minimum size (${min}) is larger than the maximum size (${max})`);
		params.push(['size_gte', String(Math.floor(min))], ['size_lte', String(Math.floor(max))]);
	}
	const range = (field: string, gteKey: string, lteKey: string, after?: number, before?: number) => {
		if (isBound(after) && isBound(before) && after > before) {
			throw new SearchFilterError(field, `The ${field} range is empty: the start is after the end`);
		}
		if (isBound(after)) params.push([gteKey, String(Math.floor(after))]);
		if (isBound(before)) params.push([lteKey, String(Math.floor(before))]);
	};
	range('created', 'created_gte', 'created_lte', filters.createdAfter, filters.createdBefore);
	range('updated', 'updated_gte', 'updated_lte', filters.updatedAfter, filters.updatedBefore);

	for (const [key, value] of Object.entries(filters.metadataContains ?? {})) {
		if (key.trim() === '') throw new SearchFilterError('metadata', 'A metadata filter has an empty key');
		params.push([`meta_${key.trim()}`, value]);
	}
	for (const [key, value] of Object.entries(filters.metadataEquals ?? {})) {
		if (key.trim() === '') throw new SearchFilterError('metadata', 'A metadata filter has an empty key');
		params.push([`exact_meta_${key.trim()}`, value]);
	}
	return params;
}

/**
 * A date parameter from n8n (ISO string, DateTime, Date, Unix seconds or milliseconds) as Unix seconds;
 * undefined when empty.
 */
export function toUnixSeconds(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') return value > 1e11 ? Math.floor(value / 1000) : Math.floor(value);
	if (value instanceof Date) return Math.floor(value.getTime() / 1000);
	const text = String(typeof (value as { toISO?: () => string }).toISO === 'function' ? (value as { toISO: () => string }).toISO() : value).trim();
	if (/^\d+$/.test(text)) return toUnixSeconds(Number(text));
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw new SearchFilterError('date', `"${text}" is not a date`);
	return Math.floor(ms / 1000);
}

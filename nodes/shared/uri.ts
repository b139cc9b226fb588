// Building and reading `cloudreve://` URIs (cloudreve-api.md §1.13). Users type paths such as
// `/Reports/2026/q1.pdf` or paste URIs; both end up here. Path segments are percent-encoded exactly the way
// the server encodes its own URIs (JavaScript's encodeURIComponent), so names with spaces, `#`, `?`, `%`, `+`,
// emoji and CJK characters round-trip.

export const URI_SCHEME = 'cloudreve://';

export type FileSystemName = 'my' | 'trash' | 'shared_with_me' | 'share';

export class UriError extends Error {}

/** Encodes one name the way Cloudreve's own URIs do. */
export function encodeSegment(name: string): string {
	return encodeURIComponent(name);
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function splitPath(path: string): string[] {
	return path.split('/').filter((s) => s !== '' && s !== '.');
}

/** `/a b/c` → `cloudreve://my/a%20b/c`. A path is always the caller's own drive. */
export function pathToUri(path: string, fileSystem: FileSystemName = 'my'): string {
	const segments = splitPath(path.trim());
	for (const s of segments) {
		if (s === '..') throw new UriError(`The path "${path}" contains "..", which is not allowed`);
	}
	const encoded = segments.map(encodeSegment).join('/');
	return `${URI_SCHEME}${fileSystem}${encoded ? '/' + encoded : ''}`;
}

/**
 * Percent-encodes characters a pasted URI may carry raw (spaces, CJK, emoji) while keeping existing `%XX`
 * escapes, so a URI copied from the server or typed by hand both work.
 */
function encodeRawCharacters(pathPart: string): string {
	return pathPart
		.split('/')
		.map((segment) => segment.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-_.!~*'()%]/gu, (c) => encodeURIComponent(c)))
		.join('/');
}

/** Accepts a `cloudreve://` URI or a plain path and returns a canonical URI. */
export function toUri(input: string): string {
	const value = (input ?? '').trim();
	if (value === '') throw new UriError('The file or folder is empty');
	if (!value.toLowerCase().startsWith(URI_SCHEME)) {
		if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
			throw new UriError(`"${value}" is not a cloudreve:// URI or a path like /Folder/file.txt`);
		}
		return pathToUri(value);
	}
	const rest = value.slice(URI_SCHEME.length);
	const queryAt = rest.indexOf('?');
	const beforeQuery = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
	const query = queryAt >= 0 ? rest.slice(queryAt) : '';
	const slashAt = beforeQuery.indexOf('/');
	const authority = slashAt >= 0 ? beforeQuery.slice(0, slashAt) : beforeQuery;
	const path = slashAt >= 0 ? beforeQuery.slice(slashAt + 1) : '';
	const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
	if (!['my', 'trash', 'shared_with_me', 'share', 'shared_by_me'].includes(host)) {
		throw new UriError(`"${value}" names an unknown file system "${host}" (expected my, trash, shared_with_me or share)`);
	}
	const cleanPath = path.replace(/\/+$/, '');
	return `${URI_SCHEME}${authority}${cleanPath ? '/' + encodeRawCharacters(cleanPath) : ''}${query}`;
}

/** Appends a child name to a folder URI. */
export function joinUri(folderUri: string, name: string): string {
	const queryAt = folderUri.indexOf('?');
	const base = (queryAt >= 0 ? folderUri.slice(0, queryAt) : folderUri).replace(/\/+$/, '');
	return `${base}/${encodeSegment(name)}`;
}

/** Appends a relative path (`a/b/c.txt`) to a folder URI, one encoded segment at a time. */
export function joinRelativePath(folderUri: string, relativePath: string): string {
	return splitPath(relativePath).reduce((uri, segment) => joinUri(uri, segment), folderUri);
}

interface ParsedUri {
	fileSystem: string;
	authority: string;
	segments: string[];
	query: string;
}

export function parseUri(uri: string): ParsedUri {
	if (!uri.toLowerCase().startsWith(URI_SCHEME)) throw new UriError(`"${uri}" is not a cloudreve:// URI`);
	const rest = uri.slice(URI_SCHEME.length);
	const queryAt = rest.indexOf('?');
	const beforeQuery = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
	const slashAt = beforeQuery.indexOf('/');
	const authority = slashAt >= 0 ? beforeQuery.slice(0, slashAt) : beforeQuery;
	const path = slashAt >= 0 ? beforeQuery.slice(slashAt + 1) : '';
	return {
		fileSystem: authority.slice(authority.lastIndexOf('@') + 1).toLowerCase(),
		authority,
		segments: path.split('/').filter(Boolean).map(decodeSegment),
		query: queryAt >= 0 ? rest.slice(queryAt + 1) : '',
	};
}

/** The decoded display name of the last segment ('' for a root). */
export function uriName(uri: string): string {
	const { segments } = parseUri(uri);
	return segments.length ? segments[segments.length - 1] : '';
}

/** The decoded path below the file system root, e.g. `/Reports/q1 #1.pdf`. */
export function uriPath(uri: string): string {
	return '/' + parseUri(uri).segments.join('/');
}

/** The folder that contains the item. */
export function parentUri(uri: string): string {
	const { authority, segments } = parseUri(uri);
	const parent = segments.slice(0, -1).map(encodeSegment).join('/');
	return `${URI_SCHEME}${authority}${parent ? '/' + parent : ''}`;
}

/** Adds search parameters (§1.13) to a folder URI; any of them makes a listing a recursive search. */
export function withSearchQuery(folderUri: string, params: Array<[string, string]>): string {
	if (params.length === 0) return folderUri;
	const query = params
		.map(([k, v]) => (v === '' ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
		.join('&');
	return `${folderUri}${folderUri.includes('?') ? '&' : '?'}${query}`;
}

/** `cloudreve://<id>[:<password>]@share/<path>` */
export function shareUri(shareId: string, password?: string, path = ''): string {
	const auth = password ? `${shareId}:${encodeURIComponent(password)}` : shareId;
	const encoded = splitPath(path).map(encodeSegment).join('/');
	return `${URI_SCHEME}${auth}@share${encoded ? '/' + encoded : ''}`;
}

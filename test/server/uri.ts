import { parseQuery, type Query } from './context';
import { AppError, Code, paramErr } from './errors';

// cloudreve://[<id>[:<password>]@]<filesystem>[/<path>][?<search-query>] parsed like Go's net/url (§1.13).

export type FsName = 'my' | 'trash' | 'share' | 'shared_with_me';

export interface CloudreveUri {
	fs: FsName;
	/** User hash id (my) or share hash id (share). */
	id?: string;
	password?: string;
	/** Decoded, cleaned path segments ([] = root). */
	segments: string[];
	/** Search parameters carried by the URI (§1.13). */
	search: Query;
	rawSearch: string;
}

function decode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		throw paramErr('unknown uri');
	}
}

export function parseUri(input: string | undefined): CloudreveUri {
	if (!input) throw paramErr('unknown uri');
	let rest = input;
	const hash = rest.indexOf('#');
	if (hash >= 0) rest = rest.slice(0, hash);
	const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/s.exec(rest);
	if (!m || m[1].toLowerCase() !== 'cloudreve') throw paramErr('unknown uri');
	rest = m[2];
	let rawSearch = '';
	const qpos = rest.indexOf('?');
	if (qpos >= 0) {
		rawSearch = rest.slice(qpos + 1);
		rest = rest.slice(0, qpos);
	}
	const slash = rest.indexOf('/');
	const authority = slash >= 0 ? rest.slice(0, slash) : rest;
	const rawPath = slash >= 0 ? rest.slice(slash) : '';
	let host = authority;
	let id: string | undefined;
	let password: string | undefined;
	const at = authority.lastIndexOf('@');
	if (at >= 0) {
		const userinfo = authority.slice(0, at);
		host = authority.slice(at + 1);
		const colon = userinfo.indexOf(':');
		id = decode(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
		if (colon >= 0) password = decode(userinfo.slice(colon + 1));
	}
	const fs = host.toLowerCase();
	if (fs !== 'my' && fs !== 'trash' && fs !== 'share' && fs !== 'shared_with_me') {
		throw new AppError(Code.NotSet, 'unknown file system');
	}
	return { fs, id: id || undefined, password, segments: cleanSegments(decode(rawPath)), search: parseQuery(rawSearch), rawSearch };
}

/** path.Clean on a decoded path, returned as segments. */
export function cleanSegments(path: string): string[] {
	const out: string[] = [];
	for (const seg of path.split('/')) {
		if (seg === '' || seg === '.') continue;
		if (seg === '..') out.pop();
		else out.push(seg);
	}
	return out;
}

export const encodeSegments = (segments: string[]): string => segments.map(encodeURIComponent).join('/');

/** Canonical URI as the server prints it: `cloudreve://my/a/b%20c` (root: `cloudreve://my`). */
export function formatUri(fs: FsName, segments: string[], opts: { id?: string; password?: string } = {}): string {
	const auth = opts.id ? `${encodeURIComponent(opts.id)}${opts.password ? ':' + encodeURIComponent(opts.password) : ''}@` : '';
	const path = segments.length ? '/' + encodeSegments(segments) : '';
	return `cloudreve://${auth}${fs}${path}`;
}

/** '/a/b' → ['a','b'] */
export const pathSegments = (path: string): string[] => cleanSegments(path);

const SEARCH_KEYS = ['name', 'type', 'category', 'size_gte', 'size_lte', 'created_gte', 'created_lte', 'updated_gte', 'updated_lte'];

/** Whether the URI's query turns the listing into a recursive search (§1.13). */
export function isSearch(uri: CloudreveUri): boolean {
	return Object.keys(uri.search).some((k) => SEARCH_KEYS.includes(k) || k.startsWith('meta_') || k.startsWith('exact_meta_'));
}
